"""Business actions on bill corrections. Each is one transaction: the permission check,
the state change, the stage rows and the complaint following along."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.capabilities import Capability
from accounts.models import User
from accounts.selectors import has_capability
from billing.models import (
    OPEN_STATES,
    Action,
    Amendment,
    BillCorrection,
    Recommendation,
    StageVisit,
    State,
)
from billing.workflow import Step, step_for, steps_from
from common.errors import StaleTransition
from common.money import MAX_AMOUNT
from common.remarks import clean_remarks
from complaints.models import Complaint
from complaints.services import (
    complaint_correction_ended,
    complaint_correction_started,
    complaint_due_follow,
)
from timelimits.models import Notice
from timelimits.notices import notify_stage, notify_user
from timelimits.policy import stage_due_at


class OpenCorrectionExists(Exception):
    def __init__(self, correction: BillCorrection):
        super().__init__(correction.pk)
        self.correction = correction


class TransitionUnavailable(Exception):
    """The step does not leave the file's current stage."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


# --- who may act ----------------------------------------------------------------------


def stages_acted_at(correction: BillCorrection, user: User) -> set[str]:
    """The decision stages at which the user has already acted on this file."""
    acted = {
        visit.stage
        for visit in correction.stages.all()
        if visit.actor_id == user.pk and visit.action != Action.APPLY
    }
    if correction.created_by_id == user.pk or any(
        a.actor_id == user.pk for a in correction.amendments.all()
    ):
        acted.add(State.ASSISTANT)
    return acted


def refusal(
    *,
    correction: BillCorrection,
    user: User,
    capability: Capability,
    acts_at: str | None,
    acted: set[str] | None = None,
) -> str | None:
    """Why the user may not take this step on this file, or None when they may. `acted`
    is `stages_acted_at` when the caller already has it (asking about several steps)."""
    if not has_capability(user, capability, correction.complaint.office):
        return _("Your designation cannot act at this stage of this file.")
    if acts_at is None:
        return None
    if acted is None:
        acted = stages_acted_at(correction, user)
    if acted - {acts_at}:
        return _(
            "You have already acted on this file at another stage; "
            "the maker and the checker must be different people."
        )
    return None


def available_transitions(*, correction: BillCorrection, user: User) -> list[str]:
    steps = steps_from(correction.state)
    # The file's history is read once for all the steps that need it.
    acted = stages_acted_at(correction, user) if any(s.acts_at for s in steps) else set()
    return [
        step.name
        for step in steps
        if refusal(
            correction=correction,
            user=user,
            capability=step.capability,
            acts_at=step.acts_at,
            acted=acted,
        )
        is None
    ]


def may_edit(*, correction: BillCorrection, user: User) -> bool:
    return (
        correction.state == State.ASSISTANT
        and refusal(
            correction=correction,
            user=user,
            capability=Capability.RECORD_CORRECTION,
            acts_at=State.ASSISTANT,
        )
        is None
    )


# --- opening and editing --------------------------------------------------------------


def _enter(correction: BillCorrection, stage: str, at, *, by: User) -> None:
    """Open a visit of `stage`, carry its due date to the file, tell who must act."""
    office = correction.complaint.office
    due = stage_due_at(stage=stage, office=office, entered_at=at)
    visit = StageVisit.objects.create(correction=correction, stage=stage, entered_at=at, due_at=due)
    correction.due_at = due
    notify_stage(
        office=office,
        stage=stage,
        kind=Notice.Kind.ARRIVED,
        key=f"arrived:visit:{visit.pk}",
        complaint_id=correction.complaint_id,
        correction_id=correction.pk,
        due_at=due,
        exclude=[by.pk],
    )


