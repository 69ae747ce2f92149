from django.db.models import QuerySet

from accounts.models import Designation, User
from accounts.selectors import offices_for
from timelimits.models import Notice


def notices_for(user: User) -> QuerySet[Notice]:
    """A person's own notices, and of those only the files their present scope covers:
    after a transfer the old office's numbers are no longer listed, counted or opened.
    (The same rule as `complaints_for`, which this app may not import.)"""
    if not user.is_authenticated or not user.is_active:
        return Notice.objects.none()
    own = Notice.objects.filter(recipient=user)
    if user.designation == Designation.CALL_CENTRE:
        return own.filter(complaint__created_by=user)
    return own.filter(complaint__office__in=offices_for(user))


def unread_count(user: User) -> int:
    return notices_for(user).filter(read_at__isnull=True).count()
