"""Reads of complaints. Every one goes through `complaints_for`: outside it is a 404."""

from datetime import date

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.capabilities import Capability, capabilities_of
from accounts.models import Designation, Office, User
from accounts.selectors import office_ids_for, offices_for
from complaints.models import Complaint


def complaints_for(user: User) -> QuerySet[Complaint]:
    """Complaints the user may see: those of the offices in scope; for the 1912 user,
    the ones it registered."""
    if not user.is_authenticated or not user.is_active:
        return Complaint.objects.none()
    if user.designation == Designation.CALL_CENTRE:
        return Complaint.objects.filter(created_by=user)
    return Complaint.objects.filter(office_id__in=office_ids_for(user))


def complaint_list(user: User) -> QuerySet[Complaint]:
    return complaints_for(user).select_related("office", "category")


def complaint_get(*, user: User, complaint_number: str) -> Complaint:
    scoped = complaints_for(user).select_related(
        "office__division__circle", "category", "created_by"
    )
    return get_object_or_404(scoped, complaint_number=complaint_number)


def complaint_history(complaint: Complaint) -> list:
    """The history rows, each marked `late` when the stage it entered was left (or is
    still open) after its due date: a breach stays visible after the fact. A bill
    correction's stages carry their own due dates and breaches (on its page)."""
    events = list(complaint.events.select_related("actor").order_by("at", "id"))
    now = timezone.now()
    for event, following in zip(events, [*events[1:], None], strict=True):
        left = following.at if following else now
        event.late = (
            event.to_status != Complaint.Status.UNDER_CORRECTION
            and event.due_at is not None
            and left > event.due_at
        )
    return events


def intake_offices_for(user: User) -> QuerySet[Office]:
    """Offices the user may register complaints for: the 1912 user any office; office
    staff and desk logins their own."""
    if Capability.REGISTER_COMPLAINT not in capabilities_of(user.designation):
        return Office.objects.none()
    if user.designation == Designation.CALL_CENTRE:
        return Office.objects.all()
    return offices_for(user)


def open_duplicates(
    *, office: Office, consumer_number: str, bill_month: date | None
) -> QuerySet[Complaint]:
    """Open complaints of the same office for the same consumer and bill month."""
    month = Q(bill_month=bill_month) if bill_month else Q(bill_month__isnull=True)
    return (
        Complaint.objects.filter(
            month, office=office, consumer_number=consumer_number, status__in=Complaint.OPEN
        )
        .only("complaint_number", "status", "created_at")
        .order_by("created_at")
    )
