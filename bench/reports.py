"""Benchmark: the pendency and compliance reports over 2,000,000 complaints.

    .venv/bin/python bench/reports.py [--complaints N] [--runs R]

Uses its own PostgreSQL database (BENCH_REPORTS_DATABASE_URL, default
postgres://root@127.0.0.1:5432/nivaran_bench_reports), which it creates, migrates and
fills: 4 circles x 4 divisions x 4 offices; complaints over two years (15 % open), a bill
correction for every tenth with three completed stage visits and an open one. Prints a
Markdown report with the timings for a GM (one circle), a DGM and an administrator.
"""

import argparse
import os
import statistics
import time
from datetime import timedelta

from benchenv import django_for_bench, ensure_database

DATABASE_URL = django_for_bench(
    os.environ.get(
        "BENCH_REPORTS_DATABASE_URL", "postgres://root@127.0.0.1:5432/nivaran_bench_reports"
    )
)

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Circle, Designation, Office, User  # noqa: E402
from accounts.services import office_create, user_create  # noqa: E402
from portal.reports import compliance, pendency  # noqa: E402

SHAPE = 4  # circles, divisions per circle, offices per division


def organisation() -> dict:
    staff = {}
    for c in range(SHAPE):
        circle, _ = Circle.objects.get_or_create(name=f"Bench Circle {c}", defaults={"kind": "om"})
        for d in range(SHAPE):
            division = circle.divisions.filter(name=f"Bench Division {c}{d}").first()
            division = division or circle.divisions.create(name=f"Bench Division {c}{d}")
            for o in range(SHAPE):
                contact_id = f"BN{c}{d}{o}-Z01"
                if not Office.objects.filter(contact_id=contact_id).exists():
                    office_create(
                        division=division, kind="zone", area="urban",
                        name=f"Bench Zone {c}{d}{o}", contact_id=contact_id,
                    )  # fmt: skip
    first_circle = Circle.objects.get(name="Bench Circle 0")
    first_division = first_circle.divisions.order_by("name").first()
    for designation, posting in [
        (Designation.OFFICE_ASSISTANT, {"office": first_division.offices.first()}),
        (Designation.DGM, {"division": first_division}),
        (Designation.GM, {"circle": first_circle}),
        (Designation.ADMIN, {}),
    ]:
        staff[designation] = User.objects.filter(
            username=f"bench.{designation}"
        ).first() or user_create(
            username=f"bench.{designation}", password=None, designation=designation, **posting
        )
    return staff


