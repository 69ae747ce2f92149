import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from billing.diagram import document
from billing.models import BillCorrection
from billing.workflow import STEPS
from complaints.models import Category
from complaints.validators import current_month
from tests.factories import open_correction, register

LIST = reverse("api-correction-list")


def api(user):
    token, _ = Token.objects.get_or_create(user=user)
    return APIClient(headers={"authorization": f"Token {token.key}", "accept-language": "en"})


def url(correction, name=None):
    if name:
        return reverse("api-correction-transition", args=[correction.pk, name])
    return reverse("api-correction-detail", args=[correction.pk])


def create_body(complaint, **overrides):
    body = {
        "complaint_number": complaint.complaint_number,
        "bill_month": (complaint.bill_month or current_month()).strftime("%Y-%m"),
        "original_amount": "8450.00",
        "corrected_amount": "3120.00",
        "reason": "wrong_reading",
        "remarks": "Reading keyed wrongly.",
    }
    body.update(overrides)
    return body


def test_create_correction(org):
    complaint = register(org.oa, org.office_a)
    response = api(org.oa).post(LIST, create_body(complaint), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "assistant"
    assert body["difference"] == "-5330.00"
    assert body["available_transitions"] == []  # the OA records; the AM forwards
    assert [s["stage"] for s in body["stages"]] == ["assistant"]
    assert api(org.am).get(url(BillCorrection.objects.get())).json()["available_transitions"] == [
        "forward"
    ]


def test_create_conflicts_and_bad_complaints(org):
    complaint = register(org.oa, org.office_a)
    client = api(org.oa)
    client.post(LIST, create_body(complaint), format="json")
    response = client.post(LIST, create_body(complaint), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "open_correction"
    supply = register(
        org.oa, org.office_a, category=Category.objects.get(code="supply"), bill_month=None
    )
    response = client.post(LIST, create_body(supply), format="json")
    assert response.status_code == 400
    assert "complaint_number" in response.json()
    other = register(org.outsider, org.office_x)
    response = client.post(LIST, create_body(other), format="json")
    assert response.status_code == 400  # not in scope: not even confirmed to exist
    response = client.post(LIST, create_body(complaint, corrected_amount="-5"), format="json")
    assert response.status_code == 400


@pytest.mark.parametrize("persona", ["manager", "dgm", "desk"])
def test_create_refused_for_other_roles(org, persona):
    complaint = register(org.oa, org.office_a)
    response = api(getattr(org, persona)).post(LIST, create_body(complaint), format="json")
    assert response.status_code == 403
    assert not BillCorrection.objects.exists()


def test_call_centre_can_never_act_on_a_correction(org):
    complaint = register(org.call_centre, org.office_a, complaint_number="2611269999999")
    response = api(org.call_centre).post(LIST, create_body(complaint), format="json")
    assert response.status_code == 403
    correction = open_correction(org, complaint=complaint)
    assert api(org.call_centre).get(url(correction)).status_code == 404
    assert (
        api(org.call_centre).post(url(correction, "forward"), {}, format="json").status_code == 404
    )


def test_the_whole_chain_over_the_api(org):
    correction = open_correction(org)
    steps = [
        (org.am, "forward", {"remarks": "Verified."}),
        (org.manager, "forward", {}),
        (org.dgm, "recommend", {"recommendation": "for", "recommended_amount": "3120.00",
                                "remarks": "Justified."}),
        (org.gm, "approve", {"remarks": "Permitted."}),
        (org.am, "apply", {"revised_bill_reference": "RB-7"}),
    ]  # fmt: skip
    for user, name, body in steps:
        response = api(user).post(url(correction, name), body, format="json")
        assert response.status_code == 200, (name, response.json())
    body = response.json()
    assert body["state"] == "applied"
    assert body["approved_amount"] == "3120.00"
    assert [s["action"] for s in body["stages"]] == [
        "forward",
        "forward",
        "recommend",
        "approve",
        "apply",
    ]
    assert all(s["overdue"] is False for s in body["stages"])


def test_transition_status_codes(org):
    correction = open_correction(org)
    # 404: outside scope, and an unknown step
    assert api(org.outsider).post(url(correction, "forward"), {}, format="json").status_code == 404
    assert api(org.am).post(url(correction, "jump"), {}, format="json").status_code == 404
    # 403: in scope but not yours
    response = api(org.oa).post(url(correction, "forward"), {}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    # 409: not a step from here
    response = api(org.gm).post(url(correction, "approve"), {}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "unavailable"
    # 400: a return without remarks
    api(org.am).post(url(correction, "forward"), {}, format="json")
    response = api(org.manager).post(url(correction, "return"), {"remarks": ""}, format="json")
    assert response.status_code == 400
    assert "remarks" in response.json()
    # 409: the state moved on since the caller looked
    response = api(org.manager).post(
        url(correction, "forward"), {"expected_state": "assistant"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    assert (
        "am.a" in response.json()["detail"] or org.am.get_full_name() in response.json()["detail"]
    )
    # wrong method
    assert api(org.manager).get(url(correction, "forward")).status_code == 405


def test_list_filters(org):
    first = open_correction(org)
    second = open_correction(
        org, complaint=register(org.oa, org.office_a, consumer_number="5656565656")
    )
    api(org.am).post(url(second, "forward"), {}, format="json")
    client = api(org.manager)
    assert client.get(LIST).json()["count"] == 2
    mine = client.get(LIST, {"mine": "true"}).json()
    assert [r["id"] for r in mine["results"]] == [second.pk]
    assert client.get(LIST, {"state": "assistant"}).json()["results"][0]["id"] == first.pk
    assert client.get(LIST, {"office": "OFA-Z01"}).json()["count"] == 2
    assert client.get(LIST, {"overdue": "true"}).json()["count"] == 0
    assert api(org.outsider).get(LIST).json()["count"] == 0


def test_detail_and_list_query_counts(org, django_assert_max_num_queries):
    corrections = [
        open_correction(
            org, complaint=register(org.oa, org.office_a, consumer_number=f"50000000{n:02d}")
        )
        for n in range(10)
    ]
    client = api(org.dgm)
    with django_assert_max_num_queries(8):
        assert client.get(LIST).json()["count"] == 10
    with django_assert_max_num_queries(12):
        assert client.get(url(corrections[0])).status_code == 200


def test_schema_has_the_correction_endpoints():
    schema = APIClient().get(reverse("api-schema"), {"format": "json"}).json()
    assert "/api/v1/corrections/{id}/transitions/{name}/" in schema["paths"]


def test_state_diagram_in_docs_is_generated_from_the_code(settings):
    from pathlib import Path

    committed = (Path(settings.BASE_DIR) / "docs/correction-states.md").read_text()
    assert committed == document()


def test_workflow_table_matches_the_state_machine():
    field = BillCorrection._meta.get_field("state")
    fsm = {(t.source, t.target, t.name) for t in field.get_all_transitions(BillCorrection)}
    table = {(s.source.value, s.target.value, s.method) for s in STEPS}
    assert fsm == table
