"""The public forms: receipts, idempotent retries, and bad input refused in the visitor's language."""

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import check_for_language
from PIL import Image

from participation.enums import PetitionStatus
from participation.models import InformationRequest, Petition, PetitionSignature, ServiceRating, ServiceRequest
from tests.utils import tiny_pdf_bytes

from .factories import petition


def url(name, language="fr", *args):
    with translation.override(language):
        return reverse(name, args=args)


def complaint(**overrides):
    data = {
        "kind": "complaint",
        "category": "public-lighting",
        "description": "Le lampadaire de la rue 12 est éteint.",
        "address": "Rue 12, quartier Al Amal",
        "latitude": "",
        "longitude": "",
        "email": "citoyen@example.ma",
        "website": "",
        "idempotency_key": "0123456789abcdef0123456789abcdef",
    }
    data.update(overrides)
    return data


def jpeg_with_gps_bytes():
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


AMAZIGH = pytest.param(
    "zgh", marks=pytest.mark.skipif(not check_for_language("zgh"), reason="the Amazigh catalogue is not compiled")
)


@pytest.mark.parametrize("language", ["ar", "fr", AMAZIGH])
def test_form_renders_in_each_language_with_the_notice_and_a_fresh_key(town, client, language):
    response = client.get(url("participation:request_new", language))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="website"' in html
    assert "privacy-notice" in html
    assert re.search(r'name="idempotency_key" value="[0-9a-f]{32}"', html)
    assert "dialysis-transport" in html


def test_submission_gives_a_receipt_with_an_unguessable_code(town, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("participation:request_new"), complaint())
    assert response.status_code == 302
    item = ServiceRequest.objects.get()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", item.tracking_code)
    assert item.language == "fr"
    receipt = Client().get(response["Location"])
    assert item.tracking_code in receipt.content.decode()
    assert len(mail.outbox) == 1 and item.tracking_code in mail.outbox[0].body


def test_tracking_codes_are_random_not_sequential(town, client):
    codes = set()
    for n in range(5):
        client.post(url("participation:request_new"), complaint(idempotency_key=f"{n:032d}"))
    codes = set(ServiceRequest.objects.values_list("tracking_code", flat=True))
    assert len(codes) == 5
    assert len({code[:4] for code in codes}) > 1


def test_retried_submission_with_the_same_key_is_stored_once(town, client):
    first = client.post(url("participation:request_new"), complaint())
    second = client.post(url("participation:request_new"), complaint())
    assert first["Location"] == second["Location"]
    assert ServiceRequest.objects.count() == 1