def fill(complaints: int, oa: User) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        # Whole histories go in at once, as the guards (append-only rows, actor facts written
        # once, state matching the open stage) would refuse: superuser, its own database.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "TRUNCATE timelimits_notice, billing_stagevisit, billing_amendment, "
            "billing_billcorrection, complaints_complaintevent, complaints_complaintattachment, "
            "complaints_complaint, complaints_complaintsequence RESTART IDENTITY CASCADE"
        )
        cursor.execute("SELECT id FROM complaints_category WHERE code = 'excess_bill'")
        (category,) = cursor.fetchone()
        cursor.execute("SELECT array_agg(id ORDER BY id) FROM accounts_office")
        (offices,) = cursor.fetchone()
        # Created over the last two years; 10 % registered, 5 % under correction.
        cursor.execute(
            """
            INSERT INTO complaints_complaint (
                complaint_number, source, office_id, consumer_number, consumer_name, mobile,
                address, category_id, bill_month, billed_amount, amount_deposited,
                description, status, due_at, created_by_id, operator_name,
                operator_employee_number, intake_digest, created_at, updated_at)
            SELECT 'B-' || g, 'office', (%(offices)s::bigint[])[1 + mod(g, %(n_offices)s)],
                   lpad(g::text, 10, '0'), 'Consumer ' || g, '98' || lpad(g::text, 8, '0'),
                   '', %(category)s, date '2026-10-01', 1000, NULL, 'bench',
                   CASE WHEN mod(g, 20) < 2 THEN 'registered'
                        WHEN mod(g, 20) = 2 THEN 'under_correction'
                        WHEN mod(g, 20) < 18 THEN 'resolved' ELSE 'closed' END,
                   CASE WHEN mod(g, 20) <= 2 THEN created + interval '7 days' END,
                   %(oa)s, '', '', '', created, created
            FROM (SELECT g,
                         now() - (mod(g::bigint * 7919, 730 * 24) || ' hours')::interval AS created
                  FROM generate_series(1, %(n)s) AS g) AS s
            """,
            {
                "offices": offices, "n_offices": len(offices), "category": category,
                "oa": oa.pk, "n": complaints,
            },
        )  # fmt: skip
        # A correction for every tenth complaint: open for those under correction.
        cursor.execute(
            """
            INSERT INTO billing_billcorrection (
                complaint_id, office_id, bill_month, original_amount, corrected_amount, reason,
                remarks, recommendation, revised_bill_reference, state, due_at, created_by_id,
                created_at, updated_at)
            SELECT id, office_id, date '2026-10-01', 1000, 400, 'wrong_reading', '', '', '',
                   CASE WHEN status = 'under_correction'
                        THEN (ARRAY['assistant','manager','dgm','gm','approved'])[1 + mod(id, 5)]
                        ELSE 'applied' END,
                   due_at, %(oa)s, created_at, now()
            FROM complaints_complaint WHERE mod(id, 10) = 2
            """,
            {"oa": oa.pk},
        )
        # Three completed visits each (2 to 12 days), then an open one.
        cursor.execute(
            """
            INSERT INTO billing_stagevisit (
                correction_id, stage, entered_at, due_at, left_at, actor_designation, action,
                remarks, details)
            SELECT id, (ARRAY['assistant','manager','dgm'])[k],
                   created_at + ((k - 1) * 12 || ' days')::interval,
                   created_at + ((k - 1) * 12 + 7 || ' days')::interval,
                   created_at + ((k - 1) * 12 + 2 + mod(id + k, 11) || ' days')::interval,
                   '', 'forward', '', '{}'::jsonb
            FROM billing_billcorrection, generate_series(1, 3) AS k
            """
        )
        cursor.execute(
            """
            INSERT INTO billing_stagevisit (
                correction_id, stage, entered_at, due_at, actor_designation, action, remarks,
                details)
            SELECT id, state, created_at + interval '36 days', created_at + interval '43 days',
                   '', '', '', '{}'::jsonb
            FROM billing_billcorrection WHERE state <> 'applied'
            """
        )


def settle() -> None:
    """What autovacuum does for a live database: statistics and the visibility map (which
    lets the reports' covering indexes answer without reading table rows)."""
    with connection.cursor() as cursor:
        for table in ("complaints_complaint", "billing_billcorrection", "billing_stagevisit"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def timed(runs: int, work) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:.0f} ms | {max(seconds) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-fill", action="store_true", help="reuse the filled database")
    args = parser.parse_args()

    ensure_database(DATABASE_URL)
    call_command("migrate", verbosity=0)
    staff = organisation()
    fill_seconds = 0.0
    if not args.no_fill:
        started = time.perf_counter()
        fill(args.complaints, staff[Designation.OFFICE_ASSISTANT])
        fill_seconds = time.perf_counter() - started
    settle()
    today = timezone.localdate()
    month = {"start": today - timedelta(days=29), "end": today}
    year = {"start": today - timedelta(days=364), "end": today}
    rows = []
    for label, designation in (
        ("GM (one circle, 16 offices)", Designation.GM),
        ("DGM (one division, 4 offices)", Designation.DGM),
        ("administrator (64 offices)", Designation.ADMIN),
    ):
        user = staff[designation]
        rows.append(f"| pendency · {label} | {ms(timed(args.runs, lambda u=user: pendency(u)))} |")
        rows.append(
            f"| compliance, 30 days · {label} | "
            f"{ms(timed(args.runs, lambda u=user: compliance(u, **month)))} |"
        )
        rows.append(
            f"| compliance, 365 days · {label} | "
            f"{ms(timed(args.runs, lambda u=user: compliance(u, **year)))} |"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM complaints_complaint")
        (n_complaints,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM billing_stagevisit")
        (n_visits,) = cursor.fetchone()
    table = "\n".join(rows)
    print(f"""## Reports over {n_complaints:,} complaints ({n_visits:,} stage visits)

Command: `.venv/bin/python bench/reports.py --complaints {args.complaints}`,
PostgreSQL {connection.pg_version // 10000}, filled in {fill_seconds:.0f} s.

| report · viewer | median of {args.runs} | worst |
| --- | ---: | ---: |
{table}
""")


if __name__ == "__main__":
    main()
