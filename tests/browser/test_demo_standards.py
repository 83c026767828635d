"""The demo's real output, fetched over HTTP as a partner portal would, through each standard's validator.

OpenAPI (openapi-spec-validator, duplicate keys refused), OCDS 1.1 (the official package schemas and
codelists), Popolo (the Popolo project's schemas), Open311 GeoReport v2 in JSON and XML, Atom (RFC 4287),
JSON Feed 1.1, and the schema.org JSON-LD of every page type against the bundled vocabulary. The API tests
run the same validators on a small test commune; these run them on everything the demo publishes."""

import json
import re
from urllib.parse import urlsplit

import httpx
import pytest
from defusedxml import ElementTree
from openapi_spec_validator import validate

from .. import standards

LANGUAGES = ("ar", "fr", "zgh")
FEEDS = ("news", "events", "tenders")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def http(portal):
    """An HTTP client of the live demo, as a partner portal's would be: no cookies kept between calls."""
    with httpx.Client(base_url=portal.url, timeout=120, follow_redirects=False) as client:
        yield client


def _json(response):
    assert response.status_code == 200, (response.request.url, response.status_code, response.text[:300])
    return standards.strict_json(response.content)


def _xml(response):
    assert response.status_code == 200, (response.request.url, response.status_code, response.text[:300])
    assert response.headers["Content-Type"].startswith("text/xml"), response.headers["Content-Type"]
    return ElementTree.fromstring(response.content)


def _pages(http, path, key):
    """Every page of a paginated list, following its ``next`` links (OCDS puts them under ``links``)."""
    url = path
    while url:
        body = _json(http.get(url))
        yield body
        following = body.get("links", {}).get("next") if key else body.get("next")
        url = following and following.removeprefix(str(http.base_url).rstrip("/"))


def test_openapi_document_is_valid_and_has_no_duplicate_key(http):
    document = _json(http.get("/api/openapi.json"))

    validate(document)
    assert document["openapi"].startswith("3.1")


@pytest.mark.parametrize("kind", ["releases", "records"])
@pytest.mark.parametrize("locale", [None, *LANGUAGES])
def test_ocds_packages_follow_the_official_schemas_and_codelists(http, kind, locale):
    validator = standards.ocds_validators()[kind]
    codelists = standards.ocds_codelists()
    query = f"?limit=5&locale={locale}" if locale else "?limit=5"
    seen = []

    for package in _pages(http, f"/api/ocds/{kind}{query}", key=kind):
        assert standards.schema_errors(validator, package) == []
        seen += package[kind]
        releases = package[kind] if kind == "releases" else [record["compiledRelease"] for record in package[kind]]
        for release in releases:
            assert standards.ocds_codelist_errors(release, codelists) == []

    assert seen, f"the demo publishes no tender as OCDS {kind}"
    if kind == "records":
        assert len({record["ocid"] for record in seen}) == len(seen)


def test_every_tender_release_package_follows_the_schema(http, portal):
    validator = standards.ocds_validators()["releases"]
    tenders = [item for page in _pages(http, "/api/tenders?limit=50", None) for item in page["results"]]

    assert tenders
    for tender in tenders:
        package = _json(http.get(f"/api/ocds/tenders/{tender['id']}"))
        assert standards.schema_errors(validator, package) == [], tender["id"]


@pytest.mark.parametrize("locale", LANGUAGES)
def test_popolo_export_follows_the_popolo_schemas(http, locale):
    validators = standards.popolo_validators()

    popolo = _json(http.get(f"/api/popolo?locale={locale}"))

    for key, validator in validators.items():
        assert popolo[key], f"the demo's Popolo export has no {key}"
        for entry in popolo[key]:
            assert standards.schema_errors(validator, entry) == [], (key, entry)
    ids = {entry["id"] for key in ("persons", "organizations") for entry in popolo[key]}
    posts = {post["id"] for post in popolo["posts"]}
    for membership in popolo["memberships"]:
        assert {membership["person_id"], membership["organization_id"]} <= ids, membership
        assert membership.get("post_id") in posts | {None}, membership


def test_popolo_ids_are_the_same_in_every_language(http):
    exports = {locale: _json(http.get(f"/api/popolo?locale={locale}")) for locale in LANGUAGES}

    persons = {locale: {person["id"] for person in export["persons"]} for locale, export in exports.items()}
    assert persons["ar"] and persons["ar"] == persons["fr"]


def test_open311_discovery_in_json_and_xml(http):
    body = _json(http.get("/open311/v2/discovery.json"))
    assert set(body) == standards.OPEN311_DISCOVERY
    assert all(set(endpoint) == standards.OPEN311_ENDPOINT for endpoint in body["endpoints"])

    root = _xml(http.get("/open311/v2/discovery.xml"))
    assert root.tag == "discovery" and standards.children(root) == standards.OPEN311_DISCOVERY
    assert all(standards.children(endpoint) == standards.OPEN311_ENDPOINT for endpoint in root.iter("endpoint"))
    assert [endpoint.findtext("url") for endpoint in root.iter("endpoint")] == [
        endpoint["url"] for endpoint in body["endpoints"]
    ]


