"""The leftovers of moving in: an introduction from the first paragraph, and old links with extra parameters."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from home.communes import create_commune
from importer.cleaning import INTRO_MAX, introduction
from importer.middleware import candidates
from importer.models import ImportRecord

from .test_wxr import import_wxr

pytestmark = pytest.mark.django_db


def paragraph(html):
    return {"type": "paragraph", "value": html}


def test_without_an_excerpt_the_first_paragraph_is_the_introduction_and_leaves_the_body():
    heading = {"type": "heading", "value": {"text": "Avis", "level": "h2"}}
    blocks = [heading, paragraph("<p>Premier <b>paragraphe</b>.</p><p>Suite du texte.</p>")]
    intro, body = introduction("", blocks)
    assert intro == "Premier paragraphe ."
    assert body == [heading, paragraph("<p>Suite du texte.</p>")]
    assert blocks[1]["value"].startswith("<p>Premier")  # the blocks read are left as they were


def test_a_paragraph_alone_becomes_the_introduction_and_no_empty_block_is_left():
    assert introduction("", [paragraph("<p>Seul paragraphe.</p>")]) == ("Seul paragraphe.", [])


def test_the_excerpt_wins_and_the_body_keeps_its_first_paragraph():
    blocks = [paragraph("<p>Le texte commence ici.</p>")]
    assert introduction("Un résumé écrit à part.", blocks) == ("Un résumé écrit à part.", blocks)


def test_a_first_paragraph_that_repeats_the_excerpt_is_said_once():
    blocks = [paragraph("<p>Le texte commence ici.</p><p>Et continue.</p>")]
    assert introduction("Le texte commence ici.", blocks) == (
        "Le texte commence ici.",
        [paragraph("<p>Et continue.</p>")],
    )


def test_a_first_paragraph_too_long_for_an_introduction_stays_whole_in_the_body():
    long_text = " ".join(["mot"] * (INTRO_MAX // 3))
    blocks = [paragraph(f"<p>{long_text}</p>")]
    intro, body = introduction("", blocks)
    assert intro.endswith("…") and len(intro) < len(long_text)
    assert body == blocks


def test_content_that_does_not_open_with_a_paragraph_gives_no_introduction():
    blocks = [paragraph("<ul><li>un</li><li>deux</li></ul><p>Texte.</p>")]
    assert introduction("", blocks) == ("", blocks)


def test_imported_items_without_excerpt_open_with_their_first_paragraph(commune, old_site, tmp_path):
    old_site.serve_files()
    import_wxr(tmp_path, old_site, "--publish")
    event = ImportRecord.objects.get(source_id="wp:104").page.specific
    assert event.intro == "La commune organise une journée d'étude sur la gestion de l'eau."
    body = str(event.body.raw_data)
    assert "journée d'étude" not in body and "Les associations sont invitées." in body
    library = ImportRecord.objects.get(source_id="wp:101").page.specific
    assert library.intro == "افتتاح مكتبة جماعية جديدة بحي النهضة."  # the export's excerpt
    assert "افتتح رئيس المجلس الجماعي" in library.body[0].value.source


def test_candidates_drop_tracking_then_keep_what_names_the_item():
    assert candidates("/?p=123&utm_source=x&fbclid=abc") == ["/?p=123"]
    assert candidates("/index.php?option=com_content&view=article&id=45&Itemid=2") == [
        "/index.php?id=45&option=com_content&view=article",
        "/index.php?id=45&option=com_content",
    ]
    assert "/index.php?id=45&option=com_content" in candidates(
        "/index.php?option=com_content&view=article&id=45:budget&catid=3&Itemid=2"
    )
    assert candidates("/index.php?Itemid=7&utm_medium=email") == ["/index.php?Itemid=7"]
    assert candidates("/news/") == [] and candidates("/?p=123") == []


@pytest.fixture
def old_links(commune):
    page = commune.home
    for old_path in ("/?p=123", "/index.php?id=45&option=com_content&view=article", "/index.php?Itemid=7"):
        Redirect.objects.create(site=commune.site, old_path=old_path, redirect_page=page, is_permanent=True)
    return page


@pytest.mark.parametrize(
    "address",
    [
        "/?p=123",
        "/?p=123&utm_source=facebook&utm_medium=social",
        "/?utm_campaign=x&p=123&fbclid=IwAR0",
        "/index.php?option=com_content&view=article&id=45&Itemid=2",
        "/index.php?option=com_content&view=article&id=45:budget-2021&catid=3&Itemid=2",
        "/index.php?Itemid=7&utm_source=newsletter",
    ],
)
def test_old_addresses_with_extra_parameters_still_redirect(client, old_links, address):
    response = client.get(address)
    assert response.status_code == 301, address
    assert response["Location"] == old_links.url
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("address", ["/?p=124&utm_source=x", "/index.php?option=com_content&view=article&id=46"])
def test_an_address_that_names_another_item_is_not_redirected_to_this_one(client, old_links, address):
    response = client.get(address)
    assert response.status_code != 301
    assert response.get("Location") != old_links.url


def test_another_communes_redirect_is_not_followed(client, commune, old_links):
    home = create_commune(slug="autre", hostname="autre.example.ma", name_ar="جماعة أخرى", name_fr="Autre commune")
    other = Site.objects.get(root_page=home)
    Redirect.objects.create(site=other, old_path="/?p=900", redirect_page=home, is_permanent=True)
    assert client.get("/?p=900&utm_source=x").status_code != 301
    assert client.get("/?p=900&utm_source=x", HTTP_HOST="autre.example.ma").status_code == 301
