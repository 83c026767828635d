"""The offices' view (counts, log, pause, addresses only with the permission) and the lists as feeds."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from home.communes import create_commune
from pages.models import NewsIndexPage, NewsPage
from subscriptions.models import Delivery, MailingList, Subscriber, Subscription
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def follower(site, email, kinds, frequency="immediate"):
    subscriber = Subscriber.objects.create(commune=site, email=email, language="ar", frequency=frequency)
    for kind in kinds:
        Subscription.objects.create(subscriber=subscriber, kind=kind)
    return subscriber


def staff_of(commune, *extra_permissions):
    """An officer of the commune's communication office, with the subscription permissions given."""
    user = UserFactory()
    user.groups.add(commune.groups["communication"])
    group, _created = Group.objects.get_or_create(name=f"{commune.site.site_name} — Subscriptions")
    for codename in ("view_mailinglist", "change_mailinglist", "view_dispatch", "view_delivery", *extra_permissions):
        group.permissions.add(Permission.objects.get(content_type__app_label="subscriptions", codename=codename))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def other_commune(site):
    home = create_commune(slug="other", hostname="other.localhost", name_ar="جماعة أخرى", name_fr="Autre commune")
    from wagtail.models import Site

    return Site.objects.get(root_page=home)


def test_offices_see_counts_of_their_commune_only_and_no_address(commune, site, other_commune):
    follower(site, "first@example.ma", ["news", "tenders"])
    follower(site, "second@example.ma", ["news"], frequency="weekly")
    follower(other_commune, "elsewhere@example.ma", ["news"])
    client = staff_of(commune)
    page = client.get(reverse("subscriptions_lists"))
    assert page.status_code == 200
    tables = page.context["tables"]
    assert [table["commune"] for table in tables] == [site]
    news = next(row for row in tables[0]["rows"] if row["kind"] == "news")
    assert (news["total"], news["immediate"], news["weekly"]) == (2, 1, 1)
    html = page.content.decode()
    assert "first@example.ma" not in html and "elsewhere" not in html
    assert client.get(reverse("subscriptions_subscribers:index")).status_code in (302, 403)


def test_the_dedicated_permission_shows_addresses_of_the_commune_only(commune, site, other_commune):
    follower(site, "first@example.ma", ["news"])
    follower(other_commune, "elsewhere@example.ma", ["news"])
    client = staff_of(commune, "view_subscriber", "view_subscriber_addresses")
    html = client.get(reverse("subscriptions_subscribers:index")).content.decode()
    assert "first@example.ma" in html
    assert "elsewhere@example.ma" not in html


def test_pausing_a_list_holds_its_messages(commune, site, django_capture_on_commit_callbacks):
    follower(site, "reader@example.ma", ["news"])
    client = staff_of(commune)
    response = client.post(reverse("subscriptions_pause", args=[site.pk, "news"]))
    assert response.status_code == 302
    assert MailingList.objects.get(commune=site, kind="news").paused
    news = NewsPage(title="خبر أثناء التوقف", slug="paused-news", category="social")
    commune.sections[NewsIndexPage].add_child(instance=news)
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    assert mail.outbox == []
    log = client.get(reverse("subscriptions_messages:index")).content.decode()
    assert "خبر أثناء التوقف" in log


def test_staff_cannot_pause_another_communes_list(commune, site, other_commune):
    client = staff_of(commune)
    response = client.post(reverse("subscriptions_pause", args=[other_commune.pk, "news"]))
    # The admin answers a refusal by sending the user back to its dashboard.
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != reverse("subscriptions_lists")
    assert not MailingList.objects.filter(commune=other_commune).exists()


def test_the_send_log_shows_statuses_without_addresses(commune, site, django_capture_on_commit_callbacks):
    follower(site, "reader@example.ma", ["news"])
    news = NewsPage(title="خبر للسجل", slug="logged-news", category="social")
    commune.sections[NewsIndexPage].add_child(instance=news)
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    assert Delivery.objects.get().status == "sent"
    html = staff_of(commune).get(reverse("subscriptions_log:index")).content.decode()
    assert "خبر للسجل" in html
    assert "reader@example.ma" not in html


def test_each_list_is_a_feed_in_atom_json_feed_and_the_api(commune, site, client, django_capture_on_commit_callbacks):
    for number, category in enumerate(["social", "council"]):
        news = NewsPage(title=f"خبر للخلاصة {number}", slug=f"feed-news-{number}", category=category, intro="ملخص")
        commune.sections[NewsIndexPage].add_child(instance=news)
        with django_capture_on_commit_callbacks(execute=True):
            news.save_revision().publish()
    atom = client.get("/api/subscriptions/feeds/news.atom", {"locale": "ar"})
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "خبر للخلاصة 0" in atom.content.decode() and "خبر للخلاصة 1" in atom.content.decode()
    feed = json.loads(client.get("/api/subscriptions/feeds/news.json", {"category": "council"}).content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["title"] for item in feed["items"]] == ["خبر للخلاصة 1"]
    # JSON Feed 1.1 and the declared schema: every author has a name and a link.
    assert all(author["name"] and author["url"].startswith("http") for author in feed["authors"])
    listing = json.loads(client.get("/api/subscriptions/news").content)
    assert [item["title"] for item in listing["items"]] == ["خبر للخلاصة 1", "خبر للخلاصة 0"]
    assert client.get("/api/subscriptions/unknown").status_code == 422
    assert client.get("/api/subscriptions/news", {"commune": 999999}).status_code == 404
    form = client.get("/fr/subscribe/").content.decode()
    assert "/api/subscriptions/feeds/tenders.atom?locale=fr" in form


def bounce_for(message):
    return (
        "From: MAILER-DAEMON@example.ma\r\nTo: portail@bawaba.localhost\r\nSubject: Undelivered Mail\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nThe address does not exist.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.ma\r\n\r\n"
        "Final-Recipient: rfc822; gone@example.ma\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {message.extra_headers['Message-ID']}\r\n"
        f"Subject: {message.subject}\r\n\r\n--b--\r\n"
    ).encode()


def test_bounces_are_logged_and_a_dead_address_is_erased(commune, site, settings, django_capture_on_commit_callbacks):
    from subscriptions.bounces import record_bounce

    settings.SUBSCRIPTIONS_MAX_BOUNCES = 2
    gone = follower(site, "gone@example.ma", ["news"])
    for number in range(2):
        news = NewsPage(title=f"خبر {number} لعنوان ميت", slug=f"bounce-news-{number}", category="social")
        commune.sections[NewsIndexPage].add_child(instance=news)
        with django_capture_on_commit_callbacks(execute=True):
            news.save_revision().publish()
    first, second = mail.outbox
    assert record_bounce(bounce_for(first)) == 1
    assert record_bounce(bounce_for(first)) == 0
    assert Delivery.objects.filter(status="bounced").count() == 1
    assert Subscriber.objects.get(pk=gone.pk).bounces == 1
    assert record_bounce(bounce_for(second)) == 1
    assert not Subscriber.objects.filter(pk=gone.pk).exists()
    assert Delivery.objects.filter(status="bounced").count() == 2
