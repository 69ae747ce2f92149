"""The report API: the same figures as the pages, scoped, as JSON, CSV or XLSX."""

import csv
import io

import time_machine
from django.urls import reverse

from tests.common.test_exports import XLSX_TYPE, api, body
from tests.portal.conftest import NOW

PENDENCY = reverse("api-report-pendency")
COMPLIANCE = reverse("api-report-compliance")
OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}


def test_pendency_json_is_scoped(org, pendency_files):
    with time_machine.travel(NOW, tick=False):
        data = api(org.dgm).get(PENDENCY).json()
    assert data["complaints_total"]["open"] == 5
    assert [o["office"] for o in data["overdue_by_office"]] == ["OFA-Z01", "OFB-DC01"]
    assert data["complaints"][0]["ageing"] == {"0-7": 2, "8-15": 1, "16-30": 0, "31+": 1}


def test_compliance_json(org, compliance_visits):
    data = api(org.dgm).get(COMPLIANCE, OCTOBER).json()
    assert data["from"] == "2026-10-01"
    assert data["total"]["percent_within"] == 66.7
    manager = next(stage for stage in data["stages"] if stage["stage"] == "manager")
    assert (manager["avg_days"], manager["p90_days"]) == (9.5, 17.0)
    office = next(level for level in data["levels"] if level["level"] == "office")
    assert (office["percent_within"], office["avg_days"]) == (50.0, 6.5)
    assert [o["office"] for o in data["offices"]] == ["OFB-DC01", "OFA-Z01"]


def test_compliance_bad_period_is_400(org):
    client = api(org.gm)
    response = client.get(COMPLIANCE, {"from": "2026-13-01"})
    assert response.status_code == 400
    assert "from" in response.json()
    response = client.get(COMPLIANCE, {"from": "2026-10-31", "to": "2026-10-01"})
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The period must start on or before its end."]}


def test_reports_as_csv_and_xlsx(org, compliance_visits):
    client = api(org.dgm)
    response = client.get(COMPLIANCE, {**OCTOBER, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert ["OFB-DC01", org.office_b.name, "4", "2", "2", "50.0"] in rows
    assert not any("OFX-Z01" in row for row in rows)
    response = client.get(PENDENCY, {"format": "xlsx"})
    assert response["Content-Type"] == XLSX_TYPE


def test_reports_need_authentication(org):
    from rest_framework.test import APIClient

    assert APIClient().get(PENDENCY).status_code in (401, 403)
    assert APIClient().get(COMPLIANCE).status_code in (401, 403)
