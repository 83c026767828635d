"""Concurrent writes against gunicorn with production settings on SQLite, the default database.

The module starts ``gunicorn cms.wsgi`` (3 workers of 4 threads, like a small deployment) on a free
loopback port, with ``cms.settings.production``, a test secret key and a temporary SQLite file; each
test sends a bounded burst of requests to it. No request may end in a server error, and what was sent is
stored exactly once. The last test counts the participation rate limit across the workers.
"""

import concurrent.futures
import json
import re
import shutil
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from django.db import connection

from tests.serving import SEED_COMMAND, call, manage, seed, server_log, start_gunicorn, stop

SUBMISSIONS = 200
NEWS_WRITES = 20
LIMITED_SUBMISSIONS = 80
RATE_LIMIT = 20
#: Guards against a hung server; the tests never assert how long the work takes.
TIME_LIMIT = 240


_DEPLOYMENT = {}


@pytest.fixture(scope="module")
def deployment_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deployment")
    yield folder
    if "process" in _DEPLOYMENT:
        stop(_DEPLOYMENT["process"])
    _DEPLOYMENT.clear()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def deployment(deployment_folder, transactional_db):
    """A seeded SQLite file, the static files and gunicorn serving them, built once for the module.

    The seed is written in the (empty) test database and the file is a copy of it; on PostgreSQL the
    file is migrated and seeded by ``manage.py`` instead. The server trusts one proxy, so that each
    simulated citizen sends from an address of their own through ``X-Forwarded-For``.
    """
    folder = deployment_folder
    if not _DEPLOYMENT:
        if connection.vendor == "sqlite":
            seeded = seed()
            connection.ensure_connection()
            target = sqlite3.connect(folder / "db.sqlite3")
            connection.connection.backup(target)
            target.close()
            # The test database was migrated under the test settings, which have no page cache table.
            manage(folder, "createcachetable", "-v", "0")
        else:
            manage(folder, "migrate", "--noinput", "-v", "0")
            seeded = json.loads(manage(folder, "shell", "-c", SEED_COMMAND).strip().splitlines()[-1])
        manage(folder, "collectstatic", "--noinput", "-v", "0")
        process, base = start_gunicorn(
            folder, PARTICIPATION_RATE_LIMIT=str(RATE_LIMIT), BAWABA_TRUSTED_PROXY_DEPTH="1"
        )
        _DEPLOYMENT.update(folder=folder, seeded=seeded, process=process, base=base)
    return _DEPLOYMENT


def address(number):
    """The address a simulated citizen sends from, as the trusted proxy reports it."""
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit_form(base, number, retries):
    """Fetch the form (CSRF cookie and token), post it, then again as a nervous citizen would."""
    form_url = f"{base}/fr/participate/requests/new/"
    forwarded = {"X-Forwarded-For": address(number)}
    status, html, headers = call(urllib.request.Request(form_url, headers=forwarded))
    assert status == 200, status
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html.decode()).group(1)
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
    opener = urllib.request.build_opener(NoRedirect)
    for _attempt in range(1 + retries):
        request = urllib.request.Request(
            form_url, data=body, headers={"Cookie": f"csrftoken={cookie}", "Origin": base, **forwarded}
        )
        try:
            response = opener.open(request, timeout=120)
            status, location = response.status, response.headers.get("Location")
        except urllib.error.HTTPError as exc:
            status, location = exc.code, exc.headers.get("Location")
        assert status == 302, status
        locations.add(location)
    assert len(locations) == 1
    return key


def open311_post(base, api_key, number, key=None, sender=None):
    body = urllib.parse.urlencode(
        {"api_key": api_key, "service_code": "public-lighting", "address_string": f"Lamp {number}",
         "description": f"API submission {number}"}
    ).encode()  # fmt: skip
    headers = {"X-Forwarded-For": sender or address(100_000 + number)}
    if key:
        headers["Idempotency-Key"] = key
    return call(urllib.request.Request(f"{base}/open311/v2/requests.json", data=body, headers=headers))


def submit_api(base, api_key, number):
    key = f"load-{number:04d}"
    bodies = set()
    for _attempt in range(2):
        status, body, _headers = open311_post(base, api_key, number, key)
        assert status in (200, 201), status
        bodies.add(body)
    assert len(bodies) == 1
    return key


def stored(folder, sql, params=()):
    with sqlite3.connect(folder / "db.sqlite3", timeout=30) as database:
        return database.execute(sql, params).fetchall()


