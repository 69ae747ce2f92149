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
from complaints.validators import normalize_mobile


def _offices(request):
    user = request.user if request else None
    if user is None:
        return Office.objects.none()
    if user.designation == Designation.CALL_CENTRE:
        return Office.objects.all()
    return offices_for(user)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _local_midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class ComplaintFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Complaint number, consumer number, mobile or name"),
    )
    status = django_filters.ChoiceFilter(
        choices=Complaint.Status.choices, label=_("Status"), empty_label=_("All")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(),
        to_field_name="code",
        label=_("Category"),
        empty_label=_("All"),
    )
    office = django_filters.ModelChoiceFilter(
        queryset=_offices, to_field_name="contact_id", label=_("Office"), empty_label=_("All")
    )
    created_from = django_filters.DateFilter(
        method="filter_created_from", label=_("Registered from"), widget=DATE
    )
    created_to = django_filters.DateFilter(
        method="filter_created_to", label=_("Registered to"), widget=DATE
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label=_("Time limit"),
        widget=forms.Select(
            choices=[("", _("All")), ("true", _("Overdue")), ("false", _("Within time"))]
        ),
    )
    ordering = django_filters.OrderingFilter(
        fields=(("due_at", "due"), ("created_at", "created")),
        field_labels={"due_at": _("Due date"), "created_at": _("Registered")},
        label=_("Sort"),
        empty_label=_("Newest first"),
    )

    class Meta:
        model = Complaint
        fields = ["search", "status", "category", "office", "created_from", "created_to"]

    def filter_search(self, queryset, name, value):
        term = value.strip()
        if not term:
            return queryset
        compact = re.sub(r"[\s-]", "", term)
        match = Q(complaint_number=term.upper()) | Q(complaint_number=term)
        if compact.lstrip("+").isdigit():
            match |= Q(consumer_number=compact) | Q(mobile=normalize_mobile(term))
        else:
            match |= Q(consumer_name__icontains=term)
        return queryset.filter(match)

    def filter_created_from(self, queryset, name, value):
        return queryset.filter(created_at__gte=_local_midnight(value))

    def filter_created_to(self, queryset, name, value):
        return queryset.filter(created_at__lt=_local_midnight(value + timedelta(days=1)))

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status__in=Complaint.OPEN, due_at__lt=timezone.now())
        return queryset.filter(overdue if value else ~overdue)