def correction_open(
    *,
    user: User,
    complaint: Complaint,
    bill_month: date,
    original_amount: Decimal,
    corrected_amount: Decimal,
    reason: str,
    remarks: str = "",
) -> BillCorrection:
    """Record a bill correction for a bill complaint (the assistant stage)."""
    if not has_capability(user, Capability.RECORD_CORRECTION, complaint.office):
        raise PermissionDenied(_("Only the office assistant or assistant manager records it."))
    if not complaint.category.is_bill:
        raise ValidationError(
            {"complaint_number": _("Only a bill complaint can have a bill correction.")}
        )
    now = timezone.now()
    correction = BillCorrection(
        complaint=complaint,
        office_id=complaint.office_id,
        bill_month=bill_month,
        original_amount=original_amount,
        corrected_amount=corrected_amount,
        reason=reason,
        remarks=clean_remarks(remarks, required=False),
        created_by=user,
        created_at=now,
    )
    # The one-open-correction rule is checked under the complaint's lock below (a 409,
    # not a field error).
    correction.full_clean(
        exclude=["state", "due_at", "complaint", "office"], validate_constraints=False
    )
    try:
        with transaction.atomic():
            locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
            existing = locked.corrections.filter(state__in=OPEN_STATES).first()
            if existing:
                raise OpenCorrectionExists(existing)
            if locked.status != Complaint.Status.REGISTERED:
                raise ValidationError(
                    {
                        "complaint_number": _(
                            "This complaint is %(status)s; a correction can no longer be opened."
                        )
                        % {"status": locked.get_status_display()}
                    }
                )
            correction.save()
            _enter(correction, State.ASSISTANT, now, by=user)
            correction.save(update_fields=["due_at"])
            complaint_correction_started(
                complaint=locked,
                user=user,
                due_at=correction.due_at,
                remarks=_("Bill correction #%(id)s recorded.") % {"id": correction.pk},
            )
    except IntegrityError:
        # Another officer opened one at the same instant.
        raise OpenCorrectionExists(complaint.corrections.get(state__in=OPEN_STATES)) from None
    return correction


EDITABLE = ("bill_month", "original_amount", "corrected_amount", "reason", "remarks")


def correction_edit(
    *, correction: BillCorrection, user: User, expected_state: str | None = None, **changes
) -> BillCorrection:
    """Change the recorded facts; only while the file is at the assistant stage."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: _("This cannot be edited.") for name in unknown})
    with transaction.atomic():
        locked = _lock(correction, expected_state)
        if locked.state != State.ASSISTANT:
            raise TransitionUnavailable(locked.state)
        reason = refusal(
            correction=locked,
            user=user,
            capability=Capability.RECORD_CORRECTION,
            acts_at=State.ASSISTANT,
        )
        if reason:
            raise PermissionDenied(reason)
        diff = {}
        for name, value in changes.items():
            old = getattr(locked, name)
            if value != old:
                diff[name] = [str(old), str(value)]
                setattr(locked, name, value)
        if not diff:
            return locked
        locked.full_clean(exclude=["state", "complaint"])
        locked.save()
        Amendment.objects.create(correction=locked, actor=user, changes=diff)
    return locked


# --- moving the file ------------------------------------------------------------------


def _lock(correction: BillCorrection, expected_state: str | None) -> BillCorrection:
    """Lock the row; refuse if it moved since the user looked at it."""
    locked = (
        BillCorrection.objects.select_for_update(of=("self",))
        .select_related("complaint__office")
        .get(pk=correction.pk)
    )
    seen = expected_state or correction.state
    if locked.state != seen:
        last = locked.stages.exclude(actor=None).select_related("actor").last()
        raise StaleTransition(locked.state, last.actor if last else None)
    return locked


def _money(value, field: str) -> Decimal:
    if value is None:
        raise ValidationError({field: _("This amount is required.")})
    value = Decimal(value)
    if value < 0 or value > MAX_AMOUNT:
        raise ValidationError({field: _("An amount is between ₹0 and ₹10 crore.")})
    return value


def _record_recommendation(locked: BillCorrection, body: dict) -> str:
    recommendation = body.get("recommendation")
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Recommend for or against.")})
    locked.recommendation = recommendation
    return recommendation


def _record_recommended_amount(locked: BillCorrection, body: dict) -> str:
    amount = body.get("recommended_amount")
    if amount is None and locked.recommendation == Recommendation.AGAINST:
        amount = locked.original_amount
    locked.recommended_amount = _money(amount, "recommended_amount")
    return str(locked.recommended_amount)


def _record_approved_amount(locked: BillCorrection, body: dict) -> str:
    amount = body.get("approved_amount")
    if amount is None:
        amount = locked.recommended_amount
    locked.approved_amount = _money(amount, "approved_amount")
    return str(locked.approved_amount)


def _record_bill_reference(locked: BillCorrection, body: dict) -> str:
    reference = (body.get("revised_bill_reference") or "").strip()
    if not reference:
        raise ValidationError(
            {"revised_bill_reference": _("Give the reference of the revised bill.")}
        )
    if len(reference) > 60:
        raise ValidationError(
            {"revised_bill_reference": _("A bill reference is at most 60 characters.")}
        )
    locked.revised_bill_reference = reference
    return reference


# How each field a step records (Step.records) is checked and set on the file.
RECORDERS = {
    "recommendation": _record_recommendation,
    "recommended_amount": _record_recommended_amount,
    "approved_amount": _record_approved_amount,
    "revised_bill_reference": _record_bill_reference,
}


def _approval_needs_reasons(locked: BillCorrection) -> bool:
    """A GM's permission that departs from the file must say why in the remarks."""
    return (
        locked.approved_amount > locked.original_amount
        or locked.approved_amount != locked.recommended_amount
        or locked.recommendation == Recommendation.AGAINST
    )


