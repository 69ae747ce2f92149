#!/usr/bin/env bash
# `make run`: the web app and a Celery worker with embedded beat, stopped together by Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG="${DEBUG:-1}"
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

$BIN/celery -A config worker --beat --loglevel INFO --concurrency 1 &
$BIN/gunicorn config.wsgi --bind "$HOST:$PORT" --workers 2 --access-logfile - &

echo
echo "Nivaran is running at http://$HOST:$PORT/  (admin: http://$HOST:$PORT/admin/, API docs: http://$HOST:$PORT/api/v1/docs/)"
echo "Press Ctrl-C to stop the web app and the worker."
wait -n
