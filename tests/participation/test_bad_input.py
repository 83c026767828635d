"""Hostile input on every public participation surface: a 4xx with a clear message, never a 500."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from participation.models import PetitionSignature, ServiceRating, ServiceRequest

from .factories import petition, service_request

BASE = "/open311/v2"
INJECTED_EMAIL = "a@b.c\r\nBcc: everyone@example.com"


def open311(client, api_key, **overrides):
    data = {
        "api_key": api_key,
        "service_code": "cleanliness",
        "lat": "29.7226",
        "long": "-8.9744",
        "address_string": "Place du marché",
        "description": "Dépôt sauvage de déchets près du marché.",
        "email": "habitant@example.ma",
        "first_name": "Said",
    }
    data.update(overrides)
    return client.post(f"{BASE}/requests.json", data, HTTP_ACCEPT_LANGUAGE="fr")


def url(name, *args, language="fr"):
    with translation.override(language):
        return reverse(name, args=args)


def complaint(**overrides):
    return {
        "kind": "complaint",
        "category": "public-lighting",
        "description": "Le lampadaire de la rue 12 est éteint.",
        "address": "Rue 12",
        "email": "citoyen@example.ma",
        **overrides,
    }


@pytest.mark.parametrize(
    "overrides",
    [
        {"lat": "NaN", "long": "0"},
        {"lat": "-nan", "long": "-nan"},
        {"lat": "inf", "long": "0"},
        {"lat": "1e400", "long": "0"},
        {"lat": "0", "long": "-Infinity"},
        {"description": "Déchets\x00 partout"},
        {"first_name": "Sa\x00id"},
        {"address_string": "Place\x00 du marché"},
        {"description": "Bell\x07 and escape\x1b[31m"},
        {"email": INJECTED_EMAIL},
        {"email": "@"},
        {"address_string": "x" * 256},
        {"description": "x" * 5001},
        {"phone": "0" * 40},
        {"service_code": "clean\x00liness"},
    ],
)
def test_open311_post_refuses_bad_values_with_a_400_in_the_callers_language(town, api_key, overrides):
    response = open311(Client(), api_key, **overrides)
    assert response.status_code == 400
    error = response.json()[0]
    assert error["code"] == 400 and error["description"]
    assert response["Content-Language"] == "fr"
    assert not ServiceRequest.objects.exists()


def test_open311_json_post_with_nan_is_a_400(town, api_key):
    body = f'{{"api_key": "{api_key}", "service_code": "cleanliness", "lat": NaN, "long": 0, "description": "x"}}'
    response = Client().post(f"{BASE}/requests.json", body, content_type="application/json")
    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_open311_json_post_nested_too_deep_is_a_400(town, api_key):
    response = Client().post(f"{BASE}/requests.json", "[" * 100_000, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "params",
    [
        {"service_request_id": "9223372036854775808"},
        {"service_request_id": "1,99999999999999999999999"},
        {"service_request_id": "-1"},
        {"service_code": "a\x00b"},
        {"status": "open\x00"},
    ],
)
def test_open311_query_with_numbers_no_id_can_have_is_a_400(town, params):
    response = Client().get(f"{BASE}/requests.json", params)
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


@pytest.mark.parametrize(
    "path",
    [
        "/fr/participate/rate/99999999999999999999/",
        "/fr/participate/petitions/99999999999999999999/",
        "/open311/v2/requests/9223372036854775808.json",
        "/fr/participate/requests/%00/",
        "/fr/participate/information/%00ABC/",
        "/fr/participate/petitions/track/%00/",
    ],
)
def test_paths_with_huge_numbers_or_nul_are_not_found(town, path):
    assert Client().get(path).status_code == 404


@pytest.mark.parametrize(
    "overrides",
    [
        {"description": "Déchets\x00 partout"},
        {"name": "Fatima\x00"},
        {"address": "Rue\x0b 12"},
        {"email": INJECTED_EMAIL},
        {"email": "@"},
        {"latitude": "NaN", "longitude": "NaN"},
        {"latitude": "inf", "longitude": "0"},
        {"address": "x" * 300},
    ],
)
def test_complaint_form_refuses_bad_values_with_a_400(town, overrides):
    response = Client().post(url("participation:request_new"), complaint(**overrides))
    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_signature_and_rating_forms_refuse_control_characters(town, service_page):
    item = petition(town, status="collecting")
    client = Client()
    response = client.post(url("participation:petition_detail", item.pk), {"name": "A\x00B", "national_id": "AB1"})
    assert response.status_code == 400
    assert not PetitionSignature.objects.exists()
    response = client.post(url("participation:rate_service", service_page.pk), {"score": "5", "comment": "bien\x00"})
    assert response.status_code == 400
    response = client.post(url("participation:rate_service", service_page.pk), {"score": "99999999999999999999"})
    assert response.status_code == 400
    assert not ServiceRating.objects.exists()


def test_tracking_form_with_nul_is_a_400(town):
    assert Client().get(url("participation:track"), {"code": "AB\x00CD"}).status_code == 400


def test_stored_injected_email_does_not_break_later_status_changes(
    admin_client, town, django_capture_on_commit_callbacks
):
    """An item stored before the forms refused such addresses: staff still change its status, no mail goes out."""
    item = service_request(town, email=INJECTED_EMAIL)
    edit = reverse("participation_requests:edit", args=[item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit, {"new_status": "in_progress", "public_note": "Pris en charge."})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit, {"new_status": "answered", "public_note": "Réparé."})
    assert response.status_code == 302
    assert mail.outbox == []


PETITION = {
    "title": "Une bibliothèque de quartier",
    "request_text": "Ouvrir une bibliothèque.",
    "filer_kind": "citizens",
    "filer_name": "Karim Idrissi",
    "filer_national_id": "JK998877",
    "filer_email": "karim@example.ma",
}
INFORMATION = {
    "applicant_name": "Youssef Benali",
    "national_id": "AB123456",
    "email": "y@example.ma",
    "information_sought": "Le budget 2025.",
    "access_form": "electronic",
}


@pytest.mark.parametrize(
    ("name", "data", "overrides"),
    [
        ("participation:petition_new", PETITION, {"title": "Biblio\x00thèque"}),
        ("participation:petition_new", PETITION, {"request_text": "Ouvrir\x1b[2J"}),
        ("participation:petition_new", PETITION, {"filer_email": INJECTED_EMAIL}),
        ("participation:petition_new", PETITION, {"title": "x" * 5000}),
        ("participation:petition_new", PETITION, {"association": "99999999999999999999"}),
        ("participation:information_new", INFORMATION, {"applicant_name": "You\x00ssef"}),
        ("participation:information_new", INFORMATION, {"information_sought": "Bud\x0cget"}),
        ("participation:information_new", INFORMATION, {"email": INJECTED_EMAIL}),
        ("participation:information_new", INFORMATION, {"email": "@"}),
        ("participation:information_new", INFORMATION, {"phone": "0" * 400}),
        ("participation:information_new", INFORMATION, {"urgent": "on", "urgency_reason": "x" * 100_000}),
    ],
)
def test_petition_and_information_forms_refuse_bad_values_with_a_400(town, name, data, overrides):
    from participation.models import InformationRequest, Petition

    response = Client().post(url(name), {**data, **overrides})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode() or "form-errors" in response.content.decode()
    assert not Petition.objects.exists() and not InformationRequest.objects.exists()
    assert mail.outbox == []
