"""Production settings, checked in a fresh interpreter as a deployment would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a" * 20 + "-long-random-production-secret-" + "z" * 20,
    "ALLOWED_HOSTS": "nivaran.example.in",
    "DATABASE_URL": "postgres://root@127.0.0.1:5432/nivaran",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}
DROPPED = {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"}


def run(args, **env):
    base = {k: v for k, v in os.environ.items() if k not in DROPPED and k not in PRODUCTION}
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION}
    del env["SECRET_KEY"]
    result = run(["check"], **env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("name", ["DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"])
def test_production_needs_its_servers_named(name):
    env = {k: v for k, v in PRODUCTION.items() if k != name}
    result = run(["check"], **env)
    assert result.returncode != 0
    assert f"{name} is not set" in result.stderr


def test_check_deploy_is_clean_with_production_variables():
    result = run(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_bad_boolean_is_a_clear_error():
    result = run(["check"], **PRODUCTION, SECURE_SSL_REDIRECT="maybe")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be a boolean" in result.stderr


def test_production_cache_must_be_shared():
    # A per-process memory cache would multiply the login limits by the worker count.
    result = run(["check"], **{**PRODUCTION, "CACHE_URL": "locmem://"})
    assert result.returncode != 0
    assert "CACHE_URL must name a Redis server" in result.stderr
