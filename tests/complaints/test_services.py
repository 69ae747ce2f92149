from dataclasses import fields
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from common.errors import StaleTransition
from complaints.models import Category, Complaint, ComplaintEvent
from complaints.selectors import complaint_history
from complaints.services import (
    INTAKE_FIELDS,
    ComplaintNumberConflict,
    DuplicateComplaint,
    Intake,
    complaint_available_actions,
    complaint_register,
    complaint_settle,
)
from complaints.validators import (
    current_month,
    normalize_consumer_number,
    normalize_mobile,
    parse_bill_month,
)
from tests.factories import intake, open_correction, register


def test_office_complaint_gets_an_issued_number_and_history(org):
    complaint = register(org.oa, org.office_a)
    year = timezone.localdate().year
    assert complaint.complaint_number == f"OFA-Z01-{year}-000001"
    assert complaint.source == Complaint.Source.OFFICE
    assert complaint.status == Complaint.Status.REGISTERED
    assert complaint.due_at - complaint.created_at == timedelta(days=7)
    (event,) = complaint.events.all()
    assert (event.from_status, event.to_status, event.actor) == ("", "registered", org.oa)
    assert event.due_at == complaint.due_at
    second = register(org.am, org.office_a)
    assert second.complaint_number == f"OFA-Z01-{year}-000002"
    other_office = register(org.manager_b, org.office_b)
    assert other_office.complaint_number == f"OFB-DC01-{year}-000001"


def test_call_centre_number_is_required_and_validated(org):
    with pytest.raises(ValidationError) as exc:
        register(org.call_centre, org.office_a)
    assert "complaint_number" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        register(org.call_centre, org.office_a, complaint_number="ABC/12")
    assert "complaint_number" in exc.value.message_dict
    complaint = register(org.call_centre, org.office_x, complaint_number="2611260012345")
    assert complaint.source == Complaint.Source.CALL_CENTRE
    assert complaint.office == org.office_x
    assert not Complaint.objects.exclude(pk=complaint.pk).exists()


def test_office_staff_cannot_choose_a_number_or_another_office(org):
    with pytest.raises(ValidationError) as exc:
        register(org.oa, org.office_a, complaint_number="2611260012345")
    assert "complaint_number" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        register(org.oa, org.office_b)
    assert "office" in exc.value.message_dict
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("persona", ["dgm", "gm", "admin"])
def test_officers_above_the_office_do_not_register(org, persona):
    with pytest.raises(ValidationError):
        register(getattr(org, persona), org.office_a)


def test_desk_login_must_name_the_operator(org):
    with pytest.raises(ValidationError) as exc:
        register(org.desk, org.office_a)
    assert set(exc.value.message_dict) == {"operator_name", "operator_employee_number"}
    complaint = register(
        org.desk, org.office_a, operator_name="सीमा जैन", operator_employee_number="MPW4411"
    )
    assert complaint.created_by == org.desk
    assert complaint.operator_name == "सीमा जैन"


def test_duplicate_guard_and_explicit_override(org):
    first = register(org.oa, org.office_a)
    with pytest.raises(DuplicateComplaint) as exc:
        register(org.oa, org.office_a, allow_duplicate=False)
    assert exc.value.existing == [first]
    register(
        org.oa, org.office_a, allow_duplicate=False, bill_month=current_month().replace(year=2025)
    )
    second = register(org.oa, org.office_a, allow_duplicate=True)
    assert second.pk != first.pk


def test_closed_complaint_is_no_duplicate(org):
    first = register(org.oa, org.office_a, category=Category.objects.get(code="supply"))
    complaint_settle(complaint=first, user=org.manager, action="resolve", remarks="Fuse replaced")
    register(
        org.oa, org.office_a, allow_duplicate=False, category=Category.objects.get(code="supply")
    )


