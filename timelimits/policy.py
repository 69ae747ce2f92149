"""When a stage falls due: the policy in force for the office's area on the day the stage
was entered, counted in calendar or working days."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import Office
from common.refcache import RefCache
from timelimits.models import Holiday, TimeLimitPolicy


def _load() -> tuple[list[TimeLimitPolicy], frozenset[date]]:
    return list(TimeLimitPolicy.objects.order_by("-effective_from")), frozenset(
        Holiday.objects.values_list("date", flat=True)
    )


# Policies and holidays are a few dozen rows; every registration and stage change needs them.
REFERENCE = RefCache("timelimits.policies", _load)


def policy_for(*, area: str, on: date) -> TimeLimitPolicy | None:
    policies, _holidays = REFERENCE.get()
    return next((p for p in policies if p.area == area and p.effective_from <= on), None)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th day after `start` that is neither a Sunday nor a listed holiday."""
    _policies, holidays = REFERENCE.get()
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() != 6 and day not in holidays:
            counted += 1
    return day


def stage_due_at(*, stage: str, office: Office, entered_at: datetime) -> datetime:
    local = timezone.localtime(entered_at)
    policy = policy_for(area=office.area, on=local.date())
    if policy is None:
        return entered_at + timedelta(days=settings.DEFAULT_STAGE_DAYS)
    days = policy.days_for(stage)
    if policy.counting == TimeLimitPolicy.Counting.CALENDAR:
        return entered_at + timedelta(days=days)
    due_day = add_working_days(local.date(), days)
    return timezone.make_aware(datetime.combine(due_day, local.time().replace(tzinfo=None)))
