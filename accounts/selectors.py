"""Reads that decide who sees what. Every scoped query in Nivaran starts here."""

from django.db.models import QuerySet
from guardian.shortcuts import get_objects_for_user

from accounts.capabilities import Capability, capabilities_of
from accounts.models import Designation, Office, User

ACCESS_OFFICE = "accounts.access_office"


def offices_for(user: User) -> QuerySet[Office]:
    """The offices whose records the user may see: their office, their DGM's division,
    their GM's circle; every office for admins; none for anyone else (the 1912 user
    sees only what it registered, which the complaint accessors add)."""
    if not user.is_authenticated or not user.is_active:
        return Office.objects.none()
    if user.is_superuser or user.designation == Designation.ADMIN:
        return Office.objects.all()
    return _granted_offices(user)


def office_ids_for(user: User) -> list[int]:
    """The scope as a literal list of ids rather than the permission subquery: the planner
    then sees how much of the table the scope is, and reads one office's newest complaints
    from (office, created_at) instead of walking every office's by date (seconds at 2M)."""
    return list(offices_for(user).values_list("pk", flat=True))


def _granted_offices(user: User) -> QuerySet[Office]:
    """Offices on which the user's groups hold the scope permission, nothing else."""
    return get_objects_for_user(
        user, ACCESS_OFFICE, klass=Office, with_superuser=False, accept_global_perms=False
    )


def has_capability(user: User, capability: Capability, office: Office) -> bool:
    """May the user do this in that office? (What a designation may do anywhere is
    `capabilities_of`; this is the check before acting on an office's record.)

    Deliberately blind to `is_superuser`: the chain of redressal is worked by the
    designations the notice names, never by an administrator's master key."""
    if not user.is_authenticated or not user.is_active:
        return False
    if capability not in capabilities_of(user.designation):
        return False
    if user.designation == Designation.CALL_CENTRE:
        return True
    return _granted_offices(user).filter(pk=office.pk).exists()


def offices_with_hierarchy(user: User) -> QuerySet[Office]:
    """`offices_for` ready for display, with division and circle in the same query."""
    return (
        offices_for(user)
        .select_related("division__circle")
        .order_by("division__circle__name", "division__name", "contact_id")
    )
