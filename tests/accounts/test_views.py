import pytest
from django.urls import reverse

from tests.factories import PASSWORD, open_correction


def login(client, user, language=None):
    if language:
        user.language = language
        user.save(update_fields=["language"])
    assert client.login(username=user.username, password=PASSWORD)


def test_login_page_renders(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert response.headers["Content-Language"] == "hi"


def test_login_with_good_password_goes_home(client, org):
    response = client.post(reverse("login"), {"username": "oa.a", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_login_with_bad_password_is_refused_in_the_users_language(client, org):
    response = client.post(
        reverse("login"),
        {"username": "oa.a", "password": "wrong"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert "_auth_user_id" not in client.session


def test_home_requires_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_home_shows_designation_and_scope(client, org):
    login(client, org.dgm, language="en")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Deputy general manager" in body
    assert "OFA-Z01" in body
    assert "OFB-DC01" in body
    assert "OFX-Z01" not in body


def test_home_shows_the_desk_login_its_duty(client, org):
    login(client, org.desk, language="en")
    body = client.get(reverse("home")).content.decode()
    assert "operator's name and employee number" in body
    assert "Register complaints" in body
    assert "Record and edit bill corrections" not in body


def test_staff_see_hindi_by_default_whatever_the_browser_says(client, org):
    login(client, org.manager)
    body = client.get(reverse("home"), headers={"accept-language": "en-US,en"}).content.decode()
    assert "प्रबंधक" in body
    assert "आपका क्षेत्राधिकार" in body


def test_home_escapes_names(client, org):
    org.manager.first_name = "<script>alert(1)</script>"
    org.manager.save()
    login(client, org.manager)
    body = client.get(reverse("home")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_home_wrong_method(client, org):
    login(client, org.oa)
    assert client.post(reverse("home")).status_code == 405


def test_language_switch_to_english_and_back_is_remembered(client, org):
    login(client, org.manager)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "Manager" in client.get(reverse("home")).content.decode()
    org.manager.refresh_from_db()
    assert org.manager.language == "en"
    client.post(reverse("set_language"), {"language": "hi", "next": reverse("home")})
    assert "प्रबंधक" in client.get(reverse("home")).content.decode()


def test_language_switch_refuses_unknown_language_and_foreign_redirect(client, org):
    login(client, org.manager)
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.url == "/"
    org.manager.refresh_from_db()
    assert org.manager.language == "hi"


def test_language_switch_on_login_page_for_anonymous(client, db):
    client.post(reverse("set_language"), {"language": "hi", "next": reverse("login")})
    body = client.get(reverse("login"), headers={"accept-language": "en"}).content.decode()
    assert "उपयोगकर्ता नाम या संपर्क आईडी" in body


def test_language_switch_wrong_method(client, db):
    assert client.get(reverse("set_language")).status_code == 405


def test_logout_needs_post(client, org):
    login(client, org.oa)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("persona", ["oa", "dgm", "gm", "call_centre", "admin"])
def test_home_query_count_is_constant(client, org, persona, django_assert_max_num_queries):
    login(client, getattr(org, persona))
    # session, user, scope, pending files, complaint counts, unread notices (+ savepoints);
    # the scope is read as a list of office ids by each of the two counts (the planner
    # needs the literal ids to pick an index at two million complaints).
    with django_assert_max_num_queries(9):
        assert client.get(reverse("home")).status_code == 200


def test_home_shows_what_waits_for_me(client, org):
    correction = open_correction(org)
    login(client, org.am, language="en")
    workload = client.get(reverse("home")).context["workload"]
    assert workload == {"pending": 1, "open_complaints": 1, "overdue_complaints": 0}
    assert correction.complaint.office == org.office_a


def test_login_locks_out_a_guesser_for_a_while(client, org, settings):
    settings.LOGIN_FAILURES_ALLOWED = 3
    for _ in range(3):
        assert (
            client.post(reverse("login"), {"username": "oa.a", "password": "x"}).status_code == 200
        )
    response = client.post(
        reverse("login"),
        {"username": "oa.a", "password": PASSWORD},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another username from the same place is not held up.
    assert (
        client.post(reverse("login"), {"username": "am.a", "password": PASSWORD}).status_code == 302
    )
