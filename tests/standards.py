"""Validators of the open standards the portal publishes, shared by the API tests and the checks on the demo.

Each works on parsed output (JSON data, XML elements), so the same check runs on a test commune through
Django's test client and on the demo fetched over HTTP as a partner portal would. The official schemas
and vocabularies are bundled (``tests/api/schemas/``, ``tests/schemaorg/``): nothing is fetched."""

import datetime
import json
from pathlib import Path

from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).parent / "api" / "schemas"
POPOLO_SCHEMA = SCHEMAS / "popolo.json"
SCHEMA_ORG = "https://schema.org/"
VOCABULARY = json.loads((Path(__file__).parent / "schemaorg" / "vocabulary.json").read_text())


def _load(path):
    return json.loads(path.read_text())


def schema_errors(validator, data):
    """Every error a JSON Schema validator finds, with the path of the value at fault."""
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)]


# JSON read strictly


def reject_duplicates(pairs):
    """An ``object_pairs_hook`` that refuses an object naming one key twice (Swagger UI refuses it too)."""
    keys = [key for key, _value in pairs]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ValueError(f"duplicated keys: {sorted(duplicates)}")
    return dict(pairs)


def strict_json(raw):
    return json.loads(raw, object_pairs_hook=reject_duplicates)


# OCDS 1.1


def ocds_validator(name):
    """A validator for one of the bundled OCDS package schemas, its release schema resolved locally."""
    release = _load(SCHEMAS / "ocds-1.1.5-release-schema.json")
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(_load(SCHEMAS / name), registry=registry, format_checker=FormatChecker())


def ocds_validators():
    """The release-package and record-package validators, by the name of the list each package holds."""
    return {
        "releases": ocds_validator("ocds-1.1.5-release-package-schema.json"),
        "records": ocds_validator("ocds-record-package.json"),
    }


def ocds_codelists():
    """The codes of the open codelists the release schema does not enumerate, by codelist file name."""
    data = _load(SCHEMAS / "ocds-codelists.json")
    return {name: set(entry["codes"]) for name, entry in data.items() if name.endswith(".csv")}


def ocds_codelist_errors(release, codelists):
    """Document types and party roles of a release that are not in the official codelists."""
    documents = [
        *release.get("tender", {}).get("documents", []),
        *(document for award in release.get("awards", []) for document in award.get("documents", [])),
    ]
    errors = [
        f"{release['id']}: documentType {document['documentType']}"
        for document in documents
        if document.get("documentType") not in codelists["documentType.csv"]
    ]
    for party in release.get("parties", []):
        errors += [
            f"{release['id']}: partyRole {role}" for role in party["roles"] if role not in codelists["partyRole.csv"]
        ]
    return errors


# Popolo


def popolo_validators():
    """Validators for Popolo's persons, organizations, memberships, posts and events, by the export's keys.

    The schema (``tests/api/schemas/popolo.json``) is this project's own transcription of the Popolo
    specification's classes: their properties, types and required properties."""
    schema = _load(POPOLO_SCHEMA)
    names = {"persons": "person", "organizations": "organization", "memberships": "membership", "posts": "post"}
    names["events"] = "event"
    return {
        key: Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"}, format_checker=FormatChecker())
        for key, name in names.items()
    }


# Open311 GeoReport v2: the fields it gives each resource (http://wiki.open311.org/GeoReport_v2)

OPEN311_DISCOVERY = {"changeset", "contact", "key_service", "endpoints"}
OPEN311_ENDPOINT = {"specification", "url", "changeset", "type", "formats"}
OPEN311_SERVICE = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
OPEN311_DEFINITION = {"service_code", "attributes"}
OPEN311_ATTRIBUTE = {
    "variable", "code", "datatype", "required", "datatype_description", "order", "description", "values",
}  # fmt: skip
OPEN311_REQUEST = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
}  # fmt: skip
OPEN311_CREATED = {"service_request_id", "service_notice", "account_id"}


def children(element):
    """The names of an XML element's children."""
    return {child.tag for child in element}


# Atom 1.0 (RFC 4287) and JSON Feed 1.1

ATOM = "{http://www.w3.org/2005/Atom}"


def _rfc3339(text):
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo is not None
    except (TypeError, ValueError):
        return False


