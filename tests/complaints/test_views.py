from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from complaints.models import Category, Complaint, ComplaintAttachment
from complaints.validators import current_month
from tests.factories import login, register

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# These pages are checked in English unless a test picks another language.
login = partial(login, language="en")


def form_data(org, **overrides):
    data = {
        "office": org.office_a.pk,
        "consumer_number": "1234567890",
        "consumer_name": "रामप्रसाद पटेल",
        "mobile": "+91 98270-12345",
        "address": "Ward 7, Mhow",
        "category": Category.objects.get(code="excess_bill").pk,
        "bill_month": current_month().strftime("%Y-%m"),
        "billed_amount": "₹8,450.00",
        "amount_deposited": "2000",
        "description": "Bill far above usual consumption.",
    }
    data.update(overrides)
    return data


# --- intake ---------------------------------------------------------------------------


def test_intake_form_renders_for_office_staff(client, org):
    login(client, org.oa)
    response = client.get(reverse("complaint-create"))
    assert response.status_code == 200
    assert b'name="consumer_number"' in response.content
    assert b'name="operator_name"' not in response.content


def test_intake_registers_and_shows_the_number(client, org):
    login(client, org.oa)
    response = client.post(reverse("complaint-create"), form_data(org))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("complaint-registered", args=[complaint.complaint_number])
    assert complaint.mobile == "9827012345"
    assert str(complaint.billed_amount) == "8450.00"
    assert complaint.created_by == org.oa
    page = client.get(response.url)
    assert complaint.complaint_number in page.content.decode()


def test_desk_login_form_asks_for_the_operator(client, org):
    login(client, org.desk)
    response = client.post(reverse("complaint-create"), form_data(org))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"operator_name", "operator_employee_number"}
    assert not Complaint.objects.exists()
    client.post(
        reverse("complaint-create"),
        form_data(org, operator_name="सीमा जैन", operator_employee_number="MPW4411"),
    )
    assert Complaint.objects.get().operator_employee_number == "MPW4411"


