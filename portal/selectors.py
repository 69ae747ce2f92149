"""Reads that span the apps."""

from django.db.models import Count, Q
from django.utils import timezone

from billing.selectors import corrections_pending_with
from complaints.models import Complaint
from complaints.selectors import complaints_for


def workload(user) -> dict:
    """What waits for the user: files at their stage, open and overdue complaints."""
    now = timezone.now()
    complaints = complaints_for(user).filter(status__in=Complaint.OPEN)
    return {
        "pending": corrections_pending_with(user).count(),
        **complaints.aggregate(
            open_complaints=Count("id"), overdue_complaints=Count("id", filter=Q(due_at__lt=now))
        ),
    }
