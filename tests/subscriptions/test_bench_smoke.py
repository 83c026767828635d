"""The subscriptions bench in miniature: its subscribers, its publication through the task path, its mail
backend and outbox count, a restart midway; and what one message costs in queries (never time).

``bench/subscriptions_bench.py`` runs this with 10,000 subscribers and ``db_worker`` processes.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import subscriptions_bench as bench
from pages.models import NewsIndexPage
from subscriptions.models import Delivery, DeliveryStatus
from subscriptions.sending import fan_out, send_batch

pytestmark = pytest.mark.django_db

SUBSCRIBERS = 30


@pytest.fixture
def outbox(tmp_path, monkeypatch, settings):
    monkeypatch.setenv("BENCH_OUTBOX", str(tmp_path))
    settings.EMAIL_BACKEND = "bench.subscriptions_bench.OutboxFileBackend"
    return tmp_path


class WorkerKilled(KeyboardInterrupt):
    """The worker dies while handing a message over; nothing after this runs."""


class DyingBackend(bench.OutboxFileBackend):
    left = 0

    def send_messages(self, messages):
        if DyingBackend.left <= 0:
            raise WorkerKilled
        DyingBackend.left -= len(messages)
        return super().send_messages(messages)


def test_bench_publication_reaches_each_subscriber_once_through_the_tasks(
    commune, site, outbox, django_capture_on_commit_callbacks
):
    bench.create_subscribers(site, SUBSCRIBERS)
    with django_capture_on_commit_callbacks(execute=True):
        _page, dispatch = bench.publish_news(commune.sections[NewsIndexPage], "خبر للمشتركين", "bench-smoke-1")
    served = bench.read_outbox(outbox, dispatch.pk)
    assert len(served) == SUBSCRIBERS and set(served.values()) == {1}
    assert bench.waiting(dispatch) == 0


def test_bench_restart_midway_serves_each_subscriber_once(
    commune, site, outbox, settings, django_capture_on_commit_callbacks
):
    bench.create_subscribers(site, SUBSCRIBERS)
    settings.EMAIL_BACKEND = "tests.subscriptions.test_bench_smoke.DyingBackend"
    settings.SUBSCRIPTIONS_BATCH_SIZE = 7
    DyingBackend.left = SUBSCRIBERS // 2
    with pytest.raises(WorkerKilled), django_capture_on_commit_callbacks(execute=True):
        _page, dispatch = bench.publish_news(commune.sections[NewsIndexPage], "خبر ثان", "bench-smoke-2")
    dispatch = Delivery.objects.select_related("dispatch").first().dispatch
    assert sum(bench.read_outbox(outbox, dispatch.pk).values()) == SUBSCRIBERS // 2

    settings.EMAIL_BACKEND = "bench.subscriptions_bench.OutboxFileBackend"
    call_command("send_pending")
    served = bench.read_outbox(outbox, dispatch.pk)
    assert len(served) == SUBSCRIBERS and set(served.values()) == {1}
    assert bench.waiting(dispatch) == 0


def test_a_message_costs_two_queries_whatever_the_batch(commune, site, outbox, django_capture_on_commit_callbacks):
    """Claiming and marking each row; the dispatch, the commune's names and its paused lists are read once
    per batch, and a send-log row queues no reference-index update."""
    bench.create_subscribers(site, SUBSCRIBERS)
    with django_capture_on_commit_callbacks(execute=False):
        _page, dispatch = bench.publish_news(commune.sections[NewsIndexPage], "خبر ثالث", "bench-smoke-3")
    ids = fan_out(dispatch)
    assert len(ids) == SUBSCRIBERS
    with CaptureQueriesContext(connection) as captured:
        assert send_batch(ids) == {DeliveryStatus.SENT: SUBSCRIBERS}
    per_message = [q["sql"] for q in captured.captured_queries if "subscriptions_delivery" in q["sql"]]
    assert len(per_message) == 2 * SUBSCRIBERS
    # Besides them: the batch's dispatch, the commune's names and paused lists, and the savepoints.
    queries = [q["sql"] for q in captured.captured_queries]
    others = [sql for sql in queries if "SAVEPOINT" not in sql and "subscriptions_delivery" not in sql]
    assert len(others) <= 5, others