def test_intake_duplicate_guard_needs_explicit_confirmation(client, org):
    existing = register(org.oa, org.office_a)
    login(client, org.am)
    response = client.post(reverse("complaint-create"), form_data(org))
    assert response.status_code == 200
    assert existing.complaint_number in response.content.decode()
    assert b'name="separate_complaint"' in response.content
    assert Complaint.objects.count() == 1
    response = client.post(reverse("complaint-create"), form_data(org, separate_complaint="on"))
    assert response.status_code == 302
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consumer_number": "12ab"}, "consumer_number"),
        ({"mobile": "12345"}, "mobile"),
        ({"bill_month": ""}, "bill_month"),
        ({"bill_month": "2026-13"}, "bill_month"),
        ({"billed_amount": "abc"}, "billed_amount"),
        ({"billed_amount": "-5"}, "billed_amount"),
        ({"billed_amount": "100000001"}, "billed_amount"),
        ({"amount_deposited": "9000"}, "amount_deposited"),
        ({"consumer_name": "x" * 121}, "consumer_name"),
        ({"description": ""}, "description"),
        ({"office": "999999"}, "office"),
    ],
)
def test_intake_bad_input_is_named_and_saves_nothing(client, org, overrides, field):
    login(client, org.oa)
    response = client.post(reverse("complaint-create"), form_data(org, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Complaint.objects.exists()


def test_intake_errors_in_hindi(client, org):
    login(client, org.oa, language="hi")
    response = client.post(reverse("complaint-create"), form_data(org, mobile="12345"))
    assert "10 अंकों" in response.content.decode()


def test_intake_refused_for_officers_and_wrong_method(client, org):
    login(client, org.dgm)
    assert client.get(reverse("complaint-create")).status_code == 403
    login(client, org.oa)
    assert client.put(reverse("complaint-create")).status_code == 405


def test_intake_with_attachment(client, org):
    login(client, org.oa)
    upload = SimpleUploadedFile("bill.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("complaint-create"), {**form_data(org), "attachments": upload})
    assert response.status_code == 302
    attachment = ComplaintAttachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "bill.pdf"


def test_intake_rejects_a_disguised_file(client, org):
    login(client, org.oa)
    upload = SimpleUploadedFile(
        "bill.pdf", b"<html>not a pdf</html>", content_type="application/pdf"
    )
    response = client.post(reverse("complaint-create"), {**form_data(org), "attachments": upload})
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors
    assert not Complaint.objects.exists()


# --- list and detail -----------------------------------------------------------------


def test_list_shows_only_the_scope(client, org):
    mine = register(org.oa, org.office_a)
    theirs = register(org.outsider, org.office_x)
    login(client, org.manager)
    body = client.get(reverse("complaint-list")).content.decode()
    assert mine.complaint_number in body
    assert theirs.complaint_number not in body


def test_list_search_and_filters(client, org):
    a = register(org.oa, org.office_a, consumer_name="Kamla Devi", consumer_number="1111111111")
    b = register(
        org.oa,
        org.office_a,
        consumer_name="Ramesh",
        consumer_number="2222222222",
        mobile="9999911111",
        category=Category.objects.get(code="supply"),
        bill_month=None,
    )
    c = register(org.manager_b, org.office_b, consumer_number="3333333333")
    login(client, org.dgm)

    def numbers(**params):
        page = client.get(reverse("complaint-list"), params).context["page"]
        return {x.complaint_number for x in page.object_list}

    assert numbers() == {a.complaint_number, b.complaint_number, c.complaint_number}
    assert numbers(search="kamla") == {a.complaint_number}
    assert numbers(search="2222222222") == {b.complaint_number}
    assert numbers(search="+91 99999 11111") == {b.complaint_number}
    assert numbers(search=c.complaint_number.lower()) == {c.complaint_number}
    assert numbers(category="supply") == {b.complaint_number}
    assert numbers(office="OFB-DC01") == {c.complaint_number}
    assert numbers(office="OFX-Z01") == set()  # outside scope: not a valid choice
    assert numbers(status="registered") == {
        a.complaint_number,
        b.complaint_number,
        c.complaint_number,
    }
    today = timezone.localdate().isoformat()
    assert len(numbers(created_from=today, created_to=today)) == 3
    assert numbers(created_to="2000-01-01") == set()
    assert numbers(overdue="true") == set()
    Complaint.objects.filter(pk=a.pk).update(due_at=timezone.now() - timezone.timedelta(hours=1))
    assert numbers(overdue="true") == {a.complaint_number}
    page = client.get(reverse("complaint-list"), {"ordering": "due"}).context["page"]
    assert page.object_list[0].complaint_number == a.complaint_number


def test_list_overdue_badge(client, org):
    a = register(org.oa, org.office_a)
    Complaint.objects.filter(pk=a.pk).update(due_at=timezone.now() - timezone.timedelta(days=1))
    login(client, org.oa)
    assert 'class="overdue"' in client.get(reverse("complaint-list")).content.decode()


def test_list_query_count_is_constant(client, org, django_assert_max_num_queries):
    for n in range(30):
        register(org.oa, org.office_a, consumer_number=f"90000000{n:02d}")
    login(client, org.dgm)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("complaint-list"))
    assert len(response.context["page"].object_list) == 25


def test_detail_shows_record_and_escapes_html(client, org):
    complaint = register(org.oa, org.office_a, description="<script>alert(1)</script>")
    login(client, org.manager)
    body = client.get(
        reverse("complaint-detail", args=[complaint.complaint_number])
    ).content.decode()
    assert "₹8,450.00" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)</script>" not in body


def test_detail_outside_scope_is_404(client, org):
    complaint = register(org.oa, org.office_a)
    login(client, org.outsider)
    assert (
        client.get(reverse("complaint-detail", args=[complaint.complaint_number])).status_code
        == 404
    )
    assert client.get(reverse("complaint-detail", args=["NOPE-1"])).status_code == 404
    assert (
        client.get(reverse("complaint-registered", args=[complaint.complaint_number])).status_code
        == 404
    )


def test_detail_query_count_is_constant(client, org, django_assert_max_num_queries):
    complaint = register(org.oa, org.office_a)
    login(client, org.manager)
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("complaint-detail", args=[complaint.complaint_number])).status_code
            == 200
        )


# --- settle ---------------------------------------------------------------------------


def settle(client, complaint, action, remarks="", seen=None):
    return client.post(
        reverse("complaint-settle", args=[complaint.complaint_number, action]),
        {"remarks": remarks, "seen_status": seen or complaint.status},
    )


def test_resolve_non_bill_complaint(client, org):
    complaint = register(
        org.oa, org.office_a, category=Category.objects.get(code="supply"), bill_month=None
    )
    login(client, org.am)
    response = settle(client, complaint, "resolve", "Line repaired")
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "resolved"
    assert complaint.events.last().remarks == "Line repaired"


def test_settle_wrong_method_outsider_wrong_role(client, org):
    complaint = register(org.oa, org.office_a)
    url = reverse("complaint-settle", args=[complaint.complaint_number, "reject"])
    login(client, org.manager)
    assert client.get(url).status_code == 405
    login(client, org.outsider)
    assert settle(client, complaint, "reject", "no").status_code == 404
    login(client, org.desk)
    assert settle(client, complaint, "reject", "no").status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == "registered"


