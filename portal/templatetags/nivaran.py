from django import template

from billing.models import State
from common.money import format_rupees
from complaints.models import ComplaintStatus

register = template.Library()


@register.filter
def rupees(value) -> str:
    """₹1,23,456.78 — Indian digit grouping, always two paise digits."""
    return format_rupees(value)


def _label(choices, value: str) -> str:
    try:
        return choices(value).label
    except ValueError:
        return value


@register.filter
def status_label(value: str) -> str:
    """A complaint status value as people read it, in the active language."""
    return _label(ComplaintStatus, value)


@register.filter
def state_label(value: str) -> str:
    """A bill-correction stage value as people read it, in the active language."""
    return _label(State, value)
