"""No citizen's personal data on any public surface, and erasure after the retention period."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from participation.enums import InformationStatus, PetitionStatus, RequestStatus
from participation.models import PetitionSignature

from .factories import PERSONAL, information_request, petition, service_request

SECRETS = [PERSONAL["name"], PERSONAL["email"], PERSONAL["phone"], "0698765432", "AB123456", "JK998877",
           "Karim Idrissi", "karim.idrissi@example.ma", "Youssef Benali", "Amina Tazi", "ZZ445566"]  # fmt: skip


@pytest.fixture
def filed(town):
    """One of each kind of item, all carrying personal data, some of it typed into free text."""
    request = service_request(town, description="Appelez-moi au 0698765432, lampadaire éteint.")
    request.change_status(RequestStatus.IN_PROGRESS, public_note="Équipe envoyée.")
    ambulance = service_request(town, code="ambulance", description=f"Pour {PERSONAL['name']}")
    info = information_request(town)
    item = petition(town)
    item.change_status(PetitionStatus.COLLECTING)
    PetitionSignature.objects.create(petition=item, name="Amina Tazi", national_id="ZZ445566")
    return {"request": request, "ambulance": ambulance, "information": info, "petition": item}


def public_urls(filed):
    with translation.override("fr"):
        return [
            reverse("participation:request_status", args=[filed["request"].tracking_code]),
            reverse("participation:request_status", args=[filed["ambulance"].tracking_code]),
            reverse("participation:information_status", args=[filed["information"].tracking_code]),
            reverse("participation:petition_list"),
            reverse("participation:petition_detail", args=[filed["petition"].pk]),
            reverse("participation:petition_status", args=[filed["petition"].tracking_code]),
            reverse("participation:statistics"),
            reverse("participation_stats_json"),
            "/open311/v2/requests.json",
            f"/open311/v2/requests/{filed['request'].pk}.json",
            f"/open311/v2/requests/{filed['ambulance'].pk}.json",
            "/open311/v2/services.json",
        ]


def test_no_personal_data_on_any_public_surface(filed, client):
    for url in public_urls(filed):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, (secret, url)


def test_no_personal_data_in_search_results(filed, client):
    for term in ("Amrani", "lampadaire", "Idrissi", "Tazi"):
        response = client.get("/fr/search/", {"q": term})
        assert response.status_code == 200, term
        body = response.content.decode()
        for secret in (PERSONAL["email"], PERSONAL["phone"], "ZZ445566", filed["request"].tracking_code):
            assert secret not in body, (secret, term)


def test_purge_erases_personal_data_of_items_closed_before_the_retention_period(filed, settings):
    long_ago = timezone.now() - datetime.timedelta(days=settings.PARTICIPATION_RETENTION_DAYS + 1)
    request, ambulance, info = filed["request"], filed["ambulance"], filed["information"]
    request.change_status(RequestStatus.ANSWERED)
    ambulance.change_status(RequestStatus.ANSWERED)
    info.change_status(InformationStatus.GRANTED, answer="Voici le budget.")
    type(request).objects.filter(pk__in=[request.pk, ambulance.pk]).update(closed_at=long_ago)
    type(info).objects.filter(pk=info.pk).update(answered_at=long_ago)
    recent = service_request(filed["request"].commune)
    recent.change_status(RequestStatus.ANSWERED)

    call_command("purge_personal_data")

    request.refresh_from_db()
    ambulance.refresh_from_db()
    info.refresh_from_db()
    recent.refresh_from_db()
    assert (request.name, request.email, request.phone) == ("", "", "")
    assert request.personal_data_erased_at is not None
    assert ambulance.description == "" and ambulance.address == ""
    assert (info.applicant_name, info.national_id, info.email) == ("", "", "")
    assert recent.email == PERSONAL["email"]
    assert filed["petition"].signatures.get().national_id == "ZZ445566"
