"""Alerts: a publication reaches each follower once, in their language; digests; restarts; retries; pauses."""

import datetime
import itertools
from collections import Counter

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from pages.models import NewsIndexPage, NewsPage, TenderIndexPage, TenderPage
from subscriptions.digests import send_digests
from subscriptions.models import Delivery, DeliveryStatus, Dispatch, MailingList, Subscriber, Subscription
from tests.utils import localized

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def follower(site, email, kinds, language="ar", frequency="immediate", **filters):
    subscriber = Subscriber.objects.create(commune=site, email=email, language=language, frequency=frequency)
    for kind in kinds:
        Subscription.objects.create(subscriber=subscriber, kind=kind, **filters.get(kind, {}))
    return subscriber


def publish_news(commune, capture, title=None, category="announcement", language="ar"):
    index = commune.sections[NewsIndexPage]
    if language != "ar":
        index = localized(index, language)
    number = next(_numbers)
    page = NewsPage(
        title=title or f"خبر جديد {number}", slug=f"fresh-news-{number}", category=category, intro="ملخص الخبر"
    )
    index.add_child(instance=page)
    with capture(execute=True):
        page.save_revision().publish()
    return page


def test_a_publication_sends_one_message_per_follower_in_their_language(
    commune, site, django_capture_on_commit_callbacks
):
    readers = {
        language: follower(site, f"reader-{language}@example.ma", ["news"], language=language)
        for language in ("ar", "fr", "zgh")
    }
    follower(site, "tenders-only@example.ma", ["tenders"])
    follower(site, "council-news@example.ma", ["news"], news={"categories": ["council"]})
    follower(site, "weekly@example.ma", ["news"], frequency="weekly")

    page = publish_news(commune, django_capture_on_commit_callbacks, title="افتتاح المكتبة الجماعية")

    assert sorted(message.to[0] for message in mail.outbox) == sorted(s.email for s in readers.values())
    by_reader = {message.to[0]: message for message in mail.outbox}
    assert (
        by_reader["reader-ar@example.ma"].subject.startswith("الأخبار")
        or "افتتاح" in by_reader["reader-ar@example.ma"].subject
    )
    assert by_reader["reader-fr@example.ma"].subject.startswith("Actualités")
    assert 'lang="fr"' in by_reader["reader-fr@example.ma"].alternatives[0][0]
    assert 'dir="rtl"' in by_reader["reader-ar@example.ma"].alternatives[0][0]
    assert 'lang="zgh"' in by_reader["reader-zgh@example.ma"].alternatives[0][0]
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/subscribe/leave/" in message.extra_headers["List-Unsubscribe"]
        assert "افتتاح المكتبة الجماعية" in message.body
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 3

    # Publishing again, or publishing its translation, is the same item: nobody hears of it twice.
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        french = page.copy_for_translation(localized(commune.home, "fr").locale)
        french.title = "Ouverture de la bibliothèque"
        french.save_revision().publish()
    assert mail.outbox == []
    assert Dispatch.objects.get(page=page).content["fr"]["title"] == "Ouverture de la bibliothèque"


def test_tender_followers_get_only_their_procedures_and_categories(commune, site, django_capture_on_commit_callbacks):
    follower(site, "any@example.ma", ["tenders"])
    follower(site, "open-works@example.ma", ["tenders"], tenders={"procedures": ["open"], "categories": ["works"]})
    follower(site, "restricted@example.ma", ["tenders"], tenders={"procedures": ["restricted"]})
    index = commune.sections[TenderIndexPage]
    tender = TenderPage(
        title="تهيئة الطرق",
        slug="roads-works",
        reference="AO-77/2026",
        subject="أشغال",
        procedure="open",
        category="works",
        published_on=timezone.localdate(),
        submission_deadline=timezone.now() + datetime.timedelta(days=20),
    )
    index.add_child(instance=tender)
    with django_capture_on_commit_callbacks(execute=True):
        tender.save_revision().publish()
    assert sorted(message.to[0] for message in mail.outbox) == ["any@example.ma", "open-works@example.ma"]