def test_status_page_found_by_code_typed_loosely(town, client):
    client.post(url("participation:request_new"), complaint())
    code = ServiceRequest.objects.get().tracking_code
    response = client.get(url("participation:track"), {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_unknown_code_is_a_clear_404(town, client):
    response = client.get(url("participation:track", "fr"), {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 404


def test_csrf_is_enforced(town):
    response = Client(enforce_csrf_checks=True).post(url("participation:request_new"), complaint())
    assert response.status_code == 403
    assert not ServiceRequest.objects.exists()


def test_honeypot_submission_is_refused(town, client):
    response = client.post(url("participation:request_new"), complaint(website="http://spam.example"))
    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"description": ""}, "Champ requis"),
        ({"category": "no-such-thing"}, "Sélectionnez un choix valide"),
        ({"address": ""}, ""),
        ({"latitude": "33.5"}, ""),
        ({"latitude": "133.5", "longitude": "-7.6"}, ""),
        ({"email": "not-an-address"}, "adresse e-mail valide"),
        ({"idempotency_key": "short"}, ""),
    ],
)
def test_malformed_form_is_refused_and_nothing_stored(town, client, overrides, message):
    response = client.post(url("participation:request_new", "fr"), complaint(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_photo_is_stored_under_a_random_name_without_its_metadata(town, client):
    upload = SimpleUploadedFile("my house at 12 rue X.jpg", jpeg_with_gps_bytes(), content_type="image/jpeg")
    response = client.post(url("participation:request_new"), complaint(attachment=upload))
    assert response.status_code == 302
    item = ServiceRequest.objects.get()
    assert item.attachment_type == "image/jpeg"
    assert "house" not in item.attachment.name
    with item.attachment.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()


def test_pdf_attachment_is_accepted(town, client):
    upload = SimpleUploadedFile("plainte.pdf", tiny_pdf_bytes(), content_type="application/pdf")
    response = client.post(url("participation:request_new"), complaint(attachment=upload))
    assert response.status_code == 302
    assert ServiceRequest.objects.get().attachment_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("photo.jpg", b"MZ\x90\x00 this is a Windows program", "image/jpeg"),
        ("lettre.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("broken.pdf", b"%PDF-1.4\n garbage without any object", "application/pdf"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
    ],
)
def test_forged_attachment_is_refused_by_content(town, client, name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post(url("participation:request_new", "fr"), complaint(attachment=upload))
    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_oversized_attachment_is_refused_with_the_limit_in_the_users_language(town, client):
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 300_000, content_type="application/pdf")
    response = client.post(url("participation:request_new", "fr"), complaint(attachment=upload))
    assert response.status_code == 400
    assert "Kio" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_rate_limit_per_address(town, client, settings):
    settings.PARTICIPATION_RATE_LIMIT = 2
    statuses = [
        client.post(url("participation:request_new"), complaint(idempotency_key=f"{n:032d}")).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert ServiceRequest.objects.count() == 2


def test_information_request_gives_a_receipt_and_shows_the_appeal_path_on_refusal(town, client):
    data = {
        "applicant_name": "Youssef Benali",
        "national_id": "ab 123456",
        "email": "y@example.ma",
        "information_sought": "Le budget 2025.",
        "access_form": "electronic",
        "idempotency_key": "abcdefabcdefabcdefabcdefabcdefab",
    }
    response = client.post(url("participation:information_new"), data)
    assert response.status_code == 302
    item = InformationRequest.objects.get()
    assert item.national_id == "AB123456"
    item.change_status("refused", answer="Vie privée de tiers.", ground="private_life")
    page = client.get(url("participation:information_status", "fr", item.tracking_code)).content.decode()
    assert "CDAI" in page


def test_information_request_with_a_bad_national_id_is_refused(town, client):
    data = {"applicant_name": "X", "national_id": "123", "email": "y@example.ma", "information_sought": "Budget"}
    data["access_form"] = "electronic"
    response = client.post(url("participation:information_new"), data)
    assert response.status_code == 400
    assert not InformationRequest.objects.exists()


def test_petition_is_proposed_then_signed_once_per_national_id(town, client):
    data = {
        "title": "Une bibliothèque de quartier",
        "request_text": "Ouvrir une bibliothèque.",
        "filer_kind": "citizens",
        "filer_name": "Karim Idrissi",
        "filer_national_id": "JK998877",
        "idempotency_key": "fedcbafedcbafedcbafedcbafedcbafe",
    }
    assert client.post(url("participation:petition_new"), data).status_code == 302
    item = Petition.objects.get()
    assert client.get(url("participation:petition_detail", "fr", item.pk)).status_code == 404
    item.change_status(PetitionStatus.COLLECTING)
    sign = {"name": "Amina", "national_id": "AA111111"}
    assert client.post(url("participation:petition_detail", "fr", item.pk), sign).status_code == 302
    assert client.post(url("participation:petition_detail", "fr", item.pk), sign).status_code == 302
    assert PetitionSignature.objects.count() == 1


def test_signing_a_closed_petition_is_refused(town, client):
    item = petition(town)
    item.change_status(PetitionStatus.COLLECTING)
    item.change_status(PetitionStatus.WITHDRAWN)
    client.post(url("participation:petition_detail", "fr", item.pk), {"name": "A", "national_id": "AA111111"})
    assert not PetitionSignature.objects.exists()


def test_one_rating_per_browser_per_service_per_day(town, client, service_page):
    rate = url("participation:rate_service", "ar", service_page.pk)
    assert client.get(rate).status_code == 200
    client.post(rate, {"score": "4", "comment": "Rapide"})
    client.post(rate, {"score": "1", "comment": "Encore"})
    assert ServiceRating.objects.count() == 1
    Client().post(rate, {"score": "5"})
    assert ServiceRating.objects.count() == 2
    assert client.post(rate, {"score": "9"}).status_code == 400
