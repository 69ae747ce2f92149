"""Thin Celery tasks: each calls the plain function the tests call."""

from celery import shared_task

from timelimits.notices import send_pending_notices


@shared_task(ignore_result=True)
def send_notices_task() -> int:
    return send_pending_notices()
