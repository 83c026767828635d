"""Cost of alerts at scale: one publication followed by 10,000 confirmed subscribers, sent by the worker,
and the same send with the worker killed midway and started again (goal, issue 16: within minutes, and
nobody gets the message twice).

The database is fresh (a SQLite file in a temporary folder, or ``--database-url``, e.g.
postgres://postgres@127.0.0.1:5432/bawaba_subscriptions_bench), migrated, with one commune and
``--subscribers`` confirmed subscribers following its news in Arabic, French and Amazigh. Tasks go
through django-tasks' database backend and are run by ``manage.py db_worker`` processes, as in
production; messages go to a mail backend that renders each message in full and appends its recipient
and Message-ID to a file (no mail server: what is measured is the project's work per message).

1. send: an editor publishes a news item; the time from the publication to the last message handed over,
   and messages per second;
2. restart: another item is published; the worker is killed (SIGKILL) once about half of the messages are
   out, a new worker is started and ``manage.py send_pending`` run, as after a crash; the script counts the
   messages each subscriber received (one each is the goal) and what is left waiting.

Run from the project folder:  ``.venv/bin/python bench/subscriptions_bench.py [--subscribers 10000]``
(not part of the test suite; ``tests/subscriptions/test_bench_smoke.py`` runs its paths in small).
"""

import argparse
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "fr", "zgh")
MESSAGE_ID = re.compile(r"<delivery-(\d+)\.(\d+)@")


class OutboxFileBackend(BaseEmailBackend):
    """Builds each message in full (MIME, both parts, headers) and records ``dispatch recipient delivery``
    on a line of a file in ``BENCH_OUTBOX`` (one file per process): the hand-over to a mail server."""

    def send_messages(self, messages):
        folder = os.environ["BENCH_OUTBOX"]
        with open(Path(folder) / f"outbox-{os.getpid()}.txt", "a", encoding="utf-8") as outbox:
            for message in messages:
                message.message().as_bytes()
                delivery, dispatch = MESSAGE_ID.match(message.extra_headers["Message-ID"]).groups()
                outbox.write(f"{dispatch} {message.to[0]} {delivery}\n")
                outbox.flush()
        return len(messages)


def read_outbox(folder, dispatch_id=None):
    """How many messages each recipient was handed, for one dispatch or all."""
    served = Counter()
    for path in Path(folder).glob("outbox-*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            if not line.endswith("\n"):
                continue  # being written by a worker at this very moment
            dispatch, recipient, _delivery = line.split()
            if dispatch_id is None or int(dispatch) == dispatch_id:
                served[recipient] += 1
    return served


def create_subscribers(site, count, kind="news"):
    """``count`` confirmed subscribers of ``site`` following ``kind`` at once, in the three languages."""
    from subscriptions.models import Subscriber, Subscription

    subscribers = Subscriber.objects.bulk_create(
        (
            Subscriber(commune=site, email=f"citizen{number}@example.ma", language=LANGUAGES[number % 3])
            for number in range(count)
        ),
        batch_size=1000,
    )
    Subscription.objects.bulk_create(
        (Subscription(subscriber=subscriber, kind=kind) for subscriber in subscribers), batch_size=1000
    )
    return subscribers


def publish_news(index, title, slug):
    """An editor publishes a news item: its dispatch is recorded and its task queued when the transaction
    commits (the editor's request does nothing more). Returns the page and its dispatch."""
    from django.db import transaction

    from pages.models import NewsPage
    from subscriptions.models import Dispatch

    with transaction.atomic():
        page = index.add_child(instance=NewsPage(title=title, slug=slug, category="announcement", intro="ملخص"))
        page.save_revision().publish()
    return page, Dispatch.objects.get(page=page)


def waiting(dispatch):
    """Deliveries of ``dispatch`` not yet sent, or ``None`` while its recipients are not listed."""
    from subscriptions.models import Delivery, DeliveryStatus

    dispatch.refresh_from_db(fields=["fanned_out_at"])
    if dispatch.fanned_out_at is None:
        return None
    return Delivery.objects.filter(dispatch=dispatch, status=DeliveryStatus.PENDING).count()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10000)
    parser.add_argument("--batch-size", type=int, default=200, help="Deliveries per send task (the setting).")
    parser.add_argument("--workers", type=int, default=1, help="db_worker processes (default 1).")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--timeout", type=float, default=1800, help="Seconds to wait for each send.")
    parser.add_argument("--only", choices=("send", "restart"), help="Run one of the two scenarios only.")
    args = parser.parse_args()
    print(machine())

    workdir = tempfile.mkdtemp(prefix="subscriptions-bench-")
    outbox = Path(workdir) / "outbox"
    outbox.mkdir()
    environment = {
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "bench.subscriptions_settings",
        "TEST_MEDIA_ROOT": f"{workdir}/media",
        "BENCH_OUTBOX": str(outbox),
        "SUBSCRIPTIONS_BATCH_SIZE": str(args.batch_size),
    }
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Site

    from home.communes import create_commune
    from pages.models import NewsIndexPage

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"database: {connection.vendor}, migrated in {time.monotonic() - started:.1f} s")
    home = create_commune(slug="bench-s", hostname="bench.localhost", name_ar="ب", name_fr="B")
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=NewsIndexPage(title="news", slug="news"))
        index.save_revision().publish()
    site = Site.objects.get(root_page=home)
    started = time.monotonic()
    create_subscribers(site, args.subscribers)
    print(f"{args.subscribers} confirmed subscribers created in {time.monotonic() - started:.1f} s")
    connection.close()  # the workers are other processes; this one only watches

    def start_workers():
        return [
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
                cwd=ROOT,
                env={**os.environ, **environment},
                stdout=subprocess.DEVNULL,
                stderr=open(Path(workdir) / "worker.log", "ab"),
            )
            for _ in range(args.workers)
        ]

    def stop(workers, sig=signal.SIGTERM):
        for worker in workers:
            worker.send_signal(sig)
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    def wait_until_sent(dispatch, deadline):
        while time.monotonic() < deadline:
            if waiting(dispatch) == 0:
                return True
            time.sleep(0.5)
        return False

    if args.only != "restart":
        measure_send(args, index, outbox, start_workers, stop, wait_until_sent)
    if args.only != "send":
        measure_restart(args, index, outbox, start_workers, stop, wait_until_sent, environment)
    print(f"load average after the run: {load_average()}")


