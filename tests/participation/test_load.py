"""Two hundred concurrent submissions against a real server: each stored once, no server error."""

import concurrent.futures
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import QuietWSGIRequestHandler

from participation.models import Open311ApiKey, ServiceRequest

from .conftest import make_town

SUBMISSIONS = 200
# Every submission has its own client, all at once; the server, like a production one, handles a
# bounded number at a time (PostgreSQL here accepts 100 connections) and queues the rest.
CLIENTS = SUBMISSIONS
SERVER_WORKERS = 40
TIME_LIMIT = 240


class LoadServer(ThreadedWSGIServer):
    request_queue_size = 512
    workers = threading.BoundedSemaphore(SERVER_WORKERS)

    def process_request_thread(self, request, client_address):
        with self.workers:
            super().process_request_thread(request, client_address)


@pytest.fixture
def server(transactional_db, participation_settings):
    """A threaded server on loopback; on in-memory SQLite its threads share the test's connection."""
    overrides = {}
    for conn in connections.all():
        if conn.vendor == "sqlite" and conn.is_in_memory_db():
            overrides[conn.alias] = conn
            conn.inc_thread_sharing()
    httpd = LoadServer(("127.0.0.1", 0), QuietWSGIRequestHandler, connections_override=overrides)
    httpd.set_app(WSGIHandler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    for conn in overrides.values():
        conn.dec_thread_sharing()


def submit_form(base, number, retries):
    """Fetch the form (cookie + token), post it, then post it again as a nervous citizen would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form_url = f"{base}/fr/participate/requests/new/"
    html = opener.open(form_url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    key = uuid.uuid4().hex
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "kind": "complaint",
            "category": "cleanliness",
            "description": f"Submission {number}",
            "address": f"Rue {number}",
            "idempotency_key": key,
        }
    ).encode()
    locations = set()
    for _attempt in range(1 + retries):
        request = urllib.request.Request(form_url, data=body, headers={"Referer": form_url})
        try:
            response = opener.open(request, timeout=60)
            status, location = response.status, response.headers.get("Location")
        except urllib.error.HTTPError as exc:
            status, location = exc.code, exc.headers.get("Location")
        assert status == 302, status
        locations.add(location)
    assert len(locations) == 1
    return key


def submit_api(base, api_key, number):
    body = urllib.parse.urlencode(
        {"api_key": api_key, "service_code": "public-lighting", "address_string": f"Lamp {number}",
         "description": f"API submission {number}"}
    ).encode()  # fmt: skip
    key = f"load-{number:04d}"
    ids = set()
    for _attempt in range(2):
        request = urllib.request.Request(
            f"{base}/open311/v2/requests.json", data=body, headers={"Idempotency-Key": key}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status in (200, 201)
            ids.add(response.read())
    assert len(ids) == 1
    return key


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_two_hundred_concurrent_submissions_are_each_stored_once(server):
    town = make_town()
    _record, api_key = Open311ApiKey.issue(town, "load")
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        form_jobs = [pool.submit(submit_form, server, n, n % 4 == 0) for n in range(SUBMISSIONS // 2)]
        api_jobs = [pool.submit(submit_api, server, api_key, n) for n in range(SUBMISSIONS // 2)]
        done, pending = concurrent.futures.wait(form_jobs + api_jobs, timeout=TIME_LIMIT)
    assert not pending, "the submissions did not finish in time"
    keys = [job.result() for job in done]
    assert time.monotonic() - started < TIME_LIMIT
    assert len(set(keys)) == SUBMISSIONS
    stored = list(ServiceRequest.objects.values_list("idempotency_key", flat=True))
    assert len(stored) == SUBMISSIONS
    assert set(stored) == set(keys)
