"""The GM's permission that departs from the file must give reasons; amounts stay within
the ten-crore ceiling (issue 10, finding 5)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from billing.models import BillCorrection
from billing.services import correction_transition
from tests.billing.test_api import api, url
from tests.factories import open_correction


def step(correction, user, name, **body):
    return correction_transition(correction=correction, user=user, name=name, **body)


def at_gm(org, *, recommendation="for", recommended_amount=Decimal("3120.00")):
    correction = open_correction(org, original_amount=Decimal("5000.00"))
    correction = step(correction, org.am, "forward")
    correction = step(correction, org.manager, "forward")
    return step(
        correction,
        org.dgm,
        "recommend",
        recommendation=recommendation,
        recommended_amount=recommended_amount,
        remarks="Examined.",
    )


@pytest.mark.parametrize(
    ("recommendation", "approved_amount"),
    [
        ("for", Decimal("99999999.00")),  # above the original bill (the probe's case)
        ("for", Decimal("3000.00")),  # differs from the recommended amount
        ("against", None),  # permits against a recommendation against
    ],
)
def test_a_departing_permission_needs_remarks(org, recommendation, approved_amount):
    correction = at_gm(org, recommendation=recommendation)
    with pytest.raises(ValidationError) as exc:
        step(correction, org.gm, "approve", approved_amount=approved_amount)
    assert "remarks" in exc.value.message_dict
    assert BillCorrection.objects.get().state == "gm"
    approved = step(
        correction, org.gm, "approve", approved_amount=approved_amount, remarks="Reasons given."
    )
    assert approved.state == "approved"


def test_permitting_the_recommendation_needs_no_remarks(org):
    correction = step(at_gm(org), org.gm, "approve")
    assert (correction.state, correction.approved_amount) == ("approved", Decimal("3120.00"))


def test_the_probe_case_over_the_api_is_a_400(org):
    correction = at_gm(org, recommendation="against")
    response = api(org.gm).post(
        url(correction, "approve"), {"approved_amount": "99999999"}, format="json"
    )
    assert response.status_code == 400
    assert "remarks" in response.json()
    assert BillCorrection.objects.get().approved_amount is None


def test_amounts_above_ten_crore_are_refused(org):
    correction = at_gm(org)
    with pytest.raises(ValidationError):
        step(correction, org.gm, "approve", approved_amount=Decimal("100000000.01"), remarks="x")
    response = api(org.gm).post(
        url(correction, "approve"),
        {"approved_amount": "100000000.01", "remarks": "x"},
        format="json",
    )
    assert response.status_code == 400
    with pytest.raises(IntegrityError), transaction.atomic():
        BillCorrection.objects.filter(pk=correction.pk).update(
            original_amount=Decimal("100000000.01")
        )
