"""Fixtures of the import tests: a commune in three languages and an old portal served on loopback by a thread."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.utils import translation

from tests.utils import png_bytes, tiny_pdf_bytes

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def messages_in_english():
    """Reasons are read as written in the source (English msgids)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def tight_limits():
    """Short timeouts and no pause between requests, so that misbehaving hosts are caught quickly."""
    with override_settings(
        BAWABA_IMPORT_CONNECT_TIMEOUT=2,
        BAWABA_IMPORT_READ_TIMEOUT=0.5,
        BAWABA_IMPORT_TOTAL_TIMEOUT=2,
        BAWABA_IMPORT_CRAWL_DELAY=0,
        BAWABA_IMPORT_MAX_PAGES=50,
    ):
        yield


class OldSiteHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        self.server.requests.append(self.path)
        route = self.server.routes.get(self.path) or self.server.routes.get(parts.path)
        try:
            if route is None:
                self.answer(404, b"not found", "text/plain")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass

    def answer(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def drip(self, body, interval=0.2, limit=6.0):
        """Answer one byte every ``interval`` seconds, for at most ``limit`` seconds."""
        started = time.monotonic()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for byte in body:
            if time.monotonic() - started > limit:
                break
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(interval)


class OldSite:
    """An old portal: ``routes[path or path?query] = callable(handler)``."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), OldSiteHandler)
        self.server.daemon_threads = True
        self.server.routes = {}
        self.server.requests = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def routes(self):
        return self.server.routes

    @property
    def requests(self):
        return self.server.requests

    def serve(self, path, body, content_type="text/html; charset=utf-8", status=200, headers=()):
        if isinstance(body, str):
            body = body.replace("__BASE__", self.url).encode()
        self.routes[path] = lambda handler: handler.answer(status, body, content_type, headers)

    def redirect(self, path, location):
        self.routes[path] = lambda handler: handler.answer(302, b"", "text/plain", [("Location", location)])

    def serve_files(self):
        """The images and PDFs the old posts use."""
        self.serve("/wp-content/uploads/2019/05/maktaba.png", png_bytes(), "image/png")
        for path, text in (
            ("2019/05/reglement-bibliotheque.pdf", "reglement"),
            ("2019/06/arrete-12-2019.pdf", "arrete"),
            ("2019/06/annexe.pdf", "annexe"),
            ("2022/01/budget-2021.pdf", "budget"),
        ):
            self.serve(f"/wp-content/uploads/{path}", tiny_pdf_bytes(text), "application/pdf")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def old_site():
    site = OldSite()
    yield site
    site.close()


def wxr_export(site):
    return (DATA / "commune.wxr").read_text(encoding="utf-8").replace("__BASE__", site.url).encode()
