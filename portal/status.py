"""What a consumer may learn without logging in, given both numbers of a complaint.

Only the status, the stage in plain words, the registration day, the current stage's due
day and the outcome: never a name, mobile, address, amount, staff member or remark. A
complaint that does not exist and one whose consumer number differs are the same answer,
reached by the same single query, so neither the reply nor its timing tells them apart.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from billing.models import BillCorrection, State
from complaints.models import Complaint, ComplaintStatus

# The stage in words a consumer understands, by complaint status or correction state.
STAGE_WORDS = {
    ComplaintStatus.REGISTERED: _("Received. Your office is looking into it."),
    State.ASSISTANT: _("A correction of your bill is being prepared at your office."),
    State.MANAGER: _("The correction of your bill is with your office's manager."),
    State.DGM: _("The correction of your bill is being examined at the division office."),
    State.GM: _("The correction of your bill awaits permission at the circle office."),
    State.APPROVED: _("The correction is permitted and is being applied to your bill."),
    ComplaintStatus.RESOLVED: _("Settled."),
    ComplaintStatus.REJECTED: _("Settled."),
    ComplaintStatus.CLOSED: _("Settled and closed."),
}
OUTCOME_WORDS = {
    ComplaintStatus.RESOLVED: _("Your complaint was resolved."),
    ComplaintStatus.REJECTED: _("Your complaint was not upheld."),
}
CORRECTION_WORDS = {
    State.APPLIED: _("Your bill was corrected."),
    State.REJECTED: _("The correction of your bill was refused."),
}
NOT_FOUND = _(
    "No complaint matches these two numbers. Check both numbers and try again, or call 1912."
)
TOO_MANY = _("Too many look-ups from your connection. Please wait a minute and try again.")


def both_languages(text) -> dict[str, str]:
    out = {}
    for code in ("hi", "en"):
        with translation.override(code):
            out[code] = str(text)
    return out


def lookup_allowed(address: str) -> bool:
    """Counts a look-up from this address in the shared cache; False past the limit."""
    key = f"public-status:{address}"
    window = settings.PUBLIC_STATUS_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between the two calls
        cache.add(key, 1, timeout=window)
        return True
    return count <= settings.PUBLIC_STATUS_LOOKUPS


def public_status(*, complaint_number: str, consumer_number: str) -> dict | None:
    complaint = (
        Complaint.objects.filter(complaint_number=complaint_number, consumer_number=consumer_number)
        .only("id", "complaint_number", "status", "created_at", "due_at")
        .first()
    )
    if complaint is None:
        return None
    status = ComplaintStatus(complaint.status)
    stage, due_at = status.value, complaint.due_at if complaint.is_open else None
    correction = (
        BillCorrection.objects.filter(complaint_id=complaint.pk)
        .only("state", "due_at")
        .order_by("-created_at", "-id")
        .first()
    )
    if status == ComplaintStatus.UNDER_CORRECTION and correction is not None:
        stage, due_at = correction.state, correction.due_at
    outcome = status if status in OUTCOME_WORDS else None
    if status == ComplaintStatus.CLOSED:
        # Closed after being resolved or rejected: the outcome is in the history.
        outcome = (
            complaint.events.filter(to_status__in=list(OUTCOME_WORDS))
            .order_by("-at", "-id")
            .values_list("to_status", flat=True)
            .first()
        )
    result = correction.state if correction and correction.state in CORRECTION_WORDS else None
    return {
        "complaint_number": complaint.complaint_number,
        "status": status.value,
        "status_label": both_languages(status.label),
        "stage": stage,
        "stage_label": both_languages(STAGE_WORDS[stage]),
        "registered_on": timezone.localdate(complaint.created_at),
        "due_on": timezone.localdate(due_at) if due_at else None,
        "outcome": outcome,
        "outcome_label": both_languages(OUTCOME_WORDS[outcome]) if outcome else None,
        "correction_result": result,
        "correction_result_label": both_languages(CORRECTION_WORDS[result]) if result else None,
    }
