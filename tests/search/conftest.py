"""Fixtures for the search tests: a commune in Arabic and French with the relevance corpus."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from pages import enums
from pages.models import (
    CouncilPage,
    CouncilSessionPage,
    NewsIndexPage,
    NewsPage,
    ProjectIndexPage,
    ProjectPage,
    ServiceIndexPage,
    ServicePage,
    TenderIndexPage,
    TenderPage,
)

from .corpus import DOCUMENTS

SECTION_MODELS = {
    "news": (NewsIndexPage, "news"),
    "project": (ProjectIndexPage, "projects"),
    "service": (ServiceIndexPage, "services"),
    "tender": (TenderIndexPage, "tenders"),
    "council": (CouncilPage, "council"),
}
YEARS = (2023, 2024, 2025)


@dataclass
class Commune:
    """A commune's tree in Arabic and French, with the corpus pages by key."""

    site: Site
    homes: dict
    sections: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)

    def key_of(self, page_id):
        return {page.pk: key for key, page in self.pages.items()}.get(page_id)


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def build_page(kind, index, title, intro, body):
    """An unsaved page of ``kind`` with the fields its type requires."""
    year = YEARS[index % len(YEARS)]
    day = datetime.date(year, 1 + index % 12, 1 + index % 27)
    common = {"title": title, "slug": f"{kind}-{index}", "intro": intro, "body": paragraph(body)}
    if kind == "news":
        return NewsPage(date=day, category=enums.NewsCategory.COUNCIL, **common)
    if kind == "project":
        return ProjectPage(
            status=enums.ProjectStatus.IN_PROGRESS, axis=enums.ProgrammeAxis.INFRASTRUCTURE, start_date=day, **common
        )
    if kind == "service":
        return ServicePage(theme=enums.ServiceTheme.CIVIL_STATUS, **common)
    if kind == "tender":
        deadline = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=30), datetime.time(10)))
        return TenderPage(
            reference=f"{index}/{year}", subject=title, published_on=day, submission_deadline=deadline, **common
        )
    raise ValueError(kind)


def build_commune_with_corpus(documents=DOCUMENTS):
    """Create the default-site commune, its French translation, its sections and the corpus."""
    from home.communes import create_commune, ensure_locales

    ensure_locales()
    home = create_commune(
        slug="tanja", hostname="testserver", name_ar="جماعة طنجة", name_fr="Commune de Tanger", is_default_site=True
    )
    french = Locale.objects.get(language_code="fr")
    french_home = home.copy_for_translation(french)
    french_home.title = "Commune de Tanger"
    french_home.save_revision().publish()
    french_home = Page.objects.get(pk=french_home.pk).specific
    commune = Commune(site=Site.objects.get(root_page=home), homes={"ar": home, "fr": french_home})
    for code, localized_home in commune.homes.items():
        for kind, (model, slug) in SECTION_MODELS.items():
            commune.sections[code, kind] = localized_home.add_child(
                instance=model(title=f"{slug} {code}", slug=f"{slug}-{code}")
            )
    for index, (key, (code, kind, title, intro, body)) in enumerate(documents.items()):
        parent = commune.sections[code, kind]
        commune.pages[key] = parent.add_child(instance=build_page(kind, index, title, intro, body))
    return commune


@pytest.fixture(scope="module")
def commune(module_db):
    """The default-site commune with the whole relevance corpus, built once per module."""
    return build_commune_with_corpus()


@pytest.fixture
def session_page(commune, db):
    """A council session in Arabic, to attach minutes to."""
    return commune.sections["ar", "council"].add_child(
        instance=CouncilSessionPage(
            title="دورة أكتوبر العادية",
            slug="october-session",
            kind=enums.SessionKind.ORDINARY,
            start_date=datetime.date(2025, 10, 6),
        )
    )


def report_relevance(request, line):
    """Keep a line of the relevance figures for the end of the run, shown with or without ``-s``.

    The line travels on the test's report, so it reaches the summary from parallel workers too
    (see ``pytest_terminal_summary`` in tests/conftest.py).
    """
    request.node.user_properties.append(("search_relevance", line))


@pytest.fixture(scope="module")
def dated(commune, module_db):
    """Give most corpus pages a publication date, some the same one, and leave a few without."""
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    for number, page in enumerate(commune.pages.values()):
        if number % 7 == 6:
            continue
        day = start + datetime.timedelta(days=(number * 37) % 400 if number % 5 else 3)
        Page.objects.filter(pk=page.pk).update(first_published_at=day)
    return commune


def own_year(page):
    """A page's year read off the page itself: its type's own date field, else its first publication."""
    from django.utils import timezone

    from search.years import DATE_FIELDS

    page = page.specific
    name, is_date = DATE_FIELDS.get(page._meta.label_lower, (None, True))
    value = getattr(page, name) if name else None
    if value is not None:
        return value.year if is_date else value
    published = page.first_published_at
    return timezone.localtime(published).year if published else None
