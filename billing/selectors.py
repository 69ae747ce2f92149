"""Reads of bill corrections. Every one goes through `corrections_for`."""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Designation, User
from accounts.selectors import office_ids_for
from billing.models import OPEN_STATES, BillCorrection, StageVisit
from billing.workflow import PENDING_WITH


def corrections_for(user: User) -> QuerySet[BillCorrection]:
    """Corrections of the offices in the user's scope. The 1912 user sees none."""
    if not user.is_authenticated or not user.is_active:
        return BillCorrection.objects.none()
    if user.designation == Designation.CALL_CENTRE:
        return BillCorrection.objects.none()
    return BillCorrection.objects.filter(office_id__in=office_ids_for(user))


def correction_list(user: User) -> QuerySet[BillCorrection]:
    return corrections_for(user).select_related("complaint__office", "complaint__category")


def corrections_pending_with(user: User) -> QuerySet[BillCorrection]:
    """The files waiting at the user's own stage, oldest due first."""
    stages = PENDING_WITH.get(user.designation, ())
    return correction_list(user).filter(state__in=stages).order_by("due_at", "id")


def pending_counts(user: User) -> dict[str, int]:
    rows = (
        corrections_for(user)
        .filter(state__in=OPEN_STATES)
        .values("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["state"]: row["n"] for row in rows}


def correction_get(*, user: User, pk: int) -> BillCorrection:
    scoped = corrections_for(user).select_related(
        "complaint__office__division__circle", "complaint__category", "created_by"
    )
    return get_object_or_404(scoped, pk=pk)


def correction_stages(correction: BillCorrection) -> QuerySet[StageVisit]:
    return correction.stages.select_related("actor__office", "actor__division", "actor__circle")


def open_correction_of(complaint) -> BillCorrection | None:
    return complaint.corrections.filter(state__in=OPEN_STATES).first()


def stage_visits_for(user: User) -> QuerySet[StageVisit]:
    """Stage rows of the corrections in the user's scope: the rule of `corrections_for`
    (the complaint's office is in `offices_for`, which is empty for the 1912 user), written
    as a join so that a report over a period starts from that period's rows."""
    return StageVisit.objects.filter(correction__office_id__in=office_ids_for(user))
