"""Offices and categories for intake, from the process-local reference cache."""

from accounts.models import Office
from common.refcache import RefCache
from complaints.models import Category


def _load() -> tuple[dict[str, Office], dict[str, Category]]:
    offices = {o.contact_id: o for o in Office.objects.all()}
    categories = {c.code: c for c in Category.objects.filter(is_active=True)}
    return offices, categories


REFERENCE = RefCache("complaints.intake", _load)


def office_by_contact_id(contact_id: str) -> Office | None:
    return REFERENCE.get()[0].get(contact_id)


def active_category(code: str) -> Category | None:
    return REFERENCE.get()[1].get(code)
