"""A peer that misbehaves in every way: each case is refused on its own, reported, and nothing stored is lost."""

import time

import pytest

from network.models import Peer, PublicationMode, SyndicatedCopy
from network.sync import pull_network, pull_peer
from pages.models import NewsPage

from .conftest import change, news_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def peer(fake_peer, local_commune):
    site, _sections, _groups = local_commune
    return Peer.objects.create(
        commune=site,
        name="Peer commune",
        base_url=fake_peer.url,
        allow_private_address=True,
        publication=PublicationMode.PUBLISH,
    )


@pytest.fixture
def synced(fake_peer, peer):
    """Two copies taken from the peer while it still behaved."""
    items = [news_item(fake_peer.url, 1, "الخبر الأول"), news_item(fake_peer.url, 2, "الخبر الثاني")]
    fake_peer.serve_feed([change(10, 1), change(11, 2)])
    fake_peer.serve_items(items)
    report = pull_peer(peer)
    assert report.ok and report.created == 2, report.summary()
    peer.refresh_from_db()
    return peer


def assert_nothing_lost(peer):
    copies = SyndicatedCopy.objects.filter(peer=peer).select_related("page")
    assert sorted(copy.original_id for copy in copies) == [1, 2]
    titles = {NewsPage.objects.get(pk=copy.page_id).title for copy in copies}
    assert titles == {"الخبر الأول", "الخبر الثاني"}
    assert all(copy.page.live for copy in copies)
    peer.refresh_from_db()
    assert peer.cursor == 11


def test_slow_peer_times_out_and_is_reported(fake_peer, synced):
    def slow(handler, query):
        time.sleep(1.5)
        handler.send_json({"items": [], "next_cursor": 11, "has_more": False})

    fake_peer.routes["/api/changes"] = slow
    report = pull_peer(synced)
    assert "did not answer in time" in report.error
    assert_nothing_lost(synced)
    assert "did not answer in time" in synced.last_error and synced.last_error_at


def test_server_error_is_reported(fake_peer, synced):
    fake_peer.serve_json("/api/changes", {"detail": "boom"}, status=500)
    report = pull_peer(synced)
    assert "answered 500" in report.error
    assert_nothing_lost(synced)
    assert "500" in synced.last_error


def test_invalid_json_is_reported(fake_peer, synced):
    fake_peer.routes["/api/changes"] = lambda handler, query: handler.send_json(None, raw=b"{not json")
    report = pull_peer(synced)
    assert "not valid JSON" in report.error
    assert_nothing_lost(synced)


def test_feed_breaking_its_schema_is_refused(fake_peer, synced):
    fake_peer.serve_json("/api/changes", {"items": [{"cursor": "twelve"}], "next_cursor": 12, "has_more": False})
    report = pull_peer(synced)
    assert "change feed is not valid" in report.error
    assert_nothing_lost(synced)


def test_items_breaking_the_schema_are_refused_one_by_one(fake_peer, synced):
    fake_peer.serve_feed([change(10, 1), change(11, 2), change(12, 1), change(13, 3), change(14, 4), change(15, 5)])
    fake_peer.serve_items(
        [
            news_item(fake_peer.url, 1, "x" * 300),  # title too long
            news_item(fake_peer.url, 3, category="gossip"),  # unknown category
            news_item(fake_peer.url, 4, date="yesterday"),
            news_item(fake_peer.url, 5, "خبر سليم"),
        ]
    )
    report = pull_peer(synced)
    assert report.ok and report.rejected == 3 and report.created == 1, report.summary()
    synced.refresh_from_db()
    assert "news 1 refused" in synced.last_error and "news 3 refused" in synced.last_error
    assert NewsPage.objects.filter(title="خبر سليم", live=True).exists()
    assert (
        NewsPage.objects.get(pk=SyndicatedCopy.objects.get(peer=synced, original_id=1).page_id).title == "الخبر الأول"
    )


