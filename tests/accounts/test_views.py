from django.urls import reverse

from tests.factories import PASSWORD, login


def test_login_page_renders(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert response.headers["Content-Language"] == "hi"


def test_login_with_good_password_goes_home(client, org):
    response = client.post(reverse("login"), {"username": "oa.a", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_login_with_bad_password_is_refused_in_the_users_language(client, org, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("login"), {"username": "oa.a", "password": "wrong"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert "_auth_user_id" not in client.session


def test_staff_see_hindi_by_default_whatever_the_browser_says(client, org):
    login(client, org.manager)
    body = client.get(reverse("home"), headers={"accept-language": "en-US,en"}).content.decode()
    assert "प्रबंधक" in body
    assert "आपका क्षेत्राधिकार" in body


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
