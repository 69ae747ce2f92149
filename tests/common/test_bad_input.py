"""Each input that once answered 500 (issue 10, finding 2) now answers 400 or 404."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from complaints.models import Complaint
from tests.factories import open_correction, register

DEEP = "[" * 1100 + "]" * 1100


def api(user=None):
    client = APIClient(headers={"accept-language": "en"})
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/complaints/%00/"),
        ("get", "/complaints/a%00b/registered/"),
        ("get", "/complaints/X%00/attachments/1/"),
        ("get", "/corrections/new/%00/"),
        ("post", "/complaints/%00/settle/resolve/"),
        ("get", "/api/v1/complaints/%00/"),
    ],
)
def test_nul_in_path_is_404(org, client, method, path):
    client.force_login(org.manager)
    assert getattr(client, method)(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/complaints/?search=a%00b", "/api/v1/complaints/?office=A%00", "/notices/?page=%00"]
)
def test_nul_in_query_is_400(org, client, path):
    client.force_login(org.manager)
    assert client.get(path).status_code == 400


def test_nul_in_form_body_is_400(org, client):
    complaint = register(org.oa, org.office_a)
    client.force_login(org.manager)
    url = reverse("complaint-settle", args=[complaint.complaint_number, "resolve"])
    assert client.post(url, {"remarks": "done\x00"}).status_code == 400
    assert Complaint.objects.get().status == complaint.status


@pytest.mark.parametrize("field", ["office", "category"])
def test_nul_in_api_slug_is_400(org, field):
    body = {
        "office": org.office_a.contact_id,
        "consumer_number": "1234567890",
        "consumer_name": "Ram",
        "mobile": "9827012345",
        "category": "supply",
        "description": "No supply.",
        field: "ab\u0000cd",
    }
    response = api(org.oa).post("/api/v1/complaints/", body, format="json")
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_nul_in_a_json_key_is_400(org):
    response = api(org.oa).post(
        "/api/v1/complaints/", '{"off\\u0000ice": "x"}', content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["anonymous", "oa"])
def test_deep_json_is_400(org, who):
    user = None if who == "anonymous" else org.oa
    correction = open_correction(org)
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/complaints/",
        reverse("api-correction-transition", args=[correction.pk, "forward"]),
    ):
        response = api(user).post(path, DEEP, content_type="application/json")
        expected = 400 if user or path.endswith("token/") else 401
        assert response.status_code == expected, path


def test_depth_within_limit_still_parses(org):
    nested = '{"remarks": "x", "details": ' + "[" * 20 + "]" * 20 + "}"
    response = api(org.oa).post("/api/v1/complaints/", nested, content_type="application/json")
    assert response.status_code == 400  # a validation error on the fields, not a parse error
    assert "office" in response.json()


@pytest.mark.parametrize("ordering", [",", ",,", "due,", ",-created", "-due"])
def test_list_ordering_is_always_total(org, ordering):
    for _ in range(3):
        register(org.oa, org.office_a)
    response = api(org.manager).get("/api/v1/complaints/", {"ordering": ordering})
    assert response.status_code == 200
    assert response.json()["count"] == 3
