"""The figures behind the dashboards and the report API.

Every figure is counted by the database in a handful of grouped queries whose number
does not depend on how many complaints there are; Python only arranges the few result
rows. Scope comes from the complaints and billing accessors, as everywhere else.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from billing.models import OPEN_STATES, State
from billing.selectors import corrections_for, stage_visits_for
from common.db import DaysBetween, PercentileCont
from common.formats import local_midnight
from complaints.models import Complaint, ComplaintStatus
from complaints.selectors import complaints_for


@dataclass(frozen=True)
class AgeBucket:
    """Open files by age in whole days since they were registered (IST calendar days)."""

    key: str
    label: str
    newest: int
    oldest: int | None

    def registered_between(self, today: date) -> tuple[date | None, date]:
        """The first and last registration day in the bucket (as the list filters take)."""
        first = today - timedelta(days=self.oldest) if self.oldest is not None else None
        return first, today - timedelta(days=self.newest)

    def condition(self, today: date) -> Q:
        first, last = self.registered_between(today)
        q = Q(created_at__lt=local_midnight(last + timedelta(days=1)))
        if first is not None:
            q &= Q(created_at__gte=local_midnight(first))
        return q


AGE_BUCKETS = (
    AgeBucket("0-7", _("0-7 days"), 0, 7),
    AgeBucket("8-15", _("8-15 days"), 8, 15),
    AgeBucket("16-30", _("16-30 days"), 16, 30),
    AgeBucket("31+", _("over 30 days"), 31, None),
)


def _open_figures(queryset: QuerySet, field: str, *, now: datetime) -> dict[str, dict]:
    """Open, overdue and ageing counts per value of `field`, in one grouped query."""
    today = timezone.localdate(now)
    # Counting the grouped column (never null) keeps every figure inside the covering
    # indexes of open files: an index-only scan, no table rows read.
    buckets = {b.key: Count(field, filter=b.condition(today)) for b in AGE_BUCKETS}
    rows = (
        queryset.values(field)
        .annotate(open=Count(field), overdue=Count(field, filter=Q(due_at__lt=now)), **buckets)
        .order_by()
    )
    return {
        row[field]: {
            "open": row["open"],
            "overdue": row["overdue"],
            "ageing": {b.key: row[b.key] for b in AGE_BUCKETS},
        }
        for row in rows
    }


def _zero() -> dict:
    return {"open": 0, "overdue": 0, "ageing": {b.key: 0 for b in AGE_BUCKETS}}


def _overdue_by_office(queryset: QuerySet, office: str, *, now: datetime) -> list[dict]:
    return list(
        queryset.filter(due_at__lt=now)
        .values(
            contact_id=F(f"{office}__contact_id"),
            name=F(f"{office}__name"),
            name_hi=F(f"{office}__name_hi"),
        )
        .annotate(n=Count("due_at"))
        .order_by()
    )


def pendency(user: User, *, now: datetime | None = None) -> dict:
    """What is open in the user's scope now: by stage, overdue, ageing, overdue by office."""
    now = now or timezone.now()
    open_complaints = complaints_for(user).filter(status__in=Complaint.OPEN)
    # An open correction's complaint is always under correction (the chain moves both);
    # saying so lets the database start from the few open complaints in scope.
    open_corrections = corrections_for(user).filter(
        state__in=OPEN_STATES, complaint__status=ComplaintStatus.UNDER_CORRECTION
    )
    by_status = _open_figures(open_complaints, "status", now=now)
    by_state = _open_figures(open_corrections, "state", now=now)

    offices: dict[str, dict] = {}
    for kind, rows in (
        ("complaints", _overdue_by_office(open_complaints, "office", now=now)),
        ("corrections", _overdue_by_office(open_corrections, "office", now=now)),
    ):
        for row in rows:
            entry = offices.setdefault(
                row["contact_id"],
                {
                    "office": row["contact_id"],
                    "name": row["name"],
                    "name_hi": row["name_hi"],
                    "complaints": 0,
                    "corrections": 0,
                },
            )
            entry[kind] = row["n"]
    for entry in offices.values():
        entry["total"] = entry["complaints"] + entry["corrections"]

    complaints = [
        {"status": s.value, "label": s.label, **by_status.get(s.value, _zero())}
        for s in Complaint.OPEN
    ]
    corrections = [
        {"state": s.value, "label": s.label, **by_state.get(s.value, _zero())} for s in OPEN_STATES
    ]
    return {
        "as_of": now,
        "today": timezone.localdate(now),
        "complaints": complaints,
        "corrections": corrections,
        "complaints_total": _sum(complaints),
        "corrections_total": _sum(corrections),
        "overdue_by_office": sorted(offices.values(), key=lambda e: (-e["total"], e["office"])),
    }


