"""What the portal tells machines: sitemap with hreflang alternates, robots.txt, JSON-LD, Open Graph."""

import json
import re

import pytest

from home.models import HomePage
from pages.models import LegalTextPage, NewsPage, ProjectPage, ServicePage

from ..utils import localized, path_of

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld_of(client, page):
    response = client.get(path_of(page))
    assert response.status_code == 200
    found = JSON_LD.findall(response.content.decode())
    assert len(found) == 1, "expected one JSON-LD block"
    return json.loads(found[0])


@pytest.mark.parametrize(
    ("model", "schema_type"),
    [
        (HomePage, "GovernmentOrganization"),
        (NewsPage, "NewsArticle"),
        (ServicePage, "GovernmentService"),
        (LegalTextPage, "Legislation"),
        (ProjectPage, "Project"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_page_describes_itself_with_schema_org(client, db, commune, model, schema_type):
    data = json_ld_of(client, localized(commune.page_of_type(model), "fr"))

    assert data["@context"] == "https://schema.org"
    assert [node["@type"] for node in data["@graph"]] == [schema_type, "BreadcrumbList"]


def test_sitemap_lists_every_language_with_hreflang_alternates(client, db, commune):
    news = commune.page_of_type(NewsPage)

    response = client.get("/sitemap.xml", HTTP_HOST=commune.site.hostname)

    assert response.status_code == 200
    body = response.content.decode()
    for language in ("ar", "fr", "zgh"):
        location = localized(news, language).get_full_url()
        assert f"<loc>{location}</loc>" in body
        assert f'hreflang="{language}" href="{location}"' in body


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_open_graph_names_the_locale_and_its_alternates(client, db, commune):
    page = localized(commune.page_of_type(NewsPage), "fr")

    body = client.get(path_of(page)).content.decode()

    assert '<meta property="og:locale" content="fr_MA">' in body
    assert '<meta property="og:locale:alternate" content="ar_MA">' in body
    assert '<meta property="og:type" content="article">' in body


def test_unknown_filter_values_do_not_break_a_listing(client, db, commune):
    from pages.models import ProjectIndexPage

    index = commune.page_of_type(ProjectIndexPage)

    response = client.get(path_of(index) + "?status=%00&year=99999&axis=x&page=-1")

    assert response.status_code == 200
    assert 'class="notice notice--warning"' in response.content.decode()
