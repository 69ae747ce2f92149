"""Who sees which offices, and what each designation may do there."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.capabilities import CORRECTION_CAPABILITIES, Capability, capabilities_of
from accounts.models import Designation, PostingRecord, User
from accounts.selectors import has_capability, offices_for
from accounts.services import user_transfer
from tests.factories import OfficeFactory, UserFactory


def contact_ids(user):
    return set(offices_for(user).values_list("contact_id", flat=True))


def test_scope_matrix(org):
    expected = {
        org.oa: {"OFA-Z01"},
        org.am: {"OFA-Z01"},
        org.manager: {"OFA-Z01"},
        org.manager_b: {"OFB-DC01"},
        org.dgm: {"OFA-Z01", "OFB-DC01"},
        org.gm: {"OFA-Z01", "OFB-DC01"},
        org.desk: {"OFA-Z01"},
        org.call_centre: set(),
        org.outsider: {"OFX-Z01"},
        org.admin: {"OFA-Z01", "OFB-DC01", "OFX-Z01"},
    }
    for user, offices in expected.items():
        assert contact_ids(user) == offices, user.username


def test_scope_is_held_by_one_group_per_contact_id(org):
    from guardian.shortcuts import get_groups_with_perms

    groups = get_groups_with_perms(org.office_a, attach_perms=True)
    assert [g.name for g in groups] == ["office:OFA-Z01"]
    assert set(org.office_a.group.user_set.values_list("username", flat=True)) == {
        "oa.a",
        "am.a",
        "manager.a",
        "dgm.one",
        "gm.one",
        "OFA-Z01",
    }
    # No user-level object permission rows: everything flows through the group.
    assert not org.office_a.officeuserobjectpermission_set.exists()


def test_inactive_user_has_no_scope(org):
    org.oa.is_active = False
    org.oa.save()
    assert contact_ids(org.oa) == set()


def test_transfer_moves_scope_both_ways(org):
    user_transfer(
        user=org.manager, designation=Designation.MANAGER, office=org.office_x, by=org.admin
    )
    assert contact_ids(org.manager) == {"OFX-Z01"}
    assert not org.office_a.group.user_set.filter(pk=org.manager.pk).exists()
    assert org.office_x.group.user_set.filter(pk=org.manager.pk).exists()

    user_transfer(
        user=org.manager, designation=Designation.MANAGER, office=org.office_a, by=org.admin
    )
    assert contact_ids(org.manager) == {"OFA-Z01"}
    records = PostingRecord.objects.filter(user=org.manager).order_by("started_at", "id")
    assert [r.office.contact_id for r in records] == ["OFA-Z01", "OFX-Z01", "OFA-Z01"]
    assert records.last().recorded_by == org.admin


def test_dgm_transfer_and_promotion(org):
    user_transfer(user=org.dgm, designation=Designation.DGM, division=org.other_division)
    assert contact_ids(org.dgm) == {"OFX-Z01"}
    user_transfer(user=org.dgm, designation=Designation.GM, circle=org.circle)
    assert contact_ids(org.dgm) == {"OFA-Z01", "OFB-DC01"}
    assert has_capability(org.dgm, Capability.PERMIT_CORRECTION, org.office_a)
    assert not has_capability(org.dgm, Capability.RECOMMEND_CORRECTION, org.office_a)


def test_transfer_to_unposted_designation_clears_scope(org):
    user_transfer(user=org.oa, designation=Designation.CALL_CENTRE)
    assert contact_ids(org.oa) == set()
    assert not org.oa.groups.exists()


def test_new_office_joins_the_scope_of_its_dgm_and_gm(org):
    office = OfficeFactory(division=org.division, contact_id="OFC-DC02")
    assert office.contact_id in contact_ids(org.dgm)
    assert office.contact_id in contact_ids(org.gm)
    assert office.contact_id not in contact_ids(org.manager)


@pytest.mark.parametrize(
    ("designation", "posting"),
    [
        (Designation.MANAGER, {}),
        (Designation.MANAGER, {"division": "division"}),
        (Designation.DGM, {"office": "office_a"}),
        (Designation.GM, {"division": "division"}),
        (Designation.CALL_CENTRE, {"office": "office_a"}),
    ],
)
def test_posting_must_fit_designation(org, designation, posting):
    places = {"office": org.office_a, "division": org.division, "circle": org.circle}
    kwargs = {field: places[field] for field in posting}
    with pytest.raises(ValidationError):
        user_transfer(user=org.oa, designation=designation, **kwargs)
    org.oa.refresh_from_db()
    assert org.oa.designation == Designation.OFFICE_ASSISTANT
    assert contact_ids(org.oa) == {"OFA-Z01"}


def test_database_refuses_a_posting_that_does_not_fit(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=org.dgm.pk).update(division=None)


def test_one_desk_login_per_office(org):
    with pytest.raises(ValidationError):
        UserFactory(username="OFA-Z01-2", designation=Designation.DESK, office=org.office_a)


def test_desk_login_holds_no_correction_permission(org):
    assert has_capability(org.desk, Capability.REGISTER_COMPLAINT, org.office_a)
    for capability in CORRECTION_CAPABILITIES:
        assert not has_capability(org.desk, capability, org.office_a)
        assert capability not in capabilities_of(org.desk.designation)
    assert org.desk.is_desk_login


def test_call_centre_registers_anywhere_and_never_acts(org):
    for office in (org.office_a, org.office_x):
        assert has_capability(org.call_centre, Capability.REGISTER_COMPLAINT, office)
    for capability in CORRECTION_CAPABILITIES:
        assert not has_capability(org.call_centre, capability, org.office_a)


@pytest.mark.parametrize(
    ("persona", "capability", "allowed_in_a"),
    [
        ("oa", Capability.RECORD_CORRECTION, True),
        ("oa", Capability.VERIFY_CORRECTION, False),
        ("am", Capability.VERIFY_CORRECTION, True),
        ("manager", Capability.FORWARD_CORRECTION, True),
        ("manager", Capability.RECORD_CORRECTION, False),
        ("manager_b", Capability.FORWARD_CORRECTION, False),  # right role, other office
        ("outsider", Capability.FORWARD_CORRECTION, False),
        ("dgm", Capability.RECOMMEND_CORRECTION, True),
        ("dgm", Capability.PERMIT_CORRECTION, False),
        ("gm", Capability.PERMIT_CORRECTION, True),
        ("admin", Capability.PERMIT_CORRECTION, False),  # superuser is no master key
    ],
)
def test_capability_in_office_a(org, persona, capability, allowed_in_a):
    assert has_capability(getattr(org, persona), capability, org.office_a) is allowed_in_a


def test_transfer_refuses_a_second_desk_login_cleanly(org):
    other_desk = UserFactory(username="OFB-DC01", designation=Designation.DESK, office=org.office_b)
    with pytest.raises(ValidationError):
        user_transfer(user=other_desk, designation=Designation.DESK, office=org.office_a)
    assert contact_ids(other_desk) == {"OFB-DC01"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_office_creation_and_dgm_transfer_lose_no_scope(org):
    """An office created in a division while its new DGM is being posted there ends up
    in the DGM's scope, whichever commits first."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(2)
    created = {}

    def create_office():
        barrier.wait(timeout=10)
        created["office"] = OfficeFactory(division=org.other_division, contact_id="RACE-Z01")
        connection.close()

    def transfer_dgm():
        barrier.wait(timeout=10)
        user_transfer(user=org.dgm, designation=Designation.DGM, division=org.other_division)
        connection.close()

    threads = [threading.Thread(target=create_office), threading.Thread(target=transfer_dgm)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert contact_ids(org.dgm) == {"OFX-Z01", "RACE-Z01"}
