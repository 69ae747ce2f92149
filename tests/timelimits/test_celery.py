"""The scheduled job through a real Celery worker on the real Redis broker, and what
happens while the broker is down."""

import time
from datetime import timedelta

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from kombu import pools

from billing.models import StageVisit
from billing.services import correction_transition
from config.celery import app
from tests.factories import open_correction, register
from timelimits.models import Notice
from timelimits.notices import send_pending_notices


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduled_task_flags_through_a_real_worker(org):
    schedule = PeriodicTask.objects.get(task="timelimits.tasks.flag_overdue_task")
    assert schedule.enabled and schedule.interval.every == 10
    with time_machine.travel(timezone.now() - timedelta(days=8), tick=False):
        correction = open_correction(org)  # entered 8 days ago: past its 7
    visit = correction.stages.get()
    # Send the job as beat would, by its scheduled name, to a worker on Redis.
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        app.send_task(schedule.task)
        assert wait_for(
            lambda: StageVisit.objects.filter(pk=visit.pk, flagged_at__isnull=False).exists()
        )
    assert Notice.objects.filter(kind="overdue", correction=correction).count() == 3


def reconnect():
    """Drop every cached broker connection so the next publish uses the current URL."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Point the Celery app at a closed port, as when Redis is down."""
    names = ("broker_url", "broker_write_url", "broker_read_url")
    saved = {name: app.conf[name] for name in names}
    app.conf.update(dict.fromkeys(names, "redis://127.0.0.1:9/0"))
    reconnect()
    try:
        yield
    finally:
        app.conf.update(saved)
        reconnect()


def test_with_the_broker_down_work_goes_on_and_no_notice_is_lost(
    org, broker_down, django_capture_on_commit_callbacks, caplog
):
    org.manager.email = "manager@example.in"
    org.manager.save()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        from_1912 = register(org.call_centre, org.office_a, complaint_number="2611260000077")
        correction = open_correction(org)
        correction = correction_transition(correction=correction, user=org.am, name="forward")
    assert time.monotonic() - started < 3  # no hanging on the dead broker
    assert callbacks  # the mailing was asked for, and its failure did not break the step
    assert "Broker unavailable" in caplog.text
    assert correction.state == "manager"
    assert from_1912.pk
    notice = Notice.objects.get(recipient=org.manager, kind="arrived")
    assert notice.emailed_at is None
    assert Notice.objects.filter(kind="new_complaint", complaint=from_1912).count() == 3
    assert mail.outbox == []


def test_after_the_broker_is_back_the_sweep_mails_what_was_left(org):
    org.manager.email = "manager@example.in"
    org.manager.save()
    correction = open_correction(org)
    correction_transition(correction=correction, user=org.am, name="forward")
    assert send_pending_notices() == 1
    assert mail.outbox[0].to == ["manager@example.in"]
    assert PeriodicTask.objects.filter(task="timelimits.tasks.send_notices_task").exists()
