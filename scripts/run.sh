#!/usr/bin/env bash
# `make run`: the web app and a Celery worker with embedded beat, stopped together by Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG="${DEBUG:-1}"
# Every process (gunicorn's master too, which starts before Django sets it) stamps IST.
export TZ="${TZ:-Asia/Kolkata}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
BIN=.venv/bin

$BIN/python manage.py migrate --noinput
$BIN/python manage.py seed_demo

stop() {
  trap - INT TERM EXIT
  # shellcheck disable=SC2046
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
  echo "Port $PORT on $HOST is already in use; stop what runs there or set PORT=..." >&2
  exit 1
fi

$BIN/celery -A config worker --beat --loglevel INFO --concurrency 1 &
$BIN/gunicorn config.wsgi --bind "$HOST:$PORT" --workers 2 --access-logfile - &

for _ in $(seq 1 60); do
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null && break
  sleep 0.5
done
cat <<BANNER

  Nivaran is running at http://$HOST:$PORT/   (log in at http://$HOST:$PORT/login/)
  Admin: http://$HOST:$PORT/admin/   API docs: http://$HOST:$PORT/api/v1/docs/
  Log in as mhw-z01.oa (office assistant), mhw-z01.manager, dgm.mhow, gm.indore,
  MHW-Z01 (desk login) or admin; every demo password: ${DEMO_PASSWORD:-nivaran-demo}
  Press Ctrl-C to stop the web app and the worker.

BANNER
wait -n
