"""Generate the DISCOM-scale data set the benchmarks read.

    .venv/bin/python bench/generate.py [--complaints 2000000] [--corrections 300000]
                                       [--seed 1912] [--force]

16 circles, 50 divisions, 500 offices (each with its scope group), about 5,000 staff,
`--complaints` complaints over three years (70 % non-bill; 60 % from 1912, the rest
office-numbered with gap-free per-office sequences), each with its history, and about
`--corrections` bill corrections spread over every state with their full stage histories;
1 % of the open stages are overdue. Rows go in by COPY (psycopg 3), then ANALYZE.

Into BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/nivaran_scale), which it
creates and migrates. A marker table `bench_dataset` records the version, seed and sizes:
when it matches, the data set is reused and nothing is written (`--force` rebuilds).
The same seed and sizes give the same rows; dates are laid out relative to the day of
generation, so "open" and "overdue" stay meaningful. Prints a JSON line for the harness:
the users and API tokens the benchmarks use.
"""

import argparse
import hashlib
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from benchenv import django_for_bench, ensure_database

VERSION = "3"
YEARS = 3
DAY = timedelta(days=1)
STAGE_DAYS = 7
CHAIN = ["assistant", "manager", "dgm", "gm", "approved"]
# Who acts at each stage, and with which action it moves on.
STAGE_ACTOR = {"assistant": "am", "manager": "manager", "dgm": "dgm", "gm": "gm", "approved": "oa"}
DESIGNATION = {"am": "assistant_manager", "oa": "office_assistant"}
STAGE_ACTION = {"assistant": "forward", "manager": "forward", "dgm": "recommend", "gm": "approve"}
FIRST = "राम श्याम सीता गीता मोहन सोहन राधा कृष्ण लक्ष्मी सरस्वती गोपाल हरि कमला विमला रमेश सुरेश"
LAST = "पटेल शर्मा वर्मा यादव सिंह चौहान मालवीय जैन गुप्ता तिवारी मिश्रा ठाकुर राठौर सोलंकी"
LATIN_FIRST = "Ram Shyam Sita Mohan Radha Gopal Kamla Ramesh Suresh Anil Sunita Rekha Vijay Ajay"
LATIN_LAST = "Patel Sharma Verma Yadav Singh Chouhan Malviya Jain Gupta Tiwari Mishra Thakur"


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.done, self.start = label, total, 0, time.monotonic()
        self.shown = -1

    def step(self, n: int = 1) -> None:
        self.done += n
        pct = self.done * 100 // max(self.total, 1)
        if pct != self.shown:
            self.shown = pct
            bar = "#" * (pct // 4) + "." * (25 - pct // 4)
            elapsed = time.monotonic() - self.start
            sys.stderr.write(f"\r{self.label:<14} [{bar}] {pct:3d}% {elapsed:6.1f}s")
            if self.done >= self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def token_for(seed: int, username: str) -> str:
    return hashlib.sha1(f"bench:{seed}:{username}".encode(), usedforsecurity=False).hexdigest()


class Generator:
    def __init__(self, cursor, *, seed: int, complaints: int, corrections: int, now: datetime):
        self.cur = cursor
        self.rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
        self.seed = seed
        self.n_complaints = complaints
        self.n_corrections = corrections
        self.now = now

    def copy(self, table: str, columns: list[str], rows, total: int, label: str) -> None:
        progress = Progress(label, total)
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self.cur.copy(sql) as copy:
            for i, row in enumerate(rows, 1):
                copy.write_row(row)
                if i % 10000 == 0:
                    progress.step(10000)
        progress.step(total - progress.done)

    def next_ids(self, table: str, n: int) -> int:
        """Reserve n ids of the table's sequence; returns the first."""
        self.cur.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")
        (first,) = self.cur.fetchone()
        self.cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + n])
        return first

    # --- the organisation ---------------------------------------------------------------

    def organisation(self) -> None:
        from django.contrib.auth.hashers import make_password

        from accounts.models import Circle, Division, Office

        rng = self.rng
        circles = Circle.objects.bulk_create(
            Circle(name=f"Circle {c:02d}", name_hi=f"वृत्त {c:02d}", kind="om") for c in range(16)
        )
        divisions = Division.objects.bulk_create(
            Division(name=f"Division {d:02d}", name_hi=f"संभाग {d:02d}", circle=circles[d % 16])
            for d in range(50)
        )
        offices = []
        for o in range(500):
            division = divisions[o % 50]
            kind = "zone" if o % 3 else "dc"
            offices.append(
                Office(
                    name=f"Office {o:03d}",
                    name_hi=f"कार्यालय {o:03d}",
                    division=division,
                    kind=kind,
                    area="urban" if kind == "zone" else "rural",
                    contact_id=f"D{o % 50:02d}-{'Z' if kind == 'zone' else 'DC'}{o // 50 + 1:02d}",
                )
            )
        offices = Office.objects.bulk_create(offices)
        self.offices = offices
        # Office sizes differ: a few busy urban zones, many quiet centres.
        self.office_weights = [rng.paretovariate(1.5) for _ in offices]

        cur = self.cur
        cur.execute("SELECT id FROM auth_permission WHERE codename = 'access_office'")
        (perm,) = cur.fetchone()
        group_ids = {}
        for office in offices:
            cur.execute(
                "INSERT INTO auth_group (name) VALUES (%s) RETURNING id",
                [f"office:{office.contact_id}"],
            )
            group_ids[office.pk] = cur.fetchone()[0]
        cur.executemany(
            "UPDATE accounts_office SET group_id = %s WHERE id = %s",
            [(g, o) for o, g in group_ids.items()],
        )
        cur.executemany(
            "INSERT INTO accounts_officegroupobjectpermission "
            "(content_object_id, group_id, permission_id) VALUES (%s, %s, %s)",
            [(o, g, perm) for o, g in group_ids.items()],
        )

        password = make_password("nivaran-bench")
        users = []  # (username, designation, office_id, division_id, circle_id)
        for office in offices:
            base = office.contact_id.lower()
            users.append((office.contact_id, "desk", office.pk, None, None))
            users.append((f"{base}.manager", "manager", office.pk, None, None))
            users += [
                (f"{base}.am{i}", "assistant_manager", office.pk, None, None) for i in (1, 2, 3)
            ]
            users += [
                (f"{base}.oa{i}", "office_assistant", office.pk, None, None) for i in range(1, 6)
            ]
        users += [(f"dgm.{d.pk}", "dgm", None, d.pk, None) for d in divisions]
        users += [(f"gm.{c.pk}", "gm", None, None, c.pk) for c in circles]
        users += [
            ("bench.admin", "admin", None, None, None),
            ("callcentre1912", "call_centre", None, None, None),
        ]
        first_user = self.next_ids("accounts_user", len(users))
        joined = self.now - timedelta(days=YEARS * 366)
        self.copy(
            "accounts_user",
            ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
             "is_staff", "is_active", "date_joined", "designation", "employee_number", "mobile",
             "language", "office_id", "division_id", "circle_id"],
            (
                (first_user + i, password, False, name, "", "", f"{name.lower()}@example.in",
                 designation == "admin", True, joined, designation, "", "", "hi", o, d, c)
                for i, (name, designation, o, d, c) in enumerate(users)
            ),
            len(users),
            "staff",
        )  # fmt: skip
        self.user_id = {name: first_user + i for i, (name, *_r) in enumerate(users)}
        by_division = {}
        by_circle = {}
        for office in offices:
            by_division.setdefault(office.division_id, []).append(office.pk)
            by_circle.setdefault(office.division.circle_id, []).append(office.pk)
        memberships = []
        for name, _designation, o, d, c in users:
            covered = (
                [o] if o else by_division.get(d, []) if d else by_circle.get(c, []) if c else []
            )
            memberships += [(self.user_id[name], group_ids[pk]) for pk in covered]
        self.copy(
            "accounts_user_groups", ["user_id", "group_id"], memberships, len(memberships),
            "scope groups",
        )  # fmt: skip
        self.dgm_of = {d.pk: self.user_id[f"dgm.{d.pk}"] for d in divisions}
        self.gm_of = {c.pk: self.user_id[f"gm.{c.pk}"] for c in circles}
        self.callcentre = self.user_id["callcentre1912"]
        tokens = ["callcentre1912", f"{offices[0].contact_id.lower()}.manager",
                  f"gm.{offices[0].division.circle_id}", f"dgm.{offices[0].division_id}",
                  f"{offices[0].contact_id.lower()}.am1"]  # fmt: skip
        for name in tokens:
            cur.execute(
                "INSERT INTO authtoken_token (key, user_id, created) VALUES (%s, %s, now())",
                [token_for(self.seed, name), self.user_id[name]],
            )
        self.tokens = {name: token_for(self.seed, name) for name in tokens}

    # --- complaints, corrections, histories -------------------------------------------

    def staff(self, office, role: str) -> int:
        base = office.contact_id.lower()
        if role == "dgm":
            return self.dgm_of[office.division_id]
        if role == "gm":
            return self.gm_of[office.division.circle_id]
        if role in ("oa", "am"):
            n = self.rng.randint(1, 5 if role == "oa" else 3)
            return self.user_id[f"{base}.{role}{n}"]
        return self.user_id[f"{base}.{role}"]

    def complaints(self) -> None:
        rng, now, n = self.rng, self.now, self.n_complaints
        self.cur.execute("SELECT id, code, is_bill FROM complaints_category ORDER BY id")
        categories = self.cur.fetchall()
        bill = [c[0] for c in categories if c[2]]
        non_bill = [c[0] for c in categories if not c[2]]
        start = now - timedelta(days=365 * YEARS)
        span = (now - start).total_seconds()
        office_of = rng.choices(self.offices, weights=self.office_weights, k=n)
        first_id = self.next_ids("complaints_complaint", n)
        sequences: dict[tuple[int, int], int] = {}
        first_names, last_names = FIRST.split(), LAST.split()
        latin_first, latin_last = LATIN_FIRST.split(), LATIN_LAST.split()
        self.correction_id = 0
        self.correction_rows, self.visits = [], []
        events = self.events = []
        self.open_stage_due: list[datetime] = []
        cc_serial = 0

        def rows():
            nonlocal cc_serial
            for i in range(n):
                pk = first_id + i
                office = office_of[i]
                created = start + timedelta(seconds=span * (i + rng.random()) / n)
                age = (now - created).days
                is_bill = rng.random() < 0.30
                category = rng.choice(bill if is_bill else non_bill)
                if rng.random() < 0.60:
                    cc_serial += 1
                    source, created_by = "call_centre", self.callcentre
                    number = f"{created:%y%m%d}{cc_serial:07d}"
                    operator = ("", "")
                else:
                    key = (office.pk, created.year)
                    sequences[key] = sequences.get(key, 0) + 1
                    source = "office"
                    number = f"{office.contact_id}-{created.year}-{sequences[key]:06d}"
                    desk = rng.random() < 0.3
                    created_by = (
                        self.user_id[office.contact_id] if desk else self.staff(office, "oa")
                    )
                    operator = ("Operator", f"E{rng.randrange(10**5):05d}") if desk else ("", "")
                consumer = str(3_400_000_000 + rng.randrange(60_000_000))
                mobile = str(rng.randrange(6_000_000_000, 10_000_000_000))
                if rng.random() < 0.7:
                    name = f"{rng.choice(first_names)} {rng.choice(last_names)}"
                else:
                    name = f"{rng.choice(latin_first)} {rng.choice(latin_last)}"
                bill_month = amount = None
                if is_bill:
                    month = created - timedelta(days=rng.randint(0, 60))
                    bill_month = month.date().replace(day=1)
                    amount = Decimal(rng.randrange(20_000, 2_500_000)) / 100
                # Recent complaints are open; a small backlog of old ones is still open too.
                open_chance = 1.0 if age < 3 else 0.5 if age < 30 else 0.01
                status, due = "registered", None
                settled_by = self.staff(office, "manager")
                history = [("", "registered", created_by, created, created + STAGE_DAYS * DAY)]
                if is_bill and rng.random() < self.correction_share:
                    events.extend((pk, *h) for h in history)
                    history = []
                    status, due = self.correction(pk, office, created, bill_month, amount, age)
                elif rng.random() < open_chance:
                    due = self.open_due(created)
                    history[0] = ("", "registered", created_by, created, due)
                else:
                    outcome = rng.choices(["resolved", "rejected"], weights=[9, 1])[0]
                    if outcome == "resolved" and is_bill:
                        outcome = "rejected"  # bill complaints resolve through a correction
                    at = created + timedelta(hours=rng.randint(2, 24 * 9))
                    history.append(("registered", outcome, settled_by, at, None))
                    status = outcome
                    if age > 20 and rng.random() < 0.9:
                        history.append((outcome, "closed", settled_by, at + 2 * DAY, None))
                        status = "closed"
                events.extend((pk, *h) for h in history)
                yield (
                    pk, number, source, office.pk, consumer, name, mobile,
                    f"Ward {rng.randint(1, 60)}, {office.name}", category, bill_month, amount,
                    None, "Generated for the benchmark", status, due, created_by, *operator, "",
                    created, created,
                )  # fmt: skip

        self.copy(
            "complaints_complaint",
            ["id", "complaint_number", "source", "office_id", "consumer_number",
             "consumer_name", "mobile", "address", "category_id", "bill_month", "billed_amount",
             "amount_deposited", "description", "status", "due_at", "created_by_id",
             "operator_name", "operator_employee_number", "intake_digest", "created_at",
             "updated_at"],
            rows(),
            n,
            "complaints",
        )  # fmt: skip
        self.cur.executemany(
            "INSERT INTO complaints_complaintsequence (office_id, year, last) VALUES (%s, %s, %s)",
            [(o, y, last) for (o, y), last in sequences.items()],
        )

    def open_due(self, entered: datetime) -> datetime:
        """Due date of a stage still open: 1 % are past it, the rest due within a week."""
        if self.rng.random() < 0.01:
            due = self.now - timedelta(hours=self.rng.randint(1, 72))
        else:
            due = self.now + timedelta(hours=self.rng.randint(1, 24 * STAGE_DAYS))
        return max(due, entered + timedelta(hours=1)) if due > self.now else due

    def correction(self, complaint_id, office, created, bill_month, amount, age):
        """The bill correction of one complaint with its stage visits and the complaint's
        history; returns the complaint's resulting (status, due_at)."""
        rng, now = self.rng, self.now
        self.correction_id += 1
        pk = self.correction_id
        recorder = self.staff(office, "oa")
        opened = created + timedelta(hours=rng.randint(1, 48))
        # Young files are mostly still in the chain; old ones are decided.
        if age < 120 and rng.random() < 0.7:
            final = rng.choices(CHAIN, weights=[30, 25, 20, 15, 10])[0]
            reached = CHAIN[: CHAIN.index(final) + 1]
        else:
            final = rng.choices(["applied", "rejected"], weights=[80, 20])[0]
            reached = CHAIN if final == "applied" else CHAIN[: rng.randint(1, 4)]
        at, due, actor = opened, None, recorder
        for n, stage in enumerate(reached):
            last = n == len(reached) - 1
            if last and final in CHAIN:
                due = self.open_due(at)
                self.visits.append((pk, stage, at, due, None, None, "", "", "{}", ""))
                break
            role = STAGE_ACTOR[stage]
            action = ("apply" if final == "applied" else "reject") if last else STAGE_ACTION[stage]
            left = max(at, min(at + timedelta(hours=rng.randint(2, 24 * 9)), now - DAY))
            actor = self.staff(office, role)
            self.visits.append(
                (pk, stage, at, at + STAGE_DAYS * DAY, left, actor, DESIGNATION.get(role, role),
                 action, "{}", "")
            )  # fmt: skip
            at = left
        corrected = (amount * Decimal("0.6")).quantize(Decimal("0.01"))
        permitted = final in ("gm", "approved", "applied")
        self.correction_rows.append(
            (pk, complaint_id, office.pk, bill_month, amount, corrected, "wrong_reading", "",
             "for" if permitted else "", corrected if permitted else None,
             corrected if final in ("approved", "applied") else None,
             f"RB-{pk}" if final == "applied" else "", final, due, recorder, opened, at)
        )  # fmt: skip
        self.events.append((complaint_id, "registered", "under_correction", recorder, opened, due))
        if final in CHAIN:
            return "under_correction", due
        status = "resolved" if final == "applied" else "rejected"
        self.events.append((complaint_id, "under_correction", status, actor, at, None))
        return status, None

    def corrections(self) -> None:
        self.copy(
            "billing_billcorrection",
            ["id", "complaint_id", "office_id", "bill_month", "original_amount",
             "corrected_amount", "reason", "remarks", "recommendation", "recommended_amount",
             "approved_amount", "revised_bill_reference", "state", "due_at", "created_by_id",
             "created_at", "updated_at"],
            self.correction_rows,
            len(self.correction_rows),
            "corrections",
        )  # fmt: skip
        self.cur.execute(
            "SELECT setval(pg_get_serial_sequence('billing_billcorrection', 'id'), %s)",
            [self.correction_id],
        )
        self.copy(
            "billing_stagevisit",
            ["correction_id", "stage", "entered_at", "due_at", "left_at", "actor_id",
             "actor_designation", "action", "details", "remarks"],
            self.visits,
            len(self.visits),
            "stage visits",
        )  # fmt: skip
        self.copy(
            "complaints_complaintevent",
            ["complaint_id", "from_status", "to_status", "actor_id", "at", "due_at", "remarks"],
            ((*e, "") for e in self.events),
            len(self.events),
            "history",
        )


