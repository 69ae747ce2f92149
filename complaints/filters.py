"""List filters shared by the complaint pages and the API."""

import re
from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Designation, Office
from accounts.selectors import offices_for
from complaints.models import Category, Complaint
from complaints.validators import ascii_digits, normalize_mobile


def filterable_offices(request):
    """Offices a list may be narrowed to: the user's scope (any office for the 1912 user,
    whose rows are limited to its own anyway)."""
    user = request.user if request else None
    if user is None:
        return Office.objects.none()
    if user.designation == Designation.CALL_CENTRE:
        return Office.objects.all()
    return offices_for(user)


# The status filters' extra choice: every stage still awaiting something.
OPEN = "open"

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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


def _local_midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class ComplaintFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Complaint number, consumer number, mobile or name"),
    )
    status = django_filters.ChoiceFilter(
        choices=[(OPEN, _("Open (any stage)")), *Complaint.Status.choices],
        method="filter_status",
        label=_("Status"),
        empty_label=_("All"),
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(),
        to_field_name="code",
        label=_("Category"),
        empty_label=_("All"),
    )
    office = django_filters.ModelChoiceFilter(
        queryset=filterable_offices,
        to_field_name="contact_id",
        label=_("Office"),
        empty_label=_("All"),
    )
    created_from = django_filters.DateFilter(
        method="filter_created_from", label=_("Registered from"), widget=DATE
    )
    created_to = django_filters.DateFilter(
        method="filter_created_to", label=_("Registered to"), widget=DATE
    )
    overdue = OverdueFilter(status_field="status", open_values=Complaint.OPEN)
    ordering = django_filters.OrderingFilter(
        fields=(("due_at", "due"), ("created_at", "created")),
        field_labels={"due_at": _("Due date"), "created_at": _("Registered")},
        label=_("Sort"),
        empty_label=_("Newest first"),
    )

    class Meta:
        model = Complaint
        fields = ["search", "status", "category", "office", "created_from", "created_to"]

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(status__in=Complaint.OPEN)
        return queryset.filter(status=value)

    def filter_search(self, queryset, name, value):
        term = value.strip()
        if not term:
            return queryset
        compact = re.sub(r"[\s-]", "", ascii_digits(term))
        match = Q(complaint_number=term.upper()) | Q(complaint_number=term)
        if compact.lstrip("+").isdigit():
            match |= Q(consumer_number=compact) | Q(mobile=normalize_mobile(term))
        else:
            match |= Q(consumer_name__icontains=term)
        return queryset.filter(match)

    # A date at the edge of the calendar (year 1, year 9999) means "no bound".
    def filter_created_from(self, queryset, name, value):
        try:
            return queryset.filter(created_at__gte=_local_midnight(value))
        except OverflowError:
            return queryset

    def filter_created_to(self, queryset, name, value):
        try:
            return queryset.filter(created_at__lt=_local_midnight(value + timedelta(days=1)))
        except OverflowError:
            return queryset
