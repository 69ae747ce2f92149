from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


def indian_grouping(whole: str) -> str:
    """'12345678' -> '1,23,45,678': the last three digits, then pairs."""
    if len(whole) <= 3:
        return whole
    head, tail = whole[:-3], whole[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail]) if head else ",".join([*pairs, tail])


@register.filter
def rupees(value) -> str:
    """₹1,23,456.78 — Indian digit grouping, always two paise digits."""
    if value is None or value == "":
        return "—"
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, paise = f"{abs(amount):.2f}".split(".")
    return f"{sign}₹{indian_grouping(whole)}.{paise}"


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
