"""Repointing a peer: what was trusted for the old address (token, shared secret, private flag) is forgotten."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from network.models import Peer, PublicationMode
from network.sync import pull_peer

from .conftest import change, news_item

pytestmark = pytest.mark.django_db

TOKEN = "token-for-the-old-address-0123456789"
SECRET = "secret-for-the-old-address-0123456789"


@pytest.fixture
def old_peer(local_commune):
    site, _sections, _groups = local_commune
    peer = Peer(
        commune=site,
        name="Commune A",
        base_url="http://127.0.0.1:9",
        allow_private_address=True,
        publication=PublicationMode.PUBLISH,
        push_url="https://commune-a.example.ma/network/push/x/",
    )
    peer.token = TOKEN
    peer.push_secret = SECRET
    peer.save()
    return peer


@pytest.fixture
def staff_client(client, local_commune):
    """A staff member of the commune who may change peers, but is not an administrator."""
    _site, _sections, groups = local_commune
    user = get_user_model().objects.create_user("network-staff", "s@example.ma", "x-password-1", is_staff=True)
    user.groups.add(groups["communication"])
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="network", codename__in=["view_peer", "change_peer"]),
    )
    client.force_login(user)
    return client


def edit_form(peer, **changes):
    data = {
        "name": peer.name,
        "commune": peer.commune_id,
        "base_url": peer.base_url,
        "publication": peer.publication,
        "enabled": "on",
        "push_url": peer.push_url,
        "new_token": "",
        "new_push_secret": "",
        **changes,
    }
    if peer.allow_private_address:
        data.setdefault("allow_private_address", "on")
    return data


def test_staff_repointing_a_peer_forgets_its_secrets_and_private_flag(staff_client, old_peer, fake_peer):
    fake_peer.serve_feed([change(1, 7)])
    fake_peer.serve_items([news_item(fake_peer.url, 7)])
    url = reverse("network_peers:edit", args=[old_peer.pk])
    response = staff_client.post(url, edit_form(old_peer, base_url=fake_peer.url, allow_private_address="on"))
    assert response.status_code == 302, response.content.decode()[-2000:]

    old_peer.refresh_from_db()
    assert old_peer.base_url.startswith(fake_peer.url)
    assert old_peer.token_encrypted == "" and old_peer.token == ""
    assert old_peer.push_secret_encrypted == "" and old_peer.push_secret == ""
    assert old_peer.allow_private_address is False

    # The next pull: the loopback address is no longer allowed, so nothing at all is sent to it.
    report = pull_peer(old_peer)
    assert not report.ok and "private or local" in report.error
    assert fake_peer.received == []

    # Once an administrator allows the address again (without re-entering the token), the pull carries none.
    Peer.objects.filter(pk=old_peer.pk).update(allow_private_address=True)
    old_peer.refresh_from_db()
    report = pull_peer(old_peer)
    assert report.ok, report.error
    assert report.created == 1
    assert fake_peer.received and all("Authorization" not in request["headers"] for request in fake_peer.received)


def test_an_unchanged_address_keeps_the_secrets(staff_client, old_peer):
    url = reverse("network_peers:edit", args=[old_peer.pk])
    response = staff_client.post(url, edit_form(old_peer, name="Commune A (renamed)"))
    assert response.status_code == 302, response.content.decode()[-2000:]
    old_peer.refresh_from_db()
    assert old_peer.name == "Commune A (renamed)"
    assert old_peer.token == TOKEN and old_peer.push_secret == SECRET and old_peer.allow_private_address


def test_staff_cannot_allow_a_private_address(staff_client, local_commune):
    site, _sections, _groups = local_commune
    peer = Peer.objects.create(commune=site, name="Public peer", base_url="https://commune-c.example.ma")
    url = reverse("network_peers:edit", args=[peer.pk])
    response = staff_client.post(url, edit_form(peer, allow_private_address="on"))
    assert response.status_code == 302
    peer.refresh_from_db()
    assert peer.allow_private_address is False


def test_secrets_entered_with_the_new_address_are_kept(admin_client, old_peer):
    url = reverse("network_peers:edit", args=[old_peer.pk])
    data = edit_form(
        old_peer, base_url="https://commune-d.example.ma", new_token="a-new-token-for-d", allow_private_address="on"
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    old_peer.refresh_from_db()
    assert old_peer.token == "a-new-token-for-d"
    assert old_peer.push_secret == ""  # not entered again
    assert old_peer.allow_private_address is False  # left ticked from before: not a decision for the new address

    response = admin_client.post(url, edit_form(old_peer, base_url="http://10.0.0.5", allow_private_address="on"))
    assert response.status_code == 302
    old_peer.refresh_from_db()
    assert old_peer.allow_private_address is True  # an administrator ticked it for this address


def test_repointing_in_code_forgets_too(old_peer):
    peer = Peer.objects.get(pk=old_peer.pk)
    peer.base_url = "https://elsewhere.example.ma"
    peer.save(update_fields=["base_url"])
    peer = Peer.objects.get(pk=old_peer.pk)
    assert (peer.token_encrypted, peer.push_secret_encrypted, peer.allow_private_address) == ("", "", False)


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("network-root", "r@example.ma", "x-password-1")
    client.force_login(admin)
    return client
