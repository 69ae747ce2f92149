"""Finding and flagging every stage past its time limit, exactly once."""

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Office
from billing.models import StageVisit
from complaints.models import Complaint
from timelimits.models import Notice
from timelimits.notices import Audience, notices_for_stage, notices_save


def _flag(model, column: str, condition: str, params: list, now: datetime) -> list[int]:
    """Compare-and-set: mark the rows still unflagged and past due, and return them.
    A second run, or one running at the same moment, finds them already marked."""
    table = model._meta.db_table
    # Raw SQL gets the value the ORM would store (UTC text on SQLite), so the
    # comparison with stored due dates is like for like on every database.
    now = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = %s "  # noqa: S608 - our own table and columns
            f"WHERE {condition} AND {column} IS NULL AND due_at < %s RETURNING id",
            [now, *params, now],
        )
        return [row[0] for row in cursor.fetchall()]


def flag_overdue(*, now: datetime | None = None) -> int:
    """Flag open stage visits and registered complaints whose due date has passed; tell
    the people who must act and the level above them. Returns how many were flagged."""
    now = now or timezone.now()
    with transaction.atomic():
        visit_ids = _flag(StageVisit, "flagged_at", "left_at IS NULL", [], now)
        complaint_ids = _flag(
            Complaint, "overdue_flagged_at", "status = %s", [Complaint.Status.REGISTERED], now
        )
        # Plain tuples, not model instances: a backlog can be thousands of rows.
        visits = StageVisit.objects.filter(pk__in=visit_ids).values_list(
            "pk", "stage", "due_at", "correction_id", "correction__complaint_id",
            "correction__complaint__office_id",
        )  # fmt: skip
        complaints = Complaint.objects.filter(pk__in=complaint_ids).values_list(
            "pk", "due_at", "office_id"
        )
        visits, complaints = list(visits), list(complaints)
        office_ids = {v[5] for v in visits} | {c[2] for c in complaints}
        offices = Office.objects.select_related("division").in_bulk(office_ids)
        audience = Audience(offices.values())
        notices = []
        for pk, stage, due_at, correction_id, complaint_id, office_id in visits:
            notices += notices_for_stage(
                audience=audience,
                office=offices[office_id],
                stage=stage,
                kind=Notice.Kind.OVERDUE,
                key=f"overdue:visit:{pk}",
                complaint_id=complaint_id,
                correction_id=correction_id,
                due_at=due_at,
                superiors=True,
            )
        for pk, due_at, office_id in complaints:
            notices += notices_for_stage(
                audience=audience,
                office=offices[office_id],
                stage="registered",
                kind=Notice.Kind.OVERDUE,
                key=f"overdue:complaint:{pk}",
                complaint_id=pk,
                due_at=due_at,
                superiors=True,
            )
        notices_save(notices)
    return len(visit_ids) + len(complaint_ids)
