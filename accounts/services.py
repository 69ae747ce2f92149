"""Business actions on the organisation and on postings.

Scope lives in django-guardian: each office has one group (named by its contact ID)
holding the `access_office` object permission on that office. A user's posting decides
which office groups they belong to; these services keep the two in step, in the same
transaction as the change that moves them.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
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
    posting_errors,
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


def office_group_sync(*, office: Office) -> Group:
    """Make the office's group exist, hold the scope permission and have exactly the
    members whose posting covers the office. Idempotent."""
    with transaction.atomic():
        group = office.group
        if group is None:
            group, _ = Group.objects.get_or_create(name=_office_group_name(office))
            Office.objects.filter(pk=office.pk).update(group=group)
            office.group = group
        elif group.name != _office_group_name(office):
            group.name = _office_group_name(office)
            group.save(update_fields=["name"])
        assign_perm(ACCESS_OFFICE, group, office)
        group.user_set.set(User.objects.filter(_posted_over(office)))
    return group


def user_scope_sync(*, user: User) -> None:
    """Put the user in exactly the office groups their posting covers."""
    with transaction.atomic():
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
    errors = posting_errors(
        designation=designation, office=office, division=division, circle=circle
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Lock the row so two admins moving the same person cannot interleave scope changes.
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.designation = designation
        locked.office, locked.division, locked.circle = office, division, circle
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
