"""Two real Bawaba instances on loopback: A publishes, edits and unpublishes; B pulls and follows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import Peer, PublicationMode, SyndicatedCopy
from network.sync import pull_peer
from pages.models import EventPage, NewsPage

UNPUBLISH_SCRIPT = """
from pages.models import NewsPage
NewsPage.objects.get(pk={pk}).unpublish()
"""

pytestmark = pytest.mark.django_db


def writes(queries):
    return [
        query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.fixture
def peer_a(commune_a, local_commune):
    site, _sections, _groups = local_commune
    return Peer.objects.create(
        commune=site,
        name="Commune A",
        base_url=commune_a.url,
        allow_private_address=True,
        publication=PublicationMode.PUBLISH,
        content_kinds=["news", "events"],
    )


def test_publish_edit_unpublish_at_a_are_followed_at_b(commune_a, peer_a, local_commune, client):
    _site, sections, _groups = local_commune
    created = commune_a.api(
        "POST",
        "/api/news",
        {
            "parent": commune_a.sections["news"],
            "title": "افتتاح المكتبة",
            "category": "culture_sport",
            "body": [{"type": "paragraph", "value": "<p>افتتحت <b>المكتبة</b> اليوم.</p>"}],
            "action": "publish",
        },
    )
    assert created["status"] == "live"
    original = commune_a.api("GET", f"/api/news/{created['id']}")

    report = pull_peer(peer_a)
    assert report.ok, report.error
    assert report.created == 1
    copy = SyndicatedCopy.objects.get(peer=peer_a, original_id=created["id"])
    page = NewsPage.objects.get(pk=copy.page_id)
    assert page.live and page.title == "افتتاح المكتبة"
    assert page.get_parent().pk == sections["news"].pk
    assert copy.original_url == original["url"] and original["url"].startswith(commune_a.url)
    assert page.source_name == "Commune A" and page.source_url == original["url"]
    assert "<b>المكتبة</b>" in page.body.raw_data[0]["value"]

    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="{original["url"]}">' in html
    assert "Read at the source" in html or "اقرأ" in html or original["url"] in html

    commune_a.api("PATCH", f"/api/news/{created['id']}", {"title": "افتتاح المكتبة الجماعية", "action": "publish"})
    assert pull_peer(peer_a).updated == 1
    page.refresh_from_db()
    assert page.live and page.title == "افتتاح المكتبة الجماعية"
    assert SyndicatedCopy.objects.filter(peer=peer_a).count() == 1

    with CaptureQueriesContext(connection) as captured:
        again = pull_peer(peer_a)
    assert again.ok and again.taken == 0
    assert writes(captured.captured_queries) == []

    commune_a.manage("shell", script=UNPUBLISH_SCRIPT.format(pk=created["id"]))
    assert pull_peer(peer_a).withdrawn == 1
    page.refresh_from_db()
    copy.refresh_from_db()
    assert not page.live and copy.withdrawn
    assert client.get(f"/api/news/{page.pk}").status_code == 404

    with CaptureQueriesContext(connection) as captured:
        pull_peer(peer_a)
    assert writes(captured.captured_queries) == []

    peer_a.refresh_from_db()
    assert peer_a.items_taken == 3 and peer_a.last_success_at and peer_a.cursor > 0


def test_events_are_copied_with_provenance_shown_on_the_page(commune_a, peer_a, client):
    start = datetime.datetime(2030, 5, 4, 9, tzinfo=datetime.UTC)
    created = commune_a.api(
        "POST",
        "/api/events",
        {
            "parent": commune_a.sections["events"],
            "title": "يوم دراسي",
            "kind": "study_day",
            "place": "قاعة الاجتماعات",
            "start": start.isoformat(),
            "end": (start + datetime.timedelta(hours=3)).isoformat(),
            "action": "publish",
        },
    )
    report = pull_peer(peer_a)
    assert report.ok, report.error
    copy = SyndicatedCopy.objects.get(peer=peer_a, original_id=created["id"])
    event = EventPage.objects.get(pk=copy.page_id)
    assert event.live and event.place == "قاعة الاجتماعات" and event.start == start
    html = client.get(event.url).content.decode()
    assert f'<link rel="canonical" href="{copy.original_url}">' in html
    assert f'href="{copy.original_url}" rel="noopener"' in html


def test_copies_are_left_out_of_the_local_change_feed(commune_a, peer_a, client):
    before = client.get("/api/changes?limit=500").json()["next_cursor"]
    commune_a.api(
        "POST",
        "/api/news",
        {"parent": commune_a.sections["news"], "title": "خبر", "category": "council", "action": "publish"},
    )
    assert pull_peer(peer_a).created >= 1
    assert client.get(f"/api/changes?since={before}&limit=500").json()["items"] == []
