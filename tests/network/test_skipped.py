"""What a pull leaves out is reported: why, in the admin (each commune sees its own) and by a command."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.models import Site

from home.communes import create_commune, setup_editorial_groups
from network.models import MediaKind, Peer, PublicationMode, SkippedItem, SkipReason, SyndicatedCopy, SyndicatedMedia
from network.sync import pull_peer
from pages.models import NewsPage

from .conftest import change, news_item

pytestmark = pytest.mark.django_db


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def remote_image(peer_url, image_id, path):
    url = f"{peer_url}{path}"
    rendition = {"url": url, "width": 10, "height": 10}
    return {
        "id": image_id,
        "title": f"Image {image_id}",
        "alt": "",
        "credit": "",
        "width": 10,
        "height": 10,
        "renditions": {"large": rendition, "medium": rendition, "thumbnail": rendition},
    }


def serve_bytes(fake_peer, path, data):
    fake_peer.routes[path] = lambda handler, query: handler.send_json(None, raw=data)


@pytest.fixture
def peer(fake_peer, local_commune, settings):
    settings.BAWABA_NETWORK_MAX_MEDIA_BYTES = 4000
    site, _sections, _groups = local_commune
    peer = Peer.objects.create(
        commune=site,
        name="Leaky peer",
        base_url=fake_peer.url,
        allow_private_address=True,
        publication=PublicationMode.PUBLISH,
    )
    url = fake_peer.url
    serve_bytes(fake_peer, "/media/small.png", png(10, 10))
    serve_bytes(fake_peer, "/media/huge.png", b"\x89PNG" + b"0" * 20_000)
    serve_bytes(fake_peer, "/media/not-an-image.png", b"<html>surprise</html>")
    body = [
        {"type": "heading", "id": "h", "value": {"text": "عنوان", "level": "h2"}},
        {"type": "image", "id": "a", "value": {"image": remote_image(url, 50, "/media/small.png"), "caption": "ok"}},
        {"type": "image", "id": "b", "value": {"image": remote_image(url, 51, "/media/huge.png"), "caption": ""}},
        {"type": "image", "id": "c", "value": {"image": remote_image(url, 52, "/media/not-an-image.png")}},
        {
            "type": "documents",
            "id": "d",
            "value": {
                "title": "Files",
                "documents": [
                    {
                        "document": {
                            "id": 60,
                            "title": "Tool",
                            "url": f"{url}/documents/60/tool.exe",
                            "file_type": "exe",
                        },
                        "title": "",
                        "language": "",
                    }
                ],
            },
        },
        {"type": "poll", "id": "e", "value": {"question": "?"}},
    ]
    fake_peer.serve_feed([change(1, 1), change(2, 2), change(3, 3)])
    fake_peer.serve_items(
        [
            news_item(url, 1, "خبر بصور", body=body),
            news_item(url, 2, "Nouvelle en français", locale="fr"),
            news_item(url, 3, "خبر معيب", category="gossip"),
        ]
    )
    return peer


def test_what_is_left_out_is_recorded_with_its_reason(fake_peer, peer):
    report = pull_peer(peer)
    assert report.ok, report.error
    assert report.created == 1 and report.rejected == 1, report.summary()

    rows = {(row.original_id, row.reason) for row in SkippedItem.objects.filter(peer=peer)}
    assert rows == {
        (1, SkipReason.MEDIA_TOO_LARGE),  # image 51
        (1, SkipReason.MEDIA_TYPE),  # image 52 (not an image) and document 60 (.exe)
        (1, SkipReason.MEDIA_FAILED),  # the blocks left without their file
        (1, SkipReason.BLOCK),  # the poll
        (2, SkipReason.NO_SECTION),
        (3, SkipReason.INVALID),
    }
    subjects = set(SkippedItem.objects.filter(peer=peer, original_id=1).values_list("subject", flat=True))
    assert {"image 51", "image 52", "document 60", "block 6 (poll)"} <= subjects
    assert SkippedItem.objects.get(peer=peer, original_id=2).title == "Nouvelle en français"

    # The rest of the item was taken, with the one image that could be.
    page = NewsPage.objects.get(pk=SyndicatedCopy.objects.get(peer=peer, original_id=1).page_id)
    assert [block.block_type for block in page.body] == ["heading", "image"]
    small = SyndicatedMedia.objects.get(peer=peer, kind=MediaKind.IMAGE, original_id=50)
    assert page.body[1].value["image"].pk == small.image_id
    assert small.image.collection.name == peer.commune.site_name

    # The peer mends item 3: it is taken, and its report row goes.
    fake_peer.serve_feed([change(1, 1), change(2, 2), change(3, 3), change(4, 3)])
    fake_peer.serve_items([news_item(fake_peer.url, 3, "خبر مصحح")])
    assert pull_peer(peer).created == 1
    assert not SkippedItem.objects.filter(peer=peer, original_id=3).exists()
    assert SkippedItem.objects.filter(peer=peer, original_id=2).exists()


def staff(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.ma", "x-password-1")
    user.groups.add(group)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(content_type__app_label="network", codename="view_skippeditem"),
    )
    return user


def test_the_admin_report_shows_each_commune_its_own(client, fake_peer, peer, local_commune):
    _site, _sections, groups = local_commune
    pull_peer(peer)
    other_home = create_commune(slug="commune-c", hostname="c.localhost", name_ar="جماعة ج", name_fr="Commune C")
    other_groups = setup_editorial_groups(other_home)
    other_site = Site.objects.get(root_page=other_home)
    other_peer = Peer.objects.create(commune=other_site, name="Peer of C", base_url="https://p.example.ma")
    SkippedItem.objects.create(
        peer=other_peer,
        item_type="news",
        original_id=9,
        title="Secret of commune C",
        reason=SkipReason.INVALID,
        seen_at=peer.skipped.first().seen_at,
    )
    own_row = SkippedItem.objects.get(peer=peer, original_id=2)

    client.force_login(staff("b-staff", groups["communication"]))
    listing = client.get(reverse("network_skipped:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Nouvelle en français" in html and "No local section for this type and language" in html
    assert "Secret of commune C" not in html
    assert client.get(reverse("network_skipped:inspect", args=[own_row.pk])).status_code == 200
    other_row = SkippedItem.objects.get(peer=other_peer)
    refused = client.get(reverse("network_skipped:inspect", args=[other_row.pk]))
    assert refused.status_code in (302, 403) and "Secret of commune C" not in refused.content.decode()
    if refused.status_code == 302:
        assert refused.url == reverse("wagtailadmin_home")
    assert client.get(reverse("network_skipped:edit", args=[own_row.pk])).status_code in (302, 403, 404)

    client.force_login(staff("c-staff", other_groups["communication"]))
    html = client.get(reverse("network_skipped:index")).content.decode()
    assert "Secret of commune C" in html and "Nouvelle en français" not in html


def test_command_lists_what_was_left_out(fake_peer, peer, capsys):
    pull_peer(peer)
    call_command("network_skipped", "--peer", str(peer.pk))
    out = capsys.readouterr().out
    assert "Leaky peer\tnews 2\tNouvelle en français\tthe whole item\tNo local section" in out
    assert "image 51\tFile larger than the network limit" in out
    assert "document 60\tFile type not allowed" in out
    assert "9 left out." in out
    call_command("network_skipped", "--reason", "invalid")
    assert "1 left out." in capsys.readouterr().out
