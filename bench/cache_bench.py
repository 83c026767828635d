"""Pages and API answers under load: from the shared cache, revalidated with 304, and built from scratch.

Builds a commune (home, sections, ``--items`` news items with images) in a database of its own,
serves it with gunicorn under production settings (``--workers`` sync workers, Redis at ``--redis``)
and measures with ``wrk`` (Debian's package) on loopback:

- a cached public page (home) and a conditional GET of it answered 304;
- the typed API list of 20 from the cache, its 304, and the project's own ``/api/v2/`` typed list;
- uncached home, listing and detail pages (a second server with ``BAWABA_PAGE_CACHE=0``), and the same
  pages built right after a publication, when nothing a process keeps under the counters can serve them;

and prints the SQL queries each uncached page costs. The figures go to stdout and to
``bench/results/cache_bench.txt`` with the method and the machine.

Run from the project folder:  ``.venv/bin/python bench/cache_bench.py``  (not part of the test suite;
``tests/test_bench_smoke.py`` runs its request paths and query counts with the test client).
"""

import argparse
import datetime
import http.client
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "cache_bench.txt"
HOST = "127.0.0.1"

#: (label, path) of the pages measured; ``{news}`` is replaced by a news item's path.
PAGES = (("home", "/ar/"), ("listing", "/ar/news/"), ("detail", "{news}"))
API_LIST = "/api/news?limit=20"
V2_LIST = "/api/v2/pages/?type=pages.NewsPage&fields=*&limit=20"


def build_data(count):
    """The commune the bench serves (idempotent); returns the path of its newest news item."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image

    from assets.models import CommuneImage
    from home.communes import create_commune
    from pages.models import EventIndexPage, NewsIndexPage, NewsPage, StandardPage

    home = create_commune(slug="bench", hostname=HOST, name_ar="جماعة", name_fr="Commune", is_default_site=True)
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        for number, title in enumerate(("المدينة", "التاريخ")):
            home.add_child(instance=StandardPage(title=title, slug=f"about-{number}", show_in_menus=True))
        index = home.add_child(instance=NewsIndexPage(title="الأخبار", slug="news", show_in_menus=True))
        home.add_child(instance=EventIndexPage(title="الأنشطة", slug="events", show_in_menus=True))
        buffer = io.BytesIO()
        Image.new("RGB", (1600, 900), "teal").save(buffer, format="JPEG")
        image = CommuneImage.objects.create(title="صورة", alt_text="صورة", file=ImageFile(buffer, name="photo.jpg"))
        for number in range(count):
            index.add_child(
                instance=NewsPage(
                    title=f"خبر {number}",
                    slug=f"news-{number}",
                    intro="مقدمة الخبر",
                    date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
                    category="council",
                    image=image,
                    body=[("paragraph", "<p>" + "نص الخبر. " * 60 + "</p>")],
                )
            )
    newest = NewsPage.objects.live().descendant_of(home).order_by("-date", "-id").first()
    return urlsplit(newest.get_url()).path


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def machine():
    """One line that says where the figures come from."""
    cpu = platform.processor() or "unknown CPU"
    try:
        models = re.findall(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = models[0].strip() if models else cpu
    except OSError:
        pass
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    python = platform.python_version()
    return f"{cpu}, {os.cpu_count()} cores, load average {load}, Python {python}, {platform.system()}"


def build(env, count):
    """Migrate, collect static files and load the commune; returns a news item's path."""
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    script = f"from bench.cache_bench import build_data; print(build_data({count}))"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return done.stdout.decode().strip().splitlines()[-1]


def serve(env, port, workers):
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--bind", f"{HOST}:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/ar/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def stop(server):
    """Stop a gunicorn started by ``serve``, waiting for its workers; kill it when it lingers."""
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(port, path, headers=None):
    """One GET: (status, headers, body)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def wrk(port, path, seconds, connections, threads, headers=None):
    """Requests per second and latency by ``wrk``; non-2xx/3xx answers are counted as errors."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run([*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True)
    output = done.stdout + done.stderr
    return read_wrk(output)


def read_wrk(output):
    """The figures of a ``wrk --latency`` report."""
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if found is None:
        return {"rps": 0.0, "p50": "?", "errors": f"wrk: {output.strip()[-60:] or 'no output'}"}
    rps = float(found.group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rps": rps, "p50": p50.group(1) if p50 else "?", "errors": int(errors.group(1)) if errors else 0}


def shell_lines(env, script):
    """The words of each line ``script`` prints, run by ``manage.py shell`` under ``env`` without the page cache."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**env, "BAWABA_PAGE_CACHE": "0"},
        check=True,
        capture_output=True,
        text=True,
    )
    return [line.split() for line in done.stdout.splitlines()]


def query_counts(env, paths):
    """SQL queries each path costs when it is built (the second view: renditions exist by then)."""
    script = f"""
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="{HOST}")
for path in {list(paths)!r}:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    print(path, status, len(captured.captured_queries))
"""
    lines = shell_lines(env, script)
    return {parts[0]: int(parts[2]) for parts in lines if len(parts) == 3 and parts[2].isdigit()}


def after_publication(client, path, rounds=20):
    """``(median ms, most SQL queries)`` of ``path`` built right after a publication, in-process.

    Every counter is moved before each request, so nothing a process keeps under them
    (``caching.fragments``) serves the page: the cost of the first visitor after a change.
    """
    import statistics

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from caching import versions

    client.get(path, HTTP_HOST=HOST)
    durations, queries = [], []
    for _ in range(rounds):
        versions.bump_everything()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status = client.get(path, HTTP_HOST=HOST).status_code
            durations.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"{path}: {status}")
        queries.append(len(captured.captured_queries))
    return statistics.median(durations), max(queries)


def cold_figures(env, paths, rounds=20):
    """``after_publication`` of each path, run under the served settings without the page cache."""
    script = f"""