def test_items_read_together_are_still_refused_one_by_one(fake_peer, synced):
    fake_peer.serve_feed([change(12, 1), change(13, 2), change(14, 3), change(15, 4), change(16, 5)])
    fake_peer.serve_items(
        [
            news_item(fake_peer.url, 1, "x" * 300),  # title too long
            news_item(fake_peer.url, 2, "الخبر الثاني"),  # unchanged
            news_item(fake_peer.url, 3, category="gossip"),  # unknown category
            news_item(fake_peer.url, 5, "خبر سليم"),  # 4 is no longer published
        ],
        bulk=True,
    )
    fake_peer.received.clear()
    report = pull_peer(synced)
    assert report.ok and report.rejected == 2 and report.created == 1, report.summary()
    assert report.unchanged == 1 and report.skipped == 1, report.summary()
    item_requests = [r for r in fake_peer.received if r["path"].startswith("/api/news")]
    assert [r["path"] for r in item_requests] == ["/api/news"]  # one request for the page's items
    assert sorted(int(value) for value in item_requests[0]["query"]["id"]) == [1, 2, 3, 4, 5]
    assert NewsPage.objects.filter(title="خبر سليم", live=True).exists()
    assert NewsPage.objects.get(pk=SyndicatedCopy.objects.get(peer=synced, original_id=1).page_id).title == (
        "الخبر الأول"
    )


def test_peer_that_ignores_the_id_filter_is_read_item_by_item(fake_peer, peer):
    items = [news_item(fake_peer.url, number, f"خبر {number}") for number in (1, 2, 3)]
    fake_peer.serve_feed([change(1, 1), change(2, 2)])
    fake_peer.serve_items(items)
    # Its list answers with whatever it holds, not with the items asked for.
    fake_peer.serve_json("/api/news", {"count": 3, "next": None, "previous": None, "results": items[::-1]})
    report = pull_peer(peer)
    assert report.ok and report.created == 2, report.summary()
    assert sorted(SyndicatedCopy.objects.filter(peer=peer).values_list("original_id", flat=True)) == [1, 2]
    paths = [r["path"] for r in fake_peer.received if r["path"].startswith("/api/news")]
    assert paths[0] == "/api/news" and sorted(paths[1:]) == ["/api/news/1", "/api/news/2"]


def test_peer_too_slow_to_list_the_items_is_read_item_by_item(fake_peer, peer):
    fake_peer.serve_feed([change(1, 1), change(2, 2)])
    fake_peer.serve_items([news_item(fake_peer.url, number, f"خبر {number}") for number in (1, 2)])

    def slow_list(handler, query):
        time.sleep(1.0)  # past the read timeout of these tests
        handler.send_json({"count": 0, "next": None, "previous": None, "results": []})

    fake_peer.routes["/api/news"] = slow_list
    report = pull_peer(peer)
    assert report.ok and report.created == 2, report.summary()
    paths = [r["path"] for r in fake_peer.received if r["path"].startswith("/api/news")]
    assert paths[0] == "/api/news" and sorted(paths[1:]) == ["/api/news/1", "/api/news/2"]


def test_huge_body_is_aborted_at_the_size_limit(fake_peer, synced):
    sent = []

    def huge(handler, query):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()
        chunk = b" " * 65536
        for _ in range(50 * 16):  # 50 MB, never held in memory at once
            handler.wfile.write(chunk)
            sent.append(len(chunk))

    fake_peer.routes["/api/changes"] = huge
    report = pull_peer(synced)
    assert "larger than 1048576 bytes" in report.error
    assert sum(sent) < 50 * 1024 * 1024
    assert_nothing_lost(synced)


def test_declared_huge_body_is_refused_before_reading(fake_peer, synced):
    def declared(handler, query):
        handler.send_response(200)
        handler.send_header("Content-Length", str(50 * 1024 * 1024))
        handler.end_headers()
        handler.wfile.write(b"{")

    fake_peer.routes["/api/changes"] = declared
    assert "larger than" in pull_peer(synced).error
    assert_nothing_lost(synced)


