"""Faults survived (issue 10): Redis stopped mid-run, PostgreSQL connections killed, a
worker killed mid-task. All `long` (make test-long). Only private servers are stopped:
a redis-server started here on its own port; the PostgreSQL backends killed are this
test database's own."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from datetime import timedelta
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import User
from billing.services import correction_transition
from config.celery import app
from config.wsgi import application
from tests.factories import open_correction, register
from tests.timelimits.test_celery import reconnect, wait_for
from timelimits.models import Notice
from timelimits.notices import MAIL_LEASE, send_pending_notices

pytestmark = [pytest.mark.long, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BROKER_NAMES = ("broker_url", "broker_write_url", "broker_read_url")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own, on a port of its own, without persistence."""

    def __init__(self, folder):
        self.port = free_port()
        self.folder = folder
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        assert wait_for(self._answers, 10), "private redis-server did not start"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def private_redis(tmp_path):
    redis = PrivateRedis(tmp_path)
    saved = {name: app.conf[name] for name in BROKER_NAMES}
    redis.start()
    app.conf.update(dict.fromkeys(BROKER_NAMES, redis.url))
    reconnect()
    try:
        yield redis
    finally:
        app.conf.update(saved)
        reconnect()
        if redis.process.poll() is None:
            redis.stop()


def give_everyone_mail():
    for user in User.objects.all():
        user.email = f"{user.username.lower()}@example.in"
        user.save(update_fields=["email"])


def test_redis_stopped_mid_run_loses_and_doubles_nothing(org, private_redis):
    give_everyone_mail()
    register(org.call_centre, org.office_a, complaint_number="2611260000101")
    correction = open_correction(org)

    private_redis.stop()
    started = time.monotonic()
    register(org.call_centre, org.office_a, complaint_number="2611260000102")
    correction = correction_transition(correction=correction, user=org.am, name="forward")
    correction = correction_transition(correction=correction, user=org.manager, name="forward")
    assert time.monotonic() - started < 10  # intake and steps went on without Redis
    assert correction.state == "dgm"
    expected = Notice.objects.count()
    assert expected >= 8
    assert not Notice.objects.filter(emailed_at__isnull=False).exists()

    private_redis.start()  # back, empty: whatever was queued before is gone
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        app.send_task("timelimits.tasks.send_notices_task")  # the periodic sweep
        assert wait_for(lambda: not Notice.objects.filter(emailed_at__isnull=True).exists())
        app.send_task("timelimits.tasks.send_notices_task")  # a second sweep sends nothing
        time.sleep(1)
    mails = Counter((tuple(m.to), m.body) for m in mail.outbox)
    assert len(mails) == expected
    assert set(mails.values()) == {1}


@pytest.fixture
def one_thread_server(settings):
    """The WSGI app served from one thread, as a gunicorn sync worker does: its database
    connection lives from request to request (live_server opens one per request)."""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    server = make_server("127.0.0.1", 0, application, handler_class=QuietHandler)

    def serve():
        try:
            server.serve_forever()
        finally:
            connections.close_all()  # this thread's kept connection

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def test_postgres_connections_killed_the_app_recovers(org, one_thread_server):
    """Persistent connections, every backend of the test database terminated between
    requests (as a PostgreSQL restart does): the next request still succeeds, thanks to
    CONN_HEALTH_CHECKS, without restarting the app."""
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    token = Token.objects.create(user=org.manager).key
    saved_age = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 600  # the dict the server's thread uses too

    def me() -> int:
        request = urllib.request.Request(
            f"{one_thread_server}/api/v1/me/", headers={"Authorization": f"Token {token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status

    try:
        for _ in range(3):
            assert me() == 200
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                assert cursor.fetchone()[0] >= 1  # the server's kept connection
            assert me() == 200
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = saved_age


def test_worker_killed_mid_task_the_next_run_mails_each_notice_once(org, tmp_path):
    give_everyone_mail()
    for n in range(3):
        register(org.call_centre, org.office_a, complaint_number=f"261126000020{n}")
    expected = Notice.objects.count()
    assert expected >= 6
    queue = f"faults-{os.getpid()}"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "tests.faults.blocking_mail.EmailBackend",
        "NIVARAN_TEST_MAIL_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
         "-Q", queue, "--without-heartbeat", "--without-mingle", "--without-gossip",
         "--loglevel", "warning"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        app.send_task("timelimits.tasks.send_notices_task", queue=queue)
        assert wait_for(lambda: len(list(tmp_path.iterdir())) == 2, 60)
        # The third message is claimed and hanging in the mail server's hand: kill now.
        assert wait_for(
            lambda: Notice.objects.filter(
                mail_claimed_at__isnull=False, emailed_at__isnull=True
            ).exists()
        )
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    assert Notice.objects.filter(emailed_at__isnull=False).count() == 2

    # The next run, once the dead worker's claim has lapsed, finishes the job.
    with time_machine.travel(timezone.now() + MAIL_LEASE + timedelta(minutes=1)):
        assert send_pending_notices() == expected - 2
        assert send_pending_notices() == 0
    killed_run = [p.read_text() for p in tmp_path.iterdir()]
    next_run = [f"{','.join(m.to)}\n{m.body}" for m in mail.outbox]
    everything = Counter(killed_run + next_run)
    assert len(everything) == expected
    assert set(everything.values()) == {1}
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()
