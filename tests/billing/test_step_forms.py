"""The correction page: one form per step, errors only where they were sent, and what
was permitted (not the proposal) shown once the GM decided."""

import re
from decimal import Decimal

from django.urls import reverse

from tests.billing.test_views import advance, login, step_url, to_gm
from tests.factories import open_correction


def test_errors_stay_with_the_form_that_was_sent(client, org):
    correction = advance(
        open_correction(org), (org.am, "forward", {}), (org.manager, "forward", {})
    )
    login(client, org.dgm)
    response = client.post(
        step_url(correction, "return"), {"remarks": "", "expected_state": "dgm", "once": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    forms = dict(re.findall(r'<form[^>]*class="step step-(\w+)"[^>]*>(.*?)</form>', body, re.S))
    assert set(forms) == {"recommend", "return"}
    assert "field-error" in forms["return"]
    assert "field-error" not in forms["recommend"]
    ids = re.findall(r'\bid="(id_[^"]+)"', body)
    assert len(ids) == len(set(ids))


def test_an_empty_recommendation_gets_its_own_error(client, org):
    correction = advance(
        open_correction(org), (org.am, "forward", {}), (org.manager, "forward", {})
    )
    login(client, org.dgm)
    response = client.post(
        step_url(correction, "recommend"), {"remarks": "Seen.", "expected_state": "dgm"}
    )
    assert response.status_code == 400
    form = response.context["step_forms"][0][1]
    assert form.step.name == "recommend"
    assert "recommendation" in form.errors
    assert 'class="field has-error required"' in response.content.decode()


def test_the_return_remarks_are_marked_required(client, org):
    correction = advance(open_correction(org), (org.am, "forward", {}))
    login(client, org.manager)
    forms = dict(
        client.get(reverse("correction-detail", args=[correction.pk])).context["step_forms"]
    )
    assert forms["return"].fields["remarks"].required
    assert not forms["forward"].fields["remarks"].required


def test_after_a_step_the_clerk_is_told_who_acts_next_and_by_when(client, org):
    correction = open_correction(org)
    login(client, org.am)
    response = client.post(
        step_url(correction, "forward"), {"expected_state": "assistant"}, follow=True
    )
    message = str(next(iter(response.context["messages"])))
    correction.refresh_from_db()
    assert "Next: the manager forwards it to the DGM" in message
    assert str(correction.due_at.astimezone().year) in message


def test_complaint_page_shows_what_was_permitted_and_applied(client, org):
    correction = to_gm(org)
    correction = advance(
        correction,
        (org.gm, "approve", {"approved_amount": Decimal("8500"), "remarks": "Permitted."}),
        (org.oa, "apply", {"revised_bill_reference": "RB/2026/1"}),
    )
    login(client, org.oa)
    body = client.get(
        reverse("complaint-detail", args=[correction.complaint.complaint_number])
    ).content.decode()
    assert "bill corrected to ₹8,500.00" in body
    trail = re.search(r'<ol class="amount-trail".*?</ol>', body, re.S).group(0)
    labels = re.findall(r'<span class="label">([^<]+)</span>', trail)
    assert labels == ["Billed", "Proposed", "Recommended", "Permitted and applied"]
    assert "₹3,120.00" in trail and "₹8,500.00" in trail
