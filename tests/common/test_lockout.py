"""Password guessing meets the same lockout on every way in (issue 10, finding 1):
counted per username and per address in the database every worker shares."""

import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import PASSWORD

LIMIT = 3


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


def english(client):
    # Pages are Hindi first whatever the browser asks; the switch's cookie chooses English.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def browser_login(client, username, password, *, address="127.0.0.1"):
    return english(client).post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers={"accept-language": "en"},
    )


def admin_login(client, username, password):
    return english(client).post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        headers={"accept-language": "en"},
    )


def token(username, password, *, address="127.0.0.1"):
    return APIClient(headers={"accept-language": "en"}).post(
        reverse("api-token"),
        {"username": username, "password": password},
        format="json",
        REMOTE_ADDR=address,
    )


def test_browser_login_locks_out_then_refuses_the_right_password(client, org):
    statuses = [browser_login(client, "oa.a", "guess").status_code for _ in range(LIMIT)]
    assert statuses == [200] * (LIMIT - 1) + [429]
    response = browser_login(client, "oa.a", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts. Wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_is_locked_out(client, org):
    for _ in range(15):
        admin_login(client, "admin", "guess")
    response = admin_login(client, "admin", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_token_refused_while_browser_login_refuses_the_user(client, org):
    for _ in range(LIMIT):
        browser_login(client, "callcentre", "guess")
    response = token("callcentre", PASSWORD, address="10.0.0.9")
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert "token" not in response.json()


def test_token_endpoint_guessing_then_right_password_gets_no_token(org):
    for _ in range(15):
        assert token("callcentre", "guess").status_code in (400, 429)
    response = token("callcentre", PASSWORD)
    assert response.status_code == 429
    assert "token" not in response.json()


def test_one_address_guessing_many_usernames_is_locked_out(client, org):
    for name in ("oa.a", "am.a", "manager.a"):
        browser_login(client, name, "guess", address="10.1.1.1")
    assert browser_login(client, "gm.one", PASSWORD, address="10.1.1.1").status_code == 429
    # The same person from another address is not held up by that address.
    assert browser_login(client, "gm.one", PASSWORD, address="10.1.1.2").status_code == 302


def test_one_username_guessed_from_many_addresses_is_locked_out(client, org):
    for n in range(LIMIT):
        browser_login(client, "dgm.one", "guess", address=f"10.2.0.{n}")
    assert browser_login(client, "dgm.one", PASSWORD, address="10.2.9.9").status_code == 429


def test_a_guesser_cannot_clear_the_count_by_logging_in_as_themselves(client, org):
    for _ in range(LIMIT - 1):
        browser_login(client, "gm.one", "guess")
    assert browser_login(client, "oa.a", PASSWORD).status_code == 302  # their own account
    client.logout()
    browser_login(client, "gm.one", "guess")
    assert browser_login(client, "gm.one", PASSWORD, address="10.4.4.4").status_code == 429


def test_lockout_is_logged_and_an_administrator_lifts_it(client, org, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(LIMIT):
            browser_login(client, "am.a", "guess", address="10.3.3.3")
    assert any("Locking out" in r.getMessage() for r in caplog.records)
    assert browser_login(client, "am.a", PASSWORD, address="10.3.3.4").status_code == 429

    client.force_login(org.admin)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "am.a" in client.get(changelist).content.decode()
    ids = list(AccessAttempt.objects.filter(username="am.a").values_list("pk", flat=True))
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302
    client.logout()
    assert browser_login(client, "am.a", PASSWORD, address="10.3.3.4").status_code == 302


def test_behind_the_proxy_each_client_address_is_counted_apart(client, org, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    def through_proxy(username, password, client_address, spoofed="1.2.3.4"):
        return client.post(
            reverse("login"),
            {"username": username, "password": password},
            REMOTE_ADDR="10.9.9.9",  # the proxy
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_address}",
            HTTP_X_FORWARDED_PROTO="https",
            secure=True,
        )

    for name, spoofed in (("oa.a", "5.5.5.5"), ("am.a", "6.6.6.6"), ("manager.a", "7.7.7.7")):
        through_proxy(name, "guess", "203.0.113.7", spoofed)  # one guesser, forged prefixes
    assert through_proxy("gm.one", PASSWORD, "203.0.113.7").status_code == 429
    # Another office behind the same proxy is not locked out by that guesser.
    assert through_proxy("dgm.one", PASSWORD, "198.51.100.20").status_code == 302
