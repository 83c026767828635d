"""Open311 GeoReport v2 as the specification has it: every resource in JSON and XML, with its fields."""

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .. import standards
from .factories import service_request
from .test_open311 import BASE, post_request


def xml(response):
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    return ElementTree.fromstring(response.content)


def test_discovery_in_json_and_xml(town, client):
    body = client.get(f"{BASE}/discovery.json").json()
    assert set(body) == standards.OPEN311_DISCOVERY
    assert set(body["endpoints"][0]) == standards.OPEN311_ENDPOINT
    assert set(body["endpoints"][0]["formats"]) == {"application/json", "text/xml"}
    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery" and standards.children(root) == standards.OPEN311_DISCOVERY
    endpoint = root.find("endpoints/endpoint")
    assert standards.children(endpoint) == standards.OPEN311_ENDPOINT
    assert [f.text for f in endpoint.findall("formats/format")] == ["application/json", "text/xml"]


def test_one_discovery_document(town, client):
    moved = client.get("/api/open311/discovery.json")
    assert moved.status_code == 308
    assert moved["Location"] == "/open311/v2/discovery.json"
    assert client.get("/api/open311/v2/services.json")["Location"] == "/open311/v2/services.json"


def test_services_in_json_and_xml(town, client):
    services = client.get(f"{BASE}/services.json").json()
    assert services and all(set(service) == standards.OPEN311_SERVICE for service in services)
    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    assert len(root.findall("service")) == len(services)
    assert all(standards.children(service) == standards.OPEN311_SERVICE for service in root.findall("service"))
    assert root.find("service/metadata").text == "true"


def test_service_definition_in_json_and_xml(town, client):
    body = client.get(f"{BASE}/services/cleanliness.json").json()
    assert set(body) == standards.OPEN311_DEFINITION
    assert set(body["attributes"][0]) == standards.OPEN311_ATTRIBUTE
    root = xml(client.get(f"{BASE}/services/cleanliness.xml"))
    assert root.tag == "service_definition"
    attribute = root.find("attributes/attribute")
    assert standards.children(attribute) == standards.OPEN311_ATTRIBUTE
    assert attribute.findall("values/value")
    assert all(standards.children(value) == {"key", "name"} for value in attribute.findall("values/value"))


def test_requests_in_json_and_xml(town, client):
    item = service_request(town, external_media_url="https://photos.example.ma/lampadaire.jpg")
    listing = client.get(f"{BASE}/requests.json").json()
    assert [set(entry) for entry in listing] == [standards.OPEN311_REQUEST]
    assert listing[0]["media_url"] == "https://photos.example.ma/lampadaire.jpg"
    root = xml(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests"
    assert standards.children(root.find("request")) == standards.OPEN311_REQUEST
    one = xml(client.get(f"{BASE}/requests/{item.pk}.xml"))
    assert one.find("request/service_request_id").text == str(item.pk)
    assert one.find("request/media_url").text == "https://photos.example.ma/lampadaire.jpg"


def test_post_in_xml_keeps_the_media_url(town, client, api_key):
    media = "https://photos.example.ma/depot.jpg"
    response = client.post(
        f"{BASE}/requests.xml",
        {
            "api_key": api_key,
            "service_code": "cleanliness",
            "lat": "29.7226",
            "long": "-8.9744",
            "description": "Dépôt sauvage.",
            "media_url": media,
        },
    )
    assert response.status_code == 201
    root = xml(response)
    assert root.tag == "service_requests" and standards.children(root.find("request")) == standards.OPEN311_CREATED
    created = root.find("request/service_request_id").text
    assert client.get(f"{BASE}/requests/{created}.json").json()[0]["media_url"] == media


def test_errors_in_xml(town, client, api_key):
    root = xml(client.get(f"{BASE}/services/unknown.xml"))
    assert root.tag == "errors"
    assert standards.children(root.find("error")) == {"code", "description"}
    assert root.find("error/code").text == "404"
    refused = post_request(client, "wrong-key", overrides={"service_code": "nope"})
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("language", "name"),
    [("ar", "الإنارة العمومية"), ("fr", "Éclairage public"), ("zgh", "ⴰⵙⵏⴼⴰⵡ ⴰⴳⴷⵓⴷⴰⵏ")],
)
def test_service_names_in_the_language_asked(town, client, language, name):
    by_header = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE=language).json()
    assert by_header[0]["service_name"] == name
    by_parameter = client.get(f"{BASE}/services.json", {"locale": language}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert by_parameter[0]["service_name"] == name
    item = service_request(town)
    detail = client.get(f"{BASE}/requests/{item.pk}.json", {"locale": language}).json()[0]
    assert detail["service_name"] == name


def test_unknown_locale_is_a_400(town, client):
    response = client.get(f"{BASE}/services.json", {"locale": "en"})
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


@pytest.mark.parametrize("path", ["services.json", "services.xml", "requests.json", "discovery.xml"])
def test_lists_have_an_etag_and_answer_304(town, client, path):
    service_request(town)
    first = client.get(f"{BASE}/{path}")
    assert first["ETag"]
    again = client.get(f"{BASE}/{path}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_request_list_queries_do_not_grow_with_its_length(town, client):
    service_request(town)
    client.get(f"{BASE}/requests.json", {"locale": "fr"})
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(f"{BASE}/requests.json", {"locale": "fr"}).json()) == 1
    for code in ("cleanliness", "public-lighting", "ambulance", "other"):
        service_request(town, code=code)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(f"{BASE}/requests.json", {"locale": "fr"}).json()) == 5
    assert len(five.captured_queries) == len(one.captured_queries)
