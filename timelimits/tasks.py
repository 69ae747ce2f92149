"""Thin Celery tasks: each calls the plain function the tests call."""

from celery import shared_task

from timelimits.flagging import flag_overdue
from timelimits.jobs import FLAG_OVERDUE, job_finished
from timelimits.notices import send_pending_notices


@shared_task(ignore_result=True)
def flag_overdue_task() -> int:
    flagged = flag_overdue()
    job_finished(name=FLAG_OVERDUE)
    return flagged


@shared_task(ignore_result=True)
def send_notices_task() -> int:
    return send_pending_notices()
