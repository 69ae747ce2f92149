"""What one intake costs the database: pinned, so it cannot creep back up.

Reference rows (office, category, time-limit policy) come from the process's reference
cache; inside the one transaction: the per-consumer lock, the duplicate-or-replay look-up,
the two inserts and the notices (one INSERT … SELECT)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Complaint
from tests.complaints.test_api import LIST, api, payload
from timelimits.models import Notice


def kinds(queries) -> list[str]:
    out = []
    for q in queries.captured_queries:
        sql = q["sql"].strip()
        table = re.search(r'(?:FROM|INTO) "?(\w+)"?', sql)
        verb = sql.split()[0].upper()
        if verb in ("SAVEPOINT", "RELEASE"):
            out.append(verb)
        elif "pg_advisory_xact_lock" in sql:
            out.append("LOCK")
        else:
            out.append(f"{verb} {table[1] if table else ''}")
    return out


def test_1912_intake_statements(org):
    client = api(org.call_centre)
    client.post(LIST, payload(complaint_number="2611260000001"), format="json")  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = client.post(LIST, payload(consumer_number="3412000001"), format="json")
    assert response.status_code == 201, response.json()
    assert kinds(queries) == [
        "SELECT authtoken_token",
        "SAVEPOINT",  # (the transaction; under the test's own it is a savepoint)
        "LOCK",
        "SELECT complaints_complaint",
        "INSERT complaints_complaint",
        "INSERT complaints_complaintevent",
        "INSERT timelimits_notice",
        "RELEASE",
    ]
    complaint = Complaint.objects.get(complaint_number=response.json()["complaint_number"])
    told = set(Notice.objects.filter(complaint=complaint).values_list("recipient", flat=True))
    assert told == {org.oa.pk, org.am.pk, org.manager.pk}


def test_office_intake_statements(org):
    client = api(org.oa)
    body = payload(complaint_number=None)
    client.post(LIST, body, format="json")  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = client.post(LIST, {**body, "consumer_number": "3412000002"}, format="json")
    assert response.status_code == 201, response.json()
    assert kinds(queries) == [
        "SELECT authtoken_token",
        "SELECT accounts_office",  # may this user register for this office (scope)
        "SAVEPOINT",
        "LOCK",
        "SELECT complaints_complaint",
        "INSERT complaints_complaintsequence",  # the gap-free office number
        "INSERT complaints_complaint",
        "INSERT complaints_complaintevent",
        "RELEASE",
    ]


def test_replay_and_conflict_still_answer(org):
    client = api(org.call_centre)
    first = client.post(LIST, payload(), format="json")
    assert first.status_code == 201
    again = client.post(LIST, payload(), format="json")
    assert again.status_code == 200
    assert again.json()["complaint_number"] == first.json()["complaint_number"]
    other = client.post(LIST, payload(consumer_name="Someone else"), format="json")
    assert other.status_code == 409
    assert other.json()["code"] == "number_conflict"
    forced = client.post(
        LIST, payload(consumer_name="Someone else", allow_duplicate=True), format="json"
    )
    assert forced.status_code == 409
    assert forced.json()["code"] == "number_conflict"
    assert Complaint.objects.count() == 1
