"""Syndication at scale, in small: new copies are written in batches, a few queries per page of the feed
whatever its size; the cost of a pull per item does not grow with what is already taken; reading the whole
feed again when nothing changed costs a few queries per feed page and no item request. Copies written in
a batch are the pages Wagtail's own path makes (tree, revision, log, indexes, change feed).

The figures at 5,000 items are measured by ``bench/network_bench.py``; this runs its synthetic peer in small
and counts queries and requests (never time), so that the benchmark does not rot.
"""

import io
import threading
from http.server import ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from api.models import ChangeEvent
from bench.network_bench import SyntheticPeer
from network import copies
from network.models import Peer, PublicationMode, SyndicatedCopy
from network.sync import PARALLEL_FETCHES, pull_peer
from pages.models import NewsPage

pytestmark = pytest.mark.django_db

PAGE_SIZE = 10


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


@pytest.fixture
def growing_peer(local_commune, settings):
    """The benchmark's synthetic peer, serving as many news items as ``grow`` says."""
    settings.BAWABA_NETWORK_PAGE_SIZE = PAGE_SIZE
    site, _sections, _groups = local_commune
    SyntheticPeer.count = SyntheticPeer.requests = SyntheticPeer.images = SyntheticPeer.most_in_flight = 0
    SyntheticPeer.bulk, SyntheticPeer.hold = True, 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), SyntheticPeer)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def grow(count):
        SyntheticPeer.count = count

    peer = Peer.objects.create(
        commune=site,
        name="Big peer",
        base_url=f"http://127.0.0.1:{server.server_port}",
        allow_private_address=True,
        publication=PublicationMode.PUBLISH,
        content_kinds=["news"],
    )
    yield peer, grow
    SyntheticPeer.bulk, SyntheticPeer.hold = True, 0.0
    server.shutdown()
    server.server_close()


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def pull_counted(peer):
    with CaptureQueriesContext(connection) as captured:
        report = pull_peer(peer)
    assert report.ok, report.error
    return report, captured.captured_queries


def test_pull_cost_per_item_does_not_grow_with_the_copies_taken(growing_peer):
    peer, grow = growing_peer
    grow(PAGE_SIZE)
    report, first = pull_counted(peer)
    assert report.created == PAGE_SIZE

    grow(4 * PAGE_SIZE)  # three times as many new items, with the first ones already taken
    report, second = pull_counted(peer)
    assert report.created == 3 * PAGE_SIZE
    per_item_first = len(first) / PAGE_SIZE
    per_item_second = len(second) / (3 * PAGE_SIZE)
    assert per_item_second <= per_item_first * 1.1, (per_item_first, per_item_second)


#: Queries per new item when feed pages hold PAGE_SIZE items: about 25 per page of the feed (feed state,
#: one insert per table for the batch, indexes, cursor) shared by its items, plus the media look-up.
MAX_QUERIES_PER_NEW_ITEM = 4
MAX_QUERIES_PER_FEED_PAGE = 40


def test_new_items_cost_a_few_queries_per_page_of_the_feed(growing_peer):
    peer, grow = growing_peer
    grow(3 * PAGE_SIZE)
    report, queries = pull_counted(peer)
    assert report.created == 3 * PAGE_SIZE and report.pages_read == 3
    assert len(queries) <= MAX_QUERIES_PER_NEW_ITEM * report.created, len(queries)
    assert len(queries) <= MAX_QUERIES_PER_FEED_PAGE * report.pages_read, len(queries)
    # Wagtail's per-page work is done once per batch, not once per page.
    page_inserts = [sql for sql in writes(queries) if sql.startswith('INSERT INTO "wagtailcore_page"')]
    assert len(page_inserts) == report.pages_read


def test_items_of_a_feed_page_are_read_in_one_request(growing_peer):
    peer, grow = growing_peer
    grow(3 * PAGE_SIZE)
    report, _queries = pull_counted(peer)
    assert report.created == 3 * PAGE_SIZE and report.pages_read == 3
    # Each page of the feed, then its items from the typed list filtered by their ids: no request per item.
    assert SyntheticPeer.requests == 2 * report.pages_read


def test_an_older_peer_is_read_item_by_item_a_few_at_a_time(growing_peer):
    peer, grow = growing_peer
    SyntheticPeer.bulk = False  # its typed lists cannot be filtered by id: it answers 404
    SyntheticPeer.hold = 0.2  # each item's answer takes a while, so that reads at once overlap
    grow(2 * PAGE_SIZE)
    report, _queries = pull_counted(peer)
    assert report.created == 2 * PAGE_SIZE, report.summary()
    assert SyndicatedCopy.objects.filter(peer=peer).count() == 2 * PAGE_SIZE
    # The feed's pages, one list request refused (asked once per pull), then each item at its own address.
    assert SyntheticPeer.requests == report.pages_read + 1 + report.created
    assert 1 < SyntheticPeer.most_in_flight <= PARALLEL_FETCHES


