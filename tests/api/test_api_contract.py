"""The API's contract: a valid, language-agnostic OpenAPI document, and one grammar for every endpoint."""

import json

import pytest
from openapi_spec_validator import validate

from api.content import PAGE_TYPES

from ..standards import reject_duplicates, strict_json

PROBLEM = "application/problem+json"
#: Lists in the one shape {count, next, previous, results}.
LISTS = [f"/api/{slug}" for slug in PAGE_TYPES] + [
    "/api/persons",
    "/api/organizations",
    "/api/memberships",
    "/api/facilities",
    "/api/communes",
]
#: Collections of content that changes: each takes updated_since.
COLLECTIONS = [path for path in LISTS if path != "/api/communes"] + ["/api/ocds/releases", "/api/ocds/records"]


@pytest.fixture(scope="module")
def document(portal):
    from django.test import Client

    raw = Client(HTTP_HOST="testserver").get("/api/openapi.json").content
    return strict_json(raw)


def _operations(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_document_is_valid_openapi_without_duplicate_keys(document):
    validate(document)
    assert document["openapi"].startswith("3.1")


def test_duplicate_keys_are_caught_by_the_parser():
    with pytest.raises(ValueError, match="duplicated"):
        json.loads('{"200": {}, "200": {}}', object_pairs_hook=reject_duplicates)


def test_document_is_the_same_whatever_the_callers_language(client):
    documents = {
        language: client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE=language).content
        for language in ("ar", "fr", "zgh")
    }
    assert documents["ar"] == documents["fr"] == documents["zgh"]


def test_every_operation_has_an_english_summary_a_description_and_examples(document):
    for path, method, operation in _operations(document):
        summary = operation.get("summary", "")
        assert summary and summary.isascii(), (path, method, summary)
        assert operation.get("description", "").strip(), (path, method)
        assert operation["description"] != summary, (path, method)
        examples = [
            media.get("example")
            for response in operation["responses"].values()
            for media in response.get("content", {}).values()
        ]
        assert any(example is not None for example in examples), (path, method)
    assert document["paths"]["/api/projects"]["get"]["summary"] == "List projects"


def test_every_operation_declares_the_errors_as_problems(document):
    for path, method, operation in _operations(document):
        if path.startswith("/open311/"):
            assert "404" in operation["responses"], path  # GeoReport v2 has its own error list
            continue
        for status in ("400", "404", "405", "429"):
            response = operation["responses"].get(status)
            assert response, (path, method, status)
            assert PROBLEM in response["content"], (path, method, status)


def test_reads_declare_their_validators(document):
    for path, method, operation in _operations(document):
        if method != "get" or "200" not in operation["responses"]:
            continue
        headers = operation["responses"]["200"].get("headers", {})
        assert "ETag" in headers, path
        assert path.startswith("/open311/") or "Last-Modified" in headers, path
    assert "ETag" in document["components"]["headers"]


def test_feeds_declare_their_own_media_types(document):
    atom = document["paths"]["/api/feeds/{kind}.atom"]["get"]["responses"]["200"]["content"]
    assert list(atom) == ["application/atom+xml"]
    feed = document["paths"]["/api/feeds/{kind}.json"]["get"]["responses"]["200"]["content"]
    assert list(feed) == ["application/feed+json"]


def test_ocds_is_typed(document):
    schemas = document["components"]["schemas"]
    releases = document["paths"]["/api/ocds/releases"]["get"]["responses"]["200"]["content"]["application/json"]
    assert releases["schema"] == {"$ref": "#/components/schemas/OcdsReleasePackage"}
    assert "ocid" in schemas["OcdsRelease"]["properties"]
    assert "compiledRelease" in schemas["OcdsRecord"]["properties"]


def test_open311_is_in_the_document(document):
    for path in ("/open311/v2/discovery.{format}", "/open311/v2/requests.{format}", "/open311/v2/services.{format}"):
        assert path in document["paths"]
    assert "post" in document["paths"]["/open311/v2/requests.{format}"]


def test_docs_page_points_to_the_document(client):
    html = client.get("/api/docs").content.decode()
    assert "openapi.json" in html


# One grammar