@pytest.mark.parametrize("locale", LANGUAGES)
def test_open311_services_and_definitions_in_json_and_xml(http, locale):
    services = _json(http.get(f"/open311/v2/services.json?locale={locale}"))
    assert services, "the demo offers no Open311 service"
    assert all(set(service) == standards.OPEN311_SERVICE for service in services)
    assert all(service["type"] in {"realtime", "batch", "blackbox"} for service in services)

    root = _xml(http.get(f"/open311/v2/services.xml?locale={locale}"))
    assert root.tag == "services"
    assert [service.findtext("service_code") for service in root.findall("service")] == [
        service["service_code"] for service in services
    ]
    assert all(standards.children(service) == standards.OPEN311_SERVICE for service in root.findall("service"))
    for service in (service for service in services if service["metadata"]):
        code = service["service_code"]
        definition = _json(http.get(f"/open311/v2/services/{code}.json?locale={locale}"))
        assert set(definition) == standards.OPEN311_DEFINITION
        assert all(set(attribute) == standards.OPEN311_ATTRIBUTE for attribute in definition["attributes"])
        root = _xml(http.get(f"/open311/v2/services/{code}.xml?locale={locale}"))
        assert root.tag == "service_definition"
        assert all(
            standards.children(attribute) == standards.OPEN311_ATTRIBUTE for attribute in root.iter("attribute")
        )


def test_open311_requests_in_json_and_xml(http, portal):
    """A request filed in XML through an app's key comes back in both formats, with the GeoReport fields."""
    from wagtail.models import Site

    from clients.models import ApiToken, Scope

    _record, key = ApiToken.issue(
        None, "Partner app", commune=Site.objects.get(is_default_site=True), scopes=[Scope.OPEN311]
    )
    services = _json(http.get("/open311/v2/services.json"))
    media = "https://photos.example.ma/lampadaire.jpg"
    filed = http.post(
        "/open311/v2/requests.xml",
        data={
            "api_key": key,
            "service_code": services[0]["service_code"],
            "lat": "29.7226",
            "long": "-8.9744",
            "description": "Lampadaire en panne devant l'école.",
            "media_url": media,
        },
    )
    assert filed.status_code == 201, filed.text[:300]
    created = ElementTree.fromstring(filed.content)
    assert created.tag == "service_requests"
    assert standards.children(created.find("request")) == standards.OPEN311_CREATED
    number = created.findtext("request/service_request_id")

    listing = _json(http.get("/open311/v2/requests.json"))
    assert listing and all(set(entry) == standards.OPEN311_REQUEST for entry in listing)
    root = _xml(http.get("/open311/v2/requests.xml"))
    assert root.tag == "service_requests"
    assert all(standards.children(entry) == standards.OPEN311_REQUEST for entry in root.findall("request"))
    one = _xml(http.get(f"/open311/v2/requests/{number}.xml"))
    assert one.findtext("request/service_request_id") == number
    assert one.findtext("request/media_url") == media


@pytest.mark.parametrize("kind", FEEDS)
@pytest.mark.parametrize("locale", LANGUAGES)
def test_atom_feeds_have_what_rfc_4287_requires(http, kind, locale):
    response = http.get(f"/api/feeds/{kind}.atom?locale={locale}")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")

    feed = ElementTree.fromstring(response.content)

    assert standards.atom_errors(feed) == []


@pytest.mark.parametrize("kind", FEEDS)
def test_atom_ids_do_not_depend_on_the_host_asked(http, portal, kind):
    port = urlsplit(portal.url).port

    def ids(host):
        feed = ElementTree.fromstring(http.get(f"/api/feeds/{kind}.atom", headers={"Host": host}).content)
        return [element.text for element in feed.iter(f"{standards.ATOM}id")]

    found = ids(f"127.0.0.1:{port}")
    assert len(found) > 1, f"the demo's {kind} feed has no entry"
    assert found == ids(f"localhost:{port}")
    assert all(identifier.startswith("tag:") for identifier in found)


@pytest.mark.parametrize("kind", FEEDS)
@pytest.mark.parametrize("locale", LANGUAGES)
def test_json_feeds_are_json_feed_1_1(http, kind, locale):
    response = http.get(f"/api/feeds/{kind}.json?locale={locale}")
    assert response.headers["Content-Type"].split(";")[0] == standards.JSON_FEED_MEDIA_TYPE

    feed = _json(response)

    assert standards.json_feed_errors(feed) == []
    assert feed["items"], f"the demo's {kind} feed in {locale} has no item"


def _live_pages():
    """One live page of every type of the demo's default commune, with its versions in each language."""
    from wagtail.models import Page, Site

    home = Site.objects.get(is_default_site=True).root_page
    chosen = {}
    for page in Page.objects.live().public().descendant_of(home, inclusive=True).specific().order_by("path"):
        chosen.setdefault(type(page).__name__, page)
    return chosen


def test_every_page_type_has_valid_schema_org_json_ld(http, portal):
    chosen = _live_pages()
    checked = set()

    for name, page in chosen.items():
        for translation in page.get_translations(inclusive=True).live().public().specific():
            path = urlsplit(translation.get_url()).path
            response = http.get(path)
            assert response.status_code == 200, path
            blocks = JSON_LD.findall(response.text)
            assert len(blocks) == 1, f"{name} at {path}: {len(blocks)} JSON-LD blocks"
            data = json.loads(blocks[0])
            assert data["@context"] == "https://schema.org"
            assert standards.property_errors(data) == [], (name, path)
            assert "BreadcrumbList" in {node["@type"] for node in data["@graph"]}, (name, path)
            checked.add(name)

    assert checked == set(chosen)
    assert len(checked) > 10
