"""The search page of the portal: results, facets, snippets, pagination, the empty state, bad input."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from search.models import UnansweredQuery
from search.results import search_commune

from .bad_input import BAD_QUERIES


def search_url(language_code="ar"):
    from django.utils.translation import override

    with override(language_code):
        return reverse("search:search")


def test_search_url_is_under_the_locale_prefix():
    assert search_url("ar") == "/ar/search/"
    assert search_url("fr") == "/fr/search/"


def test_variant_spelling_finds_the_page_with_highlighted_snippet(client, commune, db):
    response = client.get(search_url(), {"q": "رخصه البنا"})
    assert response.status_code == 200
    results = response.context["search"].results
    assert results[0].page.pk == commune.pages["s_building"].pk
    content = response.content.decode()
    assert "<mark>رخصة</mark>" in content
    assert commune.pages["s_building"].relative_url(commune.site) in content


def test_snippet_escapes_the_page_text(commune, db):
    page = commune.pages["a_library"]
    page.intro = "<script>alert(1)</script> المكتبة"
    page.save()
    outcome = search_commune("المكتبه", root=commune.homes["ar"], locale=Locale.objects.get(language_code="ar"))
    snippet = next(result.snippet for result in outcome.results if result.page.pk == page.pk)
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet


def test_results_come_from_the_commune_and_locale_only(client, commune, db):
    response = client.get(search_url("fr"), {"q": "permis"})
    pages = [result.page.pk for result in response.context["search"].results]
    assert pages == [commune.pages["f_permit"].pk]


def test_draft_pages_are_not_found(client, commune, db):
    page = commune.pages["s_life"]
    page.unpublish()
    response = client.get(search_url(), {"q": "شهاده الحياه"})
    assert page.pk not in [result.page.pk for result in response.context["search"].results]


def test_facets_count_types_and_years_and_narrow_the_results(client, commune, db):
    response = client.get(search_url(), {"q": "النفايات"})
    search = response.context["search"]
    types = {facet.key: facet.count for facet in search.types}
    assert types == {"pages.newspage": 1, "pages.tenderpage": 1}
    assert sum(facet.count for facet in search.years) == 2

    narrowed = client.get(search_url(), {"q": "النفايات", "type": "pages.tenderpage"}).context["search"]
    assert [result.page.pk for result in narrowed.results] == [commune.pages["t_trucks"].pk]
    assert narrowed.types == search.types or [facet.selected for facet in narrowed.types].count(True) == 1

    year = commune.pages["t_trucks"].published_on.year
    by_year = client.get(search_url(), {"q": "النفايات", "year": year}).context["search"]
    assert commune.pages["t_trucks"].pk in [result.page.pk for result in by_year.results]
    assert all(result.year == year for result in by_year.results)


def test_results_are_paginated(commune, db):
    arabic = Locale.objects.get(language_code="ar")
    first = search_commune("طلب عروض", root=commune.homes["ar"], locale=arabic, page_size=3)
    second = search_commune("طلب عروض", root=commune.homes["ar"], locale=arabic, page_size=3, page=2)
    assert first.total == second.total >= 6
    assert len(first.results) == 3
    assert not {r.page.pk for r in first.results} & {r.page.pk for r in second.results}


def test_page_beyond_the_last_shows_the_last(client, commune, db):
    response = client.get(search_url(), {"q": "طلب عروض", "page": "999"})
    assert response.status_code == 200
    assert response.context["search"].results


def test_no_results_suggests_the_languages_that_have_matches(client, commune, db):
    response = client.get(search_url(), {"q": "hopital proximite"})
    search = response.context["search"]
    assert search.total == 0
    assert [(language.code, language.count) for language in search.other_languages] == [("fr", 1)]
    assert 'href="/fr/search/?q=hopital%20proximite"' in response.content.decode()


def test_no_results_without_other_languages_says_so(client, commune, db):
    response = client.get(search_url(), {"q": "زرافة"})
    assert response.context["search"].total == 0
    assert response.context["search"].other_languages == []
    assert "search-empty" in response.content.decode()


def test_some_words_are_enough_when_no_page_has_them_all(client, commune, db):
    search = client.get(search_url(), {"q": "رخصه زرافة"}).context["search"]
    assert search.any_word
    assert search.results


def test_promoted_result_comes_first_whatever_the_spelling(client, commune, db):
    promoted = commune.pages["s_terrace"]
    query = Query.get("رخصة البناء")
    SearchPromotion.objects.create(query=query, page=promoted, description="للمقاهي", sort_order=0)
    response = client.get(search_url(), {"q": "رخصه البناء"})
    search = response.context["search"]
    assert [promotion.page.pk for promotion in search.promotions] == [promoted.pk]
    assert promoted.pk not in [result.page.pk for result in search.results]
    assert response.content.decode().index(promoted.title) < response.content.decode().index("رخصة البناء</a>")


def test_promotion_of_a_page_of_another_commune_is_not_shown(client, commune, db):
    from home.communes import create_commune

    other = create_commune(slug="fes", hostname="fes.localhost", name_ar="جماعة فاس", name_fr="Commune de Fès")
    SearchPromotion.objects.create(query=Query.get("fes"), page=other, sort_order=0)
    assert client.get(search_url(), {"q": "fes"}).context["search"].promotions == []


def test_searches_are_recorded_and_unanswered_ones_reported(client, commune, db):
    client.get(search_url(), {"q": "رخصة البناء"})
    client.get(search_url(), {"q": "  زرافة  "})
    client.get(search_url(), {"q": "زرافة"})
    assert Query.get("رخصة البناء").hits == 1
    assert Query.get("زرافة").hits == 2
    assert list(UnansweredQuery.objects.values_list("query_string", "locale", "hits")) == [("زرافة", "ar", 2)]


def test_paging_through_results_is_not_counted_again(client, commune, db):
    client.get(search_url(), {"q": "طلب", "page": "2"})
    assert not Query.objects.filter(query_string="طلب").exists()


@pytest.mark.parametrize("query_string", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
def test_bad_input_gets_a_clean_page(client, commune, db, query_string):
    response = client.get(f"{search_url()}?{query_string}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("extra", ["page=abc", "page=-1", "year=abc", "year=99999", "type=%3Cscript%3E", "type="])
def test_bad_parameters_get_a_clean_page(client, commune, db, extra):
    response = client.get(f"{search_url()}?q=%D8%B1%D8%AE%D8%B5%D8%A9&{extra}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_a_commune_not_translated_into_every_language_is_searched_without_error(client, db, monkeypatch):
    """The languages a commune has no home in are skipped when looking for matches in other languages.

    Searches walk the pages newest first here, as they do for common words on a large portal.
    """
    from search import retrieval
    from tests.factories import StandardPage
    from tests.utils import build_commune

    monkeypatch.setattr(retrieval, "walk_budget", lambda match, limit: max(limit, 1000))
    tree = build_commune(slug="bilingual", hostname="bilingual.localhost", translate_to=("fr",))
    assert tree.home.get_translation_or_none(Locale.objects.get(language_code="zgh")) is None
    # A page written in Arabic only: searched for in French, it is found in Arabic.
    tree.add(StandardPage(title="حديقة الزرافة", slug="giraffe-garden"))
    response = client.get(search_url("fr"), {"q": "الزرافة"}, HTTP_HOST="bilingual.localhost")
    assert response.status_code == 200
    search = response.context["search"]
    assert search.total == 0
    assert [language.code for language in search.other_languages] == ["ar"]
    # Completing a word in the language the commune has no home in finds nothing, without error.
    suggestions = client.get("/api/search/suggest", {"q": "ⵜⴰⴳ", "locale": "zgh"}, HTTP_HOST="bilingual.localhost")
    assert suggestions.status_code == 200
    assert suggestions.json()["suggestions"] == []


def test_private_sections_and_whatever_is_private_above_the_home_are_not_searched(commune, db):
    """A restriction on a section hides its pages; one above the commune's home hides every page."""
    from wagtail.models import PageViewRestriction

    home, arabic = commune.homes["ar"], Locale.objects.get(language_code="ar")
    building, library = commune.pages["s_building"], commune.pages["a_library"]
    assert building.get_parent() != library.get_parent()

    def found(query):
        return [result.page.pk for result in search_commune(query, root=home, locale=arabic).results]

    assert building.pk in found("رخصة البناء")
    section = PageViewRestriction.objects.create(
        page=building.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert building.pk not in found("رخصة البناء")
    assert library.pk in found("المكتبه")
    section.delete()
    assert building.pk in found("رخصة البناء")
    PageViewRestriction.objects.create(page=home.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert found("رخصة البناء") == found("المكتبه") == []
