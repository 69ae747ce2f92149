import pytest
from django.urls import reverse

from tests.factories import login, open_correction


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
