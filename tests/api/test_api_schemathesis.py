"""A property-based run of the whole OpenAPI document with every check schemathesis has.

Each operation gets a bounded number of generated cases, valid and invalid, so the run stays short;
every registered check is applied to every response (server errors, status codes, content types,
headers and bodies as documented, invalid data rejected, valid data accepted, unsupported methods
refused). Hypothesis's health checks stay on, except the one timing data generation (it would make
the suite's outcome depend on the load of the machine) and the one about function-scoped fixtures:
the commune is built once per module and only read, so sharing it between cases is what is meant.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode

from cms.wsgi import application

load_all_checks()
ALL_CHECKS = [check for check in CHECKS.get_all() if callable(check) and not isinstance(check, type)]
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Requests go through the WSGI handler, which would close the test's database connection around each one."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_check_is_applied():
    names = {check.__name__ for check in ALL_CHECKS}
    assert {"not_a_server_error", "response_schema_conformance", "negative_data_rejection"} <= names
    assert {"unsupported_method", "response_headers_conformance", "positive_data_acceptance"} <= names


@schema.exclude(method=["POST", "PATCH"]).parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_api_conforms_to_its_document(case, portal, db):
    case.call_and_validate(headers={"Host": "testserver"}, checks=ALL_CHECKS)
