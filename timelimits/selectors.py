from django.db.models import QuerySet

from accounts.models import User
from timelimits.models import Notice


def notices_for(user: User) -> QuerySet[Notice]:
    """A person's own notices; nobody reads another's."""
    if not user.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(recipient=user)


def unread_count(user: User) -> int:
    return notices_for(user).filter(read_at__isnull=True).count()