from django.test import Client
from bench.cache_bench import after_publication
for path in {list(paths)!r}:
    ms, queries = after_publication(Client(), path, {rounds})
    print(path, round(ms, 1), queries)
"""
    lines = shell_lines(env, script)
    return {parts[0]: (float(parts[1]), int(parts[2])) for parts in lines if len(parts) == 3 and parts[2].isdigit()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=None, help="DATABASE_URL; default: a SQLite file in a temporary folder")
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"))
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")

    folder = Path(tempfile.gettempdir()) / "bawaba-cache-bench"
    folder.mkdir(exist_ok=True)
    database = args.database or f"sqlite:///{folder / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": args.redis,
        "CACHE_KEY_PREFIX": "bawaba-bench",
        "MEDIA_ROOT": str(folder / "media"),
        "DJANGO_TASKS_BACKEND": "immediate",
    }
    news = build(env, args.items)
    pages = [(label, path.format(news=news)) for label, path in PAGES]
    lines = [
        f"cache_bench, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {machine()}",
        f"method: gunicorn --workers {args.workers} (sync), cms.settings.production, {database.split(':')[0]}, "
        f"Redis cache; wrk -t{args.threads} -c{args.connections} -d{args.seconds}s on loopback; "
        f"{args.items} news items",
        "",
        f"{'what':<38} {'req/s':>9} {'p50':>9} {'errors':>7}",
    ]
    print("\n".join(lines), flush=True)

    def row(label, result):
        line = f"{label:<38} {result['rps']:>9.0f} {result['p50']:>9} {result['errors']:>7}"
        print(line, flush=True)
        lines.append(line)
        return result

    sys.path.insert(0, str(ROOT))
    from bench.bare_django import measure

    # The ceiling of this machine today: the same gunicorn and wrk on a bare Django view.
    bare = measure(args.workers, args.seconds, args.connections, args.threads)
    ceiling = row("bare Django view (the ceiling)", bare)
    port = free_port()
    server = serve(env, port, args.workers)
    try:
        for _label, path in pages:
            fetch(port, path)
        _status, headers, _body = fetch(port, "/ar/")
        cached = row("cached home page", wrk(port, "/ar/", args.seconds, args.connections, args.threads))
        line = f"cached home / bare Django: {cached['rps'] / max(ceiling['rps'], 1):.0%}"
        print(line)
        lines.append(line)
        conditional = {"If-None-Match": headers["ETag"]}
        revalidated = wrk(port, "/ar/", args.seconds, args.connections, args.threads, conditional)
        row("home, conditional GET (304)", revalidated)
        fetch(port, API_LIST)
        _status, headers, _body = fetch(port, API_LIST)
        typed = row("typed API list of 20, cached", wrk(port, API_LIST, args.seconds, args.connections, args.threads))
        conditional = {"If-None-Match": headers["ETag"]}
        row("typed API list, conditional GET (304)", wrk(port, API_LIST, args.seconds, 16, 2, conditional))
        v2 = row("/api/v2/ typed list of 20", wrk(port, V2_LIST, args.seconds, args.connections, args.threads))
        line = f"typed list (cached) / v2 list: {typed['rps'] / v2['rps']:.1f}x"
        print(line)
        lines.append(line)
    finally:
        stop(server)

    uncached_env = {**env, "BAWABA_PAGE_CACHE": "0"}
    port = free_port()
    server = serve(uncached_env, port, args.workers)
    try:
        for label, path in pages:
            fetch(port, path)
            row(f"uncached {label} page", wrk(port, path, args.seconds, args.connections, args.threads))
        row("typed API list of 20, uncached", wrk(port, API_LIST, args.seconds, args.connections, args.threads))
    finally:
        stop(server)

    counts = query_counts(env, [path for _label, path in pages] + [API_LIST])
    lines.append("")
    for label, path in [*pages, ("typed API list", API_LIST)]:
        line = f"SQL queries, {label} ({path}): {counts.get(path, '?')}"
        print(line)
        lines.append(line)
    cold = cold_figures(env, [path for _label, path in pages])
    lines.append("")
    lines.append("Built right after a publication (every counter moved first; in-process, median of 20):")
    for label, path in pages:
        ms, queries = cold.get(path, ("?", "?"))
        line = f"  {label} ({path}): {ms} ms, {queries} SQL queries"
        print(line)
        lines.append(line)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
