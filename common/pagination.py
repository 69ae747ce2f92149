"""Pages that never count a whole table.

A list of 2,000,000 complaints paid a full `COUNT(*)` over the user's scope on every page
(270 ms for a circle GM) only to print "Page 1 of 80,000". Nobody pages that far: these
paginators count at most LOOK_AHEAD rows past the page asked for (`SELECT COUNT(*) FROM
(… LIMIT n)`, which stops early) and say whether the figure is exact. Past the bound the
page still works: the bound moves with the page number."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

LOOK_AHEAD = 1000


class BoundedPaginator(Paginator):
    look_ahead = LOOK_AHEAD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._asked = 1

    def _note(self, number) -> None:
        try:
            self._asked = max(1, int(number))
        except (TypeError, ValueError):
            self._asked = 1

    def page(self, number):
        self._note(number)
        return super().page(number)

    def get_page(self, number):
        self._note(number)
        return super().get_page(number)

    @cached_property
    def _bounded(self) -> tuple[int, bool]:
        bound = self._asked * self.per_page + self.look_ahead
        items = self.object_list
        # Sliced, Django counts in a subquery; the ordering is dead weight there.
        seen = items.order_by()[: bound + 1].count() if isinstance(items, QuerySet) else len(items)
        return min(seen, bound), seen <= bound

    @cached_property
    def count(self) -> int:
        return self._bounded[0]

    @property
    def count_is_exact(self) -> bool:
        """False when there are more rows than `count` (which is then a lower bound)."""
        return self._bounded[1]


class BoundedPageNumberPagination(PageNumberPagination):
    """The API's page-number pages with a bounded count: `count` is exact when
    `count_is_exact` is true, otherwise a lower bound (follow `next` to go on)."""

    django_paginator_class = BoundedPaginator

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_is_exact": self.page.paginator.count_is_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count_is_exact"] = {
            "type": "boolean",
            "description": "False when more rows match than `count` says.",
        }
        described["required"] = [*described.get("required", []), "count_is_exact"]
        return described
