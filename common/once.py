"""One-time form tokens: every state-changing form is safe to submit twice.

The form carries a fresh random token (`{% once_token %}`); the view is decorated with
`@once_per_form`. The token row is inserted in the same transaction as the view's work,
so a second POST with the same token waits on the unique key until the first commits
and then gets the first one's redirect (the registered complaint's number, not a
duplicate warning). A POST that does not redirect (the form is shown again with its
errors) rolls back and leaves the token unused. POSTs without a token (the API, old
pages) are served as before."""

import uuid
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

from common.models import OnceToken

FIELD = "once"
KEEP = timedelta(days=1)


def new_token() -> str:
    return uuid.uuid4().hex


def _token(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


class _NotDone(Exception):
    """The view answered without redirecting: undo the token's row."""

    def __init__(self, response):
        self.response = response


def once_per_form(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = _token(request) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic():
                row = OnceToken.objects.create(token=token, user=request.user)
                response = view(request, *args, **kwargs)
                if not isinstance(response, HttpResponseRedirect):
                    raise _NotDone(response)
                row.redirect_to = response.url
                row.save(update_fields=["redirect_to"])
        except _NotDone as not_done:
            return not_done.response
        except IntegrityError:
            first = OnceToken.objects.filter(token=token, user=request.user).first()
            if first is not None:
                return HttpResponseRedirect(first.redirect_to)
            if OnceToken.objects.filter(token=token).exists():
                # Another user's token: never replay their answer; serve as untokened.
                return view(request, *args, **kwargs)
            raise
        OnceToken.objects.filter(used_at__lt=timezone.now() - KEEP).delete()
        return response

    return wrapper
