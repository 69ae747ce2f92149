from django.utils.functional import SimpleLazyObject

from timelimits.selectors import unread_count


def notices(request):
    """The unread count for the header, counted only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user))}
