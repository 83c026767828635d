"""Fixtures shared by the whole suite."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.test import override_settings

from caching import fragments

from .utils import build_commune


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploaded files go to temporary folders, never into the project (private ones beside the public)."""
    root = tmp_path_factory.mktemp("media")
    private = tmp_path_factory.mktemp("private-media")
    storages = {
        **settings.STORAGES,
        "private": {"BACKEND": "assets.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(private)}},
    }
    with override_settings(MEDIA_ROOT=str(root), BAWABA_PRIVATE_MEDIA_ROOT=private, STORAGES=storages):
        yield root


@pytest.fixture(autouse=True)
def clear_caches(request):
    """Wagtail caches site root paths; each test starts from what its own database holds.

    Caches kept in the database (the rate-limit counters without Redis) are cleared only for tests
    that use the database; for the others there is nothing in them to clear.
    """
    in_memory = [cache for cache in caches.all() if not isinstance(cache, DatabaseCache)]
    in_database = [cache for cache in caches.all() if isinstance(cache, DatabaseCache)]
    if in_database and {"db", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            for cache in in_database:
                cache.clear()
    for cache in in_memory:
        cache.clear()
    fragments.forget()
    yield
    for cache in in_memory:
        cache.clear()
    fragments.forget()


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


#: The modules that take longest, longest first (``--durations=0`` on PostgreSQL, summed per module):
#: pytest-xdist hands whole modules to its workers in collection order, so these start first and
#: the run does not end with one worker alone on a long module while the other waits.
SLOWEST_MODULES = (
    "tests/tenancy/test_admin_matrix.py",
    "tests/test_demo.py",
    "tests/deployment/test_two_instances.py",
    "tests/participation/test_load.py",
    "tests/test_rendering.py",
    "tests/test_page_tree.py",
    "tests/importer/test_wxr.py",
    "tests/test_headers.py",
)


def pytest_collection_modifyitems(config, items):
    """Start with the slowest modules; every other test keeps its place (the sort is stable)."""
    order = {path: index for index, path in enumerate(SLOWEST_MODULES)}
    items.sort(key=lambda item: order.get(item.nodeid.split("::", 1)[0], len(order)))


_RELEVANCE_LINES = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _RELEVANCE_LINES.extend(value for name, value in report.user_properties if name == "search_relevance")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _RELEVANCE_LINES:
        terminalreporter.section("search relevance")
        for line in _RELEVANCE_LINES:
            terminalreporter.write_line(line)
