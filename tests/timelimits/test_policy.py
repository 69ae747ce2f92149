from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from timelimits.models import Holiday, TimeLimitPolicy
from timelimits.policy import add_working_days, stage_due_at


def ist(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_default_is_seven_calendar_days(org):
    entered = ist(2026, 11, 28, 10, 0)
    assert stage_due_at(
        stage="dgm", office=org.office_a, entered_at=entered
    ) == entered + timedelta(days=7)


def test_without_any_policy_the_setting_applies(org, settings):
    TimeLimitPolicy.objects.all().delete()
    settings.DEFAULT_STAGE_DAYS = 3
    entered = ist(2026, 11, 28, 10, 0)
    due = stage_due_at(stage="gm", office=org.office_a, entered_at=entered)
    assert due == entered + timedelta(days=3)


def test_urban_and_rural_limits_differ(org):
    # One later circular: urban files faster, rural ten days in all.
    TimeLimitPolicy.objects.create(
        area="urban", effective_from=date(2026, 1, 1), assistant_days=1, manager_days=1,
        dgm_days=1, gm_days=2,
    )  # fmt: skip
    TimeLimitPolicy.objects.create(
        area="rural", effective_from=date(2026, 1, 1), assistant_days=3, manager_days=2,
        dgm_days=2, gm_days=3,
    )  # fmt: skip
    entered = ist(2026, 11, 2, 9, 0)
    assert org.office_a.area == "urban" and org.office_b.area == "rural"
    assert stage_due_at(stage="gm", office=org.office_a, entered_at=entered) == ist(2026, 11, 4, 9)
    assert stage_due_at(stage="gm", office=org.office_b, entered_at=entered) == ist(2026, 11, 5, 9)


def test_a_policy_applies_to_stages_entered_from_its_date(org):
    TimeLimitPolicy.objects.create(area="urban", effective_from=date(2026, 12, 1), dgm_days=2)
    before = ist(2026, 11, 30, 23, 0)
    after = ist(2026, 12, 1, 0, 30)  # Indian midnight, not UTC
    due_before = stage_due_at(stage="dgm", office=org.office_a, entered_at=before)
    due_after = stage_due_at(stage="dgm", office=org.office_a, entered_at=after)
    assert (due_before, due_after) == (before + timedelta(days=7), after + timedelta(days=2))


def test_working_days_skip_sundays_and_holidays(org):
    Holiday.objects.create(date=date(2026, 12, 1), name="Local holiday")
    TimeLimitPolicy.objects.create(
        area="urban", effective_from=date(2026, 11, 1), counting="working", manager_days=2
    )
    saturday = ist(2026, 11, 28, 10, 0)
    # Sunday 29 skipped, Monday 30 counts, Tuesday 1 is a holiday, Wednesday 2 counts.
    assert stage_due_at(stage="manager", office=org.office_a, entered_at=saturday) == ist(
        2026, 12, 2, 10, 0
    )


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 27), 1, date(2026, 11, 28)),  # Friday → Saturday
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # Saturday → Monday
        (date(2026, 11, 22), 6, date(2026, 11, 28)),  # Sunday start counts from Monday
    ],
)
def test_add_working_days(db, start, days, expected):
    assert add_working_days(start, days) == expected
