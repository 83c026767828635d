"""Bad uploads are refused with a clear error in the editor's language, and nothing is kept."""

import html
import io
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.models import Collection, GroupCollectionPermission
from wagtail.users.models import UserProfile

from assets.models import CommuneDocument, CommuneImage

from .factories import UserFactory
from .utils import decompression_bomb_png, png_bytes, tiny_pdf_bytes

ARABIC_LETTERS = re.compile("[\u0621-\u064a]")


def files_under(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


@pytest.fixture
def upload_root(settings, tmp_path):
    """A media folder of the test's own, so that any file left behind is seen."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def editor(db):
    """A communication officer who uploads images and documents, with the admin in Arabic."""
    group = Group.objects.create(name="Media editors")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    root = Collection.get_first_root_node()
    for app_label, codenames in (
        ("wagtailimages", ("add_image", "choose_image")),
        ("wagtaildocs", ("add_document", "choose_document")),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
    user = UserFactory()
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()
    return user


@pytest.fixture
def arabic_admin(client, editor):
    client.force_login(editor)
    return client


def post_image(client, content, name):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "صورة",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "alt_text": "وصف الصورة",
            "tags": "",
        },
    )


def post_document(client, content, name="report.pdf"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "تقرير",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "language": "ar",
            "tags": "",
        },
    )


def file_errors(response):
    assert response.status_code == 200, "the form should be shown again with its errors"
    return response.context["form"].errors.as_data().get("file", [])


def shown_messages(response, errors, language):
    """The error messages in ``language``, each checked to be on the page the editor sees."""
    content = html.unescape(response.content.decode())
    with translation.override(language):
        messages = [message for error in errors for message in error.messages]
    for message in messages:
        assert message in content, f"{message!r} is not shown to the editor"
    return messages


def assert_refused_in_arabic(response, model, upload_root, code=None):
    errors = file_errors(response)
    assert errors, "the upload should be refused"
    if code is not None:
        assert code in {error.code for error in errors}
    for message in shown_messages(response, errors, "ar"):
        assert ARABIC_LETTERS.search(message), f"not in Arabic: {message!r}"
    assert model.objects.count() == 0
    assert files_under(upload_root / "original_images") == []
    assert files_under(upload_root / "documents") == []


def test_good_image_is_accepted(arabic_admin, upload_root):
    response = post_image(arabic_admin, png_bytes(), "square.png")

    assert response.status_code == 302
    assert CommuneImage.objects.get().alt_text == "وصف الصورة"


def test_good_pdf_is_accepted(arabic_admin):
    response = post_document(arabic_admin, tiny_pdf_bytes())

    assert response.status_code == 302
    assert CommuneDocument.objects.get().file_extension == "pdf"


def test_text_file_named_as_an_image_is_refused_in_arabic(arabic_admin, upload_root):
    response = post_image(arabic_admin, b"This is not an image at all.\n" * 20, "photo.jpg")

    assert_refused_in_arabic(response, CommuneImage, upload_root)


def test_oversized_image_is_refused(arabic_admin, upload_root, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2 * 1024
    noise = io.BytesIO()
    PILImage.effect_noise((160, 160), 80).save(noise, format="PNG")
    assert len(noise.getvalue()) > 2 * 1024

    response = post_image(arabic_admin, noise.getvalue(), "noise.png")

    assert_refused_in_arabic(response, CommuneImage, upload_root, code="file_too_large")


def test_decompression_bomb_is_refused_before_decoding(arabic_admin, upload_root):
    bomb = decompression_bomb_png()
    assert len(bomb) < 200 * 1024

    response = post_image(arabic_admin, bomb, "bomb.png")

    assert_refused_in_arabic(response, CommuneImage, upload_root, code="file_too_many_pixels")


def test_image_over_the_configured_pixel_limit_is_refused(arabic_admin, upload_root, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100

    response = post_image(arabic_admin, png_bytes(200, 200), "large.png")

    assert_refused_in_arabic(response, CommuneImage, upload_root, code="file_too_many_pixels")


def test_pdf_that_is_not_a_pdf_is_refused_in_arabic(arabic_admin, upload_root):
    response = post_document(arabic_admin, b"<html><body>not a report</body></html>")

    assert_refused_in_arabic(response, CommuneDocument, upload_root, code="not_pdf")


def test_truncated_pdf_is_refused_in_arabic(arabic_admin, upload_root):
    pdf = tiny_pdf_bytes()
    broken = pdf[: len(pdf) // 3]

    response = post_document(arabic_admin, broken)

    assert_refused_in_arabic(response, CommuneDocument, upload_root, code="broken_pdf")


def test_pdf_with_garbage_after_its_header_is_refused(arabic_admin, upload_root):
    response = post_document(arabic_admin, b"%PDF-1.7\n" + bytes(range(256)) * 8)

    assert_refused_in_arabic(response, CommuneDocument, upload_root, code="broken_pdf")


def test_oversized_document_is_refused(arabic_admin, upload_root, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 256

    response = post_document(arabic_admin, tiny_pdf_bytes())

    assert_refused_in_arabic(response, CommuneDocument, upload_root, code="file_too_large")


@pytest.mark.parametrize(
    ("content", "max_size"),
    [(b"<html>not a report</html>", None), (b"%PDF-1.7\n" + b"\x00" * 64, None), (b"%PDF-" + b"1" * 600, 256)],
    ids=["not-a-pdf", "broken-pdf", "oversized"],
)
def test_refused_document_gets_one_clear_error(arabic_admin, settings, content, max_size):
    if max_size:
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = max_size

    errors = file_errors(post_document(arabic_admin, content))

    assert len(errors) == 1, [message for error in errors for message in error.messages]


def test_fake_pdf_is_refused_by_the_multiple_upload_too(arabic_admin, upload_root):
    response = arabic_admin.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("report.pdf", b"GIF89a not a pdf", content_type="application/pdf")},
    )

    assert response.status_code == 200
    result = json.loads(response.content)
    assert result["success"] is False
    assert CommuneDocument.objects.count() == 0
    assert files_under(upload_root / "documents") == []


def test_french_editor_reads_the_error_in_french(client, editor, upload_root):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(editor)

    response = post_image(client, b"pas une image", "photo.jpg")

    (message,) = shown_messages(response, file_errors(response), "fr")
    assert not ARABIC_LETTERS.search(message)
    assert "image" in message.lower()
    assert CommuneImage.objects.count() == 0
