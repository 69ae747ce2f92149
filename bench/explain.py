"""EXPLAIN ANALYZE of every statement the hot read paths run, on the generated data set.

    .venv/bin/python bench/explain.py [--only NAME]

Calls each API path in-process as the persona the benchmark uses, captures the SQL it
runs, and prints each SELECT's plan (EXPLAIN (ANALYZE, BUFFERS)) with its execution time.
The token look-up (the same for every path) is left out."""

import argparse
import json
import os

from benchenv import django_for_bench

os.environ.setdefault("ALLOWED_HOSTS", "testserver")

PATHS = [
    ("list_manager", "manager", "/api/v1/complaints/"),
    ("list_gm", "gm", "/api/v1/complaints/"),
    ("open_by_due_gm", "gm", "/api/v1/complaints/?status=registered&ordering=due"),
    ("overdue_gm", "gm", "/api/v1/complaints/?overdue=true"),
    ("search_consumer_prefix_gm", "gm", "/api/v1/complaints/?search=3412567"),
    ("search_mobile_prefix_gm", "gm", "/api/v1/complaints/?search=98270"),
    ("search_sequence_gm", "gm", "/api/v1/complaints/?search=000004"),
    ("search_name_gm", "gm", "/api/v1/complaints/?search=मोहन माल"),
    ("corrections_mine_manager", "manager", "/api/v1/corrections/?mine=true"),
    ("corrections_gm", "gm", "/api/v1/corrections/"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only")
    args = parser.parse_args()
    django_for_bench()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from accounts.models import User

    with connection.cursor() as cur:
        cur.execute("SELECT users FROM bench_dataset")
        spec = json.loads(cur.fetchone()[0])
    names = spec["tokens"]
    who = {
        "manager": f"{spec['office'].lower()}.manager",
        "gm": next(k for k in names if k.startswith("gm.")),
    }
    for name, persona, path in PATHS:
        if args.only and args.only != name:
            continue
        client = APIClient()
        client.force_authenticate(User.objects.get(username=who[persona]))
        client.get(path)  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        print(f"### {name}: `GET {path}` as {persona} ({response.status_code})\n")
        for q in queries.captured_queries:
            sql = q["sql"]
            if not sql.lstrip("( ").upper().startswith("SELECT"):
                continue
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cur.fetchall())
            print("```sql\n" + sql[:600] + (" …" if len(sql) > 600 else "") + "\n```\n")
            print("```\n" + plan + "\n```\n")


if __name__ == "__main__":
    main()
