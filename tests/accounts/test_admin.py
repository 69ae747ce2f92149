from django.urls import reverse

from accounts.models import Designation, Office, PostingRecord, User
from accounts.selectors import offices_for
from tests.factories import PASSWORD


def admin_client(client, org):
    assert client.login(username=org.admin.username, password=PASSWORD)
    return client


def test_admin_lists_offices_with_search_and_filters(client, org):
    admin_client(client, org)
    response = client.get(reverse("admin:accounts_office_changelist"), {"q": "OFB"})
    assert response.status_code == 200
    assert b"OFB-DC01" in response.content
    assert b"OFA-Z01" not in response.content
    response = client.get(reverse("admin:accounts_office_changelist"), {"area__exact": "rural"})
    assert b"OFB-DC01" in response.content


def test_admin_creates_office_with_its_scope_group(client, org):
    admin_client(client, org)
    response = client.post(
        reverse("admin:accounts_office_add"),
        {
            "name": "New Zone",
            "name_hi": "नया ज़ोन",
            "division": org.division.pk,
            "kind": "zone",
            "area": "urban",
            "contact_id": "NEW-Z09",
        },
    )
    assert response.status_code == 302
    office = Office.objects.get(contact_id="NEW-Z09")
    assert office.group.name == "office:NEW-Z09"
    assert office in offices_for(org.dgm)


def test_admin_refuses_bad_contact_id(client, org):
    admin_client(client, org)
    response = client.post(
        reverse("admin:accounts_office_add"),
        {
            "name": "Bad",
            "division": org.division.pk,
            "kind": "zone",
            "area": "urban",
            "contact_id": "bad id",
        },
    )
    assert response.status_code == 200
    assert not Office.objects.filter(name="Bad").exists()


def user_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "employee_number": user.employee_number,
        "email": user.email,
        "mobile": user.mobile,
        "language": user.language,
        "designation": user.designation,
        "office": user.office_id or "",
        "division": user.division_id or "",
        "circle": user.circle_id or "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "posting_records-TOTAL_FORMS": "0",
        "posting_records-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_admin_transfer_moves_scope_and_records_it(client, org):
    admin_client(client, org)
    url = reverse("admin:accounts_user_change", args=[org.oa.pk])
    response = client.post(url, user_form(org.oa, office=org.office_b.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    oa = User.objects.get(pk=org.oa.pk)
    assert [o.contact_id for o in offices_for(oa)] == ["OFB-DC01"]
    latest = PostingRecord.objects.filter(user=oa).first()
    assert latest.office == org.office_b
    assert latest.recorded_by == org.admin


def test_admin_refuses_posting_that_does_not_fit(client, org):
    admin_client(client, org)
    url = reverse("admin:accounts_user_change", args=[org.oa.pk])
    org.admin.language = "en"
    org.admin.save()
    response = client.post(url, user_form(org.oa, designation=Designation.DGM))
    assert response.status_code == 200
    assert b"This designation is posted to a division" in response.content
    org.oa.refresh_from_db()
    assert org.oa.designation == Designation.OFFICE_ASSISTANT


def test_non_staff_cannot_reach_admin(client, org):
    client.login(username=org.gm.username, password=PASSWORD)
    response = client.get(reverse("admin:accounts_office_changelist"))
    assert response.status_code == 302
