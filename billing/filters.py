import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.filters import filterable_offices
from billing.models import OPEN_STATES, BillCorrection, State
from billing.workflow import PENDING_WITH
from common.filters import OverdueFilter
from complaints.filters import DATE, OPEN, ComplaintFilter


class CorrectionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=[(OPEN, _("Open (any stage)")), *State.choices],
        method="filter_state",
        label=_("Stage"),
        empty_label=_("All"),
    )
    office = django_filters.ModelChoiceFilter(
        field_name="office",
        queryset=filterable_offices,
        to_field_name="contact_id",
        label=_("Office"),
        empty_label=_("All"),
    )
    overdue = OverdueFilter(status_field="state", open_values=OPEN_STATES)
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Pending with me"))
    created_from = django_filters.DateFilter(
        method="filter_created_from", label=_("Recorded from"), widget=DATE
    )
    created_to = django_filters.DateFilter(
        method="filter_created_to", label=_("Recorded to"), widget=DATE
    )
    # The same day bounds (IST midnights) as the complaint list.
    filter_created_from = ComplaintFilter.filter_created_from
    filter_created_to = ComplaintFilter.filter_created_to

    class Meta:
        model = BillCorrection
        fields = ["state", "office", "overdue", "mine", "created_from", "created_to"]

    def filter_state(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(state__in=OPEN_STATES)
        return queryset.filter(state=value)

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(state__in=PENDING_WITH.get(self.request.user.designation, ()))
