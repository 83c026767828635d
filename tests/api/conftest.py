"""Fixtures of the portal API tests: one commune built per module, rolled back at the module's end."""

import pytest
from django.db import transaction
from django.test import Client

from ..factories import build_portal


@pytest.fixture(scope="module")
def api_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def portal(api_db):
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    return build_portal()


@pytest.fixture
def client(portal, db):
    return Client(HTTP_HOST="testserver")
