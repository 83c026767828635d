"""The ceiling of this machine for the cache figures: a bare Django view under the same gunicorn and wrk.

A cached page can be no faster than Django answering a constant string with no middleware. The
machines the figures are taken on differ from day to day (the same code gave 5,552 and 3,982 cached
home pages a second on two days), so ``cache_bench`` figures are read against this one, taken just
before or after them::

    .venv/bin/python bench/bare_django.py
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cache_bench import HOST, free_port, machine, stop, wrk

PROJECT = """
SECRET_KEY = "bench-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bare"
MIDDLEWARE = []
INSTALLED_APPS = []
DATABASES = {}
"""

URLS = """
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")


urlpatterns = [path("", hello)]
"""


def measure(workers=2, seconds=10, connections=16, threads=2):
    """``wrk``'s figures for the bare view (``cache_bench.wrk``)."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "bare_settings.py").write_text(PROJECT)
        Path(folder, "bare.py").write_text(URLS)
        Path(folder, "bare_wsgi.py").write_text(
            "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'bare_settings'\n"
            "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n"
        )
        port = free_port()
        command = [sys.executable, "-m", "gunicorn", "bare_wsgi:application", "--bind", f"{HOST}:{port}"]
        command += ["--workers", str(workers), "--log-level", "warning"]
        server = subprocess.Popen(command, cwd=folder, env={**os.environ, "PYTHONPATH": folder})
        try:
            time.sleep(2)
            return wrk(port, "/", seconds, connections, threads)
        finally:
            stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    result = measure(args.workers, args.seconds, args.connections, args.threads)
    print(f"machine: {machine()}")
    method = f"gunicorn --workers {args.workers} (sync), wrk -t{args.threads} -c{args.connections} -d{args.seconds}s"
    print(f"method: {method}")
    print(f"bare Django view: {result['rps']:.0f} req/s, p50 {result['p50']}, errors {result['errors']}")


if __name__ == "__main__":
    main()
