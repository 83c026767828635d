"""Fixtures of the network tests: a local commune, a scriptable peer server, and a second live instance."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.db import connection
from django.test import override_settings
from django.utils import translation

from home.communes import CommuneTree
from pages import models as pages


@pytest.fixture(autouse=True)
def messages_in_english(settings):
    """These tests read peers' health and refusals as written in the source (English msgids)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def tight_limits():
    """Short timeouts and a small size limit, so that misbehaving peers are caught quickly."""
    with override_settings(
        BAWABA_NETWORK_CONNECT_TIMEOUT=2,
        BAWABA_NETWORK_READ_TIMEOUT=0.5,
        BAWABA_NETWORK_TOTAL_TIMEOUT=5,
        BAWABA_NETWORK_MAX_RESPONSE_BYTES=1024 * 1024,
        BAWABA_NETWORK_PAGE_SIZE=100,
        BAWABA_NETWORK_PULL_TIMEOUT=30,
        BAWABA_NETWORK_MAX_PAGES_PER_PULL=50,
        BAWABA_NETWORK_MAX_ITEMS_PER_PULL=1000,
    ):
        yield


SECTIONS = {
    "news": pages.NewsIndexPage,
    "events": pages.EventIndexPage,
    "projects": pages.ProjectIndexPage,
    "tenders": pages.TenderIndexPage,
}


def build_local_commune(slug="commune-b", hostname="testserver"):
    """The commune that takes content: its home page and the four sections copies go under."""
    tree = CommuneTree.set_up(
        slug=slug, hostname=hostname, name_ar="جماعة ب", name_fr="Commune B", is_default_site=True
    )
    sections = {key: tree.add(model(title=f"Section {key}", slug=key)) for key, model in SECTIONS.items()}
    return tree.site, sections, tree.set_up_offices()


@pytest.fixture(scope="module")
def local_commune(module_db):
    return build_local_commune()


# --- A scriptable peer: a small HTTP server in a thread -------------------------------------------------


class PeerHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _dispatch(self):
        parts = urlsplit(self.path)
        route = self.server.routes.get(parts.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.received.append(
            {
                "method": self.command,
                "path": parts.path,
                "query": parse_qs(parts.query),
                "headers": dict(self.headers),
                "body": body,
            }
        )
        try:
            if route is None:
                self.send_json({"detail": "not found"}, status=404)
            else:
                route(self, parse_qs(parts.query))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass

    do_GET = _dispatch
    do_POST = _dispatch

    def drip(self, payload, interval, status=200, headers_too=False, limit=10.0):
        """Answer ``payload`` one byte every ``interval`` seconds, for at most ``limit`` seconds.

        Records in ``server.drips`` whether the client hung up before the end (``"cut"``) or not.
        """
        started = time.monotonic()
        head = f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        if headers_too:
            payload = head.encode() + payload
        else:
            self.wfile.write(head.encode())
            self.wfile.flush()
        try:
            for byte in payload:
                if time.monotonic() - started > limit:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(interval)
        except (BrokenPipeError, ConnectionResetError):
            self.server.drips.append("cut")
            raise
        self.server.drips.append("served")

    def send_json(self, data, status=200, raw=None):
        payload = raw if raw is not None else json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class FakePeer:
    """A peer whose answers each test scripts: ``routes[path] = callable(handler, query)``."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), PeerHandler)
        self.server.daemon_threads = True
        self.server.routes = {}
        self.server.received = []
        self.server.drips = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}"

    def serve_endless_feed(self, items_per_page=0, kind="news"):
        """A feed that always says there is more, its cursor moving on, with ``items_per_page`` new items each time."""

        def feed(handler, query):
            since = int(query.get("since", ["0"])[0])
            cursors = range(since + 1, since + 1 + items_per_page)
            handler.send_json(
                {
                    "items": [
                        {**change(cursor, cursor, kind=kind), "locale": "ar", "occurred_at": "2026-01-01T00:00:00Z"}
                        for cursor in cursors
                    ],
                    "next_cursor": since + max(items_per_page, 1),
                    "has_more": True,
                }
            )

        self.routes["/api/changes"] = feed

    @property
    def routes(self):
        return self.server.routes

    @property
    def received(self):
        return self.server.received

    def reset(self):
        self.server.routes.clear()
        self.server.received.clear()
        self.server.drips.clear()

    def serve_json(self, path, data, status=200):
        self.routes[path] = lambda handler, query: handler.send_json(data, status=status)

    def serve_feed(self, changes, page_size=None):
        """Serve ``changes`` (dicts with cursor, action, type, id) as the change feed, honouring ``since``."""

        def feed(handler, query):
            since = int(query.get("since", ["0"])[0])
            limit = page_size or int(query.get("limit", ["100"])[0])
            after = [change for change in changes if change["cursor"] > since]
            page = after[:limit]
            handler.send_json(
                {
                    "items": [
                        {"locale": "ar", "commune": 1, "occurred_at": "2026-01-01T00:00:00Z", **c} for c in page
                    ],
                    "next_cursor": page[-1]["cursor"] if page else since,
                    "has_more": len(after) > limit,
                }
            )

        self.routes["/api/changes"] = feed

    def serve_items(self, items, bulk=False):
        """Serve each item at its own address; with ``bulk``, also the typed lists filtered by id, as a
        current Bawaba portal does (``/api/news?id=1&id=2``)."""
        for item in items:
            self.serve_json(f"/api/{item['type']}/{item['id']}", item)
        if not bulk:
            return
        for kind in {item["type"] for item in items}:
            of_kind = {item["id"]: item for item in items if item["type"] == kind}

            def listed(handler, query, of_kind=of_kind):
                found = [of_kind[int(value)] for value in query.get("id", []) if int(value) in of_kind]
                handler.send_json({"count": len(found), "next": None, "previous": None, "results": found})

            self.routes[f"/api/{kind}"] = listed

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def fake_peer_server():
    server = FakePeer()
    yield server
    server.close()


@pytest.fixture
def fake_peer(fake_peer_server):
    fake_peer_server.reset()
    yield fake_peer_server
    fake_peer_server.reset()


def news_item(peer_url, original_id, title="خبر من الجماعة أ", **extra):
    """A news item as a Bawaba peer's API serves it."""
    return {
        "id": original_id,
        "type": "news",
        "title": title,
        "slug": f"news-{original_id}",
        "locale": "ar",
        "commune": 1,
        "url": f"{peer_url}/ar/news/news-{original_id}/",
        "path": f"/ar/news/news-{original_id}/",
        "api_url": f"{peer_url}/api/news/{original_id}",
        "seo_title": "",
        "search_description": "",
        "first_published_at": "2026-01-01T10:00:00Z",
        "last_published_at": "2026-01-01T10:00:00Z",
        "translations": [],
        "intro": "مقدمة",
        "body": [
            {"type": "heading", "id": "h", "value": {"text": "عنوان", "level": "h2"}},
            {"type": "paragraph", "id": "p", "value": "<p>نص <b>الخبر</b></p>"},
            {"type": "image", "id": "i", "value": {"id": 3, "title": "x"}},
        ],
        "date": "2026-01-01",
        "category": "council",
        "image": None,
        "documents": [],
        "source_name": "",
        "source_url": "",
        **extra,
    }


def change(cursor, original_id, action="created", kind="news"):
    return {"cursor": cursor, "action": action, "type": kind, "id": original_id}


# --- A second Bawaba instance, in its own process and database -----------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SETUP_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from clients.models import ApiToken
from home.communes import CommuneTree
from pages import models as pages

tree = CommuneTree.set_up(slug="commune-a", hostname="127.0.0.1", port={port}, name_ar="جماعة أ", name_fr="Commune A",
                          is_default_site=True)
sections = {{}}
for key, model in (("news", pages.NewsIndexPage), ("events", pages.EventIndexPage)):
    sections[key] = tree.add(model(title=key, slug=key)).pk
admin = get_user_model().objects.create_superuser("peer-admin", "admin@a.example.ma", "not-used-anywhere-1")
token = ApiToken.issue(admin, "network test")[1]
print("SETUP=" + json.dumps({{"token": token, "sections": sections, "site": tree.site.pk}}))
"""


class LiveInstance:
    """Commune A: ``manage.py runserver`` on a free loopback port, with its own database."""

    def __init__(self, database_url, workdir):
        self.database_url = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            # The test settings, with uploaded media served (peers fetch image renditions from it).
            "DJANGO_SETTINGS_MODULE": "tests.network.peer_settings",
            "DATABASE_URL": database_url,
            "TEST_MEDIA_ROOT": str(workdir / "media"),
            "PYTHONUNBUFFERED": "1",
        }
        self.log = open(workdir / "peer-server.log", "w")  # noqa: SIM115
        self.process = None

    def manage(self, *args, script=None):
        command = [sys.executable, "manage.py", *args]
        if script is not None:
            command += ["-c", script]
        result = subprocess.run(command, cwd=PROJECT, env=self.env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def setup(self):
        output = self.manage("shell", script=SETUP_SCRIPT.format(port=self.port))
        line = next(line for line in output.splitlines() if line.startswith("SETUP="))
        data = json.loads(line.removeprefix("SETUP="))
        self.token, self.sections, self.site = data["token"], data["sections"], data["site"]

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=PROJECT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The peer instance stopped: see {self.log.name}")
            try:
                if httpx.get(f"{self.url}/api/changes", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("The peer instance did not start in time")

    def api(self, method, path, payload=None):
        response = httpx.request(
            method,
            f"{self.url}{path}",
            json=payload,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        assert response.status_code < 300, response.text
        return response.json()

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def _clone_test_database(workdir):
    """A database for the second instance, cloned from the freshly migrated test database."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = workdir / "peer.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(target)])
        return f"sqlite:///{target}", None
    if connection.vendor == "postgresql":
        import psycopg
        from psycopg import sql

        source = settings["NAME"]
        target = f"{source}_peer"
        connection.close()
        params = {
            "host": settings["HOST"] or None,
            "port": settings["PORT"] or None,
            "user": settings["USER"] or None,
            "password": settings["PASSWORD"] or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target)))
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(target), sql.Identifier(source))
            )
        user = settings["USER"] or ""
        auth = f"{user}:{settings['PASSWORD']}@" if settings["PASSWORD"] else (f"{user}@" if user else "")
        host = settings["HOST"] or "127.0.0.1"
        port = f":{settings['PORT']}" if settings["PORT"] else ""

        def drop():
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))

        return f"postgres://{auth}{host}{port}/{target}", drop
    pytest.skip(f"No second database for {connection.vendor}")


@pytest.fixture(scope="session")
def commune_a(django_db_setup, django_db_blocker, tmp_path_factory):
    """Commune A, live in its own process and database, with an API token that may publish."""
    workdir = tmp_path_factory.mktemp("commune-a")
    with django_db_blocker.unblock():
        database_url, drop = _clone_test_database(workdir)
    instance = LiveInstance(database_url, workdir)
    try:
        instance.setup()
        instance.start()
        yield instance
    finally:
        instance.stop()
        if drop is not None:
            with django_db_blocker.unblock():
                drop()
