"""Every page type renders in Arabic, French and Amazigh, with its language, direction and alternates."""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.template import Context, Template
from django.utils import translation

from pages.models import NewsIndexPage

from .factories import PAGE_FACTORIES, NewsPageFactory
from .utils import localized, path_of

LANGUAGES = {"ar": "rtl", "fr": "ltr", "zgh": "ltr"}
EASTERN_ARABIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
ARABIC_MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
]


class HeadParser(HTMLParser):
    """Collects the ``<html>`` attributes and the ``hreflang`` alternates of a document."""

    def __init__(self):
        super().__init__()
        self.html_attrs = None
        self.alternates = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html" and self.html_attrs is None:
            self.html_attrs = attrs
        if tag == "link" and "alternate" in (attrs.get("rel") or "").split() and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = urlsplit(attrs.get("href") or "").path


def parse(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def get_page(client, page):
    response = client.get(path_of(page))
    assert response.status_code == 200, f"{type(page).__name__} at {path_of(page)}: {response.status_code}"
    return response


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("model", list(PAGE_FACTORIES), ids=lambda model: model.__name__)
def test_page_type_renders_with_language_and_direction(client, db, commune, model, language):
    page = localized(commune.page_of_type(model), language)
    assert path_of(page).startswith(f"/{language}/")

    response = get_page(client, page)

    html = parse(response).html_attrs
    assert html is not None, "no <html> element"
    assert html.get("lang") == language
    assert html.get("dir") == LANGUAGES[language]
    assert page.title in response.content.decode()


@pytest.mark.parametrize("model", list(PAGE_FACTORIES), ids=lambda model: model.__name__)
def test_page_links_its_translations_with_hreflang(client, db, commune, model):
    page = commune.page_of_type(model)

    alternates = parse(get_page(client, page)).alternates

    for language in LANGUAGES:
        assert alternates.get(language) == path_of(localized(page, language)), alternates


def test_root_redirects_to_arabic_by_default(client, db, commune):
    response = client.get("/")

    assert response.status_code in (301, 302)
    assert urlsplit(response["Location"]).path == "/ar/"


@pytest.mark.parametrize("language", ["fr", "zgh"])
def test_root_redirects_to_the_visitors_language(client, db, commune, language):
    response = client.get("/", headers={"accept-language": f"{language},en;q=0.5"})

    assert response.status_code in (301, 302)
    assert urlsplit(response["Location"]).path == f"/{language}/"


def test_root_redirect_ignores_a_language_the_portal_does_not_speak(client, db, commune):
    response = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"})

    assert urlsplit(response["Location"]).path == "/ar/"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 3, 12), "12 مارس 2026"),
        (datetime.date(2026, 7, 5), "5 يوليوز 2026"),
        (datetime.date(2025, 8, 20), "20 غشت 2025"),
        (datetime.date(2025, 12, 1), "1 دجنبر 2025"),
    ],
)
def test_arabic_news_date_uses_moroccan_month_names_and_western_digits(client, db, commune, day, expected):
    news = NewsPageFactory(parent=commune.sections[NewsIndexPage], date=day)

    content = get_page(client, news).content.decode()

    assert expected in content
    assert not EASTERN_ARABIC_DIGITS.search(content)


@pytest.mark.parametrize("model", list(PAGE_FACTORIES), ids=lambda model: model.__name__)
def test_arabic_page_has_no_eastern_arabic_digits(client, db, commune, model):
    content = get_page(client, commune.page_of_type(model)).content.decode()

    assert not EASTERN_ARABIC_DIGITS.search(content)


@pytest.mark.parametrize("month", range(1, 13))
def test_commune_date_filter_names_every_month_the_moroccan_way(month):
    template = Template("{% load portal_tags %}{{ day|commune_date }}")

    with translation.override("ar"):
        rendered = template.render(Context({"day": datetime.date(2026, month, 9)}))

    assert f"9 {ARABIC_MONTHS[month - 1]} 2026" in rendered
    assert not EASTERN_ARABIC_DIGITS.search(rendered)
