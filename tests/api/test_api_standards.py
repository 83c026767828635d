"""Open-standard exports: OCDS against the official schema, Popolo and Open311 required fields, feeds."""

from xml.etree import ElementTree

import pytest

from participation.categories import ensure_default_categories

from ..standards import atom_errors, json_feed_errors, ocds_validator, popolo_validators
from ..standards import schema_errors as _errors


@pytest.fixture(scope="module")
def release_package_validator():
    return ocds_validator("ocds-1.1.5-release-package-schema.json")


@pytest.fixture(scope="module")
def release_validator():
    return ocds_validator("ocds-1.1.5-release-schema.json")


def test_ocds_release_package_is_valid(client, portal, release_package_validator):
    package = client.get("/api/ocds/releases").json()
    assert _errors(release_package_validator, package) == []
    tags = {release["tender"]["id"]: release["tag"] for release in package["releases"]}
    # Each was published once: its first release is the tender, and the award when it was published awarded.
    assert tags == {"AO-01/2025": ["tender"], "AO-02/2025": ["tender", "award"]}
    awarded = next(r for r in package["releases"] if "award" in r["tag"])
    assert awarded["awards"][0]["suppliers"][0]["name"] == "Lumière SARL"
    assert awarded["awards"][0]["value"] == {"amount": 480000.0, "currency": "MAD"}


def test_ocds_single_tender_package_is_valid(client, portal, release_package_validator):
    package = client.get(f"/api/ocds/tenders/{portal.leaves['tenders'].pk}").json()
    assert _errors(release_package_validator, package) == []
    assert package["releases"][0]["tender"]["documents"][0]["format"] == "application/pdf"


def test_ocds_record_package_has_valid_compiled_releases(client, release_validator):
    package = client.get("/api/ocds/records").json()
    for key in ("uri", "publisher", "publishedDate", "records", "version"):
        assert key in package
    for record in package["records"]:
        assert record["ocid"] and record["releases"]
        assert _errors(release_validator, record["compiledRelease"]) == []


def test_ocds_without_tenders_is_a_problem_not_an_invalid_package(client):
    response = client.get("/api/ocds/releases?updated_since=2999-01-01T00:00:00Z")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_popolo_has_the_required_fields(client, portal):
    popolo = client.get(f"/api/popolo?commune={portal.site.pk}").json()
    assert popolo["persons"] and popolo["organizations"] and popolo["memberships"] and popolo["posts"]
    assert all(p["id"] and p["name"] for p in popolo["persons"])
    assert all(o["id"] and o["name"] for o in popolo["organizations"])
    ids = {p["id"] for p in popolo["persons"]} | {o["id"] for o in popolo["organizations"]}
    for membership in popolo["memberships"]:
        assert membership["person_id"] in ids and membership["organization_id"] in ids
    assert all(post["label"] and post["organization_id"] for post in popolo["posts"])
    session = next(event for event in popolo["events"] if event["name"] == "May session")
    assert session["start_date"] == "2025-05-05"
    assert session["organization_id"] == f"organization/{portal.council.translation_key}"
    posts = {post["id"] for post in popolo["posts"]}
    assert all(membership["post_id"] in posts for membership in popolo["memberships"])
    for entry in popolo["persons"] + popolo["organizations"]:
        assert entry["id"].endswith(entry["identifiers"][0]["identifier"])
        assert entry["sources"][0]["url"].startswith("http://testserver/api/")


def test_popolo_follows_the_popolo_schemas(client, portal):
    validators = popolo_validators()
    popolo = client.get(f"/api/popolo?commune={portal.site.pk}").json()
    for key, validator in validators.items():
        assert popolo[key]
        for entry in popolo[key]:
            assert _errors(validator, entry) == [], (key, entry)


def test_the_popolo_validators_catch_what_the_schemas_forbid():
    validators = popolo_validators()
    person = {"id": "person/1", "name": "Amina", "email": "not an address", "identifiers": [{"scheme": "x"}]}
    assert len(_errors(validators["persons"], person)) == 2
    assert _errors(validators["persons"], {"id": "person/1", "sources": [{"url": "http://exa mple/"}]})
    assert _errors(validators["memberships"], {"id": "membership/1", "person_id": 7, "start_date": "2025-13"})
    assert _errors(validators["organizations"], {"id": "organization/1", "contact_details": [{"type": "email"}]})


def test_open311_discovery_and_services_have_the_required_fields(client, portal):
    assert client.get("/api/open311/discovery.json")["Location"] == "/open311/v2/discovery.json"
    discovery = client.get("/open311/v2/discovery.json").json()
    for key in ("changeset", "contact", "key_service", "endpoints"):
        assert key in discovery
    endpoint = discovery["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert {"url", "changeset", "type", "formats"} <= set(endpoint)
    ensure_default_categories(portal.site)
    services = client.get("/open311/v2/services.json").json()
    assert services
    required = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
    assert all(required <= set(service) for service in services)
    assert all(service["type"] in {"realtime", "batch", "blackbox"} for service in services)
    assert "cleanliness" in {service["service_code"] for service in services}
    assert services == client.get("/open311/v2/services.json?locale=ar").json()


def test_atom_feed_is_well_formed_per_locale(client, portal):
    response = client.get("/api/feeds/news.atom?locale=ar")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = root.findall("atom:entry", ns)
    assert len(entries) == 12
    assert atom_errors(root) == []
    french = ElementTree.fromstring(client.get("/api/feeds/news.atom?locale=fr").content)  # noqa: S314
    assert [e.find("atom:title", ns).text for e in french.findall("atom:entry", ns)] == ["Actualité 1"]


def test_the_feed_checkers_catch_what_the_standards_require():
    atom = "http://www.w3.org/2005/Atom"
    anonymous = ElementTree.fromstring(  # noqa: S314 (written here)
        f'<feed xmlns="{atom}"><id>tag:a,2025:f</id><title>F</title><updated>2025-01-01T00:00:00Z</updated>'
        "<entry><id>tag:a,2025:e</id><title>E</title><updated>yesterday</updated></entry></feed>"
    )
    assert len(atom_errors(anonymous)) == 3  # no author, a date that is not RFC 3339, no content nor link
    feed = {"version": "https://jsonfeed.org/version/1", "title": "F", "items": [{"id": 3, "content_html": ""}]}
    assert len(json_feed_errors(feed)) == 2


@pytest.mark.parametrize("kind", ["news", "events", "tenders"])
def test_json_feed_1_1(client, kind):
    feed = client.get(f"/api/feeds/{kind}.json").json()
    assert json_feed_errors(feed) == []
    assert feed["items"]
