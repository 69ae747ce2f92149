"""The notices the database writes (one INSERT … SELECT) are exactly those Python built."""

from datetime import timedelta

from django.db import transaction

from billing.models import StageVisit
from complaints.models import Complaint
from portal.flagging import _notify, _notify_in_sql
from tests.factories import open_correction, register
from timelimits.models import Notice
from timelimits.notices import notify_stage


def written():
    """The notices written in `both_ways` (the files' earlier notices say "arrived")."""
    return set(
        Notice.objects.exclude(kind="arrived", key__startswith="arrived:").values_list(
            "recipient", "kind", "role", "key", "complaint", "correction", "stage", "due_at"
        )
    )


def both_ways(write) -> tuple[set, set]:
    """What `write(sql: bool)` stores each way (each rolled back)."""
    found = []
    for sql in (False, True):
        with transaction.atomic():
            write(sql)
            found.append(written())
            transaction.set_rollback(True)
    return found[0], found[1]


def test_overdue_notices_match(org):
    corrections = [
        open_correction(org),
        open_correction(
            org, complaint=register(org.oa, org.office_a, consumer_number="5550000001")
        ),
    ]
    register(org.manager_b, org.office_b, consumer_number="5550000002")
    org.am.is_active = False  # left: told nothing
    org.am.save()
    visits = list(
        StageVisit.objects.filter(correction__in=corrections).values_list("pk", flat=True)
    )
    complaints = list(Complaint.objects.filter(status="registered").values_list("pk", flat=True))
    python, sql = both_ways(
        lambda in_sql: (_notify_in_sql if in_sql else _notify)(visits, complaints)
    )
    assert python and python == sql
    assert not any(n[0] == org.am.pk for n in sql)


def test_stage_notices_match(org):
    complaint = register(org.oa, org.office_a)
    due = complaint.due_at + timedelta(days=1)

    def write(in_sql):
        from django.db import connection

        vendor = connection.vendor
        if not in_sql:
            connection.vendor = "other"  # the portable path
        try:
            notify_stage(office=org.office_a, stage="manager", kind="arrived", key="k:1",
                         complaint_id=complaint.pk, due_at=due, exclude=[org.oa.pk])  # fmt: skip
        finally:
            connection.vendor = vendor

    python, sql = both_ways(write)
    assert python and python == sql
