"""Media on an S3-compatible bucket: upload, rendition and download against a real S3 server."""

import io
import logging
import time
import urllib.error
import urllib.parse
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.models import Collection, CollectionViewRestriction

from .factories import CommuneDocumentFactory, CommuneImageFactory
from .utils import png_bytes, tiny_pdf_bytes

pytestmark = pytest.mark.s3

BUCKET = "bawaba-media-test"
CREDENTIALS = {"access_key": "bawaba-test-key", "secret_key": "bawaba-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="module")
def bucket(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture
def s3_media(s3_endpoint, bucket):
    """The default storage is the bucket, configured as production configures it."""
    storages_setting = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": True,
                **CREDENTIALS,
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "file_overwrite": False,
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
                **CREDENTIALS,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages_setting, WAGTAILDOCS_SERVE_METHOD="redirect"):
        yield bucket


def keys_in(bucket):
    return {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_default_storage_is_the_bucket_when_configured(s3_media):
    from storages.backends.s3 import S3Storage

    name = default_storage.save("probe/hello.txt", ContentFile(b"salam"))

    assert isinstance(default_storage._wrapped, S3Storage)
    assert name in keys_in(s3_media)
    assert s3_media.get_object(Bucket=BUCKET, Key=name)["Body"].read() == b"salam"


@pytest.mark.django_db
def test_image_and_rendition_are_stored_in_the_bucket(s3_media):
    original = png_bytes(120, 80, "darkgreen")
    image = CommuneImageFactory(file=ContentFile(original, name="corniche.png"))

    rendition = image.get_rendition("fill-40x30")

    keys = keys_in(s3_media)
    assert image.file.name in keys
    assert rendition.file.name in keys
    assert rendition.file.name != image.file.name
    assert (rendition.width, rendition.height) == (40, 30)
    with image.open_file() as stored:
        assert stored.read() == original
    assert s3_media.get_object(Bucket=BUCKET, Key=image.file.name)["Body"].read() == original
    with rendition.file.storage.open(rendition.file.name) as stored:
        assert PILImage.open(io.BytesIO(stored.read())).size == (40, 30)


@pytest.mark.django_db
def test_document_is_private_in_the_bucket_and_served_by_a_signed_url_after_the_checks(client, s3_media):
    content = tiny_pdf_bytes("minutes of the session")
    document = CommuneDocumentFactory(file__data=content, file__filename="minutes.pdf")

    key = f"private/{document.file.name}"
    assert key in keys_in(s3_media)
    assert not default_storage.exists(document.file.name)

    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))

    assert response.status_code == 302
    signed = response["Location"]
    assert "Signature=" in signed
    with urllib.request.urlopen(signed, timeout=10) as download:
        assert download.read() == content
    unsigned = signed.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=10)
    assert refused.value.code == 403


@pytest.mark.django_db
def test_deleting_a_document_removes_it_from_the_bucket(s3_media):
    document = CommuneDocumentFactory(file__data=tiny_pdf_bytes("to delete"), file__filename="old.pdf")
    key = f"private/{document.file.name}"
    assert key in keys_in(s3_media)

    document.file.delete(save=False)
    document.delete()

    assert key not in keys_in(s3_media)


def cache_directives(response):
    """``Cache-Control`` as a mapping: ``{"private": True, "max-age": 150}``."""
    directives = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = int(value) if value.isdigit() else True
    return directives


@pytest.mark.django_db
def test_redirect_to_a_signed_url_is_kept_by_no_shared_cache_and_by_the_browser_less_long_than_the_signature(
    client, s3_media
):
    document = CommuneDocumentFactory(file__data=tiny_pdf_bytes("budget"), file__filename="budget.pdf")

    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))

    assert response.status_code == 302
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(response["Location"]).query)
    expires_at = int(query["Expires"][0])  # signature version 2: the moment the address stops working
    directives = cache_directives(response)
    assert directives.get("private") is True
    assert "public" not in directives and "s-maxage" not in directives
    assert 0 < directives["max-age"] < 300
    assert time.time() + directives["max-age"] < expires_at


@pytest.mark.django_db
def test_restricted_document_answers_are_never_stored(s3_media, django_user_model):
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Conseil — interne (bucket)")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    document = CommuneDocumentFactory(
        file__data=tiny_pdf_bytes("interne"), file__filename="interne.pdf", collection=internal
    )
    url = reverse("wagtaildocs_serve", args=[document.pk, document.filename])

    to_login = Client().get(url)
    staff = Client()
    staff.force_login(django_user_model.objects.create_user(username="clerk-s3", password="clerk-s3-password"))
    signed = staff.get(url)

    assert to_login.status_code == 302 and "login" in to_login["Location"]
    assert signed.status_code == 302 and "Signature=" in signed["Location"]
    for response in (to_login, signed):
        directives = cache_directives(response)
        assert directives.get("private") is True and directives.get("no-store") is True
        assert "max-age" not in directives or directives["max-age"] == 0