def atom_errors(feed):
    """What RFC 4287 requires of a feed element and its entries and this one lacks.

    A feed has an id, a title and an updated date; each entry has its own, an author unless the feed
    names one, and content or an alternate link; ids are IRIs and dates RFC 3339 timestamps."""
    errors = []
    if feed.tag != f"{ATOM}feed":
        return [f"the root is {feed.tag}, not an Atom feed"]
    feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    elements = [("feed", feed)] + [
        (f"entry {index}", entry) for index, entry in enumerate(feed.findall(f"{ATOM}entry"))
    ]
    for where, element in elements:
        for name in ("id", "title", "updated"):
            found = element.findall(f"{ATOM}{name}")
            if len(found) != 1 or not (found[0].text or "").strip():
                errors.append(f"{where}: atom:{name} must appear once, not empty")
        identifier = element.findtext(f"{ATOM}id") or ""
        if identifier and ":" not in identifier:
            errors.append(f"{where}: atom:id {identifier!r} is no IRI")
        if not _rfc3339(element.findtext(f"{ATOM}updated")):
            errors.append(f"{where}: atom:updated is no RFC 3339 date-time")
        if where == "feed":
            continue
        if not feed_has_author and element.find(f"{ATOM}author/{ATOM}name") is None:
            errors.append(f"{where}: no atom:author, and the feed names none")
        links = [link.get("rel", "alternate") for link in element.findall(f"{ATOM}link")]
        if element.find(f"{ATOM}content") is None and "alternate" not in links:
            errors.append(f"{where}: neither atom:content nor an alternate atom:link")
    return errors


JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
JSON_FEED_MEDIA_TYPE = "application/feed+json"


def json_feed_errors(feed):
    """What JSON Feed 1.1 requires of a feed and its items and this one lacks (https://jsonfeed.org/version/1.1)."""
    errors = []
    if feed.get("version") != JSON_FEED_VERSION:
        errors.append(f"version is {feed.get('version')!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        errors.append("no title")
    if not isinstance(feed.get("items"), list):
        return [*errors, "items is not a list"]
    for name in ("home_page_url", "feed_url"):
        if name in feed and not str(feed[name]).startswith(("http://", "https://")):
            errors.append(f"{name} is not an absolute URL")
    for index, item in enumerate(feed["items"]):
        if not isinstance(item.get("id"), str) or not item["id"]:
            errors.append(f"item {index}: id must be a non-empty string")
        if not any(isinstance(item.get(name), str) for name in ("content_html", "content_text")):
            errors.append(f"item {index}: neither content_html nor content_text")
        for name in ("date_published", "date_modified"):
            if name in item and not _rfc3339(item[name]):
                errors.append(f"item {index}: {name} is no RFC 3339 date-time")
        authors = item.get("authors", feed.get("authors", []))
        if not isinstance(authors, list) or any(not isinstance(author, dict) for author in authors):
            errors.append(f"item {index}: authors must be a list of objects")
    return errors


# schema.org


def _ancestry(schema_type):
    seen, pending = set(), [schema_type]
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(VOCABULARY["types"].get(name, []))
    return seen


def property_errors(node, where="$"):
    """Every type unknown to schema.org, property not allowed on its type, or enumeration member unknown."""
    errors = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            errors += property_errors(item, f"{where}[{index}]")
        return errors
    if not isinstance(node, dict):
        if isinstance(node, str) and node.startswith(SCHEMA_ORG):
            member = node.removeprefix(SCHEMA_ORG)
            if member not in VOCABULARY["members"]:
                errors.append(f"{where}: {member} is no member of a schema.org enumeration")
        return errors
    schema_type = node.get("@type")
    if schema_type is not None and schema_type not in VOCABULARY["types"]:
        errors.append(f"{where}: unknown type {schema_type}")
    types = _ancestry(schema_type) if schema_type else set()
    for name, value in node.items():
        if name.startswith("@"):
            if name == "@graph":
                errors += property_errors(value, f"{where}.@graph")
            continue
        known = VOCABULARY["properties"].get(name)
        if schema_type and (known is None or not types & set(known["domains"])):
            errors.append(f"{where}: {schema_type} has no property {name}")
        errors += property_errors(value, f"{where}.{name}")
    return errors
