"""Throughput and latency of the typed portal API against Wagtail's API v2, on the same data and server.

Builds a commune with 200 news items in PostgreSQL, serves the project with gunicorn (same workers
for every run), and measures requests per second and p50/p95 latency of:

- ``/api/news?limit=20`` (typed list) against ``/api/v2/pages/?type=pages.NewsPage&fields=*&limit=20``;
- ``/api/news/<id>`` (typed detail) against ``/api/v2/pages/<id>/``.

Run from the project folder:  ``.venv/bin/python bench/api_bench.py``  (not part of the test suite).
Traffic goes to 127.0.0.1 only; every loop is bounded in requests and time.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/api_helper_bench"


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def build(env, count):
    """Migrate and load the commune with ``count`` news items (idempotent)."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    script = f"""
import datetime, io
from django.core.files.images import ImageFile
from PIL import Image
from assets.models import CommuneImage, CommuneDocument
from django.core.files.base import ContentFile
from home.communes import create_commune
from pages.models import NewsIndexPage, NewsPage, StandardPage

home = create_commune(slug="bench", hostname="127.0.0.1", name_ar="جماعة", name_fr="Commune", is_default_site=True)
index = NewsIndexPage.objects.child_of(home).first()
if index is None:
    about = home.add_child(instance=StandardPage(title="About", slug="about"))
    about.save_revision().publish()
    index = home.add_child(instance=NewsIndexPage(title="News", slug="news"))
    index.save_revision().publish()
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "teal").save(buffer, format="JPEG")
    image = CommuneImage.objects.create(title="Photo", alt_text="Photo", file=ImageFile(buffer, name="photo.jpg"))
    document = CommuneDocument.objects.create(title="Annex", file=ContentFile(b"%PDF-1.4 bench", name="annex.pdf"))
    for number in range({count}):
        body = [
            ("heading", {{"text": "Section", "level": "h2"}}),
            ("paragraph", f'<p>Paragraph {{number}} <a linktype="page" id="{{about.pk}}">about</a> '
                          f'<a linktype="document" id="{{document.pk}}">annex</a></p>'),
            ("image", {{"image": image, "caption": "Caption"}}),
            ("paragraph", "<p>" + "Lorem ipsum dolor sit amet. " * 20 + "</p>"),
        ]
        page = index.add_child(instance=NewsPage(
            title=f"News {{number}}", slug=f"news-{{number}}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            category="council", intro="Intro", image=image, body=body,
            documents=[("document", {{"document": document, "title": "Annex", "language": "ar"}})],
        ))
        page.save_revision().publish()
print(NewsPage.objects.live().order_by("-date", "-id").values_list("id", flat=True).first())
"""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def serve(env, port, workers):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cms.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/openapi.json")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def measure(port, path, requests, concurrency, max_seconds):
    """Send ``requests`` GETs over ``concurrency`` keep-alive connections; stop early after ``max_seconds``."""
    latencies, errors = [], []
    lock = threading.Lock()
    per_worker = requests // concurrency
    stop_at = time.monotonic() + max_seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_worker):
            if time.monotonic() > stop_at:
                break
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors.append(response.status)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--max-seconds", type=float, default=60)
    args = parser.parse_args()

    ensure_database(args.database)
    # Media live as long as the database does, so a second run finds the images the first one stored.
    media = str(Path(tempfile.gettempdir()) / f"bawaba-bench-media-{urlsplit(args.database).path.lstrip('/')}")
    port = args.port or free_port()
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "TEST_MEDIA_ROOT": media,
        "MEDIA_ROOT": media,
    }
    detail_id = build(env, args.items)
    server = serve(env, port, args.workers)
    try:
        pairs = [
            ("list of 20", "/api/news?limit=20", "/api/v2/pages/?type=pages.NewsPage&fields=*&limit=20"),
            ("detail", f"/api/news/{detail_id}", f"/api/v2/pages/{detail_id}/"),
        ]
        print(f"{args.items} news items, gunicorn --workers {args.workers}, {args.concurrency} connections")
        print(f"{'endpoint':<12} {'API':<8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
        for label, typed, wagtail in pairs:
            results = {}
            for name, path in (("typed", typed), ("v2", wagtail)):
                measure(port, path, args.concurrency * 5, args.concurrency, args.max_seconds)  # warm up
                results[name] = measure(port, path, args.requests, args.concurrency, args.max_seconds)
                r = results[name]
                print(f"{label:<12} {name:<8} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['errors']:>7}")
            print(f"{label:<12} ratio typed/v2 throughput: {results['typed']['rps'] / results['v2']['rps']:.2f}x")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
