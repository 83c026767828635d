"""The demo commune: built once, idempotent, and filled the way the issue describes."""

import io
import time

import pytest
from django.apps import apps
from django.core.management import call_command
from pypdf import PdfReader
from wagtail.models import Locale, Page, Revision, Site

from assets.models import CommuneDocument
from directory.models import Organization, OrganizationKind
from home.models import CommuneSettings, HomePage
from pages.enums import ProjectStatus
from pages.models import (
    CouncilSessionPage,
    EventPage,
    LegalTextPage,
    NewsPage,
    PartnershipPage,
    ProjectPage,
    ServicePage,
    TenderPage,
)

from .utils import path_of


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture(scope="module")
def demo(module_db):
    """Run ``load_demo`` twice and record what each run left in the database."""
    started = time.monotonic()
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    first_run = time.monotonic() - started
    after_first = row_counts()
    last_revision = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()

    started = time.monotonic()
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    second_run = time.monotonic() - started
    return {
        "after_first": after_first,
        "after_second": row_counts(),
        "last_revision": last_revision,
        "timings": (first_run, second_run),
    }


@pytest.fixture
def main_site(db, demo):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def arabic(db, demo):
    return Locale.objects.get(language_code="ar")


def live_in(site, model, locale):
    return model.objects.live().descendant_of(site.root_page).filter(locale=locale)


def test_second_run_changes_no_row_count(demo):
    first, second = demo["after_first"], demo["after_second"]

    changed = {label: (first[label], second[label]) for label in first if first[label] != second[label]}
    assert changed == {}
    assert first["wagtailcore.Page"] > 50


def test_second_run_creates_no_revision(db, demo):
    assert not Revision.objects.filter(pk__gt=demo["last_revision"]).exists()


def test_demo_has_projects_in_every_status(main_site, arabic):
    projects = live_in(main_site, ProjectPage, arabic)

    assert projects.count() >= 6
    assert set(projects.values_list("status", flat=True)) == set(ProjectStatus.values)


@pytest.mark.parametrize(
    ("model", "at_least"),
    [
        (LegalTextPage, 6),
        (ServicePage, 8),
        (TenderPage, 4),
        (NewsPage, 10),
        (EventPage, 3),
        (CouncilSessionPage, 3),
        (PartnershipPage, 2),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_demo_fills_each_section(main_site, arabic, model, at_least):
    assert live_in(main_site, model, arabic).count() >= at_least


def test_demo_tenders_span_several_statuses(main_site, arabic):
    tenders = list(live_in(main_site, TenderPage, arabic))

    assert len({tender.status for tender in tenders}) >= 3
    assert any(tender.is_open for tender in tenders)


def test_demo_partnerships_are_local_and_international(main_site, arabic):
    scopes = set(live_in(main_site, PartnershipPage, arabic).values_list("scope", flat=True))

    assert {"local", "international"} <= scopes


def test_demo_council_has_three_committees(main_site, arabic):
    committees = Organization.objects.filter(commune=main_site, locale=arabic, kind=OrganizationKind.COMMITTEE)

    assert committees.count() >= 3


def test_demo_has_a_second_commune_on_its_own_site(db, demo):
    homes = HomePage.objects.filter(locale__language_code="ar")
    sites = Site.objects.filter(root_page__in=homes)

    assert sites.count() >= 2
    assert CommuneSettings.objects.filter(site__in=sites).count() == sites.count()
    assert len({(site.hostname, site.port) for site in sites}) == sites.count()


def test_demo_pages_exist_in_french_and_sections_in_amazigh(main_site, arabic):
    pages = Page.objects.live().descendant_of(main_site.root_page, inclusive=True).filter(locale=arabic)
    french = {page.translation_key for page in Page.objects.filter(locale__language_code="fr")}
    amazigh = {page.translation_key for page in Page.objects.filter(locale__language_code="zgh")}

    assert [page.title for page in pages if page.translation_key not in french] == []
    home_and_sections = [page for page in pages if page.depth <= main_site.root_page.depth + 1]
    assert [page.title for page in home_and_sections if page.translation_key not in amazigh] == []


def test_demo_documents_are_real_pdfs(db, demo):
    documents = [document for document in CommuneDocument.objects.all() if document.file_extension == "pdf"]
    assert documents

    for document in documents:
        with document.open_file() as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
            assert len(reader.pages) >= 1, document.title


def test_every_demo_page_renders(client, main_site):
    pages = Page.objects.live().public().descendant_of(main_site.root_page, inclusive=True).specific()
    translations = Page.objects.live().filter(
        translation_key__in=[page.translation_key for page in pages], locale__language_code__in=["fr", "zgh"]
    )

    failures = []
    for page in [*pages, *translations.specific()]:
        response = client.get(path_of(page))
        if response.status_code != 200:
            failures.append((path_of(page), response.status_code))
    assert failures == []


def test_demo_loads_in_reasonable_time(demo):
    first_run, second_run = demo["timings"]

    assert first_run < 120, f"first run took {first_run:.1f}s"
    assert second_run < 60, f"second run took {second_run:.1f}s"
    assert second_run < first_run, "a second run should only check what exists"
