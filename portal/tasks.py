"""The periodic job that spans complaints and corrections, as a thin Celery task."""

from celery import shared_task

from portal.flagging import flag_overdue
from timelimits.jobs import FLAG_OVERDUE, job_finished


# The name predates this module: beat's schedule rows in the database (timelimits
# migration 0002) and any message already queued carry it, so it stays.
@shared_task(name="timelimits.tasks.flag_overdue_task", ignore_result=True)
def flag_overdue_task() -> int:
    flagged = flag_overdue()
    job_finished(name=FLAG_OVERDUE)
    return flagged
