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


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("walk", [True, False])
def test_a_planned_statement_sees_the_settings_and_they_end_with_it(walk):
    """Sent with the statement in one round trip, the settings hold for it and for nothing after."""
    from django.db import transaction

    assert not connection.in_atomic_block
    before = setting("enable_seqscan"), setting("enable_sort")
    asked = "SELECT current_setting(%s), current_setting(%s), %s"
    assert retrieval.planned(asked, ["enable_seqscan", "enable_sort", 7], walk=walk) == [
        ("off", "off" if walk else before[1], 7)
    ]
    assert (setting("enable_seqscan"), setting("enable_sort")) == before
    # Inside a transaction of the caller's, the settings are put back for the rest of it.
    with transaction.atomic():
        assert retrieval.planned(asked, ["enable_seqscan", "enable_sort", 8], walk=walk)[0][0] == "off"
        assert (setting("enable_seqscan"), setting("enable_sort")) == before