def test_script_and_iframe_html_is_sanitised(fake_peer, peer):
    hostile = news_item(
        fake_peer.url,
        7,
        body=[
            {
                "type": "paragraph",
                "id": "p",
                "value": (
                    '<p onclick="steal()">نص<script>alert(1)</script><iframe src="https://evil.example/"></iframe>'
                    '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">رابط</a>'
                    '<a href="https://commune.example.ma/">مصدر</a><style>p{}</style></p>'
                ),
            }
        ],
    )
    fake_peer.serve_feed([change(1, 7)])
    fake_peer.serve_items([hostile])
    assert pull_peer(peer).created == 1
    page = NewsPage.objects.get(pk=SyndicatedCopy.objects.get(peer=peer, original_id=7).page_id)
    stored = page.body.raw_data[0]["value"]
    for forbidden in ("script", "iframe", "onerror", "onclick", "javascript", "alert", "<img", "style"):
        assert forbidden not in stored
    assert "نص" in stored and 'href="https://commune.example.ma/"' in stored


def test_redirect_to_another_host_is_refused(fake_peer, synced):
    def away(handler, query):
        handler.send_response(302)
        handler.send_header("Location", f"http://localhost:{fake_peer.server.server_port}/api/changes")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    fake_peer.routes["/api/changes"] = away
    fake_peer.received.clear()
    report = pull_peer(synced)
    assert "off its host" in report.error
    assert [request["path"] for request in fake_peer.received] == ["/api/changes"]
    assert_nothing_lost(synced)


def test_redirect_on_the_peer_host_is_followed(fake_peer, peer):
    def moved(handler, query):
        handler.send_response(301)
        handler.send_header("Location", "/api/changes-moved?since=0")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    fake_peer.routes["/api/changes"] = moved
    fake_peer.serve_json("/api/changes-moved", {"items": [], "next_cursor": 0, "has_more": False})
    assert pull_peer(peer).ok


def test_duplicate_ids_make_one_copy(fake_peer, peer):
    fake_peer.serve_feed([change(1, 9), change(2, 9, "changed"), change(3, 9, "changed")])
    fake_peer.serve_items([news_item(fake_peer.url, 9, "مكرر")])
    report = pull_peer(peer)
    assert report.ok and report.created == 1
    assert SyndicatedCopy.objects.filter(peer=peer, original_id=9).count() == 1
    peer.refresh_from_db()
    assert "twice" in peer.last_error


def test_item_whose_id_differs_from_the_feed_is_refused(fake_peer, peer):
    fake_peer.serve_feed([change(1, 9)])
    fake_peer.serve_json("/api/news/9", news_item(fake_peer.url, 2))
    report = pull_peer(peer)
    assert report.rejected == 1 and not SyndicatedCopy.objects.filter(peer=peer).exists()


def test_cursor_going_backwards_is_refused(fake_peer, synced):
    fake_peer.serve_json(
        "/api/changes",
        {"items": [{**change(3, 1, "deleted"), "locale": "ar"}], "next_cursor": 3, "has_more": False},
    )
    report = pull_peer(synced)
    assert "went backwards" in report.error
    assert_nothing_lost(synced)
    assert "went backwards" in synced.last_error


def test_private_address_is_refused_unless_allowed(fake_peer, local_commune):
    site, _sections, _groups = local_commune
    peer = Peer.objects.create(commune=site, name="Sneaky", base_url=fake_peer.url)
    report = pull_peer(peer)
    assert "private or local" in report.error
    assert fake_peer.received == []
    assert "private or local" in Peer.objects.get(pk=peer.pk).last_error


def test_one_failing_peer_does_not_stop_the_others(fake_peer, local_commune):
    site, _sections, _groups = local_commune
    broken = Peer.objects.create(commune=site, name="Down", base_url="http://127.0.0.1:9/", allow_private_address=True)
    good = Peer.objects.create(
        commune=site, name="Up", base_url=fake_peer.url, allow_private_address=True, publication="publish"
    )
    fake_peer.serve_feed([change(1, 5)])
    fake_peer.serve_items([news_item(fake_peer.url, 5)])
    reports = pull_network([broken, good])
    assert not reports[0].ok and reports[1].ok and reports[1].created == 1


