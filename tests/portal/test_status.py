"""The consumer's status page and API: no login, nothing private, one answer for a miss."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from billing.services import correction_transition
from complaints.services import complaint_settle
from tests.factories import open_correction, register

API = reverse("api-public-status")
PAGE = reverse("public-status")
PRIVATE = ["रामप्रसाद", "9827012345", "8450", "2000", "Reading 4821", "oa.a", "manager.a"]


def ask(client, complaint_number, consumer_number, url=API, **headers):
    return client.get(
        url,
        {"complaint_number": complaint_number, "consumer_number": consumer_number},
        **headers,
    )


def leaks(text: str) -> list[str]:
    return [word for word in PRIVATE if word in text]


def test_a_registered_complaint(org):
    complaint = register(org.oa, org.office_a, consumer_number="1234567890")
    response = ask(APIClient(), complaint.complaint_number, "1234567890")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "complaint_number", "status", "status_label", "stage", "stage_label",
        "registered_on", "due_on", "outcome", "outcome_label", "correction_result",
        "correction_result_label",
    }  # fmt: skip
    assert data["status"] == "registered"
    assert data["stage_label"]["en"] == "Received. Your office is looking into it."
    assert set(data["stage_label"]) == {"hi", "en"}
    assert data["registered_on"] == timezone.localdate(complaint.created_at).isoformat()
    assert data["due_on"] is not None
    assert data["outcome"] is None
    assert leaks(response.content.decode()) == []
    assert response["Cache-Control"] == "no-store"


def test_a_correction_in_progress_and_applied(org):
    correction = open_correction(org)
    number = correction.complaint.complaint_number
    correction = correction_transition(correction=correction, user=org.am, name="forward")
    correction = correction_transition(correction=correction, user=org.manager, name="forward")
    data = ask(APIClient(), number, "1234567890").json()
    assert (data["status"], data["stage"]) == ("under_correction", "dgm")
    assert "division office" in data["stage_label"]["en"]
    correction = correction_transition(
        correction=correction, user=org.dgm, name="recommend", recommendation="for",
        recommended_amount="3120.00", remarks="Verified on site.",
    )  # fmt: skip
    correction = correction_transition(
        correction=correction, user=org.gm, name="approve", approved_amount="3120.00"
    )
    correction_transition(
        correction=correction, user=org.oa, name="apply", revised_bill_reference="RB-1"
    )
    response = ask(APIClient(), number, "1234567890")
    data = response.json()
    assert (data["status"], data["outcome"], data["correction_result"]) == (
        "resolved",
        "resolved",
        "applied",
    )
    assert data["due_on"] is None
    assert data["correction_result_label"]["en"] == "Your bill was corrected."
    assert leaks(response.content.decode()) == []
    assert "3120" not in response.content.decode() and "RB-1" not in response.content.decode()


def test_a_closed_complaint_keeps_its_outcome(org):
    complaint = register(org.oa, org.office_a, consumer_number="1234567890")
    complaint_settle(complaint=complaint, user=org.manager, action="reject", remarks="Bill right.")
    complaint_settle(complaint=complaint, user=org.manager, action="close", remarks="Told.")
    data = ask(APIClient(), complaint.complaint_number, "1234567890").json()
    assert (data["status"], data["outcome"]) == ("closed", "rejected")


def test_miss_and_mismatch_are_the_same_answer(org, django_assert_num_queries):
    complaint = register(org.oa, org.office_a, consumer_number="1234567890")
    client = APIClient()
    with django_assert_num_queries(1):
        mismatch = ask(client, complaint.complaint_number, "1234567899")
    with django_assert_num_queries(1):
        missing = ask(client, "OFA-Z01-2026-999999", "1234567890")
    assert mismatch.status_code == missing.status_code == 404
    assert mismatch.content == missing.content
    assert sorted(mismatch.headers.items()) == sorted(missing.headers.items())
    page_mismatch = ask(client, complaint.complaint_number, "1234567899", url=PAGE)
    page_missing = ask(client, "OFA-Z01-2026-999999", "1234567899", url=PAGE)
    assert page_mismatch.status_code == page_missing.status_code == 404

    def page(response, number):
        # The page echoes what was typed and carries a fresh CSRF token: nothing else differs.
        text = response.content.decode().replace(number, "N")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert page(page_mismatch, complaint.complaint_number) == page(
        page_missing, "OFA-Z01-2026-999999"
    )


def test_rate_limit_per_address(org, settings):
    settings.PUBLIC_STATUS_LOOKUPS = 3
    client = APIClient()
    for _ in range(3):
        assert ask(client, "1", "2", REMOTE_ADDR="10.0.0.1").status_code == 404
    limited = ask(client, "1", "2", REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    assert limited.status_code == 429
    assert limited.json() == {
        "detail": "Too many look-ups from your connection. Please wait a minute and try again."
    }
    assert limited["Retry-After"] == "60"
    # Another address is counted on its own; the page shares the address's count.
    assert ask(client, "1", "2", REMOTE_ADDR="10.0.0.2").status_code == 404
    assert ask(client, "1", "2", url=PAGE, REMOTE_ADDR="10.0.0.1").status_code == 429


def test_bad_input_is_a_clear_400(org):
    response = APIClient().get(API, {"complaint_number": "123"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "consumer_number" in response.json()


def test_the_page_is_hindi_by_default_and_switches(org, client):
    complaint = register(org.oa, org.office_a, consumer_number="1234567890")
    response = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="hi">' in html
    assert 'name="viewport"' in html
    assert 'name="language" value="en"' in html  # the language switch
    client.cookies["django_language"] = "en"
    answer = ask(client, complaint.complaint_number, "1234567890", url=PAGE)
    text = answer.content.decode()
    assert '<html lang="en">' in text
    assert "Received. Your office is looking into it." in text
    assert leaks(text) == []


def test_the_page_asks_no_login_and_refuses_post(org, client):
    assert client.get(PAGE).status_code == 200
    assert client.post(PAGE).status_code == 405
    assert APIClient().post(API).status_code == 405


@pytest.mark.parametrize("number", ["१२३४५६७८९०", "12345 67890"])
def test_consumer_number_as_printed_is_accepted(org, number):
    complaint = register(org.oa, org.office_a, consumer_number="1234567890")
    assert ask(APIClient(), complaint.complaint_number, number).status_code == 200


def test_login_page_links_to_the_status_page(client):
    assert f'href="{PAGE}"' in client.get(reverse("login")).content.decode()


def test_schema_lists_the_public_and_report_endpoints(org, client):
    from tests.common.test_exports import api

    schema = api(org.oa).get(reverse("api-schema"), {"format": "json"})
    paths = json.loads(schema.content)["paths"]
    for path in (
        "/api/v1/public/status/",
        "/api/v1/reports/pendency/",
        "/api/v1/reports/compliance/",
        "/api/v1/categories/",
        "/api/v1/offices/",
    ):
        assert path in paths
