"""List ordering that is always total, so pages never overlap or skip rows."""

import django_filters


class StableOrderingFilter(django_filters.OrderingFilter):
    """django-filter's OrderingFilter, but blank choices (`?ordering=,`) keep the list's
    default order instead of clearing it, and every chosen order ends with the primary
    key: rows with equal due dates still come in one fixed order."""

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in value or () if param]
        if not ordering:
            return qs
        tiebreak = "-pk" if ordering[-1].startswith("-") else "pk"
        return qs.order_by(*ordering, tiebreak)