def test_copies_written_in_a_batch_are_whole_wagtail_pages(growing_peer, local_commune):
    peer, grow = growing_peer
    _site, sections, _groups = local_commune
    news_index = sections["news"]
    # A page of the commune already holds the first item's slug: the copy gets the next free one.
    news_index.add_child(instance=NewsPage(title="Local", slug="news-1", category="council"))
    SyntheticPeer.images = 2
    SyntheticPeer.png = png()
    grow(PAGE_SIZE)
    report, _queries = pull_counted(peer)
    assert report.created == PAGE_SIZE

    found = SyndicatedCopy.objects.filter(peer=peer).select_related("page").order_by("original_id")
    assert [copy.original_id for copy in found] == list(range(1, PAGE_SIZE + 1))
    copies_by_id = {copy.original_id: NewsPage.objects.get(pk=copy.page_id) for copy in found}
    assert copies_by_id[1].slug == "news-1-2" and copies_by_id[2].slug == "news-2"
    assert not any(problems for problems in Page.find_problems())  # the tree is sound
    news_index.refresh_from_db()
    assert news_index.numchild == PAGE_SIZE + 1
    for original_id, page in copies_by_id.items():
        assert page.live and not page.has_unpublished_changes
        assert page.url_path == f"{news_index.url_path}{page.slug}/"
        assert page.get_parent().pk == news_index.pk
        assert page.first_published_at.isoformat() == "2026-01-01T10:00:00+00:00"  # the original's
        assert page.source_name == peer.name and page.source_url.endswith(f"/news-{original_id}/")
        assert page.image is None or page.image.title.startswith("صورة")
        (revision,) = page.revisions.all()
        assert page.live_revision_id == page.latest_revision_id == revision.pk
        assert revision.as_object().title == page.title
        actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        assert actions == {"wagtail.create", "wagtail.publish"}
        assert ChangeEvent.objects.filter(object_id=page.pk, action="created", was_public=True).count() == 1
        # The reference index holds what Wagtail would have recorded: recomputing it changes nothing.
        before = set(ReferenceIndex.get_references_for_object(page).values_list("to_object_id", "content_path"))
        ReferenceIndex.create_or_update_for_object(page)
        after = set(ReferenceIndex.get_references_for_object(page).values_list("to_object_id", "content_path"))
        assert before == after
    with_image = [page for page in copies_by_id.values() if any(b.block_type == "image" for b in page.body)]
    assert with_image and all(
        ReferenceIndex.get_references_for_object(page).filter(content_path__startswith="body").exists()
        for page in with_image
    )
    # Found by search, and served at its address.
    assert NewsPage.objects.live().search("رقم 7").count() >= 1
    # A later change at the source goes through Wagtail's own path, on top of the batch's revision.
    copy = found.get(original_id=3)
    copies.update_copy(copy, SimpleNamespace(url=copy.original_url), {"title": "عنوان جديد"}, "changed")
    page = NewsPage.objects.get(pk=copy.page_id)
    assert page.title == "عنوان جديد" and page.revisions.count() == 2 and page.live


def test_unchanged_resync_reads_only_the_feed(growing_peer):
    peer, grow = growing_peer
    grow(3 * PAGE_SIZE)
    pull_counted(peer)
    assert SyndicatedCopy.objects.filter(peer=peer).count() == 3 * PAGE_SIZE

    # Read everything again from the start (a cursor lost, a peer set up again): nothing has changed.
    Peer.objects.filter(pk=peer.pk).update(cursor=0)
    peer.refresh_from_db()
    SyntheticPeer.requests = 0
    report, queries = pull_counted(peer)
    assert report.unchanged == 3 * PAGE_SIZE and report.taken == 0, report.summary()
    feed_pages = report.pages_read
    assert feed_pages == 2  # pages that change nothing are asked for larger: 10 changes, then 20
    assert SyntheticPeer.requests == feed_pages  # the feed only: no item was fetched again
    # A few queries per page of the feed, whatever the page size: its copies, its skip reports, the cursor,
    # and the page's transaction (a savepoint inside the test's own transaction).
    assert len(queries) <= 5 * feed_pages + 4, [q["sql"][:120] for q in queries]
    # Whether a change is reflected is read from a few columns of its copy: no copy is loaded whole.
    assert not any("content_hash" in q["sql"] for q in queries)
    assert all("network_peer" in sql for sql in writes(queries))  # only the cursor and the peer's health
    cursor_writes = [sql for sql in writes(queries) if '"cursor"' in sql]
    assert len(cursor_writes) == 1  # once for the whole pull, not once per page of the feed
    peer.refresh_from_db()
    assert peer.cursor == 3 * PAGE_SIZE