BIG_TABLES = [
    "complaints_complaint",
    "complaints_complaintevent",
    "billing_billcorrection",
    "billing_stagevisit",
]


def drop_indexes(cur) -> list[str]:
    """Secondary indexes of the big tables, dropped for the load; returns their DDL.
    (Constraint-backed ones, primary and unique keys, stay.)"""
    cur.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [BIG_TABLES],
    )
    found = cur.fetchall()
    for name, _ddl in found:
        cur.execute(f'DROP INDEX "{name}"')
    return [ddl for _name, ddl in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=2_000_000)
    parser.add_argument("--corrections", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1912)
    parser.add_argument("--force", action="store_true", help="rebuild even when present")
    args = parser.parse_args()
    url = django_for_bench()
    ensure_database(url)
    from django.core.management import call_command
    from django.db import connection, transaction

    wanted = {
        "version": VERSION,
        "seed": args.seed,
        "complaints": args.complaints,
        "corrections": args.corrections,
    }
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_dataset')")
        if cur.fetchone()[0] and not args.force:
            cur.execute("SELECT spec, users FROM bench_dataset")
            row = cur.fetchone()
            if row and json.loads(row[0]) == wanted:
                call_command("migrate", verbosity=0)  # later migrations apply to it too
                print(row[1])
                sys.stderr.write("data set present: reused\n")
                return
    # A different or missing data set: start from an empty schema.
    with connection.cursor() as cur:
        cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    began = time.monotonic()
    now = datetime.now(UTC).replace(microsecond=0)
    with transaction.atomic(), connection.cursor() as cur:
        # The rows are consistent by construction: skip per-row foreign-key triggers
        # (superuser only) and build the secondary indexes once, after the load.
        cur.execute("SET LOCAL session_replication_role = replica")
        deferred = drop_indexes(cur)
        gen = Generator(
            cur.cursor, seed=args.seed, complaints=args.complaints,
            corrections=args.corrections, now=now,
        )  # fmt: skip
        # Share of bill complaints that get a correction, to reach the wanted count.
        gen.correction_share = min(1.0, args.corrections / (args.complaints * 0.30))
        gen.organisation()
        gen.complaints()
        gen.corrections()
        cur.execute("SET LOCAL session_replication_role = DEFAULT")
        progress = Progress("indexes", len(deferred))
        cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for ddl in deferred:
            cur.execute(ddl)
            progress.step()
        office = gen.offices[0]
        users = json.dumps(
            {
                "office": office.contact_id,
                "tokens": gen.tokens,
                "password": "nivaran-bench",
                "generated_at": now.isoformat(),
            }
        )
        cur.execute("CREATE TABLE bench_dataset (spec text, users text)")
        cur.execute("INSERT INTO bench_dataset VALUES (%s, %s)", [json.dumps(wanted), users])
    with connection.cursor() as cur:
        sys.stderr.write("ANALYZE...\n")
        cur.execute("VACUUM ANALYZE")
    sys.stderr.write(f"generated in {time.monotonic() - began:.0f} s\n")
    print(users)


if __name__ == "__main__":
    main()
