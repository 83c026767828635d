"""Syndication without loss, between two live instances: the copy matches its source block by block, image by image."""

import datetime
import json

import httpx
import pytest
from django.test import Client
from wagtail.images import get_image_model

from network.models import MediaKind, Peer, PublicationMode, SkippedItem, SyndicatedCopy, SyndicatedMedia
from network.sync import pull_peer
from pages.models import NewsPage, ProjectPage

pytestmark = pytest.mark.django_db

#: Builds, at commune A, a news item using every block type, another page it links to, and a project.
SOURCE_SCRIPT = """
import datetime, io, json
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Page
from assets.models import CommuneDocument, CommuneImage
from home.communes import commune_collection
from pages import models as pages

def picture(width, height, colour, kind):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, kind)
    return buffer.getvalue()

collection = commune_collection("Commune A")
photo = CommuneImage.objects.create(title="Town hall", alt_text="The town hall at dawn", credit="Commune A",
    collection=collection, file=ImageFile(io.BytesIO(picture(64, 48, "teal", "PNG")), name="hall.png"))
map_image = CommuneImage.objects.create(title="Map", alt_text="Map of the works", collection=collection,
    file=ImageFile(io.BytesIO(picture(90, 60, "orange", "JPEG")), name="map.jpg"))
budget = CommuneDocument.objects.create(title="Budget 2026", language="ar", collection=collection,
    file=ContentFile(b"%PDF-1.4\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%EOF\\n", name="budget.pdf"))
news_index = Page.objects.get(pk={news}).specific
target = news_index.add_child(instance=pages.NewsPage(title="Target page", slug="target-page", category="council"))
target.save_revision().publish()
body = [
    ("heading", {{"text": "What was decided", "level": "h2"}}),
    ("paragraph", "<p>The council <b>approved</b> the budget.</p>"),
    ("image", {{"image": photo, "caption": "The hall"}}),
    ("call_to_action", {{"title": "Read the decision", "text": "All of it", "page": target, "url": "",
                         "button_label": "Read"}}),
    ("call_to_action", {{"title": "National portal", "text": "", "page": None, "url": "https://www.maroc.ma/",
                         "button_label": "Go"}}),
    ("documents", {{"title": "Files",
                   "documents": [{{"document": budget, "title": "The budget", "language": "ar"}}]}}),
    ("key_figures", {{"title": "In figures", "figures": [{{"value": "12", "unit": "km", "label": "Roads"}},
                                                        {{"value": "3", "unit": "", "label": "Schools"}}]}}),
    ("table", {{"data": [["Item", "Amount"], ["Roads", "1200"], ["Schools", None]],
               "first_row_is_table_header": True, "first_col_is_header": False, "table_caption": "Budget"}}),
    ("quote", {{"text": "A good year.", "attribution": "The president"}}),
    ("contact", {{"name": "Budget office", "role": "Finance", "phone": "0500000000", "email": "b@a.example.ma",
                 "address": "Town hall", "facility": None}}),
    ("video", {{"url": "https://video.example.ma/v/1", "title": "Session", "transcript": "Words."}}),
    ("image", {{"image": map_image, "caption": ""}}),
]
news = news_index.add_child(instance=pages.NewsPage(title="Budget adopted", slug="budget-adopted-2026",
    category="council", image=photo, body=body,
    documents=[("document", {{"document": budget, "title": "", "language": "ar"}})]))
news.save_revision().publish()
first = datetime.datetime(2025, 3, 4, 9, 30, tzinfo=datetime.UTC)
pages.NewsPage.objects.filter(pk=news.pk).update(first_published_at=first)

home = news_index.get_parent()
projects = pages.ProjectIndexPage.objects.child_of(home).first()
if projects is None:
    projects = home.add_child(instance=pages.ProjectIndexPage(title="projects", slug="projects"))
    projects.save_revision().publish()
project = projects.add_child(instance=pages.ProjectPage(title="New library", slug="new-library",
    status="in_progress", axis=pages.ProjectPage._meta.get_field("axis").choices[0][0], image=map_image))
project.save_revision().publish()
print("SOURCE=" + json.dumps({{"news": news.pk, "target": target.pk, "project": project.pk,
                              "first_published_at": first.isoformat()}}))
"""


CLEANUP_SCRIPT = """
from wagtail.models import Page
for page in Page.objects.filter(pk__in={ids}).specific():
    page.delete()
"""


@pytest.fixture
def source(commune_a):
    output = commune_a.manage("shell", script=SOURCE_SCRIPT.format(news=commune_a.sections["news"]))
    line = next(line for line in output.splitlines() if line.startswith("SOURCE="))
    made = json.loads(line.removeprefix("SOURCE="))
    yield made
    # Commune A lives for the whole session: the other tests expect to find only their own pages there.
    commune_a.manage("shell", script=CLEANUP_SCRIPT.format(ids=[made["news"], made["target"], made["project"]]))


@pytest.fixture
def peer_a(commune_a, local_commune):
    site, _sections, _groups = local_commune
    return Peer.objects.create(
        commune=site,
        name="Commune A",
        base_url=commune_a.url,
        allow_private_address=True,
        publication=PublicationMode.PUBLISH,
        content_kinds=["news", "projects"],
    )


def fetch(url):
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200, url
    return response.content


def local_image(image_id):
    image = get_image_model().objects.get(pk=image_id)
    with image.open_file() as handle:
        return image, handle.read()


