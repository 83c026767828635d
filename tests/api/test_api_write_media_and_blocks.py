"""Writes with images, documents and repeated blocks: uploads into the commune's library, checked as the admin
checks them, and StreamFields sent as typed blocks, checked by their own block validation, through the workflow."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile

from assets.models import CommuneDocument, CommuneImage
from clients.models import ApiToken
from home.communes import commune_collection, create_commune
from pages.models import NewsPage, TenderPage

from ..utils import png_bytes, tiny_pdf_bytes

PROBLEM = "application/problem+json"
ARABIC_LETTERS = re.compile("[\u0621-\u064a]")


def auth(user, commune):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'media', commune=commune)[1]}"}


@pytest.fixture(scope="module")
def moderator_auth(portal):
    return auth(portal.moderator, portal.site)


@pytest.fixture(scope="module")
def other_commune_image(portal):
    """An image of another commune's library: never usable by this commune's writes."""
    home = create_commune(slug="other-commune", hostname="other.example.ma", name_ar="جماعة أخرى", name_fr="Autre")
    return CommuneImage.objects.create(
        title="Elsewhere",
        alt_text="Elsewhere",
        collection=commune_collection(home.get_site().site_name),
        file=ImageFile(io.BytesIO(png_bytes(20, 20, "red")), name="elsewhere.png"),
    )


def stored_files():
    roots = [Path(settings.MEDIA_ROOT), Path(getattr(settings, "BAWABA_PRIVATE_MEDIA_ROOT", settings.MEDIA_ROOT))]
    return sorted(str(path) for root in roots if root.exists() for path in root.rglob("*") if path.is_file())


def upload(client, kind, headers, content, name, **fields):
    if kind == "images":
        fields.setdefault("alt_text", "وصف الصورة")
    return client.post(f"/api/{kind}", {"file": SimpleUploadedFile(name, content), **fields}, **headers)


@pytest.fixture(scope="module")
def uploaded(portal, moderator_auth, django_db_blocker):
    from django.test import Client

    client = Client(HTTP_HOST="testserver")
    image = upload(client, "images", moderator_auth, png_bytes(40, 30), "market.png", title="Market")
    document = upload(client, "documents", moderator_auth, tiny_pdf_bytes(), "cps.pdf", title="CPS", language="fr")
    assert image.status_code == 201, image.content
    assert document.status_code == 201, document.content
    return image.json(), document.json()


def rich_news(portal, image_id, document_id, **extra):
    about = portal.sections["standard"]
    return {
        "parent": portal.sections["news"].pk,
        "title": "Marché couvert",
        "category": "council",
        "image": image_id,
        "body": [
            {"type": "heading", "value": {"text": "Le projet", "level": "h3"}},
            {"type": "paragraph", "value": "<p>Un <b>nouveau</b> marché</p>"},
            {"type": "image", "value": {"image": image_id, "caption": "La halle"}},
            {
                "type": "key_figures",
                "value": {
                    "title": "Chiffres",
                    "figures": [
                        {"value": "900", "unit": "m²", "label": "Surface"},
                        {"value": "120", "label": "Étals"},
                    ],
                },
            },
            {
                "type": "table",
                "value": {
                    "rows": [["Lot", "Montant"], ["1", "450000"]],
                    "caption": "Lots",
                    "first_row_is_header": True,
                },
            },
            {
                "type": "documents",
                "value": {"title": "Pièces", "documents": [{"document": document_id, "title": "CPS"}]},
            },
            {
                "type": "call_to_action",
                "value": {"title": "En savoir plus", "page": about.pk, "button_label": "Lire"},
            },
            {"type": "quote", "value": {"text": "Enfin !", "attribution": "Un commerçant"}},
        ],
        "documents": [{"type": "document", "value": {"document": document_id, "title": "Annexe", "language": "fr"}}],
        **extra,
    }


def test_uploads_land_in_the_commune_library_and_give_ids(portal, uploaded):
    image, document = uploaded
    collection = commune_collection(portal.site.site_name)

    stored_image = CommuneImage.objects.get(pk=image["id"])
    stored_document = CommuneDocument.objects.get(pk=document["id"])
    assert stored_image.collection_id == collection.pk and stored_document.collection_id == collection.pk
    assert (image["width"], image["height"], image["alt"]) == (40, 30, "وصف الصورة")
    assert stored_image.uploaded_by_user == portal.moderator
    assert document["file_type"] == "pdf" and document["language"] == "fr" and stored_document.file_size > 0


def test_a_write_with_blocks_round_trips_through_get(client, portal, uploaded, moderator_auth):
    image, document = uploaded
    payload = rich_news(portal, image["id"], document["id"], action="publish")

    response = client.post("/api/news", payload, content_type="application/json", **moderator_auth)

    assert response.status_code == 201, response.content
    item = client.get(response.json()["api_url"]).json()
    assert [block["type"] for block in item["body"]] == [block["type"] for block in payload["body"]]
    heading, paragraph, picture, figures, table, files, action, quote = (block["value"] for block in item["body"])
    assert heading == {"text": "Le projet", "level": "h3"}
    assert paragraph == "<p>Un <b>nouveau</b> marché</p>"
    assert picture["image"]["id"] == image["id"] and picture["caption"] == "La halle"
    assert [(f["value"], f["unit"], f["label"]) for f in figures["figures"]] == [
        ("900", "m²", "Surface"),
        ("120", "", "Étals"),
    ]
    assert table["rows"] == [["Lot", "Montant"], ["1", "450000"]] and table["first_row_is_header"] is True
    assert files["documents"][0]["document"]["id"] == document["id"]
    assert action["page"]["id"] == portal.sections["standard"].pk
    assert quote == {"text": "Enfin !", "attribution": "Un commerçant"}
    assert item["image"]["id"] == image["id"]
    assert item["documents"][0]["value"]["document"]["id"] == document["id"]


def test_a_patch_replaces_only_the_fields_it_sends(client, portal, uploaded, moderator_auth):
    image, document = uploaded
    created = client.post(
        "/api/news",
        rich_news(portal, image["id"], document["id"], action="publish"),
        content_type="application/json",
        **moderator_auth,
    ).json()

    patch = {"body": [{"type": "paragraph", "value": "<p>Court</p>"}], "image": None, "action": "publish"}
    response = client.patch(f"/api/news/{created['id']}", patch, content_type="application/json", **moderator_auth)

    assert response.status_code == 200, response.content
    item = client.get(created["api_url"]).json()
    assert item["body"] == [{"type": "paragraph", "id": item["body"][0]["id"], "value": "<p>Court</p>"}]
    assert item["image"] is None and len(item["documents"]) == 1


def test_an_editor_write_with_blocks_goes_to_moderation(client, portal, uploaded):
    image, document = uploaded
    headers = auth(portal.editor, portal.site)

    response = client.post(
        "/api/news",
        rich_news(portal, image["id"], document["id"], action="publish"),
        content_type="application/json",
        **headers,
    )

    assert response.status_code == 201, response.content
    result = response.json()
    assert result["status"] == "in_moderation" and result["live"] is False
    draft = NewsPage.objects.get(pk=result["id"]).get_latest_revision_as_object()
    assert [child.block_type for child in draft.body][:3] == ["heading", "paragraph", "image"]
    assert draft.image_id == image["id"]


def test_tender_files_are_written_with_their_type_of_document(client, portal, uploaded, moderator_auth):
    _image, document = uploaded
    payload = {
        "parent": portal.sections["tenders"].pk,
        "title": "Éclairage public",
        "reference": "AO-12/2026",
        "subject": "Lampadaires LED",
        "published_on": "2026-05-04",
        "submission_deadline": "2026-06-01T10:00:00+01:00",
        "documents": [
            {
                "type": "document",
                "value": {"document": document["id"], "title": "CPS", "document_type": "technicalSpecifications"},
            }
        ],
        "action": "publish",
    }

    response = client.post("/api/tenders", payload, content_type="application/json", **moderator_auth)

    assert response.status_code == 201, response.content
    tender = TenderPage.objects.get(pk=response.json()["id"])
    release = client.get(f"/api/ocds/tenders/{tender.pk}").json()["releases"][-1]
    assert release["tender"]["documents"][0]["documentType"] == "technicalSpecifications"


def test_an_image_of_another_commune_is_refused(client, portal, uploaded, moderator_auth, other_commune_image):
    image, document = uploaded
    before = NewsPage.objects.count()
    payload = rich_news(portal, image["id"], document["id"])
    payload["body"][2]["value"]["image"] = other_commune_image.pk

    response = client.post("/api/news", payload, content_type="application/json", **moderator_auth)

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert response.json()["invalid_params"][0]["name"] == "body[2].value.image"
    assert str(other_commune_image.pk) in response.json()["invalid_params"][0]["message"]
    assert NewsPage.objects.count() == before


def test_an_image_field_of_another_commune_is_refused(client, portal, uploaded, moderator_auth, other_commune_image):
    image, document = uploaded
    payload = rich_news(portal, image["id"], document["id"], image=other_commune_image.pk)

    response = client.post("/api/news", payload, content_type="application/json", **moderator_auth)

    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "image"


def test_an_unknown_block_type_is_a_clear_400(client, portal, uploaded, moderator_auth):
    image, document = uploaded
    payload = rich_news(portal, image["id"], document["id"])
    payload["body"].append({"type": "carousel", "value": {}})

    response = client.post("/api/news", payload, content_type="application/json", **moderator_auth)

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    param = response.json()["invalid_params"][0]
    assert param["name"] == "body[8].type"
    assert "carousel" in param["message"] and "key_figures" in param["message"]


def test_a_block_its_own_validation_refuses_is_a_400_naming_it(client, portal, uploaded, moderator_auth):
    image, document = uploaded
    payload = rich_news(portal, image["id"], document["id"])
    payload["body"][6]["value"].pop("page")  # a call to action needs a page or an address

    response = client.post(
        "/api/news", payload, content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr", **moderator_auth
    )

    assert response.status_code == 400, response.content
    names = [param["name"] for param in response.json()["invalid_params"]]
    assert "body[6].value.page" in names
    assert any("adresse" in param["message"] for param in response.json()["invalid_params"])


def test_oversized_image_is_a_413_and_nothing_is_stored(client, portal, moderator_auth, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200
    before, files = CommuneImage.objects.count(), stored_files()

    response = upload(client, "images", moderator_auth, png_bytes(200, 200), "big.png")

    assert response.status_code == 413 and response["Content-Type"] == PROBLEM
    assert response.json()["invalid_params"][0]["name"] == "file"
    assert CommuneImage.objects.count() == before and stored_files() == files


def test_oversized_document_is_a_413(client, portal, moderator_auth, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 256
    before = CommuneDocument.objects.count()

    response = upload(client, "documents", moderator_auth, tiny_pdf_bytes(), "big.pdf")

    assert response.status_code == 413
    assert CommuneDocument.objects.count() == before


@pytest.mark.parametrize(
    "content",
    [b"<html>not a report</html>", tiny_pdf_bytes()[: len(tiny_pdf_bytes()) // 3]],
    ids=["not-a-pdf", "truncated"],
)
def test_broken_pdf_is_a_400_in_the_callers_language_and_nothing_is_stored(client, portal, moderator_auth, content):
    before, files = CommuneDocument.objects.count(), stored_files()

    response = client.post(
        "/api/documents",
        {"file": SimpleUploadedFile("report.pdf", content, content_type="application/pdf")},
        HTTP_ACCEPT_LANGUAGE="ar",
        **moderator_auth,
    )

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert ARABIC_LETTERS.search(response.json()["detail"]), response.json()
    assert CommuneDocument.objects.count() == before and stored_files() == files


def test_a_file_that_is_not_an_image_is_a_400(client, portal, moderator_auth):
    response = upload(client, "images", moderator_auth, b"GIF89a not really", "fake.gif")
    assert response.status_code == 400 and response.json()["invalid_params"][0]["name"] == "file"


def test_uploads_need_a_commune_and_the_right_to_add_files(client, portal):
    no_commune = upload(client, "images", auth(portal.moderator, None), png_bytes(), "a.png")
    assert no_commune.status_code == 422

    from django.contrib.auth import get_user_model

    outsider = get_user_model().objects.create_user("outsider-media", "outsider@example.org", "x")
    refused = upload(client, "images", auth(outsider, portal.site), png_bytes(), "a.png")
    assert refused.status_code == 403

    anonymous = client.post("/api/images", {"file": SimpleUploadedFile("a.png", png_bytes()), "alt_text": "x"})
    assert anonymous.status_code == 401


def test_openapi_declares_uploads_and_typed_blocks(client, portal):
    document = client.get("/api/openapi.json").json()
    for kind in ("images", "documents"):
        operation = document["paths"][f"/api/{kind}"]["post"]
        assert "multipart/form-data" in operation["requestBody"]["content"]
        assert {"201", "400", "401", "403", "413", "422"} <= set(operation["responses"])
    news_in = str(document["components"]["schemas"]["NewsIn"])
    assert "key_figures" in news_in and "call_to_action" in news_in
    tender_in = str(document["components"]["schemas"]["TenderIn"]["properties"]["documents"])
    assert "technicalSpecifications" in tender_in