def office_name(row: dict) -> str:
    """An office row's name in the active language (Hindi where it has one)."""
    if row.get("name_hi") and (translation.get_language() or "").startswith("hi"):
        return row["name_hi"]
    return row["name"]


def _sum(rows: list[dict]) -> dict:
    return {
        "open": sum(r["open"] for r in rows),
        "overdue": sum(r["overdue"] for r in rows),
        "ageing": {b.key: sum(r["ageing"][b.key] for r in rows) for b in AGE_BUCKETS},
    }


# --- Time-limit compliance ---------------------------------------------------------

# The level that works each stage: the office both prepares a correction and applies it.
LEVELS = (
    ("office", _("Office"), (State.ASSISTANT, State.APPROVED)),
    ("manager", _("Manager"), (State.MANAGER,)),
    ("dgm", _("DGM"), (State.DGM,)),
    ("gm", _("GM"), (State.GM,)),
)
P90 = 0.9


def _measures(*, timing: bool) -> dict:
    within = Q(due_at__isnull=True) | Q(left_at__lte=F("due_at"))
    # Only columns of the covering index on completed visits: no table rows read.
    measures = {"visits": Count("stage"), "within": Count("stage", filter=within)}
    if timing:
        days = DaysBetween("entered_at", "left_at")
        measures |= {
            "days_total": Sum(days),
            "avg_days": Avg(days),
            "p90_days": PercentileCont(days, P90),
        }
    return measures


def _figures(row: dict) -> dict:
    visits, within = row["visits"], row["within"]
    figures = {
        "visits": visits,
        "within": within,
        "breaches": visits - within,
        "percent_within": round(100 * within / visits, 1) if visits else None,
    }
    for measure in ("avg_days", "p90_days"):
        if measure in row:
            figures[measure] = _days(row[measure])
    return figures


def _level(key: str, label, stages, by_stage: dict) -> dict:
    """A level's figures from its stages' rows: counts and the average add up exactly (a
    percentile does not, so it is given per stage only)."""
    rows = [by_stage[stage] for stage in stages if stage in by_stage]
    visits = sum(r["visits"] for r in rows)
    days = sum(r["days_total"] for r in rows)
    return {
        "level": key,
        "label": label,
        **_figures(
            {
                "visits": visits,
                "within": sum(r["within"] for r in rows),
                "avg_days": days / visits if visits else None,
            }
        ),
    }


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def compliance(user: User, *, start: date, end: date) -> dict:
    """How the stage visits completed (left) between `start` and `end` (IST days, both
    included) kept their time limits: per stage and per office (two grouped queries),
    and per level (added up from the stages)."""
    visits = stage_visits_for(user).filter(
        left_at__gte=local_midnight(start), left_at__lt=local_midnight(end + timedelta(days=1))
    )
    by_stage = {
        row["stage"]: row
        for row in visits.values("stage").annotate(**_measures(timing=True)).order_by()
    }
    by_office = (
        visits.values(
            office=F("correction__office__contact_id"),
            name=F("correction__office__name"),
            name_hi=F("correction__office__name_hi"),
        )
        .annotate(**_measures(timing=False))
        .order_by()
    )
    empty = {"visits": 0, "within": 0, "avg_days": None, "p90_days": None}
    levels = [_level(key, label, stages, by_stage) for key, label, stages in LEVELS]
    offices = [
        {"office": r["office"], "name": r["name"], "name_hi": r["name_hi"], **_figures(r)}
        for r in by_office
    ]
    total_visits = sum(level["visits"] for level in levels)
    total_within = sum(level["within"] for level in levels)
    return {
        "from": start,
        "to": end,
        "total": _figures({"visits": total_visits, "within": total_within}),
        "levels": levels,
        "stages": [
            {"stage": s.value, "label": s.label, **_figures(by_stage.get(s.value, empty))}
            for s in (State.ASSISTANT, State.MANAGER, State.DGM, State.GM, State.APPROVED)
        ],
        "offices": sorted(
            offices, key=lambda o: (-o["breaches"], o["percent_within"] or 0, o["office"])
        ),
    }
