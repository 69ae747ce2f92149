from decimal import Decimal
from functools import partial

import pytest
from django.urls import reverse

from billing.models import BillCorrection
from billing.services import correction_transition
from complaints.models import Category
from tests.factories import login, open_correction, register, to_gm

# These pages are checked in English unless a test picks another language.
login = partial(login, language="en")


def step_url(correction, name):
    return reverse("correction-step", args=[correction.pk, name])


def advance(correction, *steps):
    for user, name, body in steps:
        correction = correction_transition(correction=correction, user=user, name=name, **body)
    return correction


# --- opening ----------------------------------------------------------------------------


def test_record_a_correction_from_the_complaint(client, org):
    complaint = register(org.oa, org.office_a)
    login(client, org.oa)
    page = client.get(reverse("complaint-detail", args=[complaint.complaint_number]))
    assert reverse("correction-create", args=[complaint.complaint_number]) in page.content.decode()
    form = client.get(reverse("correction-create", args=[complaint.complaint_number]))
    assert form.context["form"].initial["original_amount"] == complaint.billed_amount
    response = client.post(
        reverse("correction-create", args=[complaint.complaint_number]),
        {
            "bill_month": complaint.bill_month.strftime("%Y-%m"),
            "original_amount": "8,450.00",
            "corrected_amount": "3120",
            "reason": "wrong_reading",
            "remarks": "Reading keyed wrongly.",
        },
    )
    correction = BillCorrection.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("correction-detail", args=[correction.pk])
    assert correction.created_by == org.oa


def test_record_refused_for_wrong_role_and_outsider(client, org):
    complaint = register(org.oa, org.office_a)
    url = reverse("correction-create", args=[complaint.complaint_number])
    login(client, org.manager)
    assert client.get(url).status_code == 403
    login(client, org.desk)
    assert client.get(url).status_code == 403
    login(client, org.outsider)
    assert client.get(url).status_code == 404
    login(client, org.oa)
    assert client.delete(url).status_code == 405


def test_record_bad_amounts_saves_nothing(client, org):
    complaint = register(org.oa, org.office_a)
    login(client, org.oa)
    response = client.post(
        reverse("correction-create", args=[complaint.complaint_number]),
        {
            "bill_month": complaint.bill_month.strftime("%Y-%m"),
            "original_amount": "abc",
            "corrected_amount": "-1",
            "reason": "nonsense",
        },
    )
    assert response.status_code == 200
    assert {"original_amount", "corrected_amount", "reason"} <= set(response.context["form"].errors)
    assert not BillCorrection.objects.exists()


# --- acting -------------------------------------------------------------------------------


def test_detail_offers_exactly_my_steps(client, org):
    correction = open_correction(org)
    login(client, org.am)
    response = client.get(reverse("correction-detail", args=[correction.pk]))
    assert response.context["transitions"] == ["forward"]
    assert response.context["edit_form"] is not None
    login(client, org.manager)
    response = client.get(reverse("correction-detail", args=[correction.pk]))
    assert response.context["transitions"] == []
    assert response.context["edit_form"] is None
    assert b'action="/corrections/' not in response.content


def test_forward_happy_path_and_side_effects(client, org):
    correction = open_correction(org)
    login(client, org.am)
    response = client.post(
        step_url(correction, "forward"), {"remarks": "Verified.", "expected_state": "assistant"}
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.state == "manager"
    assert correction.stages.get(stage="assistant").actor == org.am


def test_step_wrong_method_outsider_wrong_role(client, org):
    correction = open_correction(org)
    url = step_url(correction, "forward")
    login(client, org.am)
    assert client.get(url).status_code == 405
    login(client, org.outsider)
    assert client.post(url, {"expected_state": "assistant"}).status_code == 404
    login(client, org.dgm)
    assert client.post(url, {"expected_state": "assistant"}).status_code == 403
    login(client, org.am)
    assert (
        client.post(step_url(correction, "fly"), {"expected_state": "assistant"}).status_code == 404
    )
    correction.refresh_from_db()
    assert correction.state == "assistant"


def test_return_without_remarks_is_400(client, org):
    correction = advance(open_correction(org), (org.am, "forward", {}))
    login(client, org.manager)
    response = client.post(step_url(correction, "return"), {"expected_state": "manager"})
    assert response.status_code == 400
    correction.refresh_from_db()
    assert correction.state == "manager"


def test_stale_page_is_409_naming_who_acted(client, org):
    correction = open_correction(org)
    advance(correction, (org.am, "forward", {}))
    login(client, org.am)
    response = client.post(step_url(correction, "forward"), {"expected_state": "assistant"})
    assert response.status_code == 409
    assert org.am.get_full_name() in response.content.decode()


def test_gm_grants_permission_in_the_browser(client, org):
    correction = to_gm(org)
    login(client, org.gm)
    response = client.post(
        step_url(correction, "approve"),
        {"approved_amount": "", "remarks": "Permitted.", "expected_state": "gm"},
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert (correction.state, correction.approved_amount) == ("approved", Decimal("3120.00"))


def test_edit_at_assistant_stage_only(client, org):
    correction = open_correction(org)
    login(client, org.oa)
    data = {
        "bill_month": correction.bill_month.strftime("%Y-%m"),
        "original_amount": "8450.00",
        "corrected_amount": "3000.00",
        "reason": "wrong_reading",
        "remarks": "Recounted.",
        "expected_state": "assistant",
    }
    response = client.post(reverse("correction-edit", args=[correction.pk]), data)
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.corrected_amount == Decimal("3000.00")
    advance(correction, (org.am, "forward", {}))
    response = client.post(
        reverse("correction-edit", args=[correction.pk]), {**data, "corrected_amount": "1.00"}
    )
    assert response.status_code == 409
    correction.refresh_from_db()
    assert correction.corrected_amount == Decimal("3000.00")


# --- inbox and note-sheet -----------------------------------------------------------------


def test_inbox_shows_what_is_pending_with_me(client, org):
    at_assistant = open_correction(org)
    at_manager = advance(
        open_correction(
            org, complaint=register(org.oa, org.office_a, consumer_number="5555555555")
        ),
        (org.am, "forward", {}),
    )
    login(client, org.manager)
    page = client.get(reverse("correction-list")).context["page"]
    assert [c.pk for c in page.object_list] == [at_manager.pk]
    login(client, org.am)
    page = client.get(reverse("correction-list")).context["page"]
    assert [c.pk for c in page.object_list] == [at_assistant.pk]
    page = client.get(reverse("correction-list"), {"mine": "false"}).context["page"]
    assert {c.pk for c in page.object_list} == {at_assistant.pk, at_manager.pk}
    counts = dict(client.get(reverse("correction-list")).context["counts"])
    assert counts == {"assistant": 1, "manager": 1}
    login(client, org.outsider)
    page = client.get(reverse("correction-list"), {"mine": "false"}).context["page"]
    assert list(page.object_list) == []


def test_inbox_query_count_is_constant(client, org, django_assert_max_num_queries):
    for n in range(12):
        open_correction(
            org, complaint=register(org.oa, org.office_a, consumer_number=f"60000000{n:02d}")
        )
    login(client, org.am)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("correction-list"))
    assert len(response.context["page"].object_list) == 12


def test_detail_query_count_is_constant(client, org, django_assert_max_num_queries):
    correction = to_gm(org)
    login(client, org.gm)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("correction-detail", args=[correction.pk])).status_code == 200


