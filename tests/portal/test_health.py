import time
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from portal import health
from timelimits.jobs import FLAG_OVERDUE, beat_state, job_finished

URL = "/healthz"


@pytest.fixture
def beat_on_time(db):
    job_finished(name=FLAG_OVERDUE)


def test_all_up_is_ok(client, beat_on_time):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["beat"]["late"] is False
    assert body["beat"]["last_flag_overdue"]
    assert body["version"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_broker_down_is_degraded_and_quick(client, beat_on_time, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    started = time.monotonic()
    response = client.get(URL)
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"] == "down"


def test_beat_silent_for_three_intervals_is_degraded(client, db):
    # The seeded schedule runs flag_overdue every 10 minutes.
    job_finished(name=FLAG_OVERDUE, at=timezone.now() - timedelta(minutes=31))
    body = client.get(URL).json()
    assert body["status"] == "degraded"
    assert body["beat"]["late"] is True


def test_beat_within_three_intervals_is_on_time(client, db):
    job_finished(name=FLAG_OVERDUE, at=timezone.now() - timedelta(minutes=29))
    assert client.get(URL).json()["beat"]["late"] is False


def test_flag_task_records_its_run(db):
    from portal.tasks import flag_overdue_task

    flag_overdue_task.apply()
    assert beat_state().last_run is not None


def test_database_unreachable_is_down(client, db, monkeypatch):
    closed = connections.create_connection("default")
    closed.settings_dict = {**closed.settings_dict, "PORT": "1"}
    assert health.database_ok(closed) is False

    monkeypatch.setattr(health, "database_ok", lambda: False)
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["status"] == "down"


def test_no_login_needed_and_nothing_personal(client, beat_on_time, org):
    body = client.get(URL).json()
    assert set(body) == {"status", "database", "broker", "beat", "version"}


def test_only_get(client, db):
    assert client.post(URL).status_code == 405
