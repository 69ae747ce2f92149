"""The chain of the notice, end to end, through the services."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import translation

from accounts.models import Designation
from accounts.services import user_transfer
from billing.api import StepSerializer
from billing.forms import StepForm
from billing.models import BillCorrection, StageVisit
from billing.services import (
    RECORDERS,
    OpenCorrectionExists,
    TransitionUnavailable,
    available_transitions,
    correction_edit,
    correction_transition,
)
from billing.workflow import RECORDED
from common.errors import StaleTransition
from complaints.models import Category, Complaint
from tests.factories import open_correction, register, to_gm


def step(correction, user, name, **body):
    return correction_transition(correction=correction, user=user, name=name, **body)


def test_opening_a_correction_moves_the_complaint(org):
    correction = open_correction(org)
    assert correction.state == "assistant"
    assert correction.difference == Decimal("-5330.00")
    complaint = Complaint.objects.get(pk=correction.complaint_id)
    assert complaint.status == "under_correction"
    assert complaint.due_at == correction.due_at
    (visit,) = correction.stages.all()
    assert (visit.stage, visit.left_at, visit.due_at) == ("assistant", None, correction.due_at)


def test_full_chain_to_applied(org):
    correction = to_gm(org)
    correction = step(correction, org.gm, "approve", remarks="Permitted.")
    assert correction.state == "approved"
    assert correction.approved_amount == Decimal("3120.00")  # defaults to the recommendation
    correction = step(correction, org.oa, "apply", revised_bill_reference="RB/2026/4411")
    assert correction.state == "applied"
    assert correction.due_at is None
    complaint = Complaint.objects.get(pk=correction.complaint_id)
    assert complaint.status == "resolved"
    assert complaint.due_at is None
    rows = list(correction.stages.values_list("stage", "action", "actor__username"))
    assert rows == [
        ("assistant", "forward", "am.a"),
        ("manager", "forward", "manager.a"),
        ("dgm", "recommend", "dgm.one"),
        ("gm", "approve", "gm.one"),
        ("approved", "apply", "oa.a"),
    ]
    assert StageVisit.objects.filter(correction=correction, left_at__isnull=True).count() == 0
    dgm_row = correction.stages.get(stage="dgm")
    assert dgm_row.details == {"recommendation": "for", "recommended_amount": "3120.00"}
    assert dgm_row.actor_designation == Designation.DGM


def test_chain_to_rejected(org):
    correction = step(to_gm(org), org.gm, "reject", remarks="Reading photo contradicts.")
    assert correction.state == "rejected"
    assert Complaint.objects.get(pk=correction.complaint_id).status == "rejected"


@pytest.mark.parametrize(
    ("stage_steps", "returner", "back_to"),
    [
        (1, "manager", "assistant"),
        (2, "dgm", "manager"),
        (3, "gm", "dgm"),
    ],
)
def test_each_level_can_send_it_back(org, stage_steps, returner, back_to):
    correction = open_correction(org)
    chain = [
        (org.am, "forward", {}),
        (org.manager, "forward", {}),
        (org.dgm, "recommend", {"recommendation": "for", "recommended_amount": Decimal("3120")}),
    ]
    for user, name, body in chain[:stage_steps]:
        correction = step(correction, user, name, remarks="ok", **body)
    with pytest.raises(ValidationError) as exc:
        step(correction, getattr(org, returner), "return", remarks="")
    assert "remarks" in exc.value.message_dict
    correction = step(correction, getattr(org, returner), "return", remarks="Attach meter photo.")
    assert correction.state == back_to
    last_two = list(correction.stages.order_by("-entered_at", "-id")[:2])
    assert last_two[0].stage == back_to and last_two[0].left_at is None
    assert last_two[1].action == "return"
    assert last_two[0].due_at > last_two[1].entered_at  # a new visit, a new due date


@pytest.mark.parametrize(
    ("persona", "name", "at_steps"),
    [
        ("oa", "forward", 0),  # the OA records; only the AM verifies and forwards
        ("manager", "forward", 0),
        ("dgm", "forward", 1),
        ("gm", "recommend", 2),
        ("dgm", "approve", 3),
        ("manager", "reject", 3),
        ("am", "return", 1),  # only the stage's holder sends it back
    ],
)
def test_wrong_role_is_refused(org, persona, name, at_steps):
    correction = open_correction(org)
    chain = [
        (org.am, "forward", {}),
        (org.manager, "forward", {}),
        (org.dgm, "recommend", {"recommendation": "for", "recommended_amount": Decimal("3120")}),
    ]
    for user, step_name, body in chain[:at_steps]:
        correction = step(correction, user, step_name, remarks="ok", **body)
    rows = correction.stages.count()
    with pytest.raises(PermissionDenied):
        step(correction, getattr(org, persona), name, remarks="x", recommendation="for")
    assert correction.stages.count() == rows


@pytest.mark.parametrize("persona", ["manager_b", "outsider"])
def test_right_role_in_another_office_is_refused(org, persona):
    correction = step(open_correction(org), org.am, "forward")  # now with the manager
    with pytest.raises(PermissionDenied):
        step(correction, getattr(org, persona), "forward")
    assert available_transitions(correction=correction, user=getattr(org, persona)) == []
    assert available_transitions(correction=correction, user=org.manager) == ["forward", "return"]


def test_desk_login_and_call_centre_never_act(org):
    complaint = register(org.call_centre, org.office_a, complaint_number="2611260000001")
    for persona in ("desk", "call_centre"):
        with pytest.raises(PermissionDenied):
            open_correction(org, complaint=complaint, user=getattr(org, persona))
    correction = open_correction(org, complaint=complaint)
    for persona in ("desk", "call_centre"):
        assert available_transitions(correction=correction, user=getattr(org, persona)) == []
        with pytest.raises(PermissionDenied):
            step(correction, getattr(org, persona), "forward")


def test_maker_is_not_checker_across_a_promotion(org):
    correction = open_correction(org)
    correction = step(correction, org.am, "forward")
    correction = step(correction, org.manager, "forward")
    # The manager who forwarded is made DGM of the division before the file is examined.
    user_transfer(user=org.dgm, designation=Designation.GM, circle=org.other_circle)
    user_transfer(user=org.manager, designation=Designation.DGM, division=org.division)
    # The refusal is in the active language; English here whatever ran before.
    with translation.override("en"), pytest.raises(PermissionDenied, match="maker and the checker"):
        step(
            correction,
            org.manager,
            "recommend",
            recommendation="for",
            remarks="ok",
            recommended_amount=Decimal("3120"),
        )
    assert available_transitions(correction=correction, user=org.manager) == []


def test_recorder_may_not_decide_later_but_may_apply(org):
    correction = open_correction(org, user=org.am)  # the AM records and verifies: one stage
    correction = step(correction, org.am, "forward")
    correction = step(correction, org.manager, "forward")
    user_transfer(user=org.am, designation=Designation.DGM, division=org.division)
    user_transfer(user=org.dgm, designation=Designation.MANAGER, office=org.office_b)
    with pytest.raises(PermissionDenied):
        step(
            correction,
            org.am,
            "recommend",
            recommendation="for",
            remarks="ok",
            recommended_amount=Decimal("3120"),
        )


def test_the_recorder_applies_the_permitted_correction(org):
    correction = to_gm(org)
    correction = step(
        correction, org.gm, "approve", approved_amount=Decimal("3000"), remarks="Heard; 3000."
    )
    correction = step(correction, org.oa, "apply", revised_bill_reference="RB-1")
    assert correction.state == "applied"
    assert correction.approved_amount == Decimal("3000.00")


def test_step_bodies_are_checked(org):
    correction = to_gm(org, open_correction(org))
    with pytest.raises(ValidationError) as exc:
        step(correction, org.gm, "reject", remarks=" ")
    assert "remarks" in exc.value.message_dict
    correction = step(correction, org.gm, "approve")
    with pytest.raises(ValidationError) as exc:
        step(correction, org.oa, "apply", revised_bill_reference="")
    assert "revised_bill_reference" in exc.value.message_dict


def test_recommend_needs_a_direction_and_amount(org):
    correction = open_correction(org)
    correction = step(correction, org.am, "forward")
    correction = step(correction, org.manager, "forward")
    with pytest.raises(ValidationError) as exc:
        step(correction, org.dgm, "recommend", remarks="ok")
    assert "recommendation" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        step(correction, org.dgm, "recommend", remarks="ok", recommendation="for")
    assert "recommended_amount" in exc.value.message_dict
    correction = step(correction, org.dgm, "recommend", remarks="no", recommendation="against")
    assert correction.recommended_amount == correction.original_amount


def test_unavailable_step_and_stale_view(org):
    correction = open_correction(org)
    with pytest.raises(TransitionUnavailable):
        step(correction, org.gm, "approve")
    stale = BillCorrection.objects.get(pk=correction.pk)
    step(correction, org.am, "forward")
    with pytest.raises(StaleTransition) as exc:
        step(stale, org.am, "forward")
    assert exc.value.by == org.am


def test_one_open_correction_per_complaint_and_bill_complaints_only(org):
    correction = open_correction(org)
    with pytest.raises(OpenCorrectionExists):
        open_correction(org, complaint=correction.complaint)
    supply = register(
        org.oa, org.office_a, category=Category.objects.get(code="supply"), bill_month=None
    )
    with pytest.raises(ValidationError) as exc:
        open_correction(org, complaint=supply, bill_month=correction.bill_month)
    assert "complaint_number" in exc.value.message_dict


def test_amounts_editable_only_at_the_assistant_stage(org):
    correction = open_correction(org)
    correction = correction_edit(
        correction=correction, user=org.am, corrected_amount=Decimal("3000.00")
    )
    assert correction.corrected_amount == Decimal("3000.00")
    (amendment,) = correction.amendments.all()
    assert amendment.changes == {"corrected_amount": ["3120.00", "3000.00"]}
    correction = step(correction, org.am, "forward")
    with pytest.raises(TransitionUnavailable):
        correction_edit(correction=correction, user=org.am, corrected_amount=Decimal("1.00"))
    with pytest.raises(ValidationError):
        open_correction(
            org,
            complaint=register(org.oa, org.office_a, consumer_number="9999999990"),
            corrected_amount=Decimal("-1"),
        )


def test_corrected_amount_must_differ(org):
    with pytest.raises(ValidationError) as exc:
        open_correction(org, corrected_amount=Decimal("8450.00"))
    assert "corrected_amount" in exc.value.message_dict
    assert not BillCorrection.objects.exists()


def test_state_is_not_assignable(org):
    correction = open_correction(org)
    with pytest.raises(AttributeError):
        correction.state = "approved"


def test_stage_rows_defend_themselves_in_the_database(org):
    correction = step(open_correction(org), org.am, "forward")
    done = correction.stages.get(stage="assistant")
    with pytest.raises(DatabaseError), transaction.atomic():
        StageVisit.objects.filter(pk=done.pk).update(remarks="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        StageVisit.objects.filter(pk=done.pk).update(due_at=None)
    with pytest.raises(DatabaseError), transaction.atomic():
        StageVisit.objects.filter(pk=done.pk).delete()


def test_step_form_and_serializer_carry_what_the_steps_record():
    assert set(RECORDED) <= set(StepForm.base_fields)
    assert set(RECORDED) <= set(StepSerializer().fields)
    assert set(RECORDED) == set(RECORDERS)
