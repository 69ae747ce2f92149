"""Hand-built files with known ages, due dates and stage timings (see each fixture)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.models import Designation
from billing.models import StageVisit, State
from complaints.services import complaint_settle
from tests.factories import UserFactory, open_correction, register

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=IST)


def at(days_ago: int):
    return time_machine.travel(NOW - timedelta(days=days_ago), tick=False)


@pytest.fixture
def pendency_files(org):
    """As at NOW (every stage has 7 days):

    office A: registered 0, 6 and 10 days ago (the last overdue); one registered 20 days
      ago with a correction recorded then (both overdue); one rejected (settled).
    office B: registered 35 days ago (overdue).
    office X (the other circle): two registered 10 days ago and a correction (overdue).
    """
    org.oa_b = UserFactory(
        username="oa.b", designation=Designation.OFFICE_ASSISTANT, office=org.office_b
    )
    org.oa_x = UserFactory(
        username="oa.x", designation=Designation.OFFICE_ASSISTANT, office=org.office_x
    )
    files = {}
    for days, name in ((0, "a0"), (6, "a6"), (10, "a10")):
        with at(days):
            files[name] = register(org.oa, org.office_a, consumer_number=f"10000000{days:02d}")
    with at(20):
        files["a20"] = register(org.oa, org.office_a, consumer_number="1000000020")
        files["a20_correction"] = open_correction(org, complaint=files["a20"])
    with at(40):
        files["a40"] = register(org.oa, org.office_a, consumer_number="1000000040")
    with at(39):
        complaint_settle(
            complaint=files["a40"], user=org.manager, action="reject", remarks="Bill correct."
        )
    with at(35):
        files["b35"] = register(org.oa_b, org.office_b, consumer_number="2000000035")
    with at(10):
        files["x1"] = register(org.oa_x, org.office_x, consumer_number="3000000001")
        files["x2"] = register(org.oa_x, org.office_x, consumer_number="3000000002")
        open_correction(org, complaint=files["x2"], user=org.oa_x)
    return files


def ist(day: int, hour: int = 10, minute: int = 0, month: int = 10):
    return datetime(2026, month, day, hour, minute, tzinfo=IST)


def visit(correction, stage, entered, due, left):
    return StageVisit.objects.create(
        correction=correction, stage=stage, entered_at=entered, due_at=due, left_at=left
    )


@pytest.fixture
def compliance_visits(org, pendency_files):
    """Stage visits completed in October 2026 (IST), beside the open ones the corrections
    already have. Days taken (w = within the limit, b = breached):

    office A: assistant 3w · manager 2w, 10b · DGM 4w · GM 1w
    office B: manager 6w, 20b · approved 10b · GM 3w (left 1 Oct 00:30 IST: 30 Sep in UTC)
    office X: manager 5b
    outside the period: office A manager left 30 Sep 23:00 IST and 1 Nov 00:30 IST.
    """
    a = pendency_files["a20_correction"]
    b = open_correction(org, complaint=pendency_files["b35"], user=org.oa_b)
    x = pendency_files["x2"].corrections.get()
    visit(a, State.ASSISTANT, ist(1), ist(8), ist(4))
    visit(a, State.MANAGER, ist(1), ist(8), ist(3))
    visit(a, State.MANAGER, ist(5), ist(12), ist(15))
    visit(a, State.DGM, ist(2), ist(9), ist(6))
    visit(a, State.GM, ist(10), ist(17), ist(11))
    visit(b, State.MANAGER, ist(1), ist(8), ist(7))
    visit(b, State.MANAGER, ist(2), ist(9), ist(22))
    visit(b, State.APPROVED, ist(3), ist(10), ist(13))
    visit(b, State.GM, ist(28, 0, 30, month=9), ist(5), ist(1, 0, 30))
    visit(x, State.MANAGER, ist(1), ist(3), ist(6))
    visit(a, State.MANAGER, ist(25, month=9), ist(2), ist(30, 23, 0, month=9))
    visit(a, State.MANAGER, ist(25), ist(1, month=11), ist(1, 0, 30, month=11))
    return {"a": a, "b": b, "x": x}
