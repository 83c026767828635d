"""Text of documents a visitor may not open never reaches public search: hits, snippets, suggestions, API."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from assets.models import CommuneDocument

from .test_documents import attachment, pdf_bytes
from .test_views import search_url

PUBLIC_WORD = "quimbertal"
PRIVATE_WORD = "zorblaxite"


def restricted_collection(name, restriction_type=CollectionViewRestriction.LOGIN, parent=None):
    parent = parent or Collection.get_first_root_node()
    collection = parent.add_child(name=name)
    if restriction_type:
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=restriction_type, password="x"
        )
    return collection


def upload(title, word, collection=None):
    document = CommuneDocument(title=title, file=ContentFile(pdf_bytes(f"Rapport {word} interne"), name="r.pdf"))
    if collection is not None:
        document.collection = collection
    document.save()
    document.refresh_from_db()
    assert word in document.extracted_text
    return document


def attach(page, *documents):
    page.documents = [block for document in documents for block in attachment(document)]
    page.save()


def public_search(client, word):
    """Everything a visitor can read about ``word``: the search page, the search API and suggestions."""
    page = client.get(search_url(), {"q": word})
    api = client.get("/api/search", {"q": word, "locale": "ar"})
    suggest = client.get("/api/search/suggest", {"q": word, "locale": "ar"})
    assert page.status_code == api.status_code == suggest.status_code == 200
    return {
        "page": [result.page.pk for result in page.context["search"].results],
        "api": [result["id"] for result in api.json()["results"]],
        "suggest": [item["id"] for item in suggest.json()["suggestions"]],
        "text": page.content.decode() + api.content.decode() + suggest.content.decode(),
    }


@pytest.fixture
def page(commune, db):
    return commune.pages["a_bins"]


def test_private_pdf_text_is_not_found_but_the_public_one_is(client, commune, page):
    public = upload("Annexe publique", PUBLIC_WORD)
    private = upload("Rapport interne", PRIVATE_WORD, restricted_collection("Interne"))
    attach(page, public, private)

    found = public_search(client, PUBLIC_WORD)
    assert found["page"] == found["api"] == [page.pk]
    assert f"<mark>{PUBLIC_WORD}</mark>" in found["text"]

    hidden = public_search(client, PRIVATE_WORD)
    assert hidden["page"] == hidden["api"] == hidden["suggest"] == []
    assert f"<mark>{PRIVATE_WORD}</mark>" not in hidden["text"]
    # The snippet of the page, found by a word of its own, does not quote the private document either.
    assert PRIVATE_WORD not in public_search(client, PUBLIC_WORD)["text"]


@pytest.mark.parametrize(
    "restriction_type",
    [CollectionViewRestriction.LOGIN, CollectionViewRestriction.GROUPS, CollectionViewRestriction.PASSWORD],
)
def test_every_kind_of_restriction_keeps_the_text_out(client, commune, page, restriction_type):
    private = upload("Interne", PRIVATE_WORD, restricted_collection(f"Interne {restriction_type}", restriction_type))
    attach(page, private)
    assert public_search(client, PRIVATE_WORD)["api"] == []


def test_a_restriction_on_a_parent_collection_covers_its_children(client, commune, page):
    child = restricted_collection("Sous-dossier", None, parent=restricted_collection("Direction"))
    attach(page, upload("Interne", PRIVATE_WORD, child))
    assert public_search(client, PRIVATE_WORD)["api"] == []


def test_moving_a_document_into_a_restricted_collection_removes_its_text(client, commune, page):
    document = upload("Annexe", PRIVATE_WORD)
    attach(page, document)
    assert public_search(client, PRIVATE_WORD)["api"] == [page.pk]

    document.collection = restricted_collection("Interne")
    document.save()

    found = public_search(client, PRIVATE_WORD)
    assert found["page"] == found["api"] == []
    assert f"<mark>{PRIVATE_WORD}</mark>" not in found["text"]


def test_restricting_and_opening_a_collection_updates_the_index(client, commune, page):
    collection = restricted_collection("Archives", None)
    attach(page, upload("Annexe", PRIVATE_WORD, collection))
    assert public_search(client, PRIVATE_WORD)["api"] == [page.pk]

    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert public_search(client, PRIVATE_WORD)["api"] == []

    restriction.delete()
    assert public_search(client, PRIVATE_WORD)["api"] == [page.pk]


def test_a_private_document_lends_no_word_to_the_corrections(client, commune, page):
    attach(page, upload("Interne", PRIVATE_WORD, restricted_collection("Interne")))
    typo = PRIVATE_WORD[:-1] + "r"
    data = client.get("/api/search", {"q": typo, "locale": "ar"}).json()
    assert PRIVATE_WORD not in (data["did_you_mean"] or "")
