"""The planner settings a search asks for last no longer than its own transaction (PostgreSQL)."""

import pytest
from django.db import connection

from search import retrieval

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="planner settings are PostgreSQL's")


def setting(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("walk", [True, False])
def test_outside_a_transaction_the_settings_end_with_the_search(walk):
    assert not connection.in_atomic_block
    before = {name: setting(name) for name in ("enable_hashjoin", "enable_seqscan", "enable_sort", "enable_material")}
    with retrieval.planner(walk=walk):
        assert setting("enable_hashjoin") == "off"
        assert setting("enable_seqscan") == "off"
    assert {name: setting(name) for name in before} == before
