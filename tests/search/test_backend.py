"""The normalising backend on its own: what any search of the project (admin included) gets."""

import pytest
from modelsearch.query import And, Not, Or, Phrase, PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from pages.models import NewsPage
from search.backends.common import MATCH_NONE, normalise_query


def test_backend_in_use_is_the_normalising_one():
    assert get_search_backend().__class__.__name__.startswith("Normalising")


def test_page_search_in_the_admin_finds_variant_spellings(commune, db):
    found = Page.objects.search("المصادقه علي الامضاء")
    assert commune.pages["s_signature"].pk in [page.pk for page in found]


def test_tifinagh_text_is_indexed_and_found(commune, db):
    page = commune.pages["a_festival"]
    page.intro = "ⴰⵎⵓⴳⴳⴰⵔ ⵏ ⵜⴰⵎⴰⵣⵉⵖⵜ"  # noqa: RUF001
    page.save()
    assert [found.pk for found in NewsPage.objects.search("ⵜⴰⵎⴰⵣⵉⵖⵜ")] == [page.pk]


@pytest.mark.parametrize("query", ["& | ! : * ( ) ' \" \\ %", "'); DROP TABLE x; --", "*:*", '"unterminated'])
def test_operators_and_sql_characters_are_plain_text_to_the_backend(commune, db, query):
    assert list(Page.objects.search(query)) == []


def test_operators_around_words_leave_the_words(commune, db):
    found = Page.objects.search("رخصة&|!:*()'\"\\%البناء")
    assert commune.pages["s_building"].pk in [page.pk for page in found]


def test_autocomplete_matches_the_start_of_a_word(commune, db):
    found = get_search_backend().autocomplete("المستوص", Page)
    assert commune.pages["t_medical"].pk in [page.pk for page in found]


def test_query_rewrite_keeps_the_structure_of_the_query():
    rewritten = normalise_query(And([PlainText("بلدية"), Not(PlainText("طنجة"))]))
    assert isinstance(rewritten, And)
    assert isinstance(rewritten.subqueries[0], Or)
    assert isinstance(rewritten.subqueries[1], Not)
    assert normalise_query(PlainText("!!!")) is MATCH_NONE
    water = normalise_query(Or([PlainText("؟"), PlainText("ماء")]))
    assert {subquery.query_string for subquery in water.subqueries} == {"ما", "ماو", "ماي"}
    assert isinstance(normalise_query(Phrase("المدينة العتيقة")), And)
