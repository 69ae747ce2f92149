"""Reference data for the 1912 system: categories and the offices one may register for."""

from django.urls import reverse
from rest_framework.test import APIClient

from complaints.models import Category
from tests.common.test_exports import api

CATEGORIES = reverse("api-categories")
OFFICES = reverse("api-offices")


def test_categories_are_the_active_ones(org):
    Category.objects.filter(code="excess_bill").update(name_hi="अधिक बिल")
    Category.objects.create(code="retired", name="Retired", is_bill=False, is_active=False)
    data = api(org.call_centre).get(CATEGORIES).json()
    codes = {c["code"]: c for c in data}
    assert "retired" not in codes
    assert codes["excess_bill"] == {
        "code": "excess_bill",
        "name": "Excess bill",
        "name_hi": "अधिक बिल",
        "is_bill": True,
    }


def test_offices_the_caller_may_register_for(org):
    every = [o["contact_id"] for o in api(org.call_centre).get(OFFICES).json()]
    assert every == ["OFA-Z01", "OFB-DC01", "OFX-Z01"]
    office = api(org.oa).get(OFFICES).json()
    assert office == [
        {
            "contact_id": "OFA-Z01",
            "name": org.office_a.name,
            "name_hi": "",
            "kind": "zone",
            "area": "urban",
            "division": "Division One",
            "division_hi": "",
            "circle": "Circle One",
            "circle_hi": "",
        }
    ]
    # A DGM registers nothing, so no office is offered.
    assert api(org.dgm).get(OFFICES).json() == []


def test_reference_data_needs_authentication(db):
    assert APIClient().get(CATEGORIES).status_code in (401, 403)
    assert APIClient().get(OFFICES).status_code in (401, 403)


def test_reference_data_is_read_only(org):
    assert api(org.call_centre).post(CATEGORIES, {}).status_code == 405
