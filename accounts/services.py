"""Business actions on the organisation and on postings.

Scope lives in django-guardian: each office has one group (named by its contact ID)
holding the `access_office` object permission on that office. A user's posting decides
which office groups they belong to; these services keep the two in step, in the same
transaction as the change that moves them.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from guardian.shortcuts import assign_perm

from accounts.models import (
    CIRCLE_POSTED,
    DIVISION_POSTED,
    OFFICE_POSTED,
    Circle,
    Designation,
    Division,
    Office,
    PostingRecord,
    User,
)
from accounts.selectors import ACCESS_OFFICE


def _office_group_name(office: Office) -> str:
    return f"office:{office.contact_id}"


def _posted_over(office: Office) -> Q:
    """Users whose posting covers the office: its own staff, its DGM and its GM."""
    return (
        Q(designation__in=OFFICE_POSTED, office=office)
        | Q(designation__in=DIVISION_POSTED, division_id=office.division_id)
        | Q(designation__in=CIRCLE_POSTED, circle_id=office.division.circle_id)
    )


def _offices_covered(user: User) -> "list[Office]":
    if user.designation in OFFICE_POSTED:
        return [user.office]
    if user.designation in DIVISION_POSTED:
        return list(Office.objects.filter(division_id=user.division_id).select_related("group"))
    if user.designation in CIRCLE_POSTED:
        return list(
            Office.objects.filter(division__circle_id=user.circle_id).select_related("group")
        )
    return []


def _lock_hierarchy(*, circle_ids=(), division_ids=()) -> None:
    """Serialise scope changes that touch the same circle or division. Everyone locks in
    one order (circles, divisions, then users), so an office created while its DGM is
    transferred cannot be missed by both, and the two cannot deadlock."""
    circles = sorted({pk for pk in circle_ids if pk is not None})
    divisions = sorted({pk for pk in division_ids if pk is not None})
    if circles:
        list(Circle.objects.select_for_update().filter(pk__in=circles).order_by("pk").values("pk"))
    if divisions:
        list(
            Division.objects.select_for_update()
            .filter(pk__in=divisions)
            .order_by("pk")
            .values("pk")
        )


def lock_postings(*postings: "Office | Division | Circle | None") -> None:
    """Take the hierarchy locks for the places a posting change leaves and enters."""
    circle_ids, division_ids = [], []
    for place in postings:
        if isinstance(place, Office):
            circle_ids.append(place.division.circle_id)
            division_ids.append(place.division_id)
        elif isinstance(place, Division):
            circle_ids.append(place.circle_id)
            division_ids.append(place.pk)
        elif isinstance(place, Circle):
            circle_ids.append(place.pk)
    _lock_hierarchy(circle_ids=circle_ids, division_ids=division_ids)


def office_group_sync(*, office: Office) -> Group:
    """Make the office's group exist, hold the scope permission and have exactly the
    members whose posting covers the office. Idempotent."""
    with transaction.atomic():
        lock_postings(office)
        # Locking the members makes a concurrent transfer either finish first (and then
        # no longer match) or wait for this sync to finish before it removes them.
        members = list(User.objects.select_for_update().filter(_posted_over(office)))
        group = office.group
        if group is None:
            group, _ = Group.objects.get_or_create(name=_office_group_name(office))
            Office.objects.filter(pk=office.pk).update(group=group)
            office.group = group
        elif group.name != _office_group_name(office):
            group.name = _office_group_name(office)
            group.save(update_fields=["name"])
        assign_perm(ACCESS_OFFICE, group, office)
        group.user_set.set(members)
    return group


def user_scope_sync(*, user: User) -> None:
    """Put the user in exactly the office groups their posting covers."""
    with transaction.atomic():
        lock_postings(user.posting)
        wanted = [o.group or office_group_sync(office=o) for o in _offices_covered(user)]
        office_groups = Group.objects.filter(office__isnull=False)
        user.groups.remove(*office_groups.exclude(pk__in=[g.pk for g in wanted]))
        user.groups.add(*wanted)


def posting_apply(*, user: User, by: User | None = None) -> PostingRecord:
    """Record the user's current posting and move their scope to it (after a save)."""
    with transaction.atomic():
        record = PostingRecord.objects.create(
            user=user,
            designation=user.designation,
            office=user.office,
            division=user.division,
            circle=user.circle,
            recorded_by=by,
        )
        user_scope_sync(user=user)
    return record


def user_transfer(
    *,
    user: User,
    designation: str,
    office: Office | None = None,
    division: Division | None = None,
    circle: Circle | None = None,
    by: User | None = None,
) -> User:
    """Change a user's designation and/or posting. The old scope is gone when this returns."""
    with transaction.atomic():
        current = User.objects.select_related("office__division", "division").get(pk=user.pk)
        lock_postings(current.posting, office, division, circle)
        # Lock the row so two admins moving the same person cannot interleave.
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.designation = designation
        locked.office, locked.division, locked.circle = office, division, circle
        locked.full_clean(exclude=["password"])
        locked.save(update_fields=["designation", "office", "division", "circle"])
        posting_apply(user=locked, by=by)
    user.refresh_from_db()
    return user


def user_create(
    *,
    username: str,
    password: str | None,
    designation: str = Designation.NONE,
    office: Office | None = None,
    division: Division | None = None,
    circle: Circle | None = None,
    by: User | None = None,
    **fields,
) -> User:
    """Create a user already posted, with scope granted."""
    user = User(
        username=username,
        designation=designation,
        office=office,
        division=division,
        circle=circle,
        **fields,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save()
        posting_apply(user=user, by=by)
    return user


def office_create(
    *,
    division: Division,
    kind: str,
    area: str,
    name: str,
    contact_id: str,
    name_hi: str = "",
) -> Office:
    office = Office(
        division=division, kind=kind, area=area, name=name, name_hi=name_hi, contact_id=contact_id
    )
    office.full_clean(exclude=["group"])
    with transaction.atomic():
        office.save()
        office_group_sync(office=office)
    return office


def division_offices_sync(*, division: Division) -> None:
    """After a division moves to another circle: every office's group follows."""
    for office in division.offices.select_related("division"):
        office_group_sync(office=office)
