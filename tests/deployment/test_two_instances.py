"""Two application instances and a task worker sharing PostgreSQL, Redis and an S3 bucket, as on real hosts.

The module builds the shape the README's deployment section describes, on loopback: a fresh PostgreSQL
database, a Redis database of its own, an S3-compatible server (moto in server mode) with one bucket,
two ``gunicorn cms.wsgi`` instances on different ports with ``cms.settings.production``, and one
``manage.py db_worker`` process. What one instance writes, the other serves at its next request: the
pages come from the shared Redis cache, so a stale copy there would show. A document uploaded through
one instance lands in the bucket, its text is read by the worker, and the other instance hands it out.

It needs the PostgreSQL and Redis servers of the machine (127.0.0.1:5432 and :6379); without them it is
skipped with the reason.
"""

import http.cookies
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
import psycopg
import pytest
import redis
from django.conf import settings
from moto.server import ThreadedMotoServer

from tests.serving import (
    SEED_COMMAND,
    SUPERUSER_PASSWORD,
    call,
    manage,
    production_environment,
    server_log,
    start_gunicorn,
    stop,
)
from tests.utils import tiny_pdf_bytes

POSTGRES = "postgres://postgres@127.0.0.1:5432"
#: A Redis database of its own (flushed before and after); BAWABA_TEST_REDIS_URL names another on a shared machine.
REDIS = os.environ.get("BAWABA_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
BUCKET = "bawaba-instances"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "bawaba-instances-key", "AWS_SECRET_ACCESS_KEY": "bawaba-instances-secret"}
#: How long each process serves the copies it just served (the production default).
LOCAL_COPY_SECONDS = 0.5
#: How long the worker may take to pick a task up; a deadline for failing, not a measured figure.
WORKER_DEADLINE = 90

pytestmark = pytest.mark.s3


def reachable():
    """Why the shared services cannot be used, or None."""
    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except psycopg.Error as error:
        return f"PostgreSQL at 127.0.0.1:5432 is not reachable: {error}"
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis at 127.0.0.1:6379 is not reachable: {error}"
    return None


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    reason = reachable()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("instances")
    database = f"bawaba_instances_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    redis.Redis.from_url(REDIS).flushdb()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                      aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])  # fmt: skip
    s3.create_bucket(Bucket=BUCKET)
    shared = {
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": database,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "DJANGO_TASKS_BACKEND": "database",
        "BAWABA_PAGE_CACHE_LOCAL_SECONDS": str(LOCAL_COPY_SECONDS),
        **CREDENTIALS,
    }
    processes = []
    try:
        manage(folder, "migrate", "--noinput", "-v", "0", **shared)
        seeded = json.loads(manage(folder, "shell", "-c", SEED_COMMAND, **shared).strip().splitlines()[-1])
        manage(folder, "collectstatic", "--noinput", "-v", "0", **shared)
        first, first_base = start_gunicorn(folder, workers=2, threads=2, name="first", **shared)
        processes.append(first)
        second, second_base = start_gunicorn(folder, workers=2, threads=2, name="second", **shared)
        processes.append(second)
        worker_log = folder / "worker.log"
        with open(worker_log, "wb") as log:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
                cwd=settings.BASE_DIR,
                env=production_environment(folder, **shared),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        worker.log_path = worker_log
        processes.append(worker)
        yield {
            "first": first_base,
            "second": second_base,
            "seeded": seeded,
            "s3": s3,
            "database": f"{POSTGRES}/{database}",
            "worker": worker,
            "servers": (first, second),
            "environment": shared,
            "folder": folder,
        }
    finally:
        for process in processes:
            stop(process)
        moto.stop()
        redis.Redis.from_url(REDIS).flushdb()
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


def get(url, headers=None):
    return call(urllib.request.Request(url, headers=headers or {}))


