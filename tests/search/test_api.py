"""The search API: typed results with facets and snippets, the suggest endpoint, bad input."""

import pytest
from wagtail.contrib.search_promotions.models import Query

from .bad_input import BAD_QUERIES

pytestmark = pytest.mark.urls("tests.search.urls")


def test_search_returns_results_facets_and_snippets(client, commune, db):
    response = client.get("/api/search", {"q": "رخصه البناء", "locale": "ar"})
    assert response.status_code == 200
    data = response.json()
    assert data["results"][0]["id"] == commune.pages["s_building"].pk
    assert data["results"][0]["url"].endswith(commune.pages["s_building"].relative_url(commune.site))
    assert data["results"][0]["type"] == "services"
    assert data["results"][0]["api_url"].endswith(f"/api/services/{commune.pages['s_building'].pk}")
    assert "<mark>" in data["results"][0]["snippet"]
    assert data["facets"]["types"][0]["key"] == "services"
    assert data["count"] == len(data["results"])
    assert data["next"] is None and data["previous"] is None
    assert Query.get("رخصه البناء").hits == 1


def test_search_in_french(client, commune, db):
    data = client.get("/api/search", {"q": "PERMIS de construire", "locale": "fr"}).json()
    assert [result["id"] for result in data["results"]] == [commune.pages["f_permit"].pk]


def test_search_narrows_by_type_and_paginates(client, commune, db):
    data = client.get("/api/search", {"q": "طلب عروض", "page_size": 2, "page": 2}).json()
    assert data["page"] == 2
    assert len(data["results"]) == 2
    assert data["pages"] >= 3
    # The API's one list shape: a count and links to the neighbouring pages of the same search.
    assert data["count"] >= 5
    assert data["previous"].endswith("page=1") and "page_size=2" in data["previous"]
    assert data["next"].endswith("page=3") or "page=3&" in data["next"]
    following = client.get(data["next"]).json()
    assert following["page"] == 3 and not {r["id"] for r in following["results"]} & {r["id"] for r in data["results"]}
    narrowed = client.get("/api/search", {"q": "النفايات", "type": "news"}).json()
    assert [result["id"] for result in narrowed["results"]] == [commune.pages["a_bins"].pk]


def test_no_results_lists_the_other_languages(client, commune, db):
    data = client.get("/api/search", {"q": "hopital", "locale": "ar"}).json()
    assert data["count"] == 0
    assert data["other_languages"][0]["locale"] == "fr"
    assert data["other_languages"][0]["url"].endswith("/fr/search/?q=hopital")


def test_unknown_locale_is_a_validation_error(client, commune, db):
    assert client.get("/api/search", {"q": "x", "locale": "xx"}).status_code == 422


@pytest.mark.parametrize("query_string", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
def test_bad_input_gets_a_clean_answer(client, commune, db, query_string):
    response = client.get(f"/api/search?{query_string}")
    assert response.status_code == 200
    assert response.json()["count"] >= 0


@pytest.mark.parametrize("query_string", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
def test_bad_input_to_suggest_gets_a_clean_answer(client, commune, db, query_string):
    response = client.get(f"/api/search/suggest?{query_string}")
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


@pytest.mark.parametrize("extra", ["page=0", "page=abc", "year=abc", "page_size=1000"])
def test_bad_parameters_are_validation_errors(client, commune, db, extra):
    assert client.get(f"/api/search?q=x&{extra}").status_code == 422


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("رخصة البن", "s_building"), ("رخصه الس", "s_occupancy"), ("المستوص", "t_medical"), ("شهاده العز", "s_single")],
)
def test_suggest_completes_the_word_being_typed(client, commune, db, typed, expected):
    response = client.get("/api/search/suggest", {"q": typed, "locale": "ar"})
    assert response.status_code == 200
    assert commune.pages[expected].pk in [item["id"] for item in response.json()["suggestions"]]
    assert "max-age" in response["Cache-Control"]


def test_suggest_in_french_ignores_accents(client, commune, db):
    suggestions = client.get("/api/search/suggest", {"q": "legalisation de sig", "locale": "fr"}).json()["suggestions"]
    assert [item["id"] for item in suggestions] == [commune.pages["f_signature"].pk]


def test_suggest_is_not_recorded(client, commune, db):
    client.get("/api/search/suggest", {"q": "رخصة"})
    assert not Query.objects.exists()


def test_schema_documents_both_endpoints(client, db):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/search", "/api/search/suggest"} <= set(schema["paths"])
