import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from complaints.models import Complaint, ComplaintEvent
from complaints.validators import current_month
from tests.factories import register

LIST = reverse("api-complaint-list")


def detail(number):
    return reverse("api-complaint-detail", args=[number])


def api(user, language="en"):
    token, _ = Token.objects.get_or_create(user=user)
    return APIClient(headers={"authorization": f"Token {token.key}", "accept-language": language})


def payload(**overrides):
    body = {
        "complaint_number": "2611260012345",
        "office": "OFA-Z01",
        "consumer_number": "3412567890",
        "consumer_name": "रामप्रसाद पटेल",
        "mobile": "+91 98270 12345",
        "address": "वार्ड 7, महू",
        "category": "excess_bill",
        "bill_month": current_month().strftime("%Y-%m"),
        "billed_amount": "8450.00",
        "amount_deposited": "2000.00",
        "description": "मीटर बंद होने पर भी औसत खपत से अधिक बिल।",
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def test_call_centre_registers_a_complaint(org):
    response = api(org.call_centre).post(LIST, payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["complaint_number"] == "2611260012345"
    assert body["status"] == "registered"
    assert body["office"] == "OFA-Z01"
    assert body["category"] == "excess_bill"
    assert body["consumer_number"] == "3412567890"
    assert body["mobile"] == "9827012345"
    assert body["billed_amount"] == "8450.00"
    assert body["created_at"].endswith("+05:30")
    assert body["due_at"]
    complaint = Complaint.objects.get()
    assert complaint.source == "call_centre"
    assert complaint.created_by == org.call_centre


def test_identical_replay_is_idempotent(org):
    client = api(org.call_centre)
    first = client.post(LIST, payload(), format="json")
    again = client.post(LIST, payload(), format="json")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Complaint.objects.count() == 1
    assert ComplaintEvent.objects.count() == 1


def test_same_number_different_data_conflicts(org):
    client = api(org.call_centre)
    client.post(LIST, payload(), format="json")
    response = client.post(LIST, payload(consumer_name="Someone else"), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "number_conflict"
    assert Complaint.objects.get().consumer_name == "रामप्रसाद पटेल"


def test_duplicate_consumer_month_answers_409_unless_allowed(org):
    existing = register(org.oa, org.office_a, consumer_number="3412567890")
    client = api(org.call_centre)
    response = client.post(LIST, payload(), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate"
    assert response.json()["existing"] == [existing.complaint_number]
    response = client.post(LIST, payload(allow_duplicate=True), format="json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"complaint_number": None}, "complaint_number"),
        ({"complaint_number": "12-AB/7"}, "complaint_number"),
        ({"office": "NOPE-01"}, "office"),
        ({"consumer_number": "12345"}, "consumer_number"),
        ({"mobile": "1234567890"}, "mobile"),
        ({"category": "unknown"}, "category"),
        ({"bill_month": "10-2026"}, "bill_month"),
        ({"bill_month": "2999-01"}, "bill_month"),
        ({"bill_month": None}, "bill_month"),
        ({"billed_amount": "-1"}, "billed_amount"),
        ({"billed_amount": "ten"}, "billed_amount"),
        ({"billed_amount": "100000000.01"}, "billed_amount"),
        ({"amount_deposited": "9000.00"}, "amount_deposited"),
        ({"consumer_name": "x" * 121}, "consumer_name"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(org, overrides, field):
    response = api(org.call_centre).post(LIST, payload(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Complaint.objects.exists()


def test_errors_come_in_hindi_when_asked(org):
    response = api(org.call_centre, language="hi").post(
        LIST, payload(mobile="12345"), format="json"
    )
    assert response.status_code == 400
    assert "10 अंकों" in response.json()["mobile"][0]


def test_office_staff_create_only_in_their_office_and_get_issued_numbers(org):
    client = api(org.oa)
    response = client.post(LIST, payload(complaint_number=None, office="OFB-DC01"), format="json")
    assert response.status_code == 400
    assert "office" in response.json()
    response = client.post(LIST, payload(complaint_number=None), format="json")
    assert response.status_code == 201
    assert response.json()["complaint_number"].startswith("OFA-Z01-")
    response = client.post(LIST, payload(), format="json")
    assert response.status_code == 400
    assert "complaint_number" in response.json()


@pytest.mark.parametrize("persona", ["dgm", "gm", "admin"])
def test_officers_cannot_register_over_the_api(org, persona):
    response = api(getattr(org, persona)).post(LIST, payload(), format="json")
    assert response.status_code == 403


def test_unauthenticated_is_401(org):
    assert APIClient().post(LIST, payload(), format="json").status_code == 401
    assert APIClient().get(LIST).status_code == 401


def test_detail_with_history_and_scope(org):
    complaint = register(org.oa, org.office_a)
    response = api(org.dgm).get(detail(complaint.complaint_number))
    assert response.status_code == 200
    body = response.json()
    assert body["complaint_number"] == complaint.complaint_number
    assert body["history"] == [
        {
            "from_status": "",
            "to_status": "registered",
            "actor": "oa.a",
            "at": body["history"][0]["at"],
            "remarks": "",
            "due_at": body["due_at"],
        }
    ]
    assert api(org.outsider).get(detail(complaint.complaint_number)).status_code == 404
    assert api(org.dgm).get(detail("NOPE-404")).status_code == 404


def test_call_centre_reads_only_what_it_registered(org):
    own = api(org.call_centre).post(LIST, payload(), format="json").json()
    office_made = register(org.oa, org.office_a, consumer_number="5555555555")
    client = api(org.call_centre)
    assert client.get(detail(own["complaint_number"])).status_code == 200
    assert client.get(detail(office_made.complaint_number)).status_code == 404
    listed = client.get(LIST).json()
    assert [r["complaint_number"] for r in listed["results"]] == [own["complaint_number"]]


def test_list_filters_and_pagination(org):
    for n in range(3):
        register(org.oa, org.office_a, consumer_number=f"700000000{n}")
    register(org.manager_b, org.office_b, consumer_number="8000000000")
    client = api(org.dgm)
    body = client.get(LIST).json()
    assert set(body) == {"count", "count_is_exact", "next", "previous", "results"}
    assert body["count"] == 4
    assert body["count_is_exact"] is True
    assert client.get(LIST, {"office": "OFB-DC01"}).json()["count"] == 1
    assert client.get(LIST, {"search": "7000000001"}).json()["count"] == 1
    assert client.get(LIST, {"status": "resolved"}).json()["count"] == 0
    assert client.get(LIST, {"category": "excess_bill"}).json()["count"] == 4
    assert client.get(LIST, {"overdue": "true"}).json()["count"] == 0
    assert client.get(LIST, {"office": "OFX-Z01"}).status_code == 400
    Complaint.objects.filter(consumer_number="7000000000").update(
        due_at=timezone.now() - timezone.timedelta(minutes=5)
    )
    overdue = client.get(LIST, {"overdue": "true"}).json()
    assert overdue["count"] == 1
    assert overdue["results"][0]["overdue"] is True


def test_list_and_detail_query_counts_are_constant(org, django_assert_max_num_queries):
    for n in range(25):
        register(org.oa, org.office_a, consumer_number=f"71000000{n:02d}")
    client = api(org.dgm)
    with django_assert_max_num_queries(6):
        assert len(client.get(LIST).json()["results"]) == 25
    number = Complaint.objects.first().complaint_number
    with django_assert_max_num_queries(6):
        assert client.get(detail(number)).status_code == 200


def test_schema_documents_the_complaints_api_with_examples(org):
    schema = APIClient().get(reverse("api-schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/complaints/" in paths
    assert "/api/v1/complaints/{complaint_number}/" in paths
    post = paths["/api/v1/complaints/"]["post"]
    assert {"201", "200", "400", "409"} <= set(post["responses"])
    examples = post["requestBody"]["content"]["application/json"]["examples"]
    assert examples