def test_two_hundred_concurrent_complaints_under_gunicorn_are_each_stored_once(deployment):
    base, api_key = deployment["base"], deployment["seeded"]["open311"]
    keys_stored = "SELECT idempotency_key FROM participation_servicerequest"
    before = {key for (key,) in stored(deployment["folder"], keys_stored)}
    with concurrent.futures.ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        form_jobs = [pool.submit(submit_form, base, n, n % 4 == 0) for n in range(SUBMISSIONS // 2)]
        api_jobs = [pool.submit(submit_api, base, api_key, n) for n in range(SUBMISSIONS // 2)]
        done, pending = concurrent.futures.wait(form_jobs + api_jobs, timeout=TIME_LIMIT)
    assert not pending, "the submissions hung"
    keys = [job.result() for job in done]
    assert len(set(keys)) == SUBMISSIONS
    rows = stored(deployment["folder"], keys_stored)
    assert sorted(key for (key,) in rows if key not in before) == sorted(keys)


def test_twenty_concurrent_api_news_writes_under_gunicorn_are_each_stored_once(deployment):
    base, seeded = deployment["base"], deployment["seeded"]
    run = uuid.uuid4().hex[:8]

    def write(number):
        payload = {"parent": seeded["news"], "title": f"Load {run} {number}", "category": "council", "body": []}
        request = urllib.request.Request(
            f"{base}/api/news",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {seeded['token']}"},
        )
        status, body, _headers = call(request)
        return status, body

    with concurrent.futures.ThreadPoolExecutor(max_workers=NEWS_WRITES) as pool:
        results = list(pool.map(write, range(NEWS_WRITES), timeout=TIME_LIMIT))
    statuses = [status for status, _body in results]
    assert statuses == [201] * NEWS_WRITES, server_log(deployment["process"])
    rows = stored(deployment["folder"], "SELECT title FROM wagtailcore_page WHERE title LIKE ?", (f"Load {run} %",))
    assert sorted(title for (title,) in rows) == sorted(f"Load {run} {n}" for n in range(NEWS_WRITES))


def test_rate_limit_is_counted_across_gunicorn_workers(deployment):
    base, api_key = deployment["base"], deployment["seeded"]["open311"]
    count = "SELECT count(*) FROM participation_servicerequest"
    before = stored(deployment["folder"], count)[0][0]
    sender = address(999_999)
    with concurrent.futures.ThreadPoolExecutor(max_workers=LIMITED_SUBMISSIONS) as pool:
        jobs = [pool.submit(open311_post, base, api_key, n, sender=sender) for n in range(LIMITED_SUBMISSIONS)]
        statuses = [job.result(timeout=TIME_LIMIT)[0] for job in jobs]
    assert statuses.count(201) == RATE_LIMIT
    assert statuses.count(429) == LIMITED_SUBMISSIONS - RATE_LIMIT
    assert stored(deployment["folder"], count)[0][0] - before == RATE_LIMIT


def test_twenty_concurrent_api_news_updates_under_gunicorn_all_succeed(deployment):
    """PATCH takes the write lock as POST does: concurrent updates of one item queue, none fails."""
    base, seeded = deployment["base"], deployment["seeded"]
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {seeded['token']}"}
    run = uuid.uuid4().hex[:8]
    payload = {"parent": seeded["news"], "title": f"Patch {run}", "category": "council", "body": []}
    status, body, _headers = call(
        urllib.request.Request(f"{base}/api/news", data=json.dumps(payload).encode(), headers=headers)
    )
    assert status == 201, body
    page_id = json.loads(body)["id"]

    def update(number):
        request = urllib.request.Request(
            f"{base}/api/news/{page_id}",
            data=json.dumps({"title": f"Patch {run} {number}", "action": "draft"}).encode(),
            headers=headers,
            method="PATCH",
        )
        return call(request)[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=NEWS_WRITES) as pool:
        statuses = list(pool.map(update, range(NEWS_WRITES), timeout=TIME_LIMIT))
    assert statuses == [200] * NEWS_WRITES, server_log(deployment["process"])
    revisions = stored(
        deployment["folder"],
        "SELECT count(*) FROM wagtailcore_revision WHERE object_id = ? AND base_content_type_id IS NOT NULL",
        (str(page_id),),
    )[0][0]
    assert revisions == 1 + NEWS_WRITES
