"""Where one 1912 intake spends its time in Python: cProfile over N API calls in-process.

    .venv/bin/python bench/profile_intake.py [-n 300]

Runs `POST /api/v1/complaints/` through the full WSGI stack (middleware, token auth, DRF,
serializer, service) with Django's test client against the generated data set, inside a
transaction that is rolled back, and prints the wall time per request and the functions
with the most cumulative time."""

import argparse
import cProfile
import json
import os
import pstats
import time

from benchenv import django_for_bench

os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300)
    args = parser.parse_args()
    django_for_bench()
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection, transaction

    # As in Django's TestCase: keep the one connection (and its transaction) across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    from django.test import Client

    with connection.cursor() as cur:
        cur.execute("SELECT users FROM bench_dataset")
        spec = json.loads(cur.fetchone()[0])
    client = Client(HTTP_AUTHORIZATION=f"Token {spec['tokens']['callcentre1912']}")
    month = time.strftime("%Y-%m", time.gmtime())

    def post(n: int):
        body = {
            "complaint_number": f"77{n:011d}",
            "office": spec["office"],
            "consumer_number": f"1{n:010d}",
            "consumer_name": "राम",
            "mobile": "9876543210",
            "address": "Ward 12",
            "category": "excess_bill",
            "bill_month": month,
            "billed_amount": "12450.00",
            "description": "average billing",
        }
        response = client.post("/api/v1/complaints/", body, content_type="application/json")
        assert response.status_code == 201, response.content

    with transaction.atomic():
        post(0)  # warm: imports, connections, reference caches
        post(1)
        profile = cProfile.Profile()
        began = time.perf_counter()
        profile.enable()
        for n in range(2, args.n + 2):
            post(n)
        profile.disable()
        took = (time.perf_counter() - began) / args.n * 1000
        transaction.set_rollback(True)
    print(f"{args.n} intakes in-process: {took:.2f} ms each (wall, one process, profiler on)")
    print("(statements per intake: pinned in tests/complaints/test_intake_cost.py)\n")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
