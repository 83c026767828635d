"""Open311 GeoReport v2: discovery, services, definitions, and the request round trip."""

import pytest
from django.core import mail

from clients.models import ApiToken, hash_token
from participation.enums import RequestStatus
from participation.models import ServiceRequest

from .factories import service_request

BASE = "/open311/v2"


def post_request(client, api_key, key=None, overrides=None):
    data = {
        "api_key": api_key,
        "service_code": "cleanliness",
        "lat": "29.7226",
        "long": "-8.9744",
        "address_string": "Place du marché",
        "description": "Dépôt sauvage de déchets près du marché.",
        "email": "habitant@example.ma",
        "first_name": "Said",
        "last_name": "Ouali",
        "phone": "0600000000",
        "attribute[kind]": "complaint",
    }
    data.update(overrides or {})
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(f"{BASE}/requests.json", data, headers=headers)


def test_discovery_points_to_the_endpoint(town, client):
    body = client.get(f"{BASE}/discovery.json").json()
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/")
    assert endpoint["formats"] == ["application/json", "text/xml"]


def test_service_list_is_the_communes_categories_in_the_language_asked(town, client):
    services = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="fr").json()
    codes = {service["service_code"] for service in services}
    assert {"public-lighting", "cleanliness", "ambulance", "funeral-transport", "dialysis-transport"} <= codes
    assert set(services[0]) == {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}


def test_service_definition_lists_the_kind_attribute(town, client):
    body = client.get(f"{BASE}/services/public-lighting.json").json()
    assert body["service_code"] == "public-lighting"
    assert body["attributes"][0]["code"] == "kind"
    assert client.get(f"{BASE}/services/unknown.json").status_code == 404


def test_post_then_get_round_trip(town, client, api_key, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_request(client, api_key)
    assert response.status_code == 201
    created = response.json()[0]
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    assert len(mail.outbox) == 1

    item = ServiceRequest.objects.get(pk=created["service_request_id"])
    item.change_status(RequestStatus.ANSWERED, public_note="Nettoyé ce matin.")
    detail = client.get(f"{BASE}/requests/{created['service_request_id']}.json").json()[0]
    assert detail["service_request_id"] == created["service_request_id"]
    assert detail["status"] == "closed"
    assert detail["status_notes"] == "Nettoyé ce matin."
    assert detail["service_code"] == "cleanliness"
    assert detail["lat"] == pytest.approx(29.7226) and detail["long"] == pytest.approx(-8.9744)
    assert set(detail) == {
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
        "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
        "address", "address_id", "zipcode", "lat", "long", "media_url",
    }  # fmt: skip
    listing = client.get(f"{BASE}/requests.json", {"status": "closed", "service_code": "cleanliness"}).json()
    assert [entry["service_request_id"] for entry in listing] == [created["service_request_id"]]
    assert client.get(f"{BASE}/requests.json", {"status": "open"}).json() == []


def test_post_retried_with_the_same_idempotency_key_is_stored_once(town, client, api_key):
    first = post_request(client, api_key, key="retry-0001")
    second = post_request(client, api_key, key="retry-0001")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    assert ServiceRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"api_key": "wrong"}, 403),
        ({"service_code": "nope"}, 404),
        ({"lat": "abc"}, 400),
        ({"lat": "95", "long": "0"}, 400),
        ({"long": ""}, 400),
        ({"lat": "", "long": "", "address_string": ""}, 400),
        ({"description": ""}, 400),
        ({"attribute[kind]": "rant"}, 400),
        ({"email": "nobody"}, 400),
        ({"media_url": "javascript:alert(1)"}, 400),
    ],
)
def test_bad_post_is_a_clear_error_and_stores_nothing(town, client, api_key, overrides, status):
    response = post_request(client, api_key, overrides=overrides)
    assert response.status_code == status
    error = response.json()[0]
    assert error["code"] == status and error["description"]
    assert not ServiceRequest.objects.exists()


def test_error_description_is_in_the_callers_language(town, client):
    response = client.post(f"{BASE}/requests.json", {"api_key": "x"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 403
    assert response["Content-Language"] == "fr"


def test_revoked_key_cannot_post(town, client, api_key):
    ApiToken.objects.get().revoke()
    assert post_request(client, api_key).status_code == 403


def test_key_is_stored_only_as_a_hash(town, api_key):
    record = ApiToken.objects.get()
    assert api_key not in (record.token_hash, record.prefix)
    assert record.token_hash == hash_token(api_key)
    assert ApiToken.authenticate(api_key) == record


@pytest.mark.parametrize(
    "params",
    [{"start_date": "yesterday"}, {"status": "pending"}, {"service_request_id": "1,abc"}],
)
def test_bad_query_parameters_are_a_400_list(town, client, params):
    response = client.get(f"{BASE}/requests.json", params)
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


def test_unknown_request_id_is_404(town, client):
    assert client.get(f"{BASE}/requests/999999.json").status_code == 404


def test_wrong_jurisdiction_is_404(town, client):
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "elsewhere.ma"}).status_code == 404


def test_confidential_request_hides_place_and_description(town, client):
    item = service_request(town, code="ambulance", description="Ma mère, 80 ans, dialysée", address="12 rue X")
    detail = client.get(f"{BASE}/requests/{item.pk}.json").json()[0]
    assert detail["description"] is None and detail["address"] is None and detail["lat"] is None
