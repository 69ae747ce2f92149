"""The report figures against hand-built files (tests/portal/conftest.py)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing.models import StageVisit
from billing.selectors import corrections_for, stage_visits_for
from portal.reports import compliance, pendency
from tests.factories import register
from tests.portal.conftest import NOW, at

OCTOBER = {"start": date(2026, 10, 1), "end": date(2026, 10, 31)}


def by(rows, key):
    return {row[key]: row for row in rows}


def test_pendency_for_the_dgm(org, pendency_files):
    report = pendency(org.dgm, now=NOW)
    complaints = by(report["complaints"], "status")
    assert complaints["registered"]["open"] == 4
    assert complaints["registered"]["overdue"] == 2
    assert complaints["registered"]["ageing"] == {"0-7": 2, "8-15": 1, "16-30": 0, "31+": 1}
    assert complaints["under_correction"]["open"] == 1
    assert complaints["under_correction"]["overdue"] == 1
    assert complaints["under_correction"]["ageing"] == {"0-7": 0, "8-15": 0, "16-30": 1, "31+": 0}
    corrections = by(report["corrections"], "state")
    assert corrections["assistant"]["open"] == 1
    assert corrections["assistant"]["overdue"] == 1
    assert corrections["assistant"]["ageing"] == {"0-7": 0, "8-15": 0, "16-30": 1, "31+": 0}
    assert [corrections[s]["open"] for s in ("manager", "dgm", "gm", "approved")] == [0, 0, 0, 0]
    assert report["complaints_total"]["open"] == 5
    assert report["complaints_total"]["overdue"] == 3
    # The other circle's office X is nowhere.
    assert report["overdue_by_office"] == [
        {"office": "OFA-Z01", "name": org.office_a.name, "name_hi": "", "complaints": 2,
         "corrections": 1, "total": 3},
        {"office": "OFB-DC01", "name": org.office_b.name, "name_hi": "", "complaints": 1,
         "corrections": 0, "total": 1},
    ]  # fmt: skip


def test_pendency_follows_scope(org, pendency_files):
    assert pendency(org.manager_b, now=NOW)["complaints_total"]["open"] == 1
    assert pendency(org.outsider, now=NOW)["complaints_total"]["open"] == 2
    everything = pendency(org.admin, now=NOW)
    assert everything["complaints_total"]["open"] == 7
    assert [o["office"] for o in everything["overdue_by_office"]] == [
        "OFA-Z01",
        "OFX-Z01",
        "OFB-DC01",
    ]
    # The 1912 user sees the complaints it registered, and no correction.
    assert pendency(org.call_centre, now=NOW)["complaints_total"]["open"] == 0
    assert pendency(org.call_centre, now=NOW)["corrections_total"]["open"] == 0


def test_ageing_edges_are_whole_ist_days(org):
    # 7 days ago (any hour) is still 0-7; 8 days ago is 8-15; 30 is 16-30; 31 is over.
    for days in (7, 8, 15, 16, 30, 31):
        with at(days):
            register(org.oa, org.office_a, consumer_number=f"40000000{days:02d}")
    ageing = pendency(org.dgm, now=NOW)["complaints_total"]["ageing"]
    assert ageing == {"0-7": 1, "8-15": 2, "16-30": 2, "31+": 1}


def test_compliance_for_the_dgm(org, compliance_visits):
    report = compliance(org.dgm, **OCTOBER)
    levels = by(report["levels"], "level")
    assert {k: v for k, v in levels["office"].items() if k != "label"} == {
        "level": "office", "visits": 2, "within": 1, "breaches": 1,
        "percent_within": 50.0, "avg_days": 6.5,
    }  # fmt: skip
    assert {k: v for k, v in levels["manager"].items() if k != "label"} == {
        "level": "manager", "visits": 4, "within": 2, "breaches": 2,
        "percent_within": 50.0, "avg_days": 9.5,
    }  # fmt: skip
    assert (levels["dgm"]["visits"], levels["dgm"]["percent_within"]) == (1, 100.0)
    assert levels["dgm"]["avg_days"] == 4.0
    # The GM visit that left at 00:30 IST on 1 October belongs to October.
    assert (levels["gm"]["visits"], levels["gm"]["within"]) == (2, 2)
    assert levels["gm"]["avg_days"] == 2.0
    assert report["total"] == {"visits": 9, "within": 6, "breaches": 3, "percent_within": 66.7}

    stages = by(report["stages"], "stage")
    assert (stages["assistant"]["visits"], stages["assistant"]["avg_days"]) == (1, 3.0)
    assert (stages["approved"]["breaches"], stages["approved"]["p90_days"]) == (1, 10.0)
    assert (stages["manager"]["avg_days"], stages["manager"]["p90_days"]) == (9.5, 17.0)
    assert (stages["gm"]["avg_days"], stages["gm"]["p90_days"]) == (2.0, 2.8)
    assert (stages["dgm"]["avg_days"], stages["dgm"]["p90_days"]) == (4.0, 4.0)

    assert [(o["office"], o["breaches"], o["visits"], o["percent_within"]) for o in report[
        "offices"
    ]] == [("OFB-DC01", 2, 4, 50.0), ("OFA-Z01", 1, 5, 80.0)]  # fmt: skip


def test_compliance_for_admin_includes_every_office(org, compliance_visits):
    report = compliance(org.admin, **OCTOBER)
    assert report["total"]["visits"] == 10
    assert by(report["offices"], "office")["OFX-Z01"]["breaches"] == 1


def test_compliance_of_an_empty_period(org, compliance_visits):
    report = compliance(org.dgm, start=date(2025, 1, 1), end=date(2025, 1, 31))
    assert report["total"] == {"visits": 0, "within": 0, "breaches": 0, "percent_within": None}
    assert report["offices"] == []
    assert all(level["avg_days"] is None for level in report["levels"])


def queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def test_report_query_counts_do_not_grow_with_the_data(org, compliance_visits):
    def both():
        pendency(org.dgm, now=NOW)
        compliance(org.dgm, **OCTOBER)

    before = queries(both)
    for n in range(15):
        with at(n):
            register(org.oa, org.office_a, consumer_number=f"50000000{n:02d}")
    assert queries(both) == before
    # Grouped queries, plus the viewer's scope read once per report as literal office ids
    # (the planner needs the ids to choose the per-office indexes at two million rows).
    assert before <= 10


def test_stage_visits_follow_the_correction_scope(org, compliance_visits):
    for persona in ("oa", "manager_b", "dgm", "gm", "outsider", "call_centre", "admin"):
        user = getattr(org, persona)
        expected = StageVisit.objects.filter(correction__in=corrections_for(user))
        assert set(stage_visits_for(user)) == set(expected), persona