def _apply_body(locked: BillCorrection, step: Step, body: dict, *, remarks: str) -> dict:
    """Set what the step records on the file, refusing a body that lacks it. Returns the
    same facts for the stage row."""
    details = {field: RECORDERS[field](locked, body) for field in step.records}
    if "approved_amount" in details and not remarks and _approval_needs_reasons(locked):
        raise ValidationError(
            {
                "remarks": _(
                    "Give your reasons: the permitted amount is above the original bill, "
                    "differs from the DGM's recommended amount, or goes against the "
                    "DGM's recommendation."
                )
            }
        )
    return details


def correction_transition(
    *,
    correction: BillCorrection,
    user: User,
    name: str,
    remarks: str = "",
    expected_state: str | None = None,
    **body,
) -> BillCorrection:
    """Take one step of the chain (forward, return, recommend, approve, reject, apply).

    Raises StaleTransition (someone moved the file meanwhile), TransitionUnavailable
    (not a step from this stage), PermissionDenied (not yours to take) or
    ValidationError (the body is missing what the step records)."""
    with transaction.atomic():
        locked = _lock(correction, expected_state)
        step = step_for(name, locked.state)
        if step is None:
            raise TransitionUnavailable(locked.state)
        reason = refusal(
            correction=locked, user=user, capability=step.capability, acts_at=step.acts_at
        )
        if reason:
            raise PermissionDenied(reason)
        remarks = clean_remarks(remarks, required=step.remarks_required)
        details = _apply_body(locked, step, body, remarks=remarks)

        now = timezone.now()
        getattr(locked, step.method)()
        left = StageVisit.objects.filter(correction=locked, left_at__isnull=True).update(
            left_at=now,
            actor=user,
            actor_designation=user.designation,
            action=step.action,
            remarks=remarks,
            details=details,
        )
        if left != 1:  # the open visit is the lock's twin; anything else is corruption
            raise RuntimeError(f"correction {locked.pk} had {left} open stage visits")
        if step.target in OPEN_STATES:
            _enter(locked, step.target, now, by=user)
        else:
            locked.due_at = None
            notify_user(
                user_id=locked.created_by_id,
                kind=Notice.Kind.DECIDED,
                key=f"decided:correction:{locked.pk}",
                complaint_id=locked.complaint_id,
                correction_id=locked.pk,
                stage=step.target,
            )
        locked.save()
        if locked.is_open:
            complaint_due_follow(complaint_id=locked.complaint_id, due_at=locked.due_at)
        else:
            complaint_correction_ended(
                complaint=locked.complaint,
                user=user,
                applied=step.target == State.APPLIED,
                remarks=remarks,
            )
    return locked
