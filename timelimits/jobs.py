"""The periodic jobs' own record of their last run, and whether beat has gone quiet."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from timelimits.models import JobRun

FLAG_OVERDUE = "flag_overdue"
FLAG_OVERDUE_TASK = "timelimits.tasks.flag_overdue_task"
# Beat is "late" once this many of the job's intervals pass without a run.
LATE_AFTER_INTERVALS = 3


def job_finished(*, name: str, at: datetime | None = None) -> None:
    JobRun.objects.update_or_create(name=name, defaults={"finished_at": at or timezone.now()})


@dataclass(frozen=True)
class BeatState:
    last_run: datetime | None
    late: bool


def _interval(task: str) -> timedelta | None:
    periodic = (
        PeriodicTask.objects.filter(task=task, enabled=True)
        .select_related("interval", "crontab")
        .first()
    )
    if periodic is None:
        return None
    if periodic.interval is not None:
        return periodic.interval.schedule.run_every
    # A crontab job: allow a day between runs rather than guess its spacing.
    return timedelta(days=1)


def beat_state(*, now: datetime | None = None) -> BeatState:
    """The flag job's last run; late when it is older than three of its intervals (or it
    never ran and the job has been scheduled for that long)."""
    now = now or timezone.now()
    run = JobRun.objects.filter(name=FLAG_OVERDUE).values_list("finished_at", flat=True).first()
    interval = _interval(FLAG_OVERDUE_TASK)
    if interval is None:
        # Nobody scheduled the job: beat cannot be on time for it.
        return BeatState(last_run=run, late=True)
    if run is None:
        started = PeriodicTask.objects.filter(task=FLAG_OVERDUE_TASK).values_list(
            "date_changed", flat=True
        )
        since = started.first() or now
        return BeatState(last_run=None, late=now - since > LATE_AFTER_INTERVALS * interval)
    return BeatState(last_run=run, late=now - run > LATE_AFTER_INTERVALS * interval)
