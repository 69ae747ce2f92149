"""Search of complaint lists: what a caller types at the counter.

Digits are the start of a complaint, consumer or mobile number ("3412567" finds consumer
3412567890), or the sequence part of an office-issued number ("4" or "000004" finds
MHW-Z01-2026-000004). Anything else is the start of a complaint number or part of the
consumer's name.

Number prefixes are answered ids first: each kind of number is looked up on its own
prefix index (at most MATCH_CAP rows each, within the user's scope), and only those ids
are joined, sorted and paged. Left to itself the planner walks the whole scope by date
and tests every row against three LIKEs (1.2 s at 2,000,000 complaints). A prefix so
short that one kind matches more than MATCH_CAP complaints finds the first MATCH_CAP of
that kind in number order; typing more digits narrows it."""

import re

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.functions import Right

from complaints.models import Complaint
from complaints.validators import ascii_digits, normalize_mobile

MATCH_CAP = 1000
NAME_CAP = 5000
SEQUENCE_DIGITS = 6  # office numbers end in -NNNNNN (see services._next_office_number)


def sequence_suffix(digits: str) -> str | None:
    """'4' and '000004' -> '-000004', the end of an office-issued number."""
    if not digits.isdigit() or len(digits) > SEQUENCE_DIGITS or int(digits) == 0:
        return None
    return f"-{int(digits):0{SEQUENCE_DIGITS}d}"


def _matching_ids(queryset: QuerySet[Complaint], conditions: list[QuerySet]) -> list[int]:
    base = queryset.order_by().values_list("pk", flat=True)
    branches = [condition(base)[:MATCH_CAP] for condition in conditions]
    if connections[queryset.db].features.supports_slicing_ordering_in_compound:
        return list(branches[0].union(*branches[1:]))
    # SQLite (`make run`) cannot limit the parts of a UNION: one query per kind of number.
    return list({pk for branch in branches for pk in branch})


def search_complaints(queryset: QuerySet[Complaint], text: str) -> QuerySet[Complaint]:
    term = text.strip()
    if not term:
        return queryset
    compact = re.sub(r"[\s-]", "", ascii_digits(term))
    if compact.lstrip("+").isdigit():
        digits = compact.lstrip("+")
        mobile = normalize_mobile(term)
        conditions = [
            lambda qs: qs.filter(complaint_number__startswith=digits),
            lambda qs: qs.filter(consumer_number__startswith=digits),
            lambda qs: qs.filter(mobile__startswith=mobile),
        ]
        suffix = sequence_suffix(digits)
        if suffix:
            conditions.append(
                lambda qs: qs.alias(sequence=Right("complaint_number", SEQUENCE_DIGITS + 1)).filter(
                    source=Complaint.Source.OFFICE, sequence=suffix
                )
            )
        return queryset.filter(pk__in=_matching_ids(queryset, conditions))
    # Names: every match in scope by the trigram index, without ordering (asking for the
    # newest N in order makes the planner walk the whole scope by date when matches are
    # many: 0.5-2.4 s); then only those rows are counted, sorted and paged. A name so
    # common that it matches more than NAME_CAP is filtered in place instead.
    matches = queryset.filter(
        Q(complaint_number__startswith=term.upper()) | Q(consumer_name__icontains=term)
    )
    ids = list(matches.order_by().values_list("pk", flat=True)[: NAME_CAP + 1])
    return queryset.filter(pk__in=ids) if len(ids) <= NAME_CAP else matches
