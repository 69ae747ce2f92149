"""The reference cache: loaded once, reloaded after any change, by this or another process."""

from django.core.cache import cache

from common.refcache import RefCache
from complaints.models import Category
from complaints.reference import REFERENCE, active_category, office_by_contact_id
from tests.complaints.test_api import LIST, api, payload


def test_loads_once_and_reloads_when_the_version_changes(db, monkeypatch):
    monkeypatch.setattr("common.refcache.CHECK_EVERY", 0)
    loads = []
    ref = RefCache("test.counter", lambda: loads.append(1) or len(loads))
    assert (ref.get(), ref.get()) == (1, 1)
    cache.set(ref.key, "another process changed it")
    assert ref.get() == 2
    ref.invalidate()
    assert ref.get() == 3
    monkeypatch.setattr("common.refcache.CHECK_EVERY", 3600)
    cache.set(ref.key, "changed again")
    assert ref.get() == 3  # not checked again within CHECK_EVERY
    ref.invalidate()
    assert ref.get() == 4  # a change in this process is seen at once


def test_saving_a_watched_row_invalidates(org, django_assert_num_queries):
    assert office_by_contact_id("OFA-Z01") == org.office_a
    with django_assert_num_queries(0):
        assert active_category("excess_bill").code == "excess_bill"
    Category.objects.filter(code="meter").update(is_active=False)  # no signal: still cached
    assert active_category("meter") is not None
    category = Category.objects.get(code="meter")
    category.save()  # a save (admin, services) is seen at once
    assert active_category("meter") is None
    org.office_a.name = "Renamed"
    org.office_a.save()
    assert office_by_contact_id("OFA-Z01").name == "Renamed"
    assert REFERENCE.get()[0]["OFA-Z01"].name == "Renamed"


def test_intake_sees_a_deactivated_category(org):
    category = Category.objects.get(code="excess_bill")
    client = api(org.call_centre)
    assert client.post(LIST, payload(), format="json").status_code == 201
    category.is_active = False
    category.save()
    response = client.post(LIST, payload(complaint_number="2611260099999"), format="json")
    assert response.status_code == 400
    assert "category" in response.json()
    unknown = client.post(LIST, payload(complaint_number="2611260099998", office="NOPE"))
    assert unknown.status_code == 400
    assert "office" in unknown.json()
