"""Cost of syndication: taking 5,000 items from a peer (goal: 60 s on PostgreSQL), and pulls when nothing
changed (goal: under 2 s).

A synthetic peer (a small HTTP server on 127.0.0.1 in a thread) serves a change feed of N news items
and their details exactly as a Bawaba portal API does; with ``--images K`` the items show K distinct
images (each fetched once, then reused). The local side is a fresh database (a SQLite file in a
temporary folder, or ``--database-url``, e.g. postgres://postgres@127.0.0.1:5432/bawaba_network_bench),
migrated, with one commune. The script prints the machine (CPU, load average), then wall time, the CPU time
of its own process (less dependent on the machine's load; the synthetic peer runs in it too), SQL queries
(and how many write) and HTTP requests for:

1. the first pull, taking the N items;
2. a pull with nothing new (the cursor at the end of the feed);
3. a re-sync of the whole feed from cursor 0 with nothing changed (a cursor lost, a peer set up again):
   every change is read again, and skipped by its cursor and date without fetching the item.

Run from the project folder:  ``.venv/bin/python bench/network_bench.py [--items 5000]``  (not part of CI).
"""

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent


class SyntheticPeer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes: without this, Nagle's algorithm holds the body back until the
    # client's delayed acknowledgement (about 40 ms a request on Linux), which a real server does not.
    disable_nagle_algorithm = True
    count = 0
    images = 0
    requests = 0
    png = b""
    #: CPU time the peer's threads spent answering (part of the bench process's own CPU time).
    cpu = 0.0
    lock = threading.Lock()
    #: Requests being answered now, the most at once, and how long an item's own address holds its answer.
    in_flight = most_in_flight = 0
    hold = 0.0
    #: Whether the typed list can be filtered by id (``False``: an older portal, read item by item).
    bulk = True

    def log_message(self, *args):
        pass

    @classmethod
    def item(cls, number, base):
        """One news item as a Bawaba portal's API serves it."""
        body = [
            {"type": "heading", "id": "a", "value": {"text": "عنوان فرعي", "level": "h2"}},
            {
                "type": "paragraph",
                "id": "b",
                "value": f"<p>نص الخبر <b>{number}</b> مع <a href='https://example.ma/'>رابط</a></p>",
            },
        ]
        if cls.images:
            image_id = number % cls.images + 1
            rendition = {"url": f"{base}/media/{image_id}.png", "width": 32, "height": 24}
            image = {
                "id": image_id,
                "title": f"صورة {image_id}",
                "alt": "",
                "credit": "",
                "width": 32,
                "height": 24,
                "renditions": {"large": rendition, "medium": rendition, "thumbnail": rendition},
            }
            body.append({"type": "image", "id": "c", "value": {"image": image, "caption": ""}})
        return {
            "id": number,
            "type": "news",
            "title": f"خبر رقم {number} من الجماعة الشريكة",
            "slug": f"news-{number}",
            "locale": "ar",
            "url": f"{base}/ar/news/news-{number}/",
            "intro": "مقدمة الخبر",
            "first_published_at": "2026-01-01T10:00:00Z",
            "body": body,
            "date": "2026-01-01",
            "category": "council",
            "source_name": "",
            "source_url": "",
            "translations": [],
        }

    def do_GET(self):
        peer = type(self)
        with peer.lock:
            peer.requests += 1
            peer.in_flight += 1
            peer.most_in_flight = max(peer.most_in_flight, peer.in_flight)
        began = time.thread_time()
        try:
            if peer.hold and self.path.startswith("/api/news/"):
                time.sleep(peer.hold)
            self.answer()
        finally:
            with peer.lock:
                peer.cpu += time.thread_time() - began
                peer.in_flight -= 1

    def answer(self):
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        base = f"http://127.0.0.1:{self.server.server_port}"
        if parts.path == "/api/changes":
            since = int(query.get("since", ["0"])[0])
            limit = int(query.get("limit", ["100"])[0])
            cursors = range(since + 1, min(since + limit, self.count) + 1)
            data = {
                "items": [
                    {
                        "cursor": cursor,
                        "action": "created",
                        "type": "news",
                        "id": cursor,
                        "locale": "ar",
                        "commune": 1,
                        "occurred_at": f"2026-01-01T{cursor // 3600:02d}:{cursor // 60 % 60:02d}:{cursor % 60:02d}Z",
                        "api_url": f"{base}/api/news/{cursor}",
                    }
                    for cursor in cursors
                ],
                "next_cursor": cursors[-1] if cursors else since,
                "has_more": bool(cursors) and cursors[-1] < self.count,
            }
        elif parts.path.startswith("/media/"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(self.png)))
            self.end_headers()
            self.wfile.write(self.png)
            return
        elif parts.path == "/api/news" and self.bulk:
            ids = [int(value) for value in query.get("id", [])]
            results = [self.item(number, base) for number in ids if 1 <= number <= self.count]
            data = {"count": len(results), "next": None, "previous": None, "results": results}
        elif parts.path.startswith("/api/news/"):
            data = self.item(int(parts.path.rsplit("/", 1)[1]), base)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        payload = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--images", type=int, default=0, help="Distinct images the items show (default none).")
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--item-by-item", action="store_true", help="Serve as an older portal: no typed list filtered by id."
    )
    args = parser.parse_args()
    print(machine())

    workdir = tempfile.mkdtemp(prefix="network-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["TEST_MEDIA_ROOT"] = f"{workdir}/media"
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Site

    from home.communes import create_commune
    from network.models import Peer, PublicationMode, SyndicatedCopy
    from network.sync import pull_peer
    from pages.models import NewsIndexPage

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        version = connection.vendor
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version += " " + cursor.fetchone()[0]
    print(f"database: {version}, migrated in {time.monotonic() - started:.1f} s")
    home = create_commune(slug="bench-b", hostname="bench.localhost", name_ar="ب", name_fr="B")
    if not NewsIndexPage.objects.child_of(home).exists():
        home.add_child(instance=NewsIndexPage(title="news", slug="news")).save_revision().publish()

    SyntheticPeer.count = args.items
    SyntheticPeer.images = args.images
    SyntheticPeer.bulk = not args.item_by_item
    if args.images:
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (32, 24), "teal").save(buffer, "PNG")
        SyntheticPeer.png = buffer.getvalue()
    server = ThreadingHTTPServer(("127.0.0.1", 0), SyntheticPeer)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Peer.objects.filter(name="Bench peer").delete()
    peer = Peer.objects.create(
        commune=Site.objects.get(root_page=home),
        name="Bench peer",
        base_url=f"http://127.0.0.1:{server.server_port}",
        allow_private_address=True,
        publication=PublicationMode.PUBLISH,
        content_kinds=["news"],
    )

    def measure(label):
        SyntheticPeer.requests, SyntheticPeer.cpu = 0, 0.0
        counts = {"queries": 0, "writes": 0}

        def count(execute, sql, params, many, context):
            counts["queries"] += 1
            counts["writes"] += sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            return execute(sql, params, many, context)

        database_cpu = server_cpu(connection)
        with connection.execute_wrapper(count):
            began, cpu = time.monotonic(), time.process_time()
            report = pull_peer(peer)
            elapsed, cpu = time.monotonic() - began, time.process_time() - cpu
        database_cpu = server_cpu(connection) - database_cpu if database_cpu is not None else None
        on_server = f", {database_cpu:.2f} s in the database server" if database_cpu is not None else ""
        print(
            f"{label}: {elapsed:.2f} s ({cpu:.2f} s of CPU in this process, {SyntheticPeer.cpu:.2f} s of it the "
            f"synthetic peer's{on_server}), "
            f"{counts['queries']} SQL queries ({counts['writes']} writes), "
            f"{SyntheticPeer.requests} HTTP requests — {report.summary()}"
        )
        return elapsed, counts["queries"], report

    elapsed, queries, report = measure(f"take {args.items} items")
    if report.created:
        print(
            f"  per item: {1000 * elapsed / report.created:.1f} ms, {queries / report.created:.1f} queries; "
            f"copies stored: {SyndicatedCopy.objects.filter(peer=peer).count()}"
        )
    if args.items >= 5000:
        print(f"  goal 60 s for 5,000 items: {'met' if elapsed <= 60 * args.items / 5000 else 'missed'}")
    elapsed, _queries, _report = measure("pull with nothing new")
    print(f"  goal under 2 s: {'met' if elapsed < 2 else 'missed'}")
    Peer.objects.filter(pk=peer.pk).update(cursor=0)
    peer.refresh_from_db()
    elapsed, _queries, _report = measure("re-sync from cursor 0, nothing changed")
    print(f"  goal under 2 s: {'met' if elapsed < 2 else 'missed'}")
    print(f"load average after the run: {load_average()}")
    server.shutdown()


def server_cpu(connection):
    """CPU seconds used so far by the PostgreSQL process serving this connection, when it runs on this machine."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            total = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal")))
            memory = f", {total / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return (
        f"machine: {os.cpu_count()} CPUs {model}{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; load average before the run: {load_average()}"
    )


if __name__ == "__main__":
    main()
