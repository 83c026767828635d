"""Make ``vocabulary.json``: the part of the schema.org vocabulary the portal's JSON-LD uses.

    python tests/schemaorg/make_vocabulary.py path/to/schemaorg-current-https.jsonld

The source is schema.org's own release file (see README.md). The subset keeps, for each type the portal
writes, its ancestors, every property schema.org allows on it (with the types of its domain) and the
members of the enumerations the portal names.
"""

import json
import sys
from pathlib import Path

#: The schema.org types the portal writes, and the enumerations whose members it names.
TYPES = [
    "AdministrativeArea",
    "BreadcrumbList",
    "CollectionPage",
    "ContactPoint",
    "CreativeWork",
    "Demand",
    "Event",
    "GeoCoordinates",
    "GovernmentOrganization",
    "GovernmentService",
    "Legislation",
    "ListItem",
    "NewsArticle",
    "Offer",
    "Organization",
    "Place",
    "PostalAddress",
    "PriceSpecification",
    "Project",
    "Report",
    "ServiceChannel",
    "WebPage",
]
ENUMERATIONS = ["EventAttendanceModeEnumeration", "EventStatusType", "LegalForceStatus"]


def _ids(value):
    values = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix("schema:") for item in values if item["@id"].startswith("schema:")]


def subset(graph):
    nodes = {node["@id"].removeprefix("schema:"): node for node in graph if node["@id"].startswith("schema:")}
    parents = {name: _ids(node.get("rdfs:subClassOf")) for name, node in nodes.items() if _is_class(node)}
    kept = set()
    pending = list(TYPES + ENUMERATIONS)
    while pending:
        name = pending.pop()
        if name not in kept:
            kept.add(name)
            pending.extend(parents.get(name, []))
    properties = {}
    for name, node in nodes.items():
        if node.get("@type") != "rdf:Property":
            continue
        domains = sorted(set(_ids(node.get("schema:domainIncludes"))) & kept)
        if domains:
            properties[name] = {"domains": domains, "ranges": sorted(_ids(node.get("schema:rangeIncludes")))}
    members = {
        name: _ids({"@id": node["@type"]})[0]
        for name, node in nodes.items()
        if isinstance(node.get("@type"), str) and node["@type"].removeprefix("schema:") in ENUMERATIONS
    }
    return {
        "types": {name: sorted(parents.get(name, [])) for name in sorted(kept)},
        "properties": dict(sorted(properties.items())),
        "members": dict(sorted(members.items())),
    }


def _is_class(node):
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "rdfs:Class" in kinds


def main(source):
    graph = json.loads(Path(source).read_text())["@graph"]
    data = {
        "source": "schema.org vocabulary, release 12.0, schemaorg-current-https.jsonld (CC BY-SA 3.0)",
        **subset(graph),
    }
    target = Path(__file__).with_name("vocabulary.json")
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
