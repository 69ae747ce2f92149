"""Benchmark: `flag_overdue` over 1,000,000 open stage visits, 1 % of them overdue.

    make bench            (or: .venv/bin/python bench/flag_overdue.py [--visits N])

Uses its own PostgreSQL database (FLAG_BENCH_DATABASE_URL, default
postgres://root@127.0.0.1:5432/nivaran_bench_flag), which it creates, migrates and fills.
Prints a Markdown report: the query plan of the job's work-list query and the time of a
run with 10,000 visits to flag and of a run with nothing to flag.
"""

import argparse
import os
import statistics
import sys
import time

from benchenv import django_for_bench, ensure_database

DATABASE_URL = django_for_bench(
    os.environ.get("FLAG_BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/nivaran_bench_flag")
)

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Circle, Designation, User  # noqa: E402
from accounts.services import office_create, user_create  # noqa: E402
from billing.models import StageVisit  # noqa: E402
from portal.flagging import flag_overdue  # noqa: E402
from timelimits.models import Notice  # noqa: E402


def fill(visits: int) -> None:
    """One office and its officers; `visits` complaints, each with an open correction
    whose open stage visit is due tomorrow, except every hundredth, due an hour ago."""
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE timelimits_notice, billing_stagevisit, billing_amendment, "
            "billing_billcorrection, complaints_complaintevent, complaints_complaintattachment, "
            "complaints_complaint, complaints_complaintsequence RESTART IDENTITY CASCADE"
        )
    circle, _ = Circle.objects.get_or_create(name="Bench Circle", defaults={"kind": "om"})
    division = circle.divisions.first() or circle.divisions.create(name="Bench Division")
    office = division.offices.first() or office_create(
        division=division, kind="zone", area="urban", name="Bench Zone", contact_id="BENCH-Z01"
    )
    staff = {}
    for designation, posting in [
        (Designation.OFFICE_ASSISTANT, {"office": office}),
        (Designation.ASSISTANT_MANAGER, {"office": office}),
        (Designation.MANAGER, {"office": office}),
        (Designation.DGM, {"division": division}),
        (Designation.GM, {"circle": circle}),
        (Designation.ADMIN, {}),
    ]:
        user = User.objects.filter(username=f"bench.{designation}").first() or user_create(
            username=f"bench.{designation}", password=None, designation=designation, **posting
        )
        staff[designation] = user
    oa = staff[Designation.OFFICE_ASSISTANT].pk
    with transaction.atomic(), connection.cursor() as cursor:
        # A bulk load, as pg_restore --disable-triggers does: the guard triggers (a
        # correction must have its open stage row) would check each of a million rows.
        # Only a superuser may, and only in the benchmark's own database.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SELECT id FROM complaints_category WHERE code = 'excess_bill'")
        (category,) = cursor.fetchone()
        cursor.execute(
            """
            INSERT INTO complaints_complaint (
                complaint_number, source, office_id, consumer_number, consumer_name, mobile,
                address, category_id, bill_month, billed_amount, amount_deposited,
                description, status, due_at, created_by_id, operator_name,
                operator_employee_number, intake_digest, created_at, updated_at)
            SELECT 'B-' || g, 'office', %(office)s, lpad(g::text, 10, '0'), 'Consumer ' || g,
                   '98' || lpad(g::text, 8, '0'), '', %(category)s, date '2026-10-01',
                   1000, NULL, 'bench', 'under_correction', now() + interval '1 day',
                   %(oa)s, '', '', '', now() - interval '1 day', now()
            FROM generate_series(1, %(n)s) AS g
            """,
            {"office": office.pk, "category": category, "oa": oa, "n": visits},
        )
        cursor.execute(
            """
            INSERT INTO billing_billcorrection (
                complaint_id, office_id, bill_month, original_amount, corrected_amount, reason,
                remarks, recommendation, revised_bill_reference, state, due_at, created_by_id,
                created_at, updated_at)
            SELECT id, office_id, date '2026-10-01', 1000, 400, 'wrong_reading', '', '', '',
                   'assistant', due_at, %(oa)s, created_at, now()
            FROM complaints_complaint
            """,
            {"oa": oa},
        )
        cursor.execute(
            """
            INSERT INTO billing_stagevisit (
                correction_id, stage, entered_at, due_at, actor_designation, action,
                remarks, details)
            SELECT id, 'assistant', now() - interval '1 day',
                   CASE WHEN mod(id, 100) = 0 THEN now() - interval '1 hour'
                        ELSE now() + interval '1 day' END,
                   '', '', '', '{}'::jsonb
            FROM billing_billcorrection
            """
        )
        cursor.execute("ANALYZE")


def plan() -> str:
    """EXPLAIN ANALYZE of the job's compare-and-set, rolled back."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
            "UPDATE billing_stagevisit SET flagged_at = now() "
            "WHERE left_at IS NULL AND flagged_at IS NULL AND due_at < now() RETURNING id"
        )
        lines = [row[0] for row in cursor.fetchall()]
        transaction.set_rollback(True)
    return "\n".join(lines)


def timed(runs: int, reset) -> list[float]:
    seconds = []
    for _ in range(runs):
        reset()
        started = time.perf_counter()
        count = flag_overdue()
        seconds.append(time.perf_counter() - started)
        print(f"  run: flagged {count} in {seconds[-1] * 1000:.1f} ms", file=sys.stderr)
    return seconds


def unflag() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE timelimits_notice")
        # Only the job's own marker is reset; the stage rows' facts are untouched. The
        # app may never clear it (a trigger refuses); the benchmark, as superuser, may.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE billing_stagevisit SET flagged_at = NULL WHERE flagged_at IS NOT NULL"
        )


def ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:.1f} ms | {min(seconds) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    ensure_database(DATABASE_URL)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill(args.visits)
    fill_seconds = time.perf_counter() - started
    open_visits = StageVisit.objects.filter(left_at__isnull=True).count()
    overdue = StageVisit.objects.filter(left_at__isnull=True, due_at__lt=timezone.now()).count()

    unflag()
    plan_with_work = plan()
    with_work = timed(args.runs, unflag)
    notices = Notice.objects.count()
    nothing = timed(args.runs, lambda: None)
    plan_nothing = plan()
    print(f"""## flag_overdue over {open_visits:,} open stage visits ({overdue:,} overdue)

Command: `make bench` (`.venv/bin/python bench/flag_overdue.py --visits {args.visits}`),
PostgreSQL {connection.pg_version // 10000}, filled in {fill_seconds:.0f} s.

| run | median of {args.runs} | best |
| --- | ---: | ---: |
| {overdue:,} to flag (+ {notices:,} notices written) | {ms(with_work)} |
| nothing to flag | {ms(nothing)} |

Query plan of the work-list update (EXPLAIN ANALYZE, rolled back) with {overdue:,} to flag:

```
{plan_with_work}
```

and with nothing left to flag:

```
{plan_nothing}
```
""")


if __name__ == "__main__":
    main()