def test_weekly_digest_gathers_the_week_once(commune, site, django_capture_on_commit_callbacks):
    weekly = follower(site, "weekly@example.ma", ["news", "tenders"], language="fr", frequency="weekly")
    follower(site, "daily-legal@example.ma", ["legal"], frequency="daily")
    first = publish_news(commune, django_capture_on_commit_callbacks, title="خبر الأسبوع الأول")
    second = publish_news(commune, django_capture_on_commit_callbacks, title="خبر الأسبوع الثاني")
    assert mail.outbox == []

    next_week = timezone.now() + datetime.timedelta(days=7)
    assert send_digests("weekly", now=next_week) == 1
    (digest,) = mail.outbox
    assert digest.to == [weekly.email]
    assert "hebdomadaire" in digest.subject
    assert first.title in digest.body and second.title in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The daily reader follows legal texts only: none was published, so they receive nothing.
    assert send_digests("daily", now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1

    assert send_digests("weekly", now=next_week) == 0
    call_command("send_digests", "weekly")
    assert len(mail.outbox) == 1


def test_an_alert_goes_at_once_to_every_follower_even_digest_readers(
    commune, site, django_capture_on_commit_callbacks
):
    follower(site, "alerts-weekly@example.ma", ["alerts"], frequency="weekly")
    follower(site, "alerts-fr@example.ma", ["alerts"], language="fr")
    follower(site, "news@example.ma", ["news"])
    home = commune.home.specific
    home.alert_message = "انقطاع الماء غدا بحي السلام"
    home.alert_severity = "danger"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["alerts-fr@example.ma", "alerts-weekly@example.ma"]
    french = next(message for message in mail.outbox if message.to == ["alerts-fr@example.ma"])
    assert "Alerte" in french.subject
    assert "انقطاع الماء" in french.body


def test_a_paused_list_sends_nothing(commune, site, django_capture_on_commit_callbacks):
    follower(site, "reader@example.ma", ["news"])
    MailingList.objects.create(commune=site, kind="news", paused=True)
    publish_news(commune, django_capture_on_commit_callbacks)
    assert mail.outbox == []


class FlakyBackend(EmailBackend):
    """Refuses every message, as a mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failed_send_is_retried_up_to_the_limit_and_recorded(
    commune, site, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.subscriptions.test_sending.FlakyBackend"
    settings.SUBSCRIPTIONS_MAX_ATTEMPTS = 3
    follower(site, "reader@example.ma", ["news"])
    publish_news(commune, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert "mail server down" in delivery.last_error


class WorkerKilled(KeyboardInterrupt):
    """The worker process dies: nothing after this runs."""


class CrashingBackend(EmailBackend):
    """Delivers ``limit`` messages, then the worker dies while handing over the next one."""

    limit = 0

    def send_messages(self, messages):
        sent = len(mail.outbox)
        if sent + len(messages) > self.limit:
            raise WorkerKilled
        return super().send_messages(messages)


def test_a_restart_in_the_middle_of_a_large_send_serves_everyone_once(
    commune, site, settings, django_capture_on_commit_callbacks
):
    total = 2000
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(commune=site, email=f"citizen{number}@example.ma", language=("ar", "fr", "zgh")[number % 3])
        for number in range(total)
    )
    Subscription.objects.bulk_create(Subscription(subscriber=subscriber, kind="news") for subscriber in subscribers)
    settings.EMAIL_BACKEND = "tests.subscriptions.test_sending.CrashingBackend"
    settings.SUBSCRIPTIONS_BATCH_SIZE = 250
    CrashingBackend.limit = 777

    with pytest.raises(WorkerKilled):
        publish_news(commune, django_capture_on_commit_callbacks, title="خبر للجميع")
    assert len(mail.outbox) == 777
    assert Delivery.objects.count() == total
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 777

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending")

    served = Counter(message.to[0] for message in mail.outbox)
    assert len(served) == total
    assert set(served.values()) == {1}
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == total
    call_command("send_pending")
    assert len(mail.outbox) == total
