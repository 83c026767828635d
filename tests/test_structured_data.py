"""schema.org JSON-LD of every page type: each property one that schema.org allows on its type.

The vocabulary is the part of schema.org the portal uses, made from schema.org's own release file
(``tests/schemaorg/README.md``)."""

import json
import re

import pytest

from .standards import property_errors
from .utils import localized, path_of

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld_of(client, page):
    response = client.get(path_of(page))
    assert response.status_code == 200, path_of(page)
    found = JSON_LD.findall(response.content.decode())
    assert len(found) == 1, "expected one JSON-LD block"
    return json.loads(found[0])


def test_the_checker_catches_the_errors_it_is_for():
    service = {
        "@type": "GovernmentService",
        "inLanguage": "ar",
        "isAccessibleForFree": True,
        "processingTime": "P3D",
        "availableChannel": [{"@type": "ServiceChannel", "servicePlace": {"@type": "Place"}}],
    }
    errors = property_errors(service)
    for name in ("inLanguage", "isAccessibleForFree", "processingTime", "servicePlace"):
        assert any(error.endswith(f"no property {name}") for error in errors), name
    assert property_errors({"@type": "Project", "inLanguage": "fr"})
    assert property_errors({"@type": "Legislation", "legislationLegalForce": "https://schema.org/Valid"})
    assert property_errors({"@type": "Tender"})


@pytest.mark.parametrize("language", ["ar", "fr", "zgh"])
def test_every_page_type_has_valid_json_ld_and_a_breadcrumb_list(client, commune, language):
    described = set()
    for page in commune.pages():
        page = localized(page, language)
        data = json_ld_of(client, page)
        assert data["@context"] == "https://schema.org"
        assert property_errors(data) == [], (type(page).__name__, data)
        graph = data["@graph"]
        trail = next(node for node in graph if node["@type"] == "BreadcrumbList")["itemListElement"]
        assert trail[-1]["item"] == page.get_full_url()
        assert [item["position"] for item in trail] == list(range(1, page.depth))
        assert len(graph) == 2, type(page).__name__
        described.add(type(page).__name__)
    assert len(described) == len({type(page).__name__ for page in commune.pages()})


@pytest.mark.parametrize(
    ("model_name", "schema_type"),
    [
        ("TenderPage", "Demand"),
        ("ReportPage", "Report"),
        ("PartnershipPage", "CreativeWork"),
        ("CouncilPage", "GovernmentOrganization"),
        ("NewsIndexPage", "CollectionPage"),
        ("TenderIndexPage", "CollectionPage"),
        ("StandardPage", "WebPage"),
        ("ServicePage", "GovernmentService"),
    ],
)
def test_pages_that_had_no_json_ld_have_their_type(client, commune, model_name, schema_type):
    page = next(page for page in commune.pages() if type(page).__name__ == model_name)
    graph = json_ld_of(client, localized(page, "fr"))["@graph"]
    assert graph[0]["@type"] == schema_type


def test_a_procedure_sheet_says_its_delay_and_fees_where_schema_org_has_them(client, commune):
    page = next(page for page in commune.pages() if type(page).__name__ == "ServicePage")
    service = json_ld_of(client, localized(page, "fr"))["@graph"][0]
    assert "inLanguage" not in service and "isAccessibleForFree" not in service
    assert service["offers"]["priceCurrency"] == "MAD"
    if page.max_delay_days:
        assert all(channel["processingTime"] == f"P{page.max_delay_days}D" for channel in service["availableChannel"])
