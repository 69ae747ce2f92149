"""What list filters of every app share about the organisation."""

from accounts.models import Designation, Office
from accounts.selectors import offices_for


def filterable_offices(request):
    """Offices a list may be narrowed to: the user's scope (any office for the 1912 user,
    whose rows are limited to its own anyway)."""
    user = request.user if request else None
    if user is None:
        return Office.objects.none()
    if user.designation == Designation.CALL_CENTRE:
        return Office.objects.all()
    return offices_for(user)