def test_pull_that_dies_half_way_resumes_without_duplicates(fake_peer, peer):
    changes = [change(cursor, cursor) for cursor in range(1, 8)]
    fake_peer.serve_feed(changes, page_size=3)
    fake_peer.serve_items([news_item(fake_peer.url, n, f"خبر {n}") for n in range(1, 8)])
    fake_peer.serve_json("/api/news/5", {"detail": "down"}, status=503)

    first = pull_peer(peer)
    assert "503" in first.error and first.created == 4
    peer.refresh_from_db()
    assert peer.cursor == 4  # the page of 1-3 was saved, then item 4 before item 5 failed

    fake_peer.serve_items([news_item(fake_peer.url, 5, "خبر 5")])
    second = pull_peer(peer)
    assert second.ok and second.created == 3 and second.unchanged == 0
    assert SyndicatedCopy.objects.filter(peer=peer).count() == 7
    peer.refresh_from_db()
    assert peer.cursor == 7


def test_review_mode_keeps_copies_as_drafts_in_the_workflow(fake_peer, peer):
    peer.publication = PublicationMode.REVIEW
    peer.save()
    fake_peer.serve_feed([change(1, 3)])
    fake_peer.serve_items([news_item(fake_peer.url, 3, "ينتظر المراجعة")])
    assert pull_peer(peer).created == 1
    page = NewsPage.objects.get(pk=SyndicatedCopy.objects.get(peer=peer).page_id)
    assert not page.live and page.workflow_in_progress


def test_hidden_copy_is_not_published_again(fake_peer, synced):
    copy = SyndicatedCopy.objects.get(peer=synced, original_id=1)
    page = NewsPage.objects.get(pk=copy.page_id)
    page.unpublish()  # an editor takes it down
    copy.refresh_from_db()
    assert copy.hidden

    fake_peer.serve_feed([change(10, 1), change(11, 2), change(12, 1, "changed")])
    fake_peer.serve_items([news_item(fake_peer.url, 1, "الخبر الأول معدل")])
    assert pull_peer(synced).updated == 1
    page.refresh_from_db()
    assert not page.live and page.title == "الخبر الأول"
    assert page.get_latest_revision_as_object().title == "الخبر الأول معدل"


def test_filters_choose_what_is_taken(fake_peer, peer):
    peer.categories = ["council"]
    peer.locales = ["ar"]
    peer.save()
    fake_peer.serve_feed([change(1, 1), change(2, 2), change(3, 3)])
    fake_peer.serve_items(
        [
            news_item(fake_peer.url, 1),
            news_item(fake_peer.url, 2, category="social"),
            news_item(fake_peer.url, 3, locale="fr"),
        ]
    )
    report = pull_peer(peer)
    assert report.created == 1 and report.skipped == 2


# --- Deadlines, caps, and where the token goes -----------------------------------------------------------

EMPTY_FEED = b'{"items": [], "next_cursor": 11, "has_more": false}'


@pytest.mark.parametrize("where", ["body", "headers"])
def test_peer_dripping_one_byte_at_a_time_is_cut_at_the_request_deadline(fake_peer, synced, settings, where):
    settings.BAWABA_NETWORK_TOTAL_TIMEOUT = 1
    fake_peer.routes["/api/changes"] = lambda handler, query: handler.drip(
        EMPTY_FEED * 20, interval=0.05, headers_too=where == "headers", limit=8
    )
    report = pull_peer(synced)
    assert "did not answer in time" in report.error, report.summary()
    deadline = time.monotonic() + 10
    while not fake_peer.server.drips and time.monotonic() < deadline:  # the hang-up is seen at the next byte
        time.sleep(0.05)
    assert fake_peer.server.drips == ["cut"]
    assert_nothing_lost(synced)


def test_pull_stops_at_its_total_deadline_and_the_next_pull_goes_on(fake_peer, peer, settings):
    settings.BAWABA_NETWORK_PULL_TIMEOUT = 1.5
    changes = [change(cursor, cursor) for cursor in range(1, 41)]
    fake_peer.serve_feed(changes, page_size=2)
    slow_items = {}

    def item(number):
        def answer(handler, query):
            time.sleep(0.25)
            handler.send_json(news_item(fake_peer.url, number, f"خبر {number}"))

        return answer

    for number in range(1, 41):
        slow_items[number] = fake_peer.routes[f"/api/news/{number}"] = item(number)
    report = pull_peer(peer)
    assert report.ok and report.stopped_early, report.summary()
    assert "time limit" in " ".join(report.notices)
    taken = SyndicatedCopy.objects.filter(peer=peer).count()
    assert 1 <= taken < 40
    peer.refresh_from_db()
    assert peer.cursor == max(SyndicatedCopy.objects.filter(peer=peer).values_list("original_id", flat=True))

    fake_peer.received.clear()
    settings.BAWABA_NETWORK_PULL_TIMEOUT = 60
    assert pull_peer(peer).ok
    first_feed_request = next(request for request in fake_peer.received if request["path"] == "/api/changes")
    assert first_feed_request["query"]["since"] == [str(taken)]
    assert SyndicatedCopy.objects.filter(peer=peer).count() == 40


