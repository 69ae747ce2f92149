"""The report pages: scope, links to the lists behind the figures, exports, charts."""

import csv
import io
import re
from datetime import timedelta

import openpyxl
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.common.test_exports import XLSX_TYPE, api, body, login
from tests.factories import register
from tests.portal.conftest import NOW

PENDENCY = reverse("report-pendency")
COMPLIANCE = reverse("report-compliance")


def test_pendency_page_for_the_dgm(org, client, pendency_files):
    login(client, org.dgm)
    with time_machine.travel(NOW, tick=False):
        response = client.get(PENDENCY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "OFA-Z01" in html and "OFB-DC01" in html
    assert "OFX-Z01" not in html  # the other division's office
    # Every figure links to the list behind it: open, overdue, and each age bucket.
    assert f'href="{reverse("complaint-list")}?status=registered"' in html
    assert f'href="{reverse("complaint-list")}?status=registered&amp;overdue=true"' in html
    assert (
        f'href="{reverse("complaint-list")}?status=registered&amp;created_to=2026-11-12'
        '&amp;created_from=2026-11-05"' in html
    )
    assert f'href="{reverse("correction-list")}?mine=false&amp;state=assistant"' in html
    assert f'href="{reverse("complaint-list")}?office=OFA-Z01&amp;overdue=true"' in html
    # Charts are SVG drawn on the server; no inline script on the page.
    assert "<svg" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_the_links_open_lists_with_the_same_counts(org, client, pendency_files):
    login(client, org.dgm)
    with time_machine.travel(NOW, tick=False):
        ageing = client.get(
            reverse("complaint-list"),
            {"status": "registered", "created_from": "2026-11-05", "created_to": "2026-11-12"},
        )
        overdue = client.get(
            reverse("correction-list"), {"mine": "false", "state": "assistant", "overdue": "true"}
        )
    assert ageing.context["page"].paginator.count == 1
    assert overdue.context["page"].paginator.count == 1


def test_pendency_export_csv_and_xlsx(org, client, pendency_files):
    login(client, org.dgm)
    with time_machine.travel(NOW, tick=False):
        response = client.get(PENDENCY, {"export": "csv"})
    text = body(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Open complaints"]
    assert rows[2][:3] == ["Registered", "4", "2"]
    assert "OFX-Z01" not in text
    with time_machine.travel(NOW, tick=False):
        response = client.get(PENDENCY, {"export": "xlsx"})
    assert response["Content-Type"] == XLSX_TYPE
    book = openpyxl.load_workbook(io.BytesIO(body(response)))
    assert len(book.worksheets) == 3
    assert book.worksheets[0]["B2"].value == 4  # a number, not text


def test_compliance_page_and_export(org, client, compliance_visits):
    login(client, org.dgm)
    response = client.get(COMPLIANCE, {"from": "2026-10-01", "to": "2026-10-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "66.7%" in html
    assert "OFB-DC01" in html and "OFX-Z01" not in html
    assert "?from=2026-10-01&amp;to=2026-10-31&amp;export=xlsx" in html
    exported = client.get(COMPLIANCE, {"from": "2026-10-01", "to": "2026-10-31", "export": "csv"})
    rows = list(csv.reader(io.StringIO(body(exported).decode("utf-8-sig"))))
    assert ["Manager", "4", "2", "2", "50.0", "9.5"] in rows
    assert ["With the manager", "4", "2", "2", "50.0", "9.5", "17.0"] in rows


def test_compliance_page_rejects_a_reversed_period(org, client):
    login(client, org.gm)
    response = client.get(COMPLIANCE, {"from": "2026-10-31", "to": "2026-10-01"})
    assert response.status_code == 400
    assert "The period must start on or before its end." in response.content.decode()


def test_compliance_defaults_to_the_last_30_days(org, client):
    login(client, org.gm)
    response = client.get(COMPLIANCE)
    assert response.status_code == 200
    data = response.context["data"]
    assert data["to"] - data["from"] == timedelta(days=29)


def test_reports_need_a_login_and_get(org, client):
    for url in (PENDENCY, COMPLIANCE):
        assert client.get(url).status_code == 302
    login(client, org.oa)
    assert client.post(PENDENCY).status_code == 405
    assert client.post(COMPLIANCE).status_code == 405


def test_navigation_links_to_the_reports(org, client):
    login(client, org.oa)
    assert f'href="{PENDENCY}"' in client.get(reverse("home")).content.decode()


def test_totals_link_to_the_open_choice_of_the_lists(org, client, pendency_files):
    login(client, org.dgm)
    with time_machine.travel(NOW, tick=False):
        html = client.get(PENDENCY).content.decode()
        complaints = client.get(reverse("complaint-list"), {"status": "open"})
        over_30 = client.get(
            reverse("complaint-list"), {"status": "open", "created_to": "2026-10-20"}
        )
        corrections = client.get(reverse("correction-list"), {"mine": "false", "state": "open"})
    assert f'href="{reverse("complaint-list")}?status=open"' in html
    assert f'href="{reverse("correction-list")}?mine=false&amp;state=open"' in html
    assert complaints.context["page"].paginator.count == 5
    assert over_30.context["page"].paginator.count == 1
    assert corrections.context["page"].paginator.count == 1


def test_api_lists_take_the_open_choice(org, pendency_files):
    client = api(org.dgm)
    assert client.get(reverse("api-complaint-list"), {"status": "open"}).json()["count"] == 5
    assert client.get(reverse("api-correction-list"), {"state": "open"}).json()["count"] == 1
    assert client.get(reverse("api-complaint-list"), {"status": "rejected"}).json()["count"] == 1


def test_report_pages_and_api_keep_their_query_counts(org, client, compliance_visits):
    login(client, org.gm)
    token_client = api(org.gm)
    october = {"from": "2026-10-01", "to": "2026-10-31"}
    requests = [
        lambda: client.get(PENDENCY),
        lambda: client.get(COMPLIANCE, october),
        lambda: token_client.get(reverse("api-report-pendency")),
        lambda: token_client.get(reverse("api-report-compliance"), october),
    ]

    def counts():
        result = []
        for request in requests:
            with CaptureQueriesContext(connection) as captured:
                assert request().status_code == 200
            result.append(len(captured))
        return result

    before = counts()
    for n in range(6):
        register(org.oa, org.office_a, consumer_number=f"66000000{n:02d}")
    assert counts() == before
