from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD


def test_token_for_good_credentials(org):
    response = APIClient().post(
        reverse("api-token"), {"username": "callcentre", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=org.call_centre).key}


def test_token_refused_for_bad_credentials(org):
    response = APIClient().post(
        reverse("api-token"),
        {"username": "callcentre", "password": "nope"},
        format="json",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Token.objects.exists()


def test_token_missing_fields_are_named(org):
    response = APIClient().post(reverse("api-token"), {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_token_wrong_method(org):
    assert APIClient().get(reverse("api-token")).status_code == 405


def test_me_with_token_shows_scope(org):
    token = Token.objects.create(user=org.dgm)
    client = APIClient(headers={"authorization": f"Token {token.key}"})
    response = client.get(reverse("api-me"))
    assert response.status_code == 200
    body = response.json()
    assert body["designation"] == "dgm"
    assert {o["contact_id"] for o in body["offices"]} == {"OFA-Z01", "OFB-DC01"}


def test_me_with_session(client, org):
    client.login(username="OFA-Z01", password=PASSWORD)
    body = client.get(reverse("api-me")).json()
    assert body["designation"] == "desk"
    assert [o["contact_id"] for o in body["offices"]] == ["OFA-Z01"]


def test_me_needs_authentication(db):
    assert APIClient().get(reverse("api-me")).status_code == 401


def test_schema_is_openapi_3(db):
    response = APIClient().get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/auth/token/" in schema["paths"]


def test_docs_served_from_local_static_files(db):
    response = APIClient().get(reverse("api-docs"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in body
    assert "cdn." not in body


def test_token_endpoint_slows_password_guessing(org, settings):
    # The request rate alone (the lockout has its own tests in tests/common/).
    settings.AXES_FAILURE_LIMIT = 100
    client = APIClient()
    statuses = [
        client.post(
            reverse("api-token"), {"username": "callcentre", "password": "guess"}, format="json"
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
