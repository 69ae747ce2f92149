"""`GET /healthz`: what an operator or a load balancer needs to know, and nothing personal.

`down` (503) when the database does not answer; `degraded` (still 200, so pages keep being
served while the warning shows) when the broker does not answer or beat has gone quiet.
Every check is bounded so the answer comes within a second even with Redis stopped."""

import logging
import os
import subprocess
import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from timelimits.jobs import beat_state

logger = logging.getLogger(__name__)

# Seconds the broker gets; the whole answer stays under a second.
BROKER_TIMEOUT = 0.4


def database_ok(db=connection) -> bool:
    try:
        with db.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


def broker_ok() -> bool:
    options = {
        **getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}),
        "socket_connect_timeout": BROKER_TIMEOUT,
        "socket_timeout": BROKER_TIMEOUT,
        "max_retries": 0,
    }
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            connect_timeout=BROKER_TIMEOUT,
            transport_options=options,
        ) as broker:
            broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
        return True
    except Exception:  # any transport error means "the broker does not answer"
        logger.warning("Health check: the broker does not answer", exc_info=True)
        return False


@cache
def version() -> str:
    """NIVARAN_VERSION when the release sets it, else the checkout's commit, else the
    project's version."""
    if os.environ.get("NIVARAN_VERSION"):
        return os.environ["NIVARAN_VERSION"]
    root = Path(settings.BASE_DIR)
    if (root / ".git").exists():
        try:
            described = subprocess.run(  # noqa: S603 - fixed command, no user input
                ["git", "-C", str(root), "describe", "--always", "--dirty"],  # noqa: S607
                capture_output=True,
                text=True,
                timeout=2,
                check=True,
            )
            return described.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
    with (root / "pyproject.toml").open("rb") as pyproject:
        return tomllib.load(pyproject)["project"]["version"]


@never_cache
@require_GET
def healthz(request):
    if not database_ok():
        body = {"status": "down", "database": "down", "broker": None, "beat": None}
        return JsonResponse({**body, "version": version()}, status=503)
    broker = broker_ok()
    beat = beat_state()
    degraded = not broker or beat.late
    return JsonResponse(
        {
            "status": "degraded" if degraded else "ok",
            "database": "ok",
            "broker": "ok" if broker else "down",
            "beat": {
                "last_flag_overdue": beat.last_run.isoformat() if beat.last_run else None,
                "late": beat.late,
            },
            "version": version(),
        }
    )
