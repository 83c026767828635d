"""Media on an S3-compatible bucket: upload, rendition and download against a real S3 server."""

import io
import logging
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage

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
