"""List filters shared by the complaint pages and the API."""

from datetime import timedelta

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.filters import filterable_offices
from common.filters import OverdueFilter, StableOrderingFilter
from common.formats import local_midnight
from complaints.models import Category, Complaint
from complaints.search import search_complaints

# The status filters' extra choice: every stage still awaiting something.
OPEN = "open"

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ComplaintFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and start > end:
            self.add_error(
                "created_to", _("The end date is before the start date: nothing can match.")
            )
        return data


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
    ordering = StableOrderingFilter(
        fields=(("due_at", "due"), ("created_at", "created")),
        field_labels={
            "due_at": _("Due soonest first"),
            "-due": _("Due latest first"),
            "created_at": _("Registered earliest first"),
            "-created": _("Registered latest first"),
        },
        label=_("Sort"),
        empty_label=_("Newest first"),
    )

    class Meta:
        model = Complaint
        fields = ["search", "status", "category", "office", "created_from", "created_to"]
        form = ComplaintFilterForm

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(status__in=Complaint.OPEN)
        return queryset.filter(status=value)

    def filter_search(self, queryset, name, value):
        return search_complaints(queryset, value)

    # A date at the edge of the calendar (year 1, year 9999) means "no bound".
    def filter_created_from(self, queryset, name, value):
        try:
            return queryset.filter(created_at__gte=local_midnight(value))
        except OverflowError:
            return queryset

    def filter_created_to(self, queryset, name, value):
        try:
            return queryset.filter(created_at__lt=local_midnight(value + timedelta(days=1)))
        except OverflowError:
            return queryset
