"""Fixtures for the participation tests: a commune with its categories, a service page, an Open311 API key."""

import pytest
from django.core import mail
from wagtail.models import Site

from clients.models import ApiToken, Scope
from home.communes import create_commune
from pages.models import ServiceIndexPage, ServicePage

HOSTNAME = "testserver"


def make_town(population=20_000, has_arrondissements=False):
    home = create_commune(
        slug="tafraout",
        hostname=HOSTNAME,
        name_ar="جماعة تافراوت",
        name_fr="Commune de Tafraout",
        is_default_site=True,
        population=population,
        has_arrondissements=has_arrondissements,
    )
    return Site.objects.get(root_page=home)


@pytest.fixture
def participation_settings(settings):
    settings.PARTICIPATION_RATE_LIMIT = 1000
    settings.PARTICIPATION_MAX_ATTACHMENT_BYTES = 200_000
    settings.PARTICIPATION_RETENTION_DAYS = 365
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


@pytest.fixture
def town(db, participation_settings):
    """The default commune, with the default request categories in every locale."""
    mail.outbox = []
    return make_town()


@pytest.fixture
def service_page(town):
    index = town.root_page.add_child(instance=ServiceIndexPage(title="الخدمات", slug="services"))
    return index.add_child(instance=ServicePage(title="تصحيح الإمضاء", slug="legalisation", theme="certification"))


@pytest.fixture
def api_key(town):
    _record, raw_key = ApiToken.issue(None, "Allo citizen app", commune=town, scopes=[Scope.OPEN311])
    return raw_key