def get_once(url, headers=None):
    """One request, redirects not followed: a redirect is an answer of its own here."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(urllib.request.Request(url, headers=headers or {}), timeout=120)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.read(), response.headers


def bucket(headers):
    """The time bucket an answer was built in: the last part of its ETag (``caching.middleware``)."""
    return headers["ETag"].strip('"').rsplit(".", 1)[-1]


def read_again(url, headers):
    """The body and headers of a second read of ``url``, read once more if its copy's time bucket ended.

    Every copy is rebuilt when its bucket (``BAWABA_PAGE_CACHE_SECONDS``) ends; a first request to a
    fresh instance can take seconds, and a bucket may end between the two reads.
    """
    status, body, again = get(url)
    assert status == 200
    if again["X-Cache"] == "miss" and bucket(again) != bucket(headers):
        status, body, again = get(url)
        assert status == 200
    return body, again


def logs(deployment):
    return "\n".join(server_log(process) for process in (*deployment["servers"], deployment["worker"]))


def test_a_publication_through_one_instance_is_served_by_the_other_within_a_second(deployment):
    """The other instance's processes may serve the copy they hold for LOCAL_COPY_SECONDS, not longer."""
    first, second, seeded = deployment["first"], deployment["second"], deployment["seeded"]
    index_url = "/ar/news/"

    # The second instance keeps the news index in the shared cache.
    status, before, headers = get(f"{second}{index_url}")
    assert status == 200, logs(deployment)
    before, headers = read_again(f"{second}{index_url}", headers)
    assert headers["X-Cache"] == "hit"

    title = f"Publication {uuid.uuid4().hex[:8]}"
    payload = {"parent": seeded["news"], "title": title, "category": "council", "body": [], "action": "publish"}
    status, body, _headers = call(
        urllib.request.Request(
            f"{first}/api/news",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {seeded['token']}"},
        )
    )
    assert status == 201, body
    assert json.loads(body)["status"] == "live"
    assert title not in before.decode()

    time.sleep(LOCAL_COPY_SECONDS + 0.1)  # the copies the second instance's processes hold have expired
    status, after, headers = get(f"{second}{index_url}")
    assert status == 200
    assert title in after.decode()
    assert headers["X-Cache"] == "miss"
    status, listing, _headers = get(f"{second}/api/news")
    assert title in listing.decode()


