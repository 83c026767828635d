"""A live portal with the demo commune, and Debian's Chromium driven by Playwright, shared by the browser tests.

The demo is loaded once into the test database, shared by every browser module a process runs, and
served by one live server on 127.0.0.1. The modules that use it run one after the other (pytest-django
runs the live-server tests after the others, in collection order, and xdist's ``loadscope`` hands a
worker whole modules in that order), so a worker loads the demo once and flushes it when it leaves
this package, before any test of another package can see it. No browser is ever downloaded: the tests
use the ``chromium`` on the ``PATH`` (``make browser`` installs Debian's) and are skipped when there is none.
"""

import datetime
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
LANGUAGES = ("ar", "fr", "zgh")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ALERT_MESSAGES = {
    "ar": "تعليق الدراسة غدا بسبب الأحوال الجوية.",
    "fr": "Les écoles resteront fermées demain en raison des intempéries.",
    "zgh": "ⵜⵉⵏⵎⵉⵍⵉⵏ ⵔⴰⴷ ⴳⴳⵓⵔⵏⵜ ⴰⵙⴽⴽⴰ.",
}


@dataclass
class Portal:
    """The served demo: its address and the paths of the pages the tests visit, per language."""

    url: str
    paths: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)

    def address(self, kind, language):
        return self.url + self.paths[kind][language]


def _path(page, query=""):
    return urlsplit(page.get_url()).path + query


def _translations(page):
    return {
        translation.locale.language_code: translation.specific
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    }


def _describe_demo():
    """Find, in the demo's default commune, one page of each kind the tests visit, in every language."""
    from wagtail.models import Locale, Site

    from directory.models import Facility
    from home.models import HomePage
    from pages.models import CouncilPage, DirectoryPage, ProjectIndexPage, ProjectPage, ServicePage, TenderPage
    from pages.models.transparency import tender_open_condition

    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = site.root_page.specific

    def translated_in_every_language(model, *conditions, **filters):
        """The first live page of ``model`` below the home, with its translations in all three languages.

        Pages the demo leaves untranslated in Amazigh get a copy in that locale, published, so
        that every page kind can be visited in every language.
        """
        page = model.objects.live().descendant_of(home).filter(*conditions, **filters).order_by("path").first()
        if page is None:
            return None, None
        translations = _translations(page)
        for language in set(LANGUAGES) - set(translations):
            copy = page.copy_for_translation(Locale.objects.get(language_code=language))
            copy.save_revision().publish()
        return page, _translations(page)

    project, projects = translated_in_every_language(ProjectPage, latitude__isnull=False)
    if project is None:
        project, projects = translated_in_every_language(ProjectPage)
    tender, tenders = translated_in_every_language(TenderPage, tender_open_condition())
    if tender is None:
        tender, tenders = translated_in_every_language(TenderPage)
    chosen = {
        "home": (_translations(home), ""),
        "listing": (translated_in_every_language(ProjectIndexPage)[1], f"?status={project.status}"),
        "project": (projects, ""),
        "tender": (tenders, ""),
        "service": (translated_in_every_language(ServicePage)[1], ""),
        "council": (translated_in_every_language(CouncilPage)[1], ""),
        "directory": (translated_in_every_language(DirectoryPage)[1], ""),
    }
    paths = {}
    for kind, (translations, query) in chosen.items():
        assert translations, f"the demo has no {kind} page translated in every language"
        paths[kind] = {language: _path(translations[language], query) for language in LANGUAGES}
    facts = {
        "project_status": project.status,
        "located_facilities": Facility.objects.filter(
            commune=site, locale=home.locale, latitude__isnull=False, longitude__isnull=False
        ).count(),
    }
    now = datetime.datetime.now(tz=datetime.UTC)
    for translation in _translations(home).values():
        HomePage.objects.filter(pk=translation.pk).update(
            alert_message=ALERT_MESSAGES[translation.locale.language_code],
            alert_severity="warning",
            alert_starts_at=now - datetime.timedelta(hours=1),
            alert_ends_at=now + datetime.timedelta(days=1),
        )
    return paths, facts


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("Debian's chromium is not installed (make browser installs it)")
    pytest.importorskip("playwright.sync_api")
    return path


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker):
    """One live server on 127.0.0.1 for the session (pytest-django's own listens on ``localhost``).

    Its name tells pytest-django that these tests need the test database, and to run them after
    the tests that roll their data back.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture(autouse=True)
def _live_server_helper():
    """Replaces pytest-django's helper, which would flush the database after every test: the
    browser tests share one demo commune, loaded once and flushed after the last of them."""
    yield


def _reset_sequences(connection):
    """Move PostgreSQL's id sequences past the rows given back with their ids, as loaddata does."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture(scope="package")
def portal(chromium_path, live_server, django_db_blocker):
    """The demo commune, loaded once and served by the live server while the browser modules run.

    The data is committed (the server reads it from another thread); when the process leaves this
    package the database is flushed and given back what it held before (the tree's root, the default
    site, the locales), so that the tests running after these find it as the migrations left it.
    What a module adds (a filed complaint, a petition, an API token) stays for the modules after it:
    none of them counts such entries.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        address = urlsplit(live_server.url)
        call_command("load_demo", "--host", address.hostname, "--port", str(address.port), stdout=io.StringIO())
        paths, facts = _describe_demo()
        try:
            yield Portal(url=live_server.url, paths=paths, facts=facts)
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)
            _reset_sequences(connection)


@pytest.fixture(scope="module")
def browser(portal, chromium_path):
    """One Chromium for the session; started after the demo is loaded (Playwright runs an event loop)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per viewport, reused by every test."""
    opened = {
        name: browser.new_context(viewport=size, device_scale_factor=1, is_mobile=name == "phone", has_touch=False)
        for name, size in VIEWPORTS.items()
    }
    yield opened
    for context in opened.values():
        context.close()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class RequestLog:
    """The hosts a page asked for anything (documents, styles, scripts, fonts, images, XHR)."""

    def __init__(self, page):
        self.hosts = set()
        self.urls = []
        page.on("request", self.record)

    def record(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"}:
            self.hosts.add(parts.hostname)
            self.urls.append(request.url)

    def outside(self):
        return sorted(url for url in self.urls if urlsplit(url).hostname != "127.0.0.1")


@pytest.fixture
def open_page(contexts):
    """Open a new tab in a viewport's context, recording its requests; closed after the test."""
    opened = []

    def opener(viewport):
        page = contexts[viewport].new_page()
        opened.append(page)
        return page, RequestLog(page)

    yield opener
    for page in opened:
        page.close()


def run_axe(page):
    """The WCAG 2.1 A/AA violations axe-core finds in the page.

    axe-core is evaluated through the DevTools protocol rather than added as a ``<script>``: the
    portal's Content-Security-Policy rightly refuses scripts the site did not serve itself.
    """
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                resultTypes: ["violations"],
            });
            return result.violations.map((violation) => ({
                id: violation.id,
                impact: violation.impact,
                help: violation.help,
                targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
            }));
        }"""
    )