def test_notesheet_tells_the_whole_file_in_order(client, org):
    correction = advance(
        to_gm(org),
        (org.gm, "approve", {"remarks": "Permission granted."}),
        (org.oa, "apply", {"revised_bill_reference": "RB/2026/4411"}),
    )
    login(client, org.dgm)
    body = client.get(reverse("correction-notesheet", args=[correction.pk])).content.decode()
    order = [
        "₹8,450.00",
        "₹3,120.00",
        "Verified with the meter book.",
        "Forwarded for examination.",
        "recommended for the correction",
        "Site reading confirms 4218.",
        "Permission granted.",
        "RB/2026/4411",
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)
    for user, designation in [
        (org.am, "Assistant manager"),
        (org.manager, "Manager"),
        (org.dgm, "Deputy general manager"),
        (org.gm, "General manager"),
    ]:
        assert user.get_full_name() in body
        assert designation in body
    assert "NOTE-SHEET" in body


def test_notesheet_outside_scope_is_404(client, org):
    correction = open_correction(org)
    login(client, org.outsider)
    assert client.get(reverse("correction-notesheet", args=[correction.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["call_centre", "outsider"])
def test_detail_outside_scope_is_404(client, org, persona):
    correction = open_correction(org)
    login(client, getattr(org, persona))
    assert client.get(reverse("correction-detail", args=[correction.pk])).status_code == 404


def test_complaint_page_links_its_correction(client, org):
    correction = open_correction(org)
    login(client, org.manager)
    body = client.get(
        reverse("complaint-detail", args=[correction.complaint.complaint_number])
    ).content.decode()
    assert reverse("correction-detail", args=[correction.pk]) in body
    supply = register(
        org.oa, org.office_a, category=Category.objects.get(code="supply"), bill_month=None
    )
    login(client, org.oa)
    body = client.get(reverse("complaint-detail", args=[supply.complaint_number])).content.decode()
    assert "correction-create" not in body and "/corrections/new/" not in body


def test_admin_lists_corrections_without_a_way_around_the_workflow(client, org):
    correction = open_correction(org)
    login(client, org.admin)
    changelist = reverse("admin:billing_billcorrection_changelist")
    for params in ({}, {"state__exact": "assistant"}, {"overdue": "yes"}, {"overdue": "no"}):
        assert client.get(changelist, params).status_code == 200
    assert str(correction.pk) in client.get(changelist, {"overdue": "no"}).content.decode()
    change = client.get(reverse("admin:billing_billcorrection_change", args=[correction.pk]))
    assert change.status_code == 200
    assert b'name="state"' not in change.content
    assert client.get(reverse("admin:billing_billcorrection_add")).status_code == 403
    response = client.post(
        reverse("admin:billing_billcorrection_delete", args=[correction.pk]), {"post": "yes"}
    )
    assert response.status_code == 403


def test_detail_page_step_forms_come_from_the_workflow_table(client, org):
    correction = to_gm(org)
    login(client, org.gm)
    body = client.get(reverse("correction-detail", args=[correction.pk])).content.decode()
    for name, label, style in [
        ("approve", "Grant permission", "primary"),
        ("reject", "Refuse permission", "danger"),
        ("return", "Send back", "danger"),
    ]:
        assert f'action="{step_url(correction, name)}" class="step step-{name}"' in body
        assert f'<button type="submit" class="{style}">{label}</button>' in body
    assert 'name="approved_amount"' in body
    assert "Leave empty to permit the recommended ₹3,120.00." in body
    assert 'name="revised_bill_reference"' not in body  # only the apply step records it
