# Nivaran: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

TEST_DATABASE_URL ?= postgres://root@127.0.0.1:5432/nivaran
TEST_CELERY_BROKER_URL ?= redis://127.0.0.1:6379/15
TEST_CACHE_URL ?= redis://127.0.0.1:6379/14

.PHONY: run test test-long test-all smoke install install-test lint format messages clean bench makemessages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime messages
install-test: $(VENV)/.test messages

messages: $(VENV)/.runtime
	$(BIN)/python scripts/compilemessages.py

run: install
	@mkdir -p var/static
	@scripts/run.sh

# Tests run against the real PostgreSQL and Redis, with production settings (DEBUG off)
# except the HTTPS redirect, which the test client does not speak.
test: install-test
	@mkdir -p var/static
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_CELERY_BROKER_URL) \
	  CACHE_URL=$(TEST_CACHE_URL) DEBUG=0 SECRET_KEY=test-only-not-secret SECURE_SSL_REDIRECT=0 \
	  $(BIN)/python -m pytest -m "not long" $(PYTEST_ARGS)

# Long tests (marked `long`): fault and load tests (a private Redis stopped and restarted,
# the test database's connections killed, a worker killed mid-task, 50 concurrent officers)
# and the English run of the whole browser journey.
test-long: install-test
	@mkdir -p var/static
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_CELERY_BROKER_URL) \
	  CACHE_URL=$(TEST_CACHE_URL) DEBUG=0 SECRET_KEY=test-only-not-secret SECURE_SSL_REDIRECT=0 \
	  $(BIN)/python -m pytest -m long $(PYTEST_ARGS)

test-all: test test-long

# A production install as the README describes it, started and exercised over HTTP:
# a virtualenv from requirements.txt alone, DEBUG=0, gunicorn + worker + beat on Redis.
smoke:
	scripts/smoke.sh

# Benchmarks run against their own PostgreSQL databases on 127.0.0.1 (see bench/); results:
# docs/PERFORMANCE.md. The 2M-complaint data set is generated once (about 10 minutes) and
# reused while its version, seed and sizes match. Needs wrk (apt-get install wrk).
bench: install-test
	$(BIN)/python bench/generate.py $(GENERATE_ARGS) >/dev/null
	$(BIN)/python bench/over_http.py $(HTTP_ARGS)
	mkdir -p var/bench && $(BIN)/python bench/explain.py > var/bench/explain.md && echo "plans: var/bench/explain.md"
	$(BIN)/python bench/flag_overdue.py --visits 2000000 $(BENCH_ARGS)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-extract the Hindi catalogue after adding strings (needs GNU gettext's xgettext).
makemessages:
	DEBUG=1 $(BIN)/python manage.py makemessages --locale hi --ignore '.venv/*' --ignore 'var/*' --no-obsolete

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
