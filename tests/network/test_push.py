"""Signed notifications: a genuine one makes us pull at once; unsigned, forged, stale or replayed ones are refused."""

import json
import time

import pytest

from network.models import Peer, PublicationMode, SyndicatedCopy
from network.push import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature, signed_notification
from pages.models import NewsPage

from .conftest import change, news_item

pytestmark = pytest.mark.django_db

SECRET = "a-shared-secret-of-enough-length-0123456789"


@pytest.fixture
def sender(fake_peer, local_commune):
    """The peer that notifies us; its feed has one news item waiting."""
    site, _sections, _groups = local_commune
    peer = Peer(
        commune=site,
        name="Notifying commune",
        base_url=fake_peer.url,
        allow_private_address=True,
        publication=PublicationMode.PUBLISH,
    )
    peer.push_secret = SECRET
    peer.save()
    fake_peer.serve_feed([change(1, 42)])
    fake_peer.serve_items([news_item(fake_peer.url, 42, "خبر عاجل")])
    return peer


def post(client, peer, body, headers):
    extra = {
        f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items() if name != "Content-Type"
    }
    return client.post(peer.inbound_path(), body, content_type="application/json", **extra)


def test_valid_notification_triggers_a_pull(client, sender):
    body, headers = signed_notification(SECRET, {"event": "published", "type": "news", "id": 42})
    response = post(client, sender, body, headers)
    assert response.status_code == 202, response.content
    copy = SyndicatedCopy.objects.get(peer=sender, original_id=42)
    assert NewsPage.objects.get(pk=copy.page_id).live


def test_unsigned_notification_is_refused(client, sender):
    response = client.post(sender.inbound_path(), b'{"nonce": "0123456789abcdef"}', content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert not SyndicatedCopy.objects.exists()


def test_bad_signature_is_refused(client, sender):
    body, headers = signed_notification("not-the-shared-secret-at-all-0123456789", {"event": "published"})
    response = post(client, sender, body, headers)
    assert response.status_code == 403
    assert response.json()["status"] == 403
    assert not SyndicatedCopy.objects.exists()


def test_tampered_body_is_refused(client, sender):
    body, headers = signed_notification(SECRET, {"event": "published", "id": 1})
    response = post(client, sender, body.replace(b'"id": 1', b'"id": 2'), headers)
    assert response.status_code == 403


def test_stale_notification_is_refused(client, sender):
    body, headers = signed_notification(SECRET, {"event": "published"}, now=time.time() - 301)
    response = post(client, sender, body, headers)
    assert response.status_code == 403
    assert "too old" in response.json()["detail"]
    assert not SyndicatedCopy.objects.exists()


def test_replayed_notification_is_refused(client, sender):
    body, headers = signed_notification(SECRET, {"event": "published"})
    assert post(client, sender, body, headers).status_code == 202
    replay = post(client, sender, body, headers)
    assert replay.status_code == 403
    assert "already received" in replay.json()["detail"]


def test_unknown_key_is_refused(client, sender):
    body, headers = signed_notification(SECRET, {"event": "published"})
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items() if k != "Content-Type"}
    response = client.post(
        "/network/push/00000000-0000-0000-0000-000000000000/", body, content_type="application/json", **extra
    )
    assert response.status_code == 401


def test_publishing_notifies_subscribed_peers_with_a_signature(
    fake_peer, local_commune, django_capture_on_commit_callbacks
):
    site, sections, _groups = local_commune
    subscriber = Peer(
        commune=site,
        name="Subscriber",
        base_url=fake_peer.url,
        push_url=f"{fake_peer.url}/inbox",
        allow_private_address=True,
    )
    subscriber.push_secret = SECRET
    subscriber.save()
    fake_peer.routes["/inbox"] = lambda handler, query: handler.send_json({}, status=202)

    page = NewsPage(title="خبر محلي", slug="local-news", category="council")
    sections["news"].add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    [received] = [request for request in fake_peer.received if request["path"] == "/inbox"]
    headers = {name.lower(): value for name, value in received["headers"].items()}
    stamp = headers[TIMESTAMP_HEADER.lower()]
    assert headers[SIGNATURE_HEADER.lower()] == signature(SECRET, stamp, received["body"])
    assert abs(int(stamp) - time.time()) < 60
    payload = json.loads(received["body"])
    assert payload["id"] == page.pk and payload["type"] == "news" and len(payload["nonce"]) >= 16


def test_copies_do_not_notify_anyone(fake_peer, sender, django_capture_on_commit_callbacks):
    sender.push_url = f"{fake_peer.url}/inbox"
    sender.save()
    from network.sync import pull_peer

    with django_capture_on_commit_callbacks(execute=True):
        assert pull_peer(sender).created == 1
    assert not [request for request in fake_peer.received if request["path"] == "/inbox"]