def test_endless_feed_is_read_up_to_the_page_cap_and_resumed_from_its_cursor(fake_peer, peer, settings):
    settings.BAWABA_NETWORK_MAX_PAGES_PER_PULL = 5
    fake_peer.serve_endless_feed(items_per_page=0)
    report = pull_peer(peer)
    feed_requests = [request for request in fake_peer.received if request["path"] == "/api/changes"]
    assert len(feed_requests) == 5
    assert report.ok and report.stopped_early and "5 feed pages" in " ".join(report.notices)
    peer.refresh_from_db()
    assert peer.cursor == 5

    fake_peer.received.clear()
    pull_peer(peer)
    feed_requests = [request for request in fake_peer.received if request["path"] == "/api/changes"]
    assert [request["query"]["since"][0] for request in feed_requests] == ["5", "6", "7", "8", "9"]
    peer.refresh_from_db()
    assert peer.cursor == 10


def test_endless_feed_of_items_is_read_up_to_the_item_cap(fake_peer, peer, settings):
    settings.BAWABA_NETWORK_MAX_ITEMS_PER_PULL = 7
    fake_peer.serve_endless_feed(items_per_page=3)
    fake_peer.serve_items([news_item(fake_peer.url, n, f"خبر {n}") for n in range(1, 20)])
    report = pull_peer(peer)
    assert report.ok and report.stopped_early and report.changes_read == 7, report.summary()
    assert report.created == 7
    assert "7 changes" in " ".join(report.notices)
    peer.refresh_from_db()
    assert peer.cursor == 7
    assert len([request for request in fake_peer.received if request["path"] == "/api/changes"]) == 3

    again = pull_peer(peer)
    assert again.created == 7 and again.unchanged == 0
    peer.refresh_from_db()
    assert peer.cursor == 14


@pytest.fixture
def other_port():
    from .conftest import FakePeer

    server = FakePeer()
    server.serve_json("/api/changes", {"items": [], "next_cursor": 0, "has_more": False})
    yield server
    server.close()


def test_redirect_to_another_port_of_the_same_host_is_refused_and_gets_no_token(fake_peer, synced, other_port):
    synced.token = "peer-secret-token"
    synced.save()

    def elsewhere(handler, query):
        handler.send_response(302)
        handler.send_header("Location", f"{other_port.url}/api/changes")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    fake_peer.routes["/api/changes"] = elsewhere
    report = pull_peer(synced)
    assert "off its host" in report.error
    assert other_port.received == []
    assert fake_peer.received[-1]["headers"].get("Authorization") == "Bearer peer-secret-token"
    assert_nothing_lost(synced)


def test_redirect_to_another_scheme_is_refused(fake_peer, synced):
    def to_https(handler, query):
        handler.send_response(302)
        handler.send_header("Location", f"https://127.0.0.1:{fake_peer.server.server_port}/api/changes")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    fake_peer.routes["/api/changes"] = to_https
    assert "off its host" in pull_peer(synced).error
    assert_nothing_lost(synced)


def test_token_goes_only_to_the_peer_origin(fake_peer, peer, other_port):
    from network.client import PeerClient

    other_port.serve_json("/file", {"ok": True})
    with PeerClient(fake_peer.url, allow_private=True, token="peer-secret-token") as client:
        client.request("GET", client.url("/api/changes"))
        status, _body = client.request("GET", f"{other_port.url}/file")
    assert status == 200
    assert fake_peer.received[-1]["headers"].get("Authorization") == "Bearer peer-secret-token"
    assert "Authorization" not in other_port.received[-1]["headers"]