def test_settle_needs_remarks(client, org):
    complaint = register(org.oa, org.office_a)
    login(client, org.manager)
    response = settle(client, complaint, "reject", "")
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == "registered"


def test_settle_loser_of_a_race_is_told_who_acted(client, org):
    complaint = register(
        org.oa, org.office_a, category=Category.objects.get(code="supply"), bill_month=None
    )
    login(client, org.am)
    settle(client, complaint, "resolve", "done")
    login(client, org.manager)
    response = settle(client, complaint, "reject", "no", seen="registered")
    assert response.status_code == 409
    assert org.am.get_full_name() in response.content.decode()
    assert complaint.events.count() == 2


def test_detail_offers_only_available_actions(client, org):
    complaint = register(org.oa, org.office_a)
    login(client, org.manager)
    actions = client.get(reverse("complaint-detail", args=[complaint.complaint_number])).context[
        "actions"
    ]
    assert actions == ["reject"]
    login(client, org.dgm)
    actions = client.get(reverse("complaint-detail", args=[complaint.complaint_number])).context[
        "actions"
    ]
    assert actions == []


# --- attachments ----------------------------------------------------------------------


def upload(client, complaint, name, content):
    return client.post(
        reverse("complaint-attachment-upload", args=[complaint.complaint_number]),
        {"attachments": SimpleUploadedFile(name, content)},
    )


def test_attachment_upload_and_download_in_scope(client, org):
    complaint = register(org.oa, org.office_a)
    login(client, org.oa)
    assert upload(client, complaint, "meter.png", PNG).status_code == 302
    attachment = complaint.attachments.get()
    url = reverse("complaint-attachment", args=[complaint.complaint_number, attachment.pk])
    login(client, org.dgm)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert "sandbox" in response["Content-Security-Policy"]
    login(client, org.outsider)
    assert client.get(url).status_code == 404


def test_attachment_type_and_size_are_checked(client, org, settings):
    complaint = register(org.oa, org.office_a)
    login(client, org.oa)
    assert upload(client, complaint, "x.png", b"GIF89a....").status_code == 400
    settings.ATTACHMENT_MAX_BYTES = 100
    assert upload(client, complaint, "big.pdf", PDF + b"0" * 200).status_code == 400
    assert not complaint.attachments.exists()


def test_attachment_upload_refused_outside_scope_and_for_wrong_method(client, org):
    complaint = register(org.oa, org.office_a)
    login(client, org.outsider)
    assert upload(client, complaint, "a.pdf", PDF).status_code == 404
    login(client, org.oa)
    url = reverse("complaint-attachment-upload", args=[complaint.complaint_number])
    assert client.get(url).status_code == 405


def test_admin_lists_complaints_read_only(client, org):
    complaint = register(org.oa, org.office_a)
    login(client, org.admin)
    response = client.get(
        reverse("admin:complaints_complaint_changelist"), {"q": complaint.complaint_number}
    )
    assert response.status_code == 200
    assert complaint.complaint_number in response.content.decode()
    change = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))
    assert change.status_code == 200
    assert b'name="consumer_name"' not in change.content  # view only
    assert client.get(reverse("admin:complaints_complaint_add")).status_code == 403


def test_name_search_has_a_trigram_index(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'complaint_name_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition


def test_edge_dates_in_filters_and_forms_are_not_errors(client, org):
    register(org.oa, org.office_a)
    login(client, org.oa)
    for params in ({"created_to": "9999-12-31"}, {"created_from": "0001-01-01"}):
        assert client.get(reverse("complaint-list"), params).status_code == 200
    response = client.post(reverse("complaint-create"), form_data(org, bill_month="0000-01"))
    assert response.status_code == 200
    assert "bill_month" in response.context["form"].errors


def test_used_category_cannot_change_kind_in_admin(client, org):
    register(org.oa, org.office_a)
    login(client, org.admin)
    category = Category.objects.get(code="excess_bill")
    page = client.get(reverse("admin:complaints_category_change", args=[category.pk]))
    assert b'name="is_bill"' not in page.content


@pytest.mark.parametrize(
    "files",
    [
        {},  # nothing chosen
        {"attachments": "not-a-file"},  # a plain field posing as one
        {"attachments": SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")},
    ],
)
def test_an_upload_without_a_valid_file_is_an_error(client, org, files):
    complaint = register(org.oa, org.office_a)
    login(client, org.oa)
    url = reverse("complaint-attachment-upload", args=[complaint.complaint_number])
    response = client.post(url, files, headers={"accept-language": "en"})
    assert response.status_code == 400
    assert "Attachment added." not in response.content.decode()
    assert not complaint.attachments.exists()
