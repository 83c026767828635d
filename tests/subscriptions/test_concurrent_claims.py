"""Two workers sending the same deliveries at the same time: each row is claimed by one of them only.

Row locks are PostgreSQL's (``SELECT … FOR UPDATE SKIP LOCKED OF`` the delivery, which is outer-joined to
its subscriber); SQLite has none and serialises writers with its database lock, so this runs on PostgreSQL
only. The workers are threads with connections of their own, on rows committed for them (and removed
afterwards), since rows of the test's own transaction are invisible to other connections.
"""

import threading
import time
from collections import Counter

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections
from wagtail.models import Locale, Page, Site

from subscriptions.models import Delivery, DeliveryStatus, Dispatch, Subscriber
from subscriptions.sending import send_batch

pytestmark = pytest.mark.django_db

DELIVERIES = 40
handed_over = []
handed_lock = threading.Lock()


class SlowBackend(EmailBackend):
    """A mail server that takes a few milliseconds per message, so that the two workers overlap."""

    def send_messages(self, messages):
        time.sleep(0.005)
        with handed_lock:
            handed_over.extend(message.to[0] for message in messages)
        return len(messages)


def in_own_connection(function):
    """Run ``function`` in a thread (its own, committed, connection) and return its result."""
    result = {}

    def run():
        try:
            result["value"] = function()
        except BaseException as error:  # re-raised in the test's thread
            result["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def committed_dispatch():
    """A commune of the test's own, committed: an earlier transactional test may have flushed every site."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code="ar")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="claims-root"))
    site = Site.objects.create(hostname="claims.localhost", port=80, site_name="Claims", root_page=root)
    dispatch = Dispatch.objects.create(
        commune=site, kind="news", key="concurrent-claims", content={"ar": {"title": "خبر", "url": "/ar/"}}
    )
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(commune=site, email=f"claim{number}@example.ma", language="ar") for number in range(DELIVERIES)
    )
    deliveries = Delivery.objects.bulk_create(
        Delivery(dispatch=dispatch, subscriber=subscriber, language="ar") for subscriber in subscribers
    )
    return dispatch.pk, [delivery.pk for delivery in deliveries]


def remove(dispatch_id):
    Dispatch.objects.filter(pk=dispatch_id).delete()
    Subscriber.objects.filter(email__startswith="claim", email__endswith="@example.ma").delete()
    Site.objects.filter(hostname="claims.localhost").delete()
    Page.objects.filter(slug="claims-root", depth=1).delete()


def test_two_workers_on_the_same_batch_send_each_delivery_once(settings):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers instead")
    settings.EMAIL_BACKEND = "tests.subscriptions.test_concurrent_claims.SlowBackend"
    handed_over.clear()
    dispatch_id, ids = in_own_connection(committed_dispatch)
    try:
        start = threading.Barrier(2)
        counts = [None, None]

        def worker(number):
            try:
                start.wait()
                counts[number] = send_batch(ids)  # both workers are handed the very same rows
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker, args=(number,)) for number in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        def statuses():
            return Counter(Delivery.objects.filter(dispatch_id=dispatch_id).values_list("status", flat=True))

        assert in_own_connection(statuses) == {DeliveryStatus.SENT: DELIVERIES}
        assert sorted(handed_over) == sorted(f"claim{number}@example.ma" for number in range(DELIVERIES))
        # Both workers sent some, and each passed over rows the other held or had sent.
        sent = [worker_counts.get(DeliveryStatus.SENT, 0) for worker_counts in counts]
        passed_over = [worker_counts.get(None, 0) for worker_counts in counts]
        assert sum(sent) == DELIVERIES and all(sent), counts
        assert [a + b for a, b in zip(sent, passed_over, strict=True)] == [DELIVERIES, DELIVERIES], counts
    finally:
        in_own_connection(lambda: remove(dispatch_id))
