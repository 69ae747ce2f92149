from django import template

from common.money import format_rupees

register = template.Library()


@register.filter
def rupees(value) -> str:
    """₹1,23,456.78 — Indian digit grouping, always two paise digits."""
    return format_rupees(value)


@register.filter
def status_label(value: str) -> str:
    """A complaint status value as people read it, in the active language."""
    from complaints.models import ComplaintStatus

    try:
        return ComplaintStatus(value).label
    except ValueError:
        return value


@register.filter
def state_label(value: str) -> str:
    """A bill-correction stage value as people read it, in the active language."""
    from billing.models import State

    try:
        return State(value).label
    except ValueError:
        return value
