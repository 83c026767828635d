"""Section listings filter from the address with django-filter and page with Django's paginator;
a value that does not fit is left out with a notice, never an error page."""

import datetime

import pytest

from pages.enums import NewsCategory
from pages.models import LegalTextIndexPage, NewsIndexPage

from .factories import LegalTextPageFactory, NewsPageFactory
from .utils import path_of

NOTICE = 'class="notice notice--warning"'


@pytest.fixture(scope="module")
def listings(commune):
    news_index = commune.page_of_type(NewsIndexPage)
    legal_index = commune.page_of_type(LegalTextIndexPage)
    march = [
        NewsPageFactory(
            parent=news_index,
            title=f"Conseil mars {n}",
            date=datetime.date(2025, 3, 1 + n),
            category=NewsCategory.COUNCIL,
        )
        for n in range(3)
    ]
    april = [
        NewsPageFactory(
            parent=news_index,
            title=f"Annonce avril {n}",
            date=datetime.date(2025, 4, 1 + n),
            category=NewsCategory.ANNOUNCEMENT,
        )
        for n in range(20)
    ]
    texts = [
        LegalTextPageFactory(
            parent=legal_index, title="Arrêté fiscal 7", number="7/2024", date=datetime.date(2024, 5, 2)
        ),
        LegalTextPageFactory(
            parent=legal_index, title="Arrêté voirie 12", number="12/2025", date=datetime.date(2025, 6, 3)
        ),
    ]
    return {"news": path_of(news_index), "legal": path_of(legal_index), "march": march, "april": april, "texts": texts}


def listing(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, (path, params)
    return response.content.decode(), response.context


def titles(context):
    return {page.title for page in context["items"].object_list}


def test_a_category_and_a_month_narrow_the_news(db, client, listings):
    body, context = listing(client, listings["news"], category="council", month="2025-03")
    assert titles(context) == {page.title for page in listings["march"]}
    assert context["items"].paginator.count == 3
    assert NOTICE not in body
    assert {item.name: item.value for item in context["filters"]} == {"category": "council", "month": "2025-03"}


@pytest.mark.parametrize(
    "params",
    [{"category": "nope"}, {"month": "2025-13"}, {"month": "1800-01"}, {"month": "2025-3"}, {"category": "x" * 5000}],
)
def test_a_value_that_does_not_fit_is_ignored_with_a_notice(db, client, listings, params):
    body, context = listing(client, listings["news"], **params)
    assert NOTICE in body
    assert context["listing"].invalid
    everything = listing(client, listings["news"])[1]["items"].paginator.count
    assert context["items"].paginator.count == everything


def test_the_valid_filters_still_apply_beside_a_bad_one(db, client, listings):
    body, context = listing(client, listings["news"], category="council", month="march")
    assert NOTICE in body
    assert len(context["listing"].invalid) == 1
    assert titles(context) >= {page.title for page in listings["march"]}
    assert not titles(context) & {page.title for page in listings["april"]}


@pytest.mark.parametrize(
    ("params", "expected"), [({"year": "2024"}, {"Arrêté fiscal 7"}), ({"number": "12/"}, {"Arrêté voirie 12"})]
)
def test_legal_texts_filter_by_year_and_number(db, client, listings, params, expected):
    _body, context = listing(client, listings["legal"], **params)
    assert titles(context) == expected


@pytest.mark.parametrize("year", ["20x6", "2025.5", "99999", "-1"])
def test_a_year_that_is_not_a_year_is_ignored(db, client, listings, year):
    body, context = listing(client, listings["legal"], year=year)
    assert NOTICE in body
    assert titles(context) >= {page.title for page in listings["texts"]}


def test_pages_past_the_end_or_not_numbers_fall_back_to_the_last_and_the_first(db, client, listings):
    first = listing(client, listings["news"])[1]["items"]
    assert first.number == 1 and first.paginator.num_pages >= 2
    assert listing(client, listings["news"], page="abc")[1]["items"].number == 1
    last = listing(client, listings["news"], page="999")[1]["items"]
    assert last.number == first.paginator.num_pages
    assert not set(titles({"items": first})) & {page.title for page in last.object_list}
