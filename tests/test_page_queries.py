"""Pages built from scratch: a bounded number of queries, none of them from a template."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import Page

from pages.models import CouncilPage, NewsIndexPage, NewsPage

from .factories import CommuneDocumentFactory, MembershipFactory, NewsPageFactory, OrganizationFactory
from .utils import attachments, page_queries, path_of

pytestmark = pytest.mark.django_db

HOME_MAX_QUERIES = 15


def served(rf, page):
    """``page`` served as Wagtail serves it (its hooks run first), its template not rendered yet."""
    page = Page.objects.get(pk=page.pk).specific
    request = rf.get(path_of(page), HTTP_HOST="testserver")
    request.user = AnonymousUser()
    for hook in hooks.get_hooks("before_serve_page"):
        hook(page, request, (), {})
    return page.serve(request)


def template_queries(rf, page):
    served(rf, page).render()  # renditions are made once
    response = served(rf, page)
    with CaptureQueriesContext(connection) as captured:
        response.render()
    return [query["sql"] for query in captured.captured_queries]


def test_no_template_of_the_commune_runs_a_query(rf, commune):
    for page in commune.pages():
        assert template_queries(rf, page) == [], type(page).__name__


def test_home_page_is_built_in_at_most_15_queries(client, commune):
    assert page_queries(client, path_of(commune.home)) <= HOME_MAX_QUERIES


def test_home_page_queries_do_not_grow_with_its_news(client, commune):
    path = path_of(commune.home)
    before = page_queries(client, path)
    for _ in range(3):
        NewsPageFactory(parent=commune.sections[NewsIndexPage], image=commune.leaves[NewsPage].image)

    assert page_queries(client, path) == before


def test_news_page_queries_do_not_grow_with_its_attachments(client, commune):
    news = NewsPage.objects.get(pk=commune.leaves[NewsPage].pk)
    path = path_of(news)
    before = page_queries(client, path)
    news.documents = attachments(CommuneDocumentFactory()) * 2 + attachments(CommuneDocumentFactory()) * 2
    news.save_revision().publish()

    assert page_queries(client, path) == before


def test_council_page_queries_do_not_grow_with_its_members(client, commune):
    council_page = CouncilPage.objects.get(pk=commune.sections[CouncilPage].pk)
    council = OrganizationFactory(kind="council", commune=commune.site)
    council_page.council = council
    council_page.save_revision().publish()
    path = path_of(council_page)
    MembershipFactory(organization=council, person__commune=commune.site)
    before = page_queries(client, path)
    for _ in range(4):
        MembershipFactory(organization=council, person__commune=commune.site)

    assert page_queries(client, path) == before
