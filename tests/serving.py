"""Serving the project as a deployment does, for tests that talk to it over loopback.

``start_gunicorn`` runs ``gunicorn cms.wsgi`` with ``cms.settings.production`` on a free port, the
environment built by ``production_environment`` (a test secret key, a temporary SQLite file unless the
caller gives another ``DATABASE_URL``); ``manage`` runs a management command in that same environment.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.contrib.auth import get_user_model

from clients.models import ApiToken, Scope
from home.communes import CommuneTree
from pages.models import NewsIndexPage

STARTUP_LIMIT = 90
SUPERUSER_PASSWORD = "not-used-loader-password"


def seed():
    """One commune with a news section, a superuser's API token and an Open311 key, in the test database."""
    tree = CommuneTree.set_up(
        slug="charge", hostname="127.0.0.1", name_ar="جماعة الاختبار", name_fr="Commune de test", is_default_site=True
    )
    news = tree.add(NewsIndexPage(title="الأخبار", slug="news"))
    user = get_user_model().objects.create_superuser("loader", "loader@example.ma", SUPERUSER_PASSWORD)
    return {
        "news": news.pk,
        "token": ApiToken.issue(user, "load")[1],
        "open311": ApiToken.issue(None, "load", commune=tree.site, scopes=[Scope.OPEN311])[1],
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(folder, **extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "AWS_", "PARTICIPATION_", "BAWABA_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DJANGO_SECRET_KEY="load-test-only-" + "k" * 50,
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_TASKS_BACKEND="immediate",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL="ERROR",
    )
    environment.update(extra)
    return environment


def manage(folder, *args, **extra):
    finished = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=production_environment(folder, **extra),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if finished.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{finished.stderr[-3000:]}")
    return finished.stdout


def start_gunicorn(folder, workers=3, threads=4, name="gunicorn", **extra):
    """Gunicorn on a free port; its log goes to a file (a pipe nobody reads would fill and block the workers)."""
    port = free_port()
    log_path = folder / f"{name}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--threads", str(threads), "--timeout", "120", "--backlog", "512", "--no-control-socket"],
            cwd=settings.BASE_DIR,
            env=production_environment(folder, **extra),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )  # fmt: skip
    process.log_path = log_path
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(server_log(process))
        try:
            urllib.request.urlopen(f"{base}/open311/v2/discovery.json", timeout=5).read()
            return process, base
        except OSError:
            time.sleep(0.5)
    stop(process)
    raise RuntimeError("gunicorn did not start in time")


def server_log(process):
    """The end of what the server wrote, for a failure message."""
    return process.log_path.read_text(errors="replace")[-3000:]


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


SEED_COMMAND = "import json; from tests.serving import seed; print(json.dumps(seed()))"


def call(request):
    """Status, body and headers of a request; error statuses are answers too."""
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers
