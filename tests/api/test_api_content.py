"""The typed content endpoints: schemas honoured, filters, translations, media, and bounded queries."""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pydantic import TypeAdapter

from api.content import PAGE_TYPES, any_page_schema
from api.registers import CommuneOut, FacilityOut, MembershipOut, OrganizationOut, PersonOut
from api.schemas import paginated

LIST_ENDPOINTS = [f"/api/{slug}" for slug in PAGE_TYPES] + [
    "/api/persons",
    "/api/organizations",
    "/api/memberships",
    "/api/facilities",
    "/api/changes",
    "/api/ocds/releases",
    "/api/ocds/records",
]
UNPAGED_ENDPOINTS = [
    "/api/communes",
    "/api/popolo",
    "/api/feeds/news.atom",
    "/api/feeds/events.json",
    "/api/feeds/tenders.json",
    "/open311/v2/discovery.json",
    "/open311/v2/services.json",
]


def get_json(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.content[:500])
    return response.json()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:500])
    return len(context.captured_queries)


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_list_query_count_does_not_grow_with_page_size(client, url):
    separator = "&" if "?" in url else "?"
    client.get(f"{url}{separator}limit=50")  # renditions and caches are made once
    one = count_queries(client, f"{url}{separator}limit=1")
    fifty = count_queries(client, f"{url}{separator}limit=50")
    assert one == fifty
    assert fifty <= 20


@pytest.mark.parametrize("url", UNPAGED_ENDPOINTS)
def test_unpaged_endpoints_have_bounded_query_counts(client, url):
    client.get(url)
    assert count_queries(client, url) <= 20


def test_news_list_with_many_items_costs_no_more_than_one(client, portal):
    client.get("/api/news?limit=50")
    assert count_queries(client, "/api/news?limit=1") == count_queries(client, "/api/news?limit=50")
    assert len(get_json(client, "/api/news?limit=50")["results"]) >= 12


@pytest.mark.parametrize("slug", list(PAGE_TYPES))
def test_every_page_type_list_and_detail_match_their_schema(client, slug):
    page_type = PAGE_TYPES[slug]
    data = get_json(client, f"/api/{slug}?limit=100")
    paginated(page_type.schema, f"{page_type.schema.__name__}List").model_validate(data)
    assert data["count"] >= 1, slug
    detail = get_json(client, f"/api/{slug}/{data['results'][0]['id']}")
    page_type.schema.model_validate(detail)
    TypeAdapter(any_page_schema()).validate_python(detail)


@pytest.mark.parametrize(
    ("url", "schema"),
    [
        ("/api/persons", paginated(PersonOut, "PersonList")),
        ("/api/organizations", paginated(OrganizationOut, "OrganizationList")),
        ("/api/memberships", paginated(MembershipOut, "MembershipList")),
        ("/api/facilities", paginated(FacilityOut, "FacilityList")),
    ],
)
def test_registers_match_their_schema(client, url, schema):
    data = get_json(client, url)
    schema.model_validate(data)
    assert data["count"] >= 1


def test_commune_identity(client, portal):
    communes = get_json(client, "/api/communes")
    TypeAdapter(list[CommuneOut]).validate_python(communes["results"])
    commune = get_json(client, f"/api/communes/{portal.site.pk}")
    assert commune["name"] == {"ar": "جماعة الاختبار", "fr": "Commune de test", "zgh": "ⵜⴰⵎⵙⵙⵓⴷⵉⵜ"}
    assert {home["locale"] for home in commune["homes"]} == {"ar", "fr"}
    assert [n["number"] for n in commune["emergency_numbers"]][:3] == ["15", "19", "177"]


def test_rich_text_links_are_resolved_to_public_urls(client, portal):
    item = get_json(client, f"/api/news/{portal.news[2].pk}")
    paragraph = next(block for block in item["body"] if block["type"] == "paragraph")["value"]
    assert 'href="http://testserver/ar/about/"' in paragraph
    assert f'href="http://testserver/documents/{portal.document.pk}/{portal.document.filename}"' in paragraph
    assert "linktype" not in json.dumps(item)


def test_images_come_as_renditions_with_dimensions(client, portal):
    image = get_json(client, f"/api/news/{portal.news[2].pk}")["image"]
    assert image["alt"] == "The town hall"
    for rendition in image["renditions"].values():
        assert rendition["url"].startswith("http://testserver/media/images/")
        assert rendition["width"] > 0 and rendition["height"] > 0
    assert "original_images" not in json.dumps(image)


def test_documents_carry_size_type_and_url(client, portal):
    item = get_json(client, f"/api/news/{portal.news[2].pk}")
    document = item["documents"][0]["value"]["document"]
    assert document["file_type"] == "pdf"
    assert document["content_type"] == "application/pdf"
    assert document["file_size"] == len(b"%PDF-1.4 test file")
    assert document["url"] == f"http://testserver/documents/{portal.document.pk}/{portal.document.filename}"


def test_translations_link_to_each_other(client, portal):
    arabic = get_json(client, f"/api/news/{portal.news[1].pk}")
    french = get_json(client, f"/api/news/{portal.french_news.pk}")
    assert [(t["locale"], t["id"]) for t in arabic["translations"]] == [("fr", portal.french_news.pk)]
    assert [(t["locale"], t["id"]) for t in french["translations"]] == [("ar", portal.news[1].pk)]
    assert french["url"].startswith("http://testserver/fr/")


def test_page_by_path(client, portal):
    item = get_json(client, f"/api/pages/by-path?path=/ar/news/{portal.news[3].slug}/")
    assert (item["type"], item["id"]) == ("news", portal.news[3].pk)
    french = get_json(client, f"/api/pages/by-path?path=/fr/news/{portal.french_news.slug}/")
    assert french["id"] == portal.french_news.pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=council", lambda item: item["category"] == "council"),
        ("year=2025", lambda item: item["date"].startswith("2025")),
        ("date_from=2025-03-01&date_to=2025-06-30", lambda item: "2025-03-01" <= item["date"] <= "2025-06-30"),
        ("locale=fr", lambda item: item["locale"] == "fr"),
    ],
)
def test_news_filters(client, portal, query, expected):
    data = get_json(client, f"/api/news?{query}&limit=100")
    assert data["results"], query
    assert all(expected(item) for item in data["results"])
    assert data["count"] == len(data["results"])


def test_news_updated_since_keeps_what_was_published_at_or_after_the_moment(client, portal):
    everything = get_json(client, "/api/news?limit=100")["results"]
    moments = sorted(datetime.datetime.fromisoformat(item["last_published_at"]) for item in everything)
    since = moments[len(moments) // 2]
    data = get_json(client, "/api/news?" + urlencode({"updated_since": since.isoformat(), "limit": 100}))
    kept = [datetime.datetime.fromisoformat(item["last_published_at"]) for item in data["results"]]
    assert 0 < len(kept) < len(everything)
    assert all(moment >= since for moment in kept)
    assert data["count"] == sum(1 for moment in moments if moment >= since)


def test_commune_and_status_filters(client, portal):
    assert get_json(client, f"/api/news?commune={portal.site.pk}")["count"] >= 12
    assert get_json(client, "/api/news?commune=999999")["count"] == 0
    assert get_json(client, "/api/news?updated_since=2999-01-01T00:00:00Z")["count"] == 0
    awarded = get_json(client, "/api/tenders?status=awarded")["results"]
    assert [item["reference"] for item in awarded] == ["AO-02/2025"]
    assert get_json(client, "/api/events?upcoming=true")["count"] == 1
    assert get_json(client, "/api/events?upcoming=false")["count"] == 0


def test_ordering_is_stable_and_paginated_with_total(client):
    first = get_json(client, "/api/news?limit=5")
    second = get_json(client, "/api/news?limit=5&offset=5")
    everything = get_json(client, "/api/news?limit=100")
    assert [i["id"] for i in first["results"] + second["results"]] == [i["id"] for i in everything["results"][:10]]
    assert first["count"] == everything["count"]


def test_council_session_blocks_are_typed(client, portal):
    session = get_json(client, f"/api/council-sessions/{portal.leaves['council-sessions'].pk}")
    assert session["attendance"][0]["value"]["member"] == {"id": portal.person.pk, "name": "Président Test"}
    assert session["decisions"][0]["value"]["legal_text"]["id"] == portal.leaves["legal-texts"].pk
    assert session["minutes"]["file_type"] == "pdf"
    assert session["status"] in {"upcoming", "in_progress", "closed"}
