from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.models import OPEN_STATES, Amendment, BillCorrection, StageVisit
from common.admin import ReadOnlyInline, ViewOnlyAdmin


class OverdueListFilter(admin.SimpleListFilter):
    title = _("time limit")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Within time"))]

    def queryset(self, request, queryset):
        overdue = {"state__in": OPEN_STATES, "due_at__lt": timezone.now()}
        if self.value() == "yes":
            return queryset.filter(**overdue)
        if self.value() == "no":
            return queryset.exclude(**overdue)
        return queryset


class StageInline(ReadOnlyInline):
    model = StageVisit
    fields = ("stage", "entered_at", "due_at", "left_at", "actor", "action", "remarks")


class AmendmentInline(ReadOnlyInline):
    model = Amendment
    fields = ("at", "actor", "changes")


@admin.register(BillCorrection)
class BillCorrectionAdmin(ViewOnlyAdmin):
    """View only: a correction moves through the chain's services, never by editing the
    row, so admin has no path around the workflow or the audit trail."""

    list_display = (
        "id",
        "complaint",
        "office",
        "state",
        "original_amount",
        "corrected_amount",
        "due_at",
        "created_at",
    )
    list_filter = ("state", OverdueListFilter, "complaint__office__division", "complaint__office")
    search_fields = ("=complaint__complaint_number", "=complaint__consumer_number")
    list_select_related = ("complaint__office",)
    inlines = [StageInline, AmendmentInline]

    @admin.display(description=_("office"), ordering="complaint__office__contact_id")
    def office(self, obj):
        return obj.complaint.office.contact_id