def assert_same_image(original, local_id, peer):
    """The local image is the peer's, fetched once: same bytes as its largest rendition, same text and size."""
    assert (
        SyndicatedMedia.objects.get(peer=peer, kind=MediaKind.IMAGE, original_id=original["id"]).image_id == local_id
    )
    image, data = local_image(local_id)
    assert data == fetch(original["renditions"]["large"]["url"])
    assert (image.width, image.height) == (original["width"], original["height"])
    assert image.title == original["title"] and image.alt_text == original["alt"]


def assert_same_document(original, local_id, peer):
    record = SyndicatedMedia.objects.get(peer=peer, kind=MediaKind.DOCUMENT, original_id=original["id"])
    assert record.document_id == local_id
    document = record.document
    with document.open_file() as handle:
        assert handle.read() == fetch(original["url"])
    assert document.title == original["title"] and document.file_extension == original["file_type"]


def test_copy_matches_its_source_block_by_block_and_image_by_image(commune_a, source, peer_a, local_commune):
    site, _sections, _groups = local_commune
    report = pull_peer(peer_a)
    assert report.ok and report.rejected == 0, report.notices
    original = commune_a.api("GET", f"/api/news/{source['news']}")
    copy = SyndicatedCopy.objects.get(peer=peer_a, original_id=source["news"])
    page = NewsPage.objects.get(pk=copy.page_id)
    target_copy = SyndicatedCopy.objects.get(peer=peer_a, original_id=source["target"])

    # The page itself: slug, original publication date, picture and attachments.
    assert page.slug == original["slug"] == "budget-adopted-2026"
    assert page.first_published_at == datetime.datetime.fromisoformat(source["first_published_at"])
    assert_same_image(original["image"], page.image_id, peer_a)
    attachment = original["documents"][0]["value"]
    assert_same_document(attachment["document"], page.documents[0].value["document"].pk, peer_a)

    # The body, block by block.
    blocks = list(page.body)
    assert [block.block_type for block in blocks] == [block["type"] for block in original["body"]]
    for source_block, block in zip(original["body"], blocks, strict=True):
        value, raw = source_block["value"], block.value
        kind = block.block_type
        if kind == "heading":
            assert (raw["text"], raw["level"]) == (value["text"], value["level"])
        elif kind == "paragraph":
            assert raw.source == value
        elif kind == "image":
            assert raw["caption"] == value["caption"]
            assert_same_image(value["image"], raw["image"].pk, peer_a)
        elif kind == "call_to_action":
            assert (raw["title"], raw["text"], raw["button_label"]) == (
                value["title"],
                value["text"],
                value["button_label"],
            )
            if value["page"]:
                assert raw["page"].pk == target_copy.page_id  # the local copy of the linked page
            else:
                assert raw["url"] == value["url"] and raw["page"] is None
        elif kind == "documents":
            assert raw["title"] == value["title"]
            assert len(raw["documents"]) == len(value["documents"]) == 1
            for entry, local in zip(value["documents"], raw["documents"], strict=True):
                assert local["title"] == entry["title"] and local["language"] == entry["language"]
                assert_same_document(entry["document"], local["document"].pk, peer_a)
        elif kind == "key_figures":
            assert raw["title"] == value["title"]
            assert [dict(figure) for figure in raw["figures"]] == value["figures"]
        elif kind == "table":
            assert raw["data"] == value["rows"] and raw["table_caption"] == value["caption"]
            assert raw["first_row_is_table_header"] == value["first_row_is_header"]
        elif kind == "quote":
            assert (raw["text"], raw["attribution"]) == (value["text"], value["attribution"])
        elif kind == "contact":
            for name in ("name", "role", "phone", "email", "address"):
                assert raw[name] == value[name]
        elif kind == "video":
            assert (raw["url"], raw["title"], raw["transcript"]) == (value["url"], value["title"], value["transcript"])
        else:
            pytest.fail(f"block {kind} not compared")
    assert not SkippedItem.objects.filter(peer=peer_a).exists()

    # Provenance in the API, for news and for projects, and the page's source notice.
    client = Client(HTTP_HOST=site.hostname)
    served = client.get(f"/api/news/{page.pk}").json()
    assert served["source"] == {"name": "Commune A", "url": original["url"]}
    project_copy = SyndicatedCopy.objects.get(peer=peer_a, original_id=source["project"])
    project = ProjectPage.objects.get(pk=project_copy.page_id)
    project_original = commune_a.api("GET", f"/api/projects/{source['project']}")
    assert project.slug == "new-library"
    assert_same_image(project_original["image"], project.image_id, peer_a)
    assert client.get(f"/api/projects/{project.pk}").json()["source"] == {
        "name": "Commune A",
        "url": project_original["url"],
    }
    html = client.get(project.url).content.decode()
    assert f'href="{project_original["url"]}" rel="noopener"' in html

    # Taken again after a change at the source: the files are not fetched again.
    images, media = get_image_model().objects.count(), SyndicatedMedia.objects.filter(peer=peer_a).count()
    fetched = dict(SyndicatedMedia.objects.filter(peer=peer_a).values_list("pk", "fetched_at"))
    commune_a.api("PATCH", f"/api/news/{source['news']}", {"title": "Budget adopted at last", "action": "publish"})
    report = pull_peer(peer_a)
    assert report.updated == 1, report.summary()
    page.refresh_from_db()
    assert page.title == "Budget adopted at last" and page.slug == "budget-adopted-2026"
    assert get_image_model().objects.count() == images
    assert dict(SyndicatedMedia.objects.filter(peer=peer_a).values_list("pk", "fetched_at")) == fetched
    assert len(fetched) == media == 3  # two images and one document; the project shows the map again
