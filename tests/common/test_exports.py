"""CSV and XLSX downloads of the complaint and correction lists, web and API."""

import csv
import io
from datetime import datetime

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import Designation
from common.exports import Column, _sheet_title, export_queryset
from complaints.models import Complaint
from tests.factories import PASSWORD, UserFactory, open_correction, register
from tests.portal.conftest import IST

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def login(client, user, language="en"):
    user.language = language
    user.save(update_fields=["language"])
    assert client.login(username=user.username, password=PASSWORD)
    return client


def api(user, language="en"):
    token, _ = Token.objects.get_or_create(user=user)
    return APIClient(headers={"authorization": f"Token {token.key}", "accept-language": language})


def body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    raw = body(response)
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the mark
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def test_csv_of_the_complaint_list_keeps_devanagari_ist_and_filters(org, client):
    register(org.oa, org.office_a, consumer_name="सीता देवी", consumer_number="1111111111")
    register(org.oa, org.office_a, consumer_number="2222222222")
    login(client, org.dgm)
    response = client.get(reverse("complaint-list"), {"search": "1111111111", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="complaints-')
    assert response["Cache-Control"] == "private, no-store"
    header, *rows = csv_rows(response)
    assert header[:3] == ["Complaint no.", "Status", "Source"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    complaint = Complaint.objects.get(consumer_number="1111111111")
    assert row["Consumer name"] == "सीता देवी"
    assert row["Billed amount"] == "8450.00"
    assert row["Registered at"] == complaint.created_at.astimezone(IST).strftime("%Y-%m-%d %H:%M")


def test_xlsx_of_the_complaint_list_has_numbers_and_local_times(org, client):
    complaint = register(org.oa, org.office_a, consumer_name="सीता देवी")
    login(client, org.oa, language="hi")
    response = client.get(reverse("complaint-list"), {"export": "xlsx"})
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"].endswith('.xlsx"')
    header, row = xlsx_rows(response)
    assert header[0] != "Complaint no."  # headings in the user's language (Hindi)
    assert complaint.complaint_number in row
    assert "सीता देवी" in row
    assert 8450 in row  # a number, not text
    registered = next(v for v in row if isinstance(v, datetime))
    assert registered == complaint.created_at.astimezone(IST).replace(tzinfo=None, microsecond=0)


def test_a_dgm_export_leaves_out_other_divisions(org, client):
    register(org.oa, org.office_a)
    oa_x = UserFactory(
        username="oa.x", designation=Designation.OFFICE_ASSISTANT, office=org.office_x
    )
    register(oa_x, org.office_x)
    login(client, org.dgm)
    _header, *rows = csv_rows(client.get(reverse("complaint-list"), {"export": "csv"}))
    assert [r[3] for r in rows] == ["OFA-Z01"]
    # Asking for the other division's office is refused by the filter, not widened.
    _header, *rows = csv_rows(
        client.get(reverse("complaint-list"), {"office": "OFX-Z01", "export": "csv"})
    )
    assert rows == []


def test_api_list_format_csv_with_filters_and_scope(org):
    register(org.oa, org.office_a, consumer_number="1111111111")
    register(org.oa, org.office_a, consumer_number="2222222222")
    response = api(org.dgm).get(
        reverse("api-complaint-list"), {"format": "csv", "search": "2222222222"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    _header, *rows = csv_rows(response)
    assert [r[6] for r in rows] == ["2222222222"]
    assert (
        api(org.outsider).get(reverse("api-complaint-list"), {"format": "csv"}).status_code == 200
    )
    _header, *rows = csv_rows(
        api(org.outsider).get(reverse("api-complaint-list"), {"format": "csv"})
    )
    assert rows == []


def test_api_list_format_xlsx_and_json_still_paged(org):
    register(org.oa, org.office_a)
    client = api(org.manager)
    response = client.get(reverse("api-complaint-list"), {"format": "xlsx"})
    assert response["Content-Type"] == XLSX_TYPE
    assert len(xlsx_rows(response)) == 2
    assert client.get(reverse("api-complaint-list")).json()["count"] == 1


def test_api_export_with_a_bad_filter_answers_json(org):
    response = api(org.dgm).get(
        reverse("api-complaint-list"), {"format": "csv", "created_from": "not-a-date"}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "created_from" in response.json()


def test_detail_has_no_export_format(org):
    complaint = register(org.oa, org.office_a)
    url = reverse("api-complaint-detail", args=[complaint.complaint_number])
    assert api(org.oa).get(url, {"format": "csv"}).status_code == 404


def test_correction_exports_web_and_api(org, client):
    correction = open_correction(org)
    login(client, org.dgm)
    # The DGM's inbox defaults to "pending with me"; the export keeps that filter.
    _header, *rows = csv_rows(client.get(reverse("correction-list"), {"export": "csv"}))
    assert rows == []
    header, *rows = csv_rows(
        client.get(reverse("correction-list"), {"mine": "false", "export": "csv"})
    )
    row = dict(zip(header, rows[0], strict=True))
    assert row["Correction no."] == str(correction.pk)
    assert row["Difference"] == "-5330.00"
    response = api(org.outsider).get(reverse("api-correction-list"), {"format": "xlsx"})
    assert len(xlsx_rows(response)) == 1  # headings only: nothing in the outsider's scope


def test_export_buttons_keep_the_filters(org, client):
    register(org.oa, org.office_a)
    login(client, org.oa)
    page = client.get(reverse("complaint-list"), {"status": "registered", "page": "1"})
    assert b"?status=registered&amp;export=csv" in page.content
    assert b"?status=registered&amp;export=xlsx" in page.content


def test_large_exports_are_streamed_in_chunks(org):
    for n in range(3):
        register(org.oa, org.office_a, consumer_number=f"900000000{n}")
    columns = [Column("n", lambda c: c.consumer_number)]
    response = export_queryset(
        Complaint.objects.order_by("consumer_number"), columns=columns, fmt="csv", name="t"
    )
    assert response.streaming
    assert b"".join(response.streaming_content).decode("utf-8-sig").split() == [
        "n",
        "9000000000",
        "9000000001",
        "9000000002",
    ]


def test_export_queries_do_not_grow_with_the_rows(org, client):
    login(client, org.dgm)
    register(org.oa, org.office_a)
    open_correction(org)

    def count(url, params):
        with CaptureQueriesContext(connection) as captured:
            body(client.get(url, params))
        return len(captured)

    complaints = count(reverse("complaint-list"), {"export": "csv"})
    corrections = count(reverse("correction-list"), {"mine": "false", "export": "xlsx"})
    for n in range(4):
        open_correction(org, complaint=register(org.oa, org.office_a, consumer_number=f"77{n:08d}"))
    assert count(reverse("complaint-list"), {"export": "csv"}) == complaints
    assert count(reverse("correction-list"), {"mine": "false", "export": "xlsx"}) == corrections


def test_sheet_names_excel_refuses_are_cleaned():
    assert _sheet_title("Open / closed: [all]?") == "Open   closed   all  "
    assert len(_sheet_title("x" * 40)) == 31
