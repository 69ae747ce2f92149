"""View helpers shared by every app's POST actions."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from common.errors import StaleTransition
from common.pagination import BoundedPaginator


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's field errors on the form (unknown fields as form errors)."""
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def stale_message(exc: StaleTransition, status_label: str) -> str:
    who = (exc.by.get_full_name() or exc.by.username) if exc.by else _("someone else")
    return _("This was just changed by %(who)s; it is now “%(status)s”. Look again.") % {
        "who": who,
        "status": status_label,
    }


def post_action(
    request,
    form,
    *,
    act: Callable,
    show: Callable,
    label: Callable[[str], str],
    done: Callable,
    conflicts: dict[type[Exception], str] | None = None,
):
    """The one shape of a POST that moves a record on.

    An invalid form, or a body the service refuses, shows the page again with the errors
    (400). A record someone else moved meanwhile shows the page afresh, saying who (409);
    `conflicts` maps other refusals to their message (also 409). Success redirects with a
    message. `act(data)` runs the service and returns the record; `show(form=..., status=...)`
    renders the page (afresh when form is None); `label(status)` names a state;
    `done(record)` returns (message, url)."""
    if not form.is_valid():
        return show(form=form, status=400)
    try:
        record = act(form.cleaned_data)
    except tuple(conflicts or ()) as exc:
        messages.error(request, conflicts[type(exc)])
        return show(form=None, status=409)
    except StaleTransition as exc:
        messages.error(request, stale_message(exc, label(exc.status)))
        return show(form=None, status=409)
    except ValidationError as exc:
        apply_errors(form, exc)
        return show(form=form, status=400)
    message, url = done(record)
    messages.success(request, message)
    return redirect(url)


def list_page(request, results, *, per_page: int, params=None) -> tuple:
    """The page of a filtered list the request asks for, and the query string its pager
    and download links carry (the filters, without the page or a download)."""
    page = BoundedPaginator(results, per_page).get_page(request.GET.get("page"))
    query = (params if params is not None else request.GET).copy()
    query.pop("page", None)
    query.pop("export", None)
    return page, query.urlencode()
