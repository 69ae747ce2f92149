from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from billing.models import StageVisit
from billing.services import correction_transition
from complaints.models import Complaint
from complaints.services import complaint_settle
from portal.flagging import flag_overdue
from tests.factories import open_correction, register
from timelimits.models import Notice


def overdue_notices(**filters):
    return Notice.objects.filter(kind=Notice.Kind.OVERDUE, **filters)


def recipients(**filters) -> dict[str, str]:
    return dict(overdue_notices(**filters).values_list("recipient__username", "role"))


def test_eight_days_flags_six_does_not(org):
    correction = open_correction(org)
    visit = correction.stages.get()
    assert flag_overdue(now=visit.entered_at + timedelta(days=6)) == 0
    assert flag_overdue(now=visit.entered_at + timedelta(days=8)) == 1
    visit.refresh_from_db()
    assert visit.flagged_at == visit.entered_at + timedelta(days=8)


def test_running_twice_flags_once_and_tells_each_person_once(org):
    correction = open_correction(org)
    later = correction.stages.get().entered_at + timedelta(days=8)
    assert flag_overdue(now=later) == 1
    assert flag_overdue(now=later + timedelta(minutes=10)) == 0
    # The assistant stage: the OA and AM must act; the manager is next above them.
    assert recipients(correction=correction) == {
        "oa.a": "actor",
        "am.a": "actor",
        "manager.a": "superior",
    }


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        (1, {"manager.a": "actor", "dgm.one": "superior"}),
        (2, {"dgm.one": "actor", "gm.one": "superior"}),
        (3, {"gm.one": "actor", "admin": "superior"}),
    ],
)
def test_escalation_goes_one_level_up(org, steps, expected):
    correction = open_correction(org)
    chain = [
        (org.am, "forward", {}),
        (org.manager, "forward", {}),
        (org.dgm, "recommend", {"recommendation": "for", "recommended_amount": "3120",
                                "remarks": "ok"}),
    ]  # fmt: skip
    for user, name, body in chain[:steps]:
        correction = correction_transition(correction=correction, user=user, name=name, **body)
    open_visit = correction.stages.get(left_at__isnull=True)
    flag_overdue(now=open_visit.due_at + timedelta(seconds=1))
    assert recipients(correction=correction, stage=open_visit.stage) == expected


def test_a_registered_complaint_left_lying_is_flagged(org):
    complaint = register(org.oa, org.office_a)
    assert flag_overdue(now=complaint.due_at + timedelta(hours=1)) == 1
    complaint.refresh_from_db()
    assert complaint.overdue_flagged_at is not None
    assert recipients(complaint=complaint, correction=None) == {
        "oa.a": "actor",
        "am.a": "actor",
        "manager.a": "actor",
        "dgm.one": "superior",
    }


def test_a_late_completion_stays_breached(org):
    correction = open_correction(org)
    visit = correction.stages.get()
    flag_overdue(now=visit.due_at + timedelta(days=1))
    with time_machine.travel(visit.due_at + timedelta(days=1, hours=2), tick=False):
        correction_transition(correction=correction, user=org.am, name="forward")
    visit.refresh_from_db()
    assert visit.left_at is not None
    assert visit.is_overdue  # left after its due date: a breach on record
    assert visit.flagged_at is not None
    # The next visit started late but has its own full time.
    assert flag_overdue(now=visit.due_at + timedelta(days=2)) == 0


def test_settled_and_closed_files_are_not_flagged(org):
    complaint = register(org.oa, org.office_a)
    complaint_settle(complaint=complaint, user=org.manager, action="reject", remarks="Bill right")
    assert flag_overdue(now=timezone.now() + timedelta(days=30)) == 0


def test_flag_query_plan_is_small(org, django_assert_max_num_queries):
    for n in range(5):
        open_correction(
            org, complaint=register(org.oa, org.office_a, consumer_number=f"80000000{n:02d}")
        )
    later = timezone.now() + timedelta(days=8)
    with django_assert_max_num_queries(10):
        assert flag_overdue(now=later) == 5
    assert StageVisit.objects.filter(flagged_at__isnull=False).count() == 5


def test_flag_overdue_command_with_as_of(org):
    correction = open_correction(org)
    due = correction.stages.get().due_at
    out = StringIO()
    call_command("flag_overdue", "--as-of", (due - timedelta(hours=1)).isoformat(), stdout=out)
    assert "Flagged 0" in out.getvalue()
    call_command("flag_overdue", "--as-of", (due + timedelta(hours=1)).isoformat(), stdout=out)
    assert "Flagged 1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("flag_overdue", "--as-of", "next tuesday")


def test_complaint_list_overdue_filter_sees_correction_due_dates(org):
    correction = open_correction(org)
    complaint = Complaint.objects.get(pk=correction.complaint_id)
    assert complaint.due_at == correction.due_at
