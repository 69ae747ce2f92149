"""Error pages in the site's frame, Hindi first for visitors, and forms that say what is
wrong once."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from complaints.validators import current_month
from tests.complaints.test_views import form_data, login
from tests.factories import open_correction


def test_desk_login_opening_a_correction_gets_the_styled_refusal_in_hindi(client, org):
    correction = open_correction(org)
    login(client, org.desk, language="hi")
    response = client.get(
        reverse("correction-create", args=[correction.complaint.complaint_number])
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert 'class="topbar"' in body
    assert "यह आपके लॉग इन के लिए नहीं है" in body


@pytest.mark.parametrize("debug", [False, True])
def test_not_found_is_the_styled_page_also_under_make_run(client, org, settings, debug):
    settings.DEBUG = debug
    login(client, org.oa, language="hi")
    for url in ("/no/such/page/", reverse("complaint-detail", args=["NOPE-2026-1"])):
        response = client.get(url)
        assert response.status_code == 404
        assert "यहाँ कुछ नहीं है" in response.content.decode()
        assert "DEBUG = True" not in response.content.decode()


def test_a_missing_slash_still_redirects(client, org, settings):
    settings.DEBUG = True
    login(client, org.oa)
    assert client.get("/complaints").status_code == 301


def test_server_error_page_renders_without_a_request():
    with translation.override("hi"):
        body = render_to_string("500.html")
    assert "हमारी ओर से कुछ गड़बड़ हुई" in body
    assert "set_language" not in body and "csrfmiddlewaretoken" not in body


def test_a_refused_form_explains_itself(org):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"username": "oa.a", "password": "x"})
    assert response.status_code == 403
    assert "फ़ॉर्म स्वीकार नहीं हो सका" in response.content.decode()


def test_an_english_browser_gets_hindi_until_the_visitor_switches(client, db):
    english = {"accept-language": "en-US,en;q=0.9"}
    response = client.get(reverse("login"), headers=english)
    assert response.headers["Content-Language"] == "hi"
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    response = client.get(reverse("login"), headers=english)
    assert response.headers["Content-Language"] == "en"
    assert client.cookies["django_language"]["max-age"] >= 365 * 24 * 3600


def test_an_empty_login_says_what_is_missing(client, db):
    client.cookies["django_language"] = "en"
    body = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert "Enter your username and password." in body
    assert body.count('class="field-error"') == 2


def test_a_future_bill_month_gets_one_error(client, org):
    login(client, org.oa)
    future = current_month().replace(year=current_month().year + 1)
    response = client.post(
        reverse("complaint-create"), form_data(org, bill_month=future.strftime("%Y-%m"))
    )
    assert response.context["form"].errors["bill_month"] == [
        "The bill month cannot be in the future."
    ]


def test_dates_the_wrong_way_round_are_named(client, org):
    login(client, org.oa)
    response = client.get(
        reverse("complaint-list"), {"created_from": "2026-12-01", "created_to": "2026-11-01"}
    )
    assert "The end date is before the start date" in response.content.decode()


def test_sort_choices_read_as_words_in_both_languages(client, org):
    login(client, org.oa)
    body = client.get(reverse("complaint-list")).content.decode()
    assert "Due latest first" in body
    assert "descending" not in body
