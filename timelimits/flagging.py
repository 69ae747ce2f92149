"""Finding and flagging every stage past its time limit, exactly once."""

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from billing.models import StageVisit
from complaints.models import Complaint
from timelimits.models import Notice
from timelimits.notices import Audience, notices_for_stage, notices_save


def _flag(model, column: str, condition: str, params: list, now: datetime) -> list[int]:
    """Compare-and-set: mark the rows still unflagged and past due, and return them.
    A second run, or one running at the same moment, finds them already marked."""
    table = model._meta.db_table
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
        visits = list(
            StageVisit.objects.filter(pk__in=visit_ids).select_related(
                "correction__complaint__office__division"
            )
        )
        complaints = list(
            Complaint.objects.filter(pk__in=complaint_ids).select_related("office__division")
        )
        offices = {v.correction.complaint.office for v in visits} | {c.office for c in complaints}
        audience = Audience(offices)
        notices = []
        for visit in visits:
            notices += notices_for_stage(
                audience=audience,
                office=visit.correction.complaint.office,
                stage=visit.stage,
                kind=Notice.Kind.OVERDUE,
                key=f"overdue:visit:{visit.pk}",
                complaint_id=visit.correction.complaint_id,
                correction_id=visit.correction_id,
                due_at=visit.due_at,
                superiors=True,
            )
        for complaint in complaints:
            notices += notices_for_stage(
                audience=audience,
                office=complaint.office,
                stage="registered",
                kind=Notice.Kind.OVERDUE,
                key=f"overdue:complaint:{complaint.pk}",
                complaint_id=complaint.pk,
                due_at=complaint.due_at,
                superiors=True,
            )
        notices_save(notices)
    return len(visit_ids) + len(complaint_ids)
