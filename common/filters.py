"""List filters that know no app."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OverdueFilter(django_filters.BooleanFilter):
    """True: still open and past its due date. False: everything else."""

    def __init__(self, *, status_field: str, open_values, **kwargs):
        kwargs.setdefault("label", _("Time limit"))
        kwargs.setdefault(
            "widget",
            forms.Select(
                choices=[("", _("All")), ("true", _("Overdue")), ("false", _("Within time"))]
            ),
        )
        super().__init__(**kwargs)
        self.status_field = status_field
        self.open_values = open_values

    def filter(self, qs, value):
        if value is None:
            return qs
        overdue = Q(**{f"{self.status_field}__in": self.open_values}, due_at__lt=timezone.now())
        return qs.filter(overdue if value else ~overdue)


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
