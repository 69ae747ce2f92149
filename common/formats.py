"""One way to write each kind of date, in both languages (the README's "Dates").

Month names are always full and come from the project catalogue ("नवंबर", not Django's
Hindi "नवमबर" or the short "नव"): see common/django_messages.py. Times are shown in
India Standard Time (TIME_ZONE)."""

from datetime import date, datetime, time

from django.utils import dateformat, timezone

DAY = "j F Y"  # 6 December 2026 / 6 दिसंबर 2026: a date (due dates, bill dates)
MOMENT = "j F Y, H:i"  # 6 December 2026, 20:34: when something happened
MONTH = "F Y"  # November 2026: a bill month


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format(value, style: str) -> str:
    if not isinstance(value, date):
        return ""
    return dateformat.format(_local(value), style)


def day(value) -> str:
    """A calendar day: '6 December 2026'."""
    return _format(value, DAY)


def moment(value) -> str:
    """A point in time: '6 December 2026, 20:34' (IST)."""
    return _format(value, MOMENT)


def month(value) -> str:
    """A bill month: 'November 2026'."""
    return _format(value, MONTH)


def local_midnight(day: date) -> datetime:
    """The start of a day in India Standard Time: the edge every date filter and report
    period uses, so that a list and the figure linking to it count the same files."""
    return timezone.make_aware(datetime.combine(day, time.min))