@pytest.mark.parametrize("url", LISTS)
def test_every_list_has_one_shape(client, url):
    body = client.get(f"{url}?limit=1").json()
    assert set(body) == {"count", "next", "previous", "results"}, url
    assert body["previous"] is None
    if body["count"] > 1:
        following = client.get(body["next"]).json()
        assert following["previous"] and following["results"] != body["results"]


def test_next_and_previous_walk_the_whole_list(client):
    first = client.get("/api/news?limit=5").json()
    seen = [item["id"] for item in first["results"]]
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [item["id"] for item in page["results"]]
    assert len(seen) == first["count"] == len(set(seen))
    back = client.get(page["previous"]).json()
    assert back["results"][-1]["id"] == seen[-len(page["results"]) - 1]


@pytest.mark.parametrize("url", COLLECTIONS)
def test_every_collection_takes_updated_since(client, url):
    response = client.get(f"{url}?updated_since=2999-01-01T00:00:00Z")
    assert response.status_code in (200, 404), url
    if response.status_code == 200:
        assert response.json()["count"] == 0


def test_date_filters_have_one_name(document):
    names = {
        parameter["name"]
        for _path, _method, operation in _operations(document)
        for parameter in operation.get("parameters", [])
    }
    assert {"date_from", "date_to", "updated_since"} <= names
    assert not names & {"starts_after", "starts_before", "published_from", "published_to", "start_date_from"}


def test_dates_filter_events_and_tenders(client, portal):
    assert client.get("/api/events?date_from=2999-01-01").json()["count"] == 0
    assert client.get("/api/events?date_to=1999-01-01").json()["count"] == 0
    assert client.get("/api/events?date_from=1999-01-01").json()["count"] >= 1
    assert client.get("/api/tenders?date_to=1999-01-01").json()["count"] == 0


@pytest.mark.parametrize("language", ["ar", "fr", "zgh"])
def test_unknown_parameter_is_a_localised_problem(client, language):
    response = client.get("/api/news?colour=blue&limit=2", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert [param["name"] for param in body["invalid_params"]] == ["colour"]
    assert response["Content-Language"] == language
    assert body["detail"] == TRANSLATED_UNKNOWN[language]


TRANSLATED_UNKNOWN = {
    "ar": "هذا المعامل غير معروف هنا.",
    "fr": "Ce paramètre n\u2019est pas connu ici.",
    "zgh": "ⴰⵎⵙⴽⴰⵍ ⴰ ⵓⵔ ⵉⵜⵜⵓⵙⵙⴰⵏ ⴷⴰ.",
}


def test_head_answers_wherever_get_does(client, portal):
    for url in ["/api/news", f"/api/news/{portal.news[0].pk}", "/api/persons", "/api/feeds/news.atom", "/api/popolo"]:
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == get.status_code == 200, url
        assert head.content == b""
        assert head["ETag"] == get["ETag"]
        assert head["Content-Type"] == get["Content-Type"]


def test_other_methods_are_a_problem_naming_the_allowed_ones(client):
    response = client.delete("/api/news")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert client.put("/api/persons")["Allow"] == "GET, HEAD"


def test_content_language_is_the_contents_not_the_callers(client, portal):
    french = client.get(f"/api/news/{portal.french_news.pk}", HTTP_ACCEPT_LANGUAGE="ar")
    assert french["Content-Language"] == "fr"
    arabic = client.get(f"/api/news/{portal.news[0].pk}", HTTP_ACCEPT_LANGUAGE="fr")
    assert arabic["Content-Language"] == "ar"
    assert client.get("/api/news?locale=fr", HTTP_ACCEPT_LANGUAGE="ar")["Content-Language"] == "fr"
    mixed = client.get("/api/news?limit=100", HTTP_ACCEPT_LANGUAGE="zgh")["Content-Language"]
    assert mixed == "ar, fr"


def test_a_date_filter_with_any_iso_offset_is_read_as_the_same_instant_in_utc():
    import datetime

    from pydantic import TypeAdapter

    from api.schemas import IsoDateTime

    value = TypeAdapter(IsoDateTime).validate_python("2075-01-14T10:12:30+23:52")
    assert value.utcoffset() == datetime.timedelta(0)
    assert value == datetime.datetime(2075, 1, 13, 10, 20, 30, tzinfo=datetime.UTC)
