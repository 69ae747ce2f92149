"""Schemathesis fuzzes every API operation from /api/v1/schema/ with demo-like
credentials: no 5xx, and every documented response matches the schema.

Deterministic by construction (CI is never flaky): Hypothesis is derandomized (a fixed
seed derived from each test), examples per operation are bounded, there is no example
database and no deadline. A finding is fixed in the code, never filtered here."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from tests.factories import open_correction, register

EXAMPLES = 20


@pytest.fixture
def demo_token(org):
    """The office assistant of office A, as in the demo, with files to act on: a bill
    complaint, a second one with an open correction."""
    register(org.oa, org.office_a, complaint_number=None)
    open_correction(org)
    return Token.objects.create(user=org.oa).key


with override_settings(ALLOWED_HOSTS=["localhost"]):  # the host schemathesis' client names
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _wsgi_in_the_test_transaction(settings):
    """Call the WSGI application as Django's test client does: a request ending must not
    close the connection that holds the test's transaction."""
    settings.ALLOWED_HOSTS = ["localhost"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_within_its_schema(case, demo_token):
    response = case.call(headers={"Authorization": f"Token {demo_token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
