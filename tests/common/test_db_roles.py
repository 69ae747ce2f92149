"""The app's own database role cannot rewrite the audit trail (issue 10, finding 4):
it owns nothing, so TRUNCATE, DISABLE TRIGGER and session_replication_role are refused,
while the whole application still works on it."""

from decimal import Decimal

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from billing.services import correction_transition
from common.db_roles import grants_sql, roles_sql
from tests.factories import PASSWORD, open_correction, register

# Committed rows (a second connection reads them); the seeded categories survive.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def app_role(org):
    """Create the roles on the test server (idempotently; named after the test database,
    so parallel runs on one server do not meet) and switch Django's connection to the
    DML-only app role for the test."""
    settings_dict = connection.settings_dict
    database = settings_dict["NAME"]
    owner, app = f"{database}_owner", f"{database}_app"
    with connection.cursor() as cursor:
        cursor.execute(roles_sql(owner=owner, app=app).as_string(None))
        cursor.execute(grants_sql(database=database, owner=owner, app=app).as_string(None))
    superuser = settings_dict["USER"]
    connection.close()
    settings_dict["USER"] = app
    try:
        yield app
    finally:
        connection.close()
        settings_dict["USER"] = superuser


def app_connection(app):
    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=app, dbname=s["NAME"]
    )


OWNER_ONLY = [
    "TRUNCATE accounts_postingrecord",
    "TRUNCATE complaints_complaintevent CASCADE",
    "ALTER TABLE billing_stagevisit DISABLE TRIGGER billing_stagevisit_guard",
    "ALTER TABLE accounts_postingrecord DISABLE TRIGGER ALL",
    "SET session_replication_role = replica",
    "DROP TABLE billing_amendment",
    "CREATE TABLE scratch (id int)",
]


def test_the_app_role_cannot_get_around_the_guards(app_role):
    # One test, not one per statement: each transactional test costs a database flush.
    with app_connection(app_role) as conn:
        for statement in OWNER_ONLY:
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)


def test_the_app_role_cannot_rewrite_history_row_by_row(app_role, org):
    open_correction(org)
    with app_connection(app_role) as conn:
        for statement in (
            "UPDATE accounts_postingrecord SET designation = 'gm'",
            "DELETE FROM complaints_complaintevent",
            "DELETE FROM billing_stagevisit",
        ):
            with pytest.raises(psycopg.errors.RaiseException), conn.transaction():
                conn.execute(statement)


def test_the_application_works_as_the_app_role(app_role, org, client):
    assert connection.settings_dict["USER"] == app_role
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app_role
    complaint = register(org.oa, org.office_a)
    correction = open_correction(org, complaint=complaint)
    for user, name, body in [
        (org.am, "forward", {}),
        (org.manager, "forward", {}),
        (org.dgm, "recommend", {"recommendation": "for", "recommended_amount": "3120"}),
        (org.gm, "approve", {}),
        (org.oa, "apply", {"revised_bill_reference": "RB-9"}),
    ]:
        correction = correction_transition(
            correction=correction, user=user, name=name, remarks="ok", **body
        )
    assert (correction.state, correction.approved_amount) == ("applied", Decimal("3120.00"))
    # Sessions, the lockout's attempt log and the notices are rows too.
    client.post(reverse("login"), {"username": "oa.a", "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": "oa.a", "password": PASSWORD}).status_code == 302
    )
    assert client.get(reverse("notice-list")).status_code == 200
