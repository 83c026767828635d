"""Peers and copies in the admin: secrets never shown back, the private-address flag for administrators only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from network.models import Peer, PublicationMode, SyndicatedCopy
from network.sync import pull_peer
from pages.models import NewsPage

from .conftest import change, news_item

pytestmark = pytest.mark.django_db

TOKEN = "peer-token-never-to-be-shown-0123456789"


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("network-admin", "n@example.ma", "x-password-1")
    client.force_login(admin)
    return client


def peer_form(site, **extra):
    return {
        "name": "Commune A",
        "commune": site.pk,
        "base_url": "https://commune-a.example.ma",
        "publication": "publish",
        "enabled": "on",
        "new_token": TOKEN,
        "new_push_secret": "s" * 30,
        **extra,
    }


def test_token_is_stored_encrypted_and_never_shown_back(admin_client, local_commune):
    site, _sections, _groups = local_commune
    response = admin_client.post(reverse("network_peers:add"), peer_form(site, content_kinds=["news", "tenders"]))
    assert response.status_code == 302, response.content.decode()[-2000:]
    peer = Peer.objects.get(name="Commune A")
    assert peer.token == TOKEN and TOKEN not in peer.token_encrypted
    assert peer.push_secret == "s" * 30
    assert peer.content_kinds == ["news", "tenders"]

    for url in (reverse("network_peers:index"), reverse("network_peers:edit", args=[peer.pk])):
        page = admin_client.get(url).content.decode()
        assert TOKEN not in page and peer.token_encrypted not in page

    data = peer_form(site, new_token="", new_push_secret="")
    assert admin_client.post(reverse("network_peers:edit", args=[peer.pk]), data).status_code == 302
    peer.refresh_from_db()
    assert peer.token == TOKEN  # empty means keep


def test_only_administrators_may_allow_private_addresses(client, local_commune):
    site, _sections, groups = local_commune
    manager = get_user_model().objects.create_user("network-manager", "m@example.ma", "x-password-1")
    manager.groups.add(groups["communication"])
    manager.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="network", codename__in=["add_peer", "change_peer"]),
    )
    client.force_login(manager)
    response = client.post(reverse("network_peers:add"), peer_form(site, allow_private_address="on"))
    assert response.status_code == 302
    assert Peer.objects.get(name="Commune A").allow_private_address is False


def test_editor_hides_a_copy_from_the_copies_listing(admin_client, fake_peer, local_commune):
    site, _sections, _groups = local_commune
    peer = Peer.objects.create(
        commune=site, name="P", base_url=fake_peer.url, allow_private_address=True, publication=PublicationMode.PUBLISH
    )
    fake_peer.serve_feed([change(1, 1)])
    fake_peer.serve_items([news_item(fake_peer.url, 1)])
    pull_peer(peer)
    copy = SyndicatedCopy.objects.get(peer=peer)
    assert admin_client.get(reverse("network_copies:index")).status_code == 200
    response = admin_client.post(reverse("network_copies:edit", args=[copy.pk]), {"hidden": "on"})
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.hidden and not NewsPage.objects.get(pk=copy.page_id).live
    assert admin_client.get(reverse("network_copies:add")).status_code in (302, 403, 404)


def test_sync_network_command_prints_a_summary(fake_peer, local_commune, capsys):
    from django.core.management import call_command

    site, _sections, _groups = local_commune
    Peer.objects.create(commune=site, name="Cmd peer", base_url=fake_peer.url, allow_private_address=True)
    fake_peer.serve_feed([change(1, 1)])
    fake_peer.serve_items([news_item(fake_peer.url, 1)])
    call_command("sync_network")
    out, err = capsys.readouterr()
    assert "Cmd peer: 1 changes read, 1 created" in out
    assert "1 of 1 peers pulled without error." in out
    assert "[Cmd peer]" in err
