"""The demo commune: built once, idempotent, and filled the way the issue describes."""

import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils.html import escape
from pypdf import PdfReader
from wagtail.models import Locale, Page, Revision, Site

from assets.models import CommuneDocument
from directory.models import Facility, Membership, Organization, OrganizationKind, Person
from home.models import CommuneSettings, HomePage
from pages.enums import ProjectStatus, TenderDocumentType
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

from .test_settings import production_secret, run_python
from .utils import path_of

PROJECT = Path(__file__).resolve().parent.parent
TIFINAGH = re.compile("[\u2d30-\u2d7f]")
#: A Latin word in an Amazigh title, other than a reference (14/2026/AO) or a technical name (LED).
LATIN_WORD = re.compile(r"\b(?!(?:AO|BC|LED)\b)[A-Za-z]{2,}")
DEMO_COMMAND = ("load_demo", "--host", "127.0.0.1", "--port", "8000")


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture(scope="module")
def demo(module_db):
    """Run ``load_demo`` twice, as ``make run`` does on port 8000, and record what each run left."""
    call_command(*DEMO_COMMAND, stdout=io.StringIO(), stderr=io.StringIO())
    after_first = row_counts()
    last_revision = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()

    call_command(*DEMO_COMMAND, stdout=io.StringIO(), stderr=io.StringIO())
    return {"after_first": after_first, "after_second": row_counts(), "last_revision": last_revision}


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


def test_demo_tender_files_carry_their_type_of_document(main_site, arabic):
    types = [
        child.value["document_type"] for tender in live_in(main_site, TenderPage, arabic) for child in tender.documents
    ]

    assert types and set(types) <= set(TenderDocumentType.values)
    assert {"biddingDocuments", "evaluationReports"} <= set(types)


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


def test_demo_pages_exist_in_french_and_amazigh(db, demo):
    arabic_pages = Page.objects.live().filter(locale__language_code="ar", depth__gt=1)
    for language in ("fr", "zgh"):
        translated = set(
            Page.objects.live().filter(locale__language_code=language).values_list("translation_key", flat=True)
        )

        assert [page.title for page in arabic_pages if page.translation_key not in translated] == [], language


def test_demo_amazigh_titles_and_intros_are_in_tifinagh(db, demo):
    pages = Page.objects.live().filter(locale__language_code="zgh", depth__gt=1).specific()

    not_tifinagh = [
        (page.title, getattr(page, "intro", ""))
        for page in pages
        if not TIFINAGH.search(page.title)
        or LATIN_WORD.search(page.title)
        or (getattr(page, "intro", "") and not TIFINAGH.search(page.intro))
    ]
    assert not_tifinagh == []


def test_demo_amazigh_fallback_bodies_say_so(db, demo):
    news = NewsPage.objects.live().filter(locale__language_code="zgh")
    french = {page.translation_key: page for page in NewsPage.objects.live().filter(locale__language_code="fr")}

    assert news.exists()
    for page in news:
        first, *rest = page.body
        assert first.block_type == "paragraph"
        assert TIFINAGH.search(str(first.value))
        assert [block.block_type for block in rest] == [
            block.block_type for block in french[page.translation_key].body
        ]


def test_demo_registers_exist_in_amazigh(db, demo):
    for model in (Person, Organization, Membership, Facility):
        arabic = set(model.objects.filter(locale__language_code="ar").values_list("translation_key", flat=True))
        amazigh = set(model.objects.filter(locale__language_code="zgh").values_list("translation_key", flat=True))

        assert arabic and arabic == amazigh, model.__name__
    names = Person.objects.filter(locale__language_code="zgh").values_list("name", flat=True)
    assert all(TIFINAGH.search(name) and not LATIN_WORD.search(name) for name in names)


def test_amazigh_home_features_amazigh_pages(client, main_site):
    html = client.get("/zgh/", HTTP_HOST="127.0.0.1:8000").content.decode()
    home = main_site.root_page.get_translation(Locale.objects.get(language_code="zgh")).specific

    assert len(home.highlights) >= 4
    for block in home.highlights:
        assert block.value.locale.language_code == "zgh"
        assert path_of(block.value) in html
    assert "/fr/" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_amazigh_section_indexes_list_their_items(client, main_site):
    for section, model in (("news", NewsPage), ("projects", ProjectPage), ("services", ServicePage)):
        html = client.get(f"/zgh/{section}/", HTTP_HOST="127.0.0.1:8000").content.decode()
        items = (
            model.objects.live()
            .filter(locale__language_code="zgh")
            .descendant_of(main_site.root_page.get_translation(Locale.objects.get(language_code="zgh")))
        )

        assert items.exists()
        assert any(escape(item.title) in html for item in items), section


def test_no_amazigh_link_leads_to_a_missing_page(client, db, demo):
    amazigh = Locale.objects.get(language_code="zgh")
    broken, crawled = [], 0
    for site in Site.objects.select_related("root_page"):
        host = f"{site.hostname}:{site.port}"
        home = site.root_page.get_translation(amazigh)
        links = set()
        for page in Page.objects.live().descendant_of(home, inclusive=True):
            html = client.get(path_of(page), HTTP_HOST=host).content.decode()
            links.update(re.findall(rf'href="(?:http://{re.escape(host)})?(/zgh/[^"#?]*)', html))
        broken += [(host, link) for link in sorted(links) if client.get(link, HTTP_HOST=host).status_code == 404]
        crawled += len(links)

    assert crawled > 50
    assert broken == []


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


def test_demo_sites_answer_on_the_host_and_port_given(db, demo):
    addresses = {site.root_page.slug: (site.hostname, site.port) for site in Site.objects.select_related("root_page")}

    assert sorted(addresses.values()) == [("127.0.0.1", 8000), ("commune2.localhost", 8000)]


def test_demo_links_lead_back_to_the_server(client, main_site):
    response = client.get("/fr/", HTTP_HOST="127.0.0.1:8000")
    html = response.content.decode()

    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html)
    assert canonical == "http://127.0.0.1:8000/fr/"
    assert alternates
    assert all(url.startswith("http://127.0.0.1:8000/") for url in alternates)


def test_load_demo_moves_the_sites_to_another_port(db, demo):
    call_command("load_demo", "--host", "0.0.0.0", "--port", "8105", stdout=io.StringIO())  # noqa: S104

    assert set(Site.objects.values_list("hostname", "port")) == {("localhost", 8105), ("commune2.localhost", 8105)}


def test_demo_is_not_a_runtime_dependency():
    runtime = (PROJECT / "requirements.txt").read_text().lower()
    demo = (PROJECT / "requirements-demo.txt").read_text().lower()

    # The PDF tools are runtime since the bulletin is offered as a PDF; the demo's YAML reader is not.
    assert "pyyaml" not in runtime
    assert "pyyaml" in demo
    for package in ("fpdf2", "uharfbuzz"):
        assert package in runtime


def test_production_does_not_install_the_demo():
    result = run_python(
        "cms.settings.production",
        "import django; from django.conf import settings; django.setup(); print('demo' in settings.INSTALLED_APPS)",
        DJANGO_SECRET_KEY=production_secret(),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
