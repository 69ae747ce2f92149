#!/usr/bin/env bash
# Production smoke test (`make smoke`, run by CI after the unit suite).
#
# Installs Nivaran the way the README's production section says, from requirements.txt
# alone (no test requirements), with DEBUG=0, a fresh PostgreSQL database and Redis; starts
# gunicorn, one Celery worker and one beat; then over HTTP on 127.0.0.1 registers a 1912
# complaint and waits for the worker to mail the office's notice and for beat to run
# flag_overdue. Everything it started is stopped by PID; a failure prints the last lines
# of every process's log.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
PG_URL=${SMOKE_PG_URL:-postgres://root@127.0.0.1:5432}
REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379}
WAIT_SECONDS=${SMOKE_WAIT_SECONDS:-90}

fail() {
  echo "SMOKE FAILED: $*" >&2
  for log in "$WORK"/*.log; do
    [ -f "$log" ] || continue
    echo "---- last lines of $(basename "$log") ----" >&2
    tail -n 40 "$log" >&2
  done
  exit 1
}

# --- 1. A virtualenv from requirements.txt alone, cached by the file's hash -------------
HASH=$(sha256sum requirements.txt | cut -c1-16)
CACHE_DIR=${SMOKE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nivaran}
VENV=$CACHE_DIR/smoke-venv-$HASH
if [ ! -f "$VENV/.complete" ]; then
  echo "smoke: building a runtime-only virtualenv (requirements.txt $HASH)"
  rm -rf "$VENV"
  mkdir -p "$CACHE_DIR"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
  touch "$VENV/.complete"
fi
BIN=$VENV/bin

WORK=$(mktemp -d -t nivaran-smoke.XXXXXX)
DB_NAME=nivaran_smoke_$$
REDIS_DB_BROKER=${SMOKE_REDIS_BROKER_DB:-11}
REDIS_DB_CACHE=${SMOKE_REDIS_CACHE_DB:-12}
PIDS=()

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  "$BIN/python" - "$PG_URL" "$DB_NAME" <<'PY' || true
import sys, psycopg
with psycopg.connect(f"{sys.argv[1]}/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
PY
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT INT TERM

# --- 2. Production settings, a fresh database, a clean broker -------------------------
"$BIN/python" - "$PG_URL" "$DB_NAME" <<'PY'
import sys, psycopg
with psycopg.connect(f"{sys.argv[1]}/postgres", autocommit=True) as conn:
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
"$BIN/python" - "$REDIS_URL" "$REDIS_DB_BROKER" "$REDIS_DB_CACHE" <<'PY'
import sys, redis
for db in sys.argv[2:]:
    redis.Redis.from_url(f"{sys.argv[1]}/{db}").flushdb()
PY

PORT=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DEBUG=0
export SECRET_KEY="smoke-$(head -c 96 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export DATABASE_URL="$PG_URL/$DB_NAME"
export CELERY_BROKER_URL="$REDIS_URL/$REDIS_DB_BROKER"
export CACHE_URL="$REDIS_URL/$REDIS_DB_CACHE"
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL="http://127.0.0.1:$PORT"
# Plain loopback HTTP: the HTTPS switches off, as the README says for such a run.
export SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
export EMAIL_FILE_PATH="$WORK/mail"
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media" NIVARAN_VAR_DIR="$WORK/var"
mkdir -p "$EMAIL_FILE_PATH"

# --- 3. The README's release steps -------------------------------------------------
"$BIN/python" manage.py migrate --noinput >"$WORK/migrate.log" 2>&1 || fail "migrate"
"$BIN/python" manage.py collectstatic --noinput >"$WORK/collectstatic.log" 2>&1 ||
  fail "collectstatic"
"$BIN/python" manage.py check --deploy --fail-level ERROR >"$WORK/check.log" 2>&1 ||
  fail "check --deploy"
# A throwaway organisation to act in, and beat's flag job every 5 seconds (an admin's
# edit of the schedule) so the run need not wait ten minutes.
"$BIN/python" manage.py seed_demo --force --json >"$WORK/seed.json" 2>"$WORK/seed.log" ||
  fail "seed_demo"
"$BIN/python" manage.py shell -c '
from django_celery_beat.models import IntervalSchedule, PeriodicTask
every, _ = IntervalSchedule.objects.get_or_create(every=5, period="seconds")
PeriodicTask.objects.filter(task="timelimits.tasks.flag_overdue_task").update(interval=every)
' >"$WORK/schedule.log" 2>&1 || fail "shortening the flag job's interval"

# --- 4. The process list: web, one worker, exactly one beat --------------------------
"$BIN/gunicorn" config.wsgi --bind "127.0.0.1:$PORT" --workers 2 >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)
"$BIN/celery" -A config worker --loglevel INFO --concurrency 1 >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
"$BIN/celery" -A config beat --loglevel INFO >"$WORK/beat.log" 2>&1 &
PIDS+=($!)

alive() {
  for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || fail "process $pid exited early"; done
}

# --- 5. Over HTTP ---------------------------------------------------------------------
"$BIN/python" - "$PORT" "$WORK" "$WAIT_SECONDS" <<'PY' || fail "the HTTP checks"
import json, os, sys, time, urllib.error, urllib.request
from pathlib import Path

port, work, wait = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
base = f"http://127.0.0.1:{port}"
demo = json.loads((work / "seed.json").read_text())


def call(path, body=None, token=None, headers=None):
    request = urllib.request.Request(base + path, method="POST" if body else "GET")
    request.add_header("Accept-Language", "en")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    if token:
        request.add_header("Authorization", f"Token {token}")
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, data, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:  # not listening yet
        return 0, str(error)


def until(what, check):
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    sys.exit(f"gave up after {wait:.0f} s waiting for {what}")


until("gunicorn to answer /healthz", lambda: call("/healthz")[0] == 200)

status, body = call(
    "/api/v1/auth/token/", {"username": demo["call_centre"], "password": demo["password"]}
)
assert status == 200, (status, body)
token = json.loads(body)["token"]
number = str(int(time.time() * 1000))[-12:]
office = demo["offices"][0]["contact_id"]
status, body = call(
    "/api/v1/complaints/",
    {
        "complaint_number": number,
        "office": office,
        "consumer_number": "4471234567",
        "consumer_name": "Smoke Test",
        "mobile": "9826012345",
        "category": "excess_bill",
        "bill_month": "2026-10",
        "billed_amount": "4250.00",
        "description": "Smoke test complaint",
    },
    token=token,
)
assert status == 201, (status, body)
print(f"smoke: registered 1912 complaint {number} for {office}")


def mailed():
    for path in (work / "mail").glob("*.log"):
        if number in path.read_text(errors="replace"):
            return path
    return None


print(f"smoke: the worker mailed the office's notice ({until('the notice mail', mailed).name})")


def beat_ran():
    status, body = call("/healthz")
    beat = json.loads(body)["beat"] if status == 200 else None
    return beat and beat["last_flag_overdue"]


print(f"smoke: beat ran flag_overdue at {until('beat to run flag_overdue', beat_ran)}")
health = json.loads(call("/healthz")[1])
assert health["status"] == "ok", health

# Hindi first, from the committed catalogue: the project's own strings, not only Django's.
status, page = call("/login/", headers={"Accept-Language": "hi"})
assert status == 200, status
assert "उपयोगकर्ता नाम या संपर्क आईडी" in page, "the login page is not in Hindi"
status, css = call("/static/css/nivaran.css")
assert status == 200, "collected static files are not served"
print("smoke: /healthz ok, Hindi login page, static files served")
PY
alive
echo "smoke: passed"