def measure_send(args, index, outbox, start_workers, stop, wait_until_sent):
    """1. One publication, sent by the worker."""
    workers = start_workers()
    try:
        began = time.monotonic()
        _page, dispatch = publish_news(index, "خبر لجميع المشتركين", "bench-news-1")
        done = wait_until_sent(dispatch, began + args.timeout)
        elapsed = time.monotonic() - began
    finally:
        stop(workers)
    served = read_outbox(outbox, dispatch.pk)
    sent = sum(served.values())
    print(
        f"send: {sent} messages to {len(served)} subscribers in {elapsed:.1f} s, {sent / elapsed:.0f} messages/s, "
        f"{args.workers} worker(s), batches of {args.batch_size}" + ("" if done else " — timed out")
    )
    print(f"  goal within minutes (10 min): {'met' if done and elapsed <= 600 else 'missed'}")
    once = set(served.values()) == {1} and len(served) == args.subscribers
    print(f"  each subscriber once: {'yes' if once else 'NO'}")


def measure_restart(args, index, outbox, start_workers, stop, wait_until_sent, environment):
    """2. The same with the worker killed midway and started again."""
    workers = start_workers()
    began = time.monotonic()
    try:
        _page, dispatch = publish_news(index, "خبر ثان للجميع", "bench-news-2")
        half = args.subscribers // 2
        while time.monotonic() < began + args.timeout and sum(read_outbox(outbox, dispatch.pk).values()) < half:
            time.sleep(0.05)
    finally:
        stop(workers, signal.SIGKILL)
    at_kill = sum(read_outbox(outbox, dispatch.pk).values())
    print(f"restart: worker killed (SIGKILL) after {at_kill} messages, {time.monotonic() - began:.1f} s in")
    resumed = time.monotonic()
    workers = start_workers()
    try:
        subprocess.run(
            [sys.executable, "manage.py", "send_pending"], cwd=ROOT, env={**os.environ, **environment}, check=True
        )
        done = wait_until_sent(dispatch, resumed + args.timeout)
        elapsed = time.monotonic() - began
    finally:
        stop(workers)
    served = read_outbox(outbox, dispatch.pk)
    twice = sum(1 for count in served.values() if count > 1)
    print(
        f"  after the restart: {sum(served.values())} messages to {len(served)} of {args.subscribers} subscribers, "
        f"{twice} served more than once, {waiting(dispatch)} still waiting; {elapsed:.1f} s in all, "
        f"{time.monotonic() - resumed:.1f} s after the restart" + ("" if done else " — timed out")
    )
    print(f"  each subscriber once: {'yes' if twice == 0 and len(served) == args.subscribers else 'NO'}")


def load_average():
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def machine():
    """What the figures were measured on: the machine is shared, so its load is part of the result."""
    model = ""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    except OSError:
        pass
    return (
        f"machine: {os.cpu_count()} CPUs {model}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; load average before the run: {load_average()}"
    )


if __name__ == "__main__":
    main()
