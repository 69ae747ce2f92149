"""Shared start of every bench script: Django pointed at the benchmark database.

BENCH_DATABASE_URL picks the database (default: the generated data set `nivaran_scale`).
Benchmarks only ever talk to 127.0.0.1."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://root@127.0.0.1:5432/nivaran_scale"


def django_for_bench(url: str | None = None) -> str:
    url = url or os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/13")
    import django

    django.setup()
    return url


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist (never drops anything)."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if not exists.fetchone():
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
