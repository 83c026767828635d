"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings

from .utils import build_commune


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploaded files go to a temporary folder, never into the project."""
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(root)):
        yield root


@pytest.fixture(autouse=True)
def clear_caches():
    """Wagtail caches site root paths; each test starts from what its own database holds."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A database transaction spanning a module, rolled back at its end.

    Module fixtures build their data inside it once; each test still runs in its own savepoint
    (through the ``db`` fixture), so what a test writes is undone before the next one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def commune(module_db):
    """The default-site commune with every section and leaf, in Arabic, French and Amazigh."""
    return build_commune(hostname="testserver", is_default_site=True, translate_to=("fr", "zgh"), with_groups=True)


_RELEVANCE_LINES = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _RELEVANCE_LINES.extend(value for name, value in report.user_properties if name == "search_relevance")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _RELEVANCE_LINES:
        terminalreporter.section("search relevance")
        for line in _RELEVANCE_LINES:
            terminalreporter.write_line(line)
