"""View helpers shared by every app's POST actions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.errors import StaleTransition


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
