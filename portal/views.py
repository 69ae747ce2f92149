from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.capabilities import capabilities_of
from accounts.selectors import offices_with_hierarchy
from billing.selectors import corrections_pending_with
from complaints.models import Complaint
from complaints.selectors import complaints_for


@require_GET
@login_required
def home(request):
    user = request.user
    return render(
        request,
        "portal/home.html",
        {
            "offices": offices_with_hierarchy(user),
            "capabilities": sorted(capabilities_of(user.designation), key=lambda c: c.label),
            "workload": workload(user),
        },
    )


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