def test_replay_returns_the_stored_complaint_and_changed_data_conflicts(org):
    data = intake(org.office_a)
    first, created = complaint_register(
        user=org.call_centre, intake=data, complaint_number="2611260012345"
    )
    assert created
    again, created = complaint_register(
        user=org.call_centre, intake=data, complaint_number="2611260012345"
    )
    assert (again.pk, created) == (first.pk, False)
    with pytest.raises(ComplaintNumberConflict):
        complaint_register(
            user=org.call_centre,
            intake=intake(org.office_a, consumer_name="Someone Else"),
            complaint_number="2611260012345",
        )
    assert Complaint.objects.count() == 1
    assert ComplaintEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"consumer_number": "12345"}, "consumer_number"),
        ({"consumer_number": "12345abcde"}, "consumer_number"),
        ({"mobile": "5827012345"}, "mobile"),
        ({"bill_month": None}, "bill_month"),
        ({"billed_amount": Decimal("-1")}, "billed_amount"),
        ({"billed_amount": Decimal("100000000.01")}, "billed_amount"),
        ({"amount_deposited": Decimal("9000")}, "amount_deposited"),
        ({"consumer_name": "x" * 121}, "consumer_name"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(org, fields, error_field):
    with pytest.raises(ValidationError) as exc:
        register(org.oa, org.office_a, **fields)
    assert error_field in exc.value.message_dict
    assert not Complaint.objects.exists()


def test_bill_month_in_the_future_is_refused(org):
    future = (current_month() + timedelta(days=32)).replace(day=1)
    with pytest.raises(ValidationError) as exc:
        register(org.oa, org.office_a, bill_month=future)
    assert "bill_month" in exc.value.message_dict


def test_non_bill_complaint_needs_no_bill_month(org):
    complaint = register(
        org.oa,
        org.office_a,
        category=Category.objects.get(code="supply"),
        bill_month=None,
        billed_amount=None,
        amount_deposited=None,
    )
    assert complaint.bill_month is None


def test_settlements_write_history(org):
    complaint = register(org.oa, org.office_a, category=Category.objects.get(code="meter"))
    complaint = complaint_settle(
        complaint=complaint, user=org.am, action="resolve", remarks="Meter replaced"
    )
    assert complaint.status == Complaint.Status.RESOLVED
    assert complaint.due_at is None
    complaint = complaint_settle(complaint=complaint, user=org.manager, action="close", remarks="")
    assert complaint.status == Complaint.Status.CLOSED
    rows = list(
        complaint.events.values_list("from_status", "to_status", "actor__username", "remarks")
    )
    assert rows == [
        ("", "registered", "oa.a", ""),
        ("registered", "resolved", "am.a", "Meter replaced"),
        ("resolved", "closed", "manager.a", ""),
    ]


def test_bill_complaint_cannot_be_resolved_at_the_office(org):
    complaint = register(org.oa, org.office_a)
    with pytest.raises(StaleTransition):
        complaint_settle(complaint=complaint, user=org.manager, action="resolve", remarks="x")
    complaint = complaint_settle(
        complaint=complaint, user=org.manager, action="reject", remarks="Bill is correct"
    )
    assert complaint.status == Complaint.Status.REJECTED


def test_reject_needs_remarks_and_the_right_designation(org):
    complaint = register(org.oa, org.office_a)
    with pytest.raises(ValidationError):
        complaint_settle(complaint=complaint, user=org.manager, action="reject", remarks="  ")
    from django.core.exceptions import PermissionDenied

    for persona in ("desk", "dgm", "manager_b"):
        with pytest.raises(PermissionDenied):
            complaint_settle(
                complaint=complaint, user=getattr(org, persona), action="reject", remarks="no"
            )
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.REGISTERED
    assert complaint.events.count() == 1


def test_stale_view_is_refused(org):
    complaint = register(org.oa, org.office_a, category=Category.objects.get(code="meter"))
    complaint_settle(complaint=complaint, user=org.am, action="resolve", remarks="done")
    with pytest.raises(StaleTransition) as exc:
        complaint_settle(
            complaint=complaint,
            user=org.manager,
            action="reject",
            remarks="no",
            seen_status="registered",
        )
    assert exc.value.by == org.am


def test_status_cannot_be_assigned_directly(org):
    complaint = register(org.oa, org.office_a)
    with pytest.raises(AttributeError):
        complaint.status = Complaint.Status.CLOSED


def test_history_is_append_only_in_the_database(org):
    complaint = register(org.oa, org.office_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        ComplaintEvent.objects.filter(complaint=complaint).update(remarks="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        ComplaintEvent.objects.filter(complaint=complaint).delete()
    event = complaint.events.get()
    event.remarks = "rewritten"
    with pytest.raises(ValidationError):
        event.save()


def test_the_office_cannot_reject_a_complaint_whose_correction_is_moving(org):
    correction = open_correction(org)
    complaint = Complaint.objects.get(pk=correction.complaint_id)
    assert complaint_available_actions(complaint=complaint, user=org.manager) == []
    with pytest.raises(StaleTransition):
        complaint_settle(complaint=complaint, user=org.manager, action="reject", remarks="no")
    complaint.refresh_from_db()
    assert complaint.status == "under_correction"


def test_devanagari_digits_become_ascii(org):
    complaint = register(
        org.oa, org.office_a, consumer_number=normalize_consumer_number("३४१२५६७८९०")
    )
    assert complaint.consumer_number == "3412567890"
    assert normalize_mobile("+९१ ९८२७० १२३४५") == "9827012345"


@pytest.mark.parametrize("raw", ["0000-01", "1899-12", "2026-00", "२०२६-१३", "26-10"])
def test_impossible_bill_months_are_refused(raw):
    with pytest.raises(ValidationError):
        parse_bill_month(raw)


def test_bill_month_in_devanagari_digits(db):
    assert parse_bill_month("२०२६-१०").isoformat() == "2026-10-01"


def test_timeline_marks_no_false_breach_while_a_correction_moves(org):
    correction = open_correction(org)
    with time_machine.travel(correction.due_at + timedelta(days=1), tick=False):
        events = complaint_history(correction.complaint)
    assert [e.to_status for e in events] == ["registered", "under_correction"]
    assert [e.late for e in events] == [False, False]


def test_one_intake_field_list_names_the_intake():
    assert {f.name for f in fields(Intake)} == set(INTAKE_FIELDS)