class Browser:
    """A staff member's browser over plain HTTP, behind a proxy that terminated TLS.

    Production marks the session and CSRF cookies Secure; the proxy header makes the instances see
    HTTPS, and the cookies are kept here by hand, as a browser on HTTPS would keep them.
    """

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None, headers=None, base=None):
        base = base or self.base
        headers = {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{urllib.parse.urlsplit(base).netloc}{path}",
            **(headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        request = urllib.request.Request(f"{base}{path}", data=data, headers=headers)
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response.status, response.read(), response.headers

    def csrf(self, html):
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, kind) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {kind}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_a_document_uploaded_on_one_instance_goes_to_the_bucket_is_read_by_the_worker_and_served_by_the_other(
    deployment,
):
    first, second = deployment["first"], deployment["second"]
    browser = Browser(first)
    status, page, _headers = browser.request("/admin/login/")
    assert status == 200, logs(deployment)
    login = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": browser.csrf(page), "username": "loader", "password": SUPERUSER_PASSWORD, "next": ""}
    ).encode()
    status, _body, headers = browser.request("/admin/login/", data=login)
    assert status == 302, logs(deployment)

    status, form, _headers = browser.request("/admin/documents/add/")
    assert status == 200
    # Wagtail shows the collection field only when there is more than one collection to choose from.
    select = re.search(rb'<select name="collection".*?</select>', form, re.S)
    fields = {"csrfmiddlewaretoken": browser.csrf(form)}
    if select:
        # A collection anyone may read from: the commune also keeps restricted ones.
        offered = {int(value) for value in re.findall(rb'<option value="(\d+)"', select.group(0))}
        with psycopg.connect(deployment["database"]) as database:
            public = database.execute(
                "SELECT id FROM wagtailcore_collection WHERE id NOT IN"
                " (SELECT collection_id FROM wagtailcore_collectionviewrestriction) ORDER BY depth DESC"
            ).fetchall()
        fields["collection"] = next(str(pk) for (pk,) in public if pk in offered)
    word = f"Tamesna{uuid.uuid4().hex[:6]}"
    content = tiny_pdf_bytes(f"Minutes {word}")
    body, kind = multipart(
        {**fields, "title": f"Minutes {word}"},
        {"file": (f"minutes-{word.lower()}.pdf", content, "application/pdf")},
    )
    status, answer, _headers = browser.request("/admin/documents/add/", data=body, headers={"Content-Type": kind})
    assert status == 302, answer.decode(errors="replace")[-2000:] + logs(deployment)

    # The file is in the bucket (the private prefix), not on the instance's disk.
    keys = [item["Key"] for item in deployment["s3"].list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    stored = [key for key in keys if word.lower() in key]
    assert stored and all(key.startswith("private/") for key in stored), keys

    # The worker process, not the instance, reads the PDF's text (the instances enqueue; they never run tasks).
    deadline = time.monotonic() + WORKER_DEADLINE
    text, finished = "", []
    with psycopg.connect(deployment["database"], autocommit=True) as database:
        while time.monotonic() < deadline and not (word in text and finished):
            document_id, filename, text = database.execute(
                "SELECT id, file, extracted_text FROM assets_communedocument WHERE title = %s", (f"Minutes {word}",)
            ).fetchone()
            filename, text = filename.rsplit("/", 1)[-1], text or ""
            finished = database.execute(
                "SELECT worker_ids FROM django_tasks_database_dbtaskresult"
                " WHERE status = 'SUCCESSFUL' AND task_path = 'search.tasks.extract_document_text'"
            ).fetchall()
            time.sleep(0.3)
    assert word in text, logs(deployment)
    # The run is recorded as the worker's: the instances enqueued the task and never ran it.
    assert finished and all(worker_ids for (worker_ids,) in finished), logs(deployment)

    # The other instance checks the document's collection, then redirects to a short-lived signed address of
    # the bucket's private object (WAGTAILDOCS_SERVE_METHOD = "redirect"): the bytes never pass through Python.
    path = f"/documents/{document_id}/{filename}"
    endpoint = deployment["s3"].meta.endpoint_url
    status, body, headers = get_once(f"{second}{path}")
    assert status == 302, (status, logs(deployment))
    signed = urllib.parse.urlsplit(headers["Location"])
    query = urllib.parse.parse_qs(signed.query)
    assert f"{signed.scheme}://{signed.netloc}" == endpoint
    assert signed.path == f"/{BUCKET}/{stored[0]}"
    assert "X-Amz-Signature" in query or "Signature" in query
    assert query.get("X-Amz-Expires", query.get("Expires"))
    # The signed address expires: no shared cache keeps the redirect, the browser less long than the signature.
    directives = {part.strip() for part in headers["Cache-Control"].split(",")}
    assert "private" in directives, headers["Cache-Control"]
    max_age = int(next(part for part in directives if part.startswith("max-age="))[len("max-age=") :])
    if "X-Amz-Expires" in query:
        assert 0 < max_age < int(query["X-Amz-Expires"][0])
    else:
        assert max_age > 0 and time.time() + max_age < int(query["Expires"][0])
    with urllib.request.urlopen(headers["Location"], timeout=30) as response:
        assert response.read() == content
    # The object itself is private: without the signature the bucket refuses it.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{endpoint}{signed.path}", timeout=30)
    assert refused.value.code == 403

    # Once its collection is restricted, a visitor is sent to log in and never sees a bucket address;
    # the logged-in staff member (whose session the first instance opened) gets a signed address.
    restrict = (
        "from wagtail.models import Collection, CollectionViewRestriction;"
        "from assets.models import CommuneDocument;"
        "private = Collection.get_first_root_node().add_child(name='Restricted minutes');"
        "CollectionViewRestriction.objects.create(collection=private, restriction_type='login');"
        f"CommuneDocument.objects.filter(pk={document_id}).update(collection=private)"
    )
    manage(deployment["folder"], "shell", "-c", restrict, **deployment["environment"])
    status, body, headers = get_once(f"{second}{path}")
    assert status == 302
    login = urllib.parse.urlsplit(headers["Location"])
    assert login.path.endswith("/login/") and not login.netloc, headers["Location"]
    assert urllib.parse.parse_qs(login.query)["next"] == [path]
    assert content not in body
    assert {"private", "no-store"} <= {part.strip() for part in headers["Cache-Control"].split(",")}
    status, body, headers = browser.request(path, base=second)
    assert status == 302, status
    assert headers["Location"].startswith(f"{endpoint}/{BUCKET}/private/")
    assert {"private", "no-store"} <= {part.strip() for part in headers["Cache-Control"].split(",")}
    with urllib.request.urlopen(headers["Location"], timeout=30) as response:
        assert response.read() == content
