"""HTTP behaviour: validators and conditional requests, caching, problem+json errors, CORS, docs."""

import re

import pytest
from django.test import override_settings

PROBLEM = "application/problem+json"


def test_public_get_has_validators_and_cache_control(client):
    response = client.get("/api/news")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Cache-Control"].startswith("public, max-age=")


@pytest.mark.parametrize("url", ["/api/news", "/api/persons", "/api/communes", "/api/feeds/news.atom", "/api/changes"])
def test_matching_etag_gives_304(client, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_if_modified_since_gives_304(client, portal):
    response = client.get(f"/api/news/{portal.news[4].pk}")
    again = client.get(f"/api/news/{portal.news[4].pk}", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    old = client.get(f"/api/news/{portal.news[4].pk}", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")
    assert old.status_code == 200


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/news?limit=0", "limit"),
        ("/api/news?limit=abc", "limit"),
        ("/api/news?category=nope", "category"),
        ("/api/news?date_from=yesterday", "date_from"),
        ("/api/news?updated_since=soon", "updated_since"),
        ("/api/tenders?status=lost", "status"),
        ("/api/news/0", "id"),
        ("/api/news/99999999999", "id"),
        ("/api/changes?since=-1", "since"),
        ("/api/pages/by-path", "path"),
        ("/api/feeds/news.json?locale=en", "locale"),
    ],
)
def test_bad_parameter_is_a_problem_naming_it(client, url, param):
    response = client.get(url)
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == response.status_code
    assert param in [p["name"] for p in body["invalid_params"]]


def test_unknown_item_is_a_problem(client):
    response = client.get("/api/news/2147483647")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["invalid_params"][0]["name"] == "id"


def test_unknown_endpoint_is_a_problem(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_problem_is_in_the_callers_language(client, language):
    response = client.get("/api/news?limit=0", HTTP_ACCEPT_LANGUAGE=language)
    assert response["Content-Language"] == language


def test_cors_is_configurable(client):
    with override_settings(CORS_ALLOWED_ORIGINS=["https://partner.example.ma"]):
        allowed = client.get("/api/news", HTTP_ORIGIN="https://partner.example.ma")
        other = client.get("/api/news", HTTP_ORIGIN="https://elsewhere.example.com")
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example.ma"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Origin" not in other


def test_openapi_document_is_3_1_and_covers_every_collection(client):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    for path in ["/api/news", "/api/news/{id}", "/api/persons", "/api/changes", "/api/ocds/releases", "/api/popolo"]:
        assert path in document["paths"]
    problem = document["paths"]["/api/news/{id}"]["get"]["responses"]["404"]["content"]
    assert PROBLEM in problem
    body = document["components"]["schemas"]["News"]["properties"]["body"]
    assert "discriminator" in str(body) or "oneOf" in str(document["components"]["schemas"])


def test_docs_page_loads_nothing_from_another_host(client):
    html = client.get("/api/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/") for source in sources), sources
    assert '"validatorUrl": null' in html


def test_problem_is_in_amazigh_once_its_catalogue_exists(client):
    from django.utils.translation import check_for_language

    if not check_for_language("zgh"):
        pytest.skip("The Amazigh catalogue is not compiled yet (make messages).")
    assert client.get("/api/news?limit=0", HTTP_ACCEPT_LANGUAGE="zgh")["Content-Language"] == "zgh"
