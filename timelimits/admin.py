from django.contrib import admin

from common.admin import ViewOnlyAdmin
from timelimits.models import Holiday, Notice, TimeLimitPolicy


@admin.register(TimeLimitPolicy)
class TimeLimitPolicyAdmin(admin.ModelAdmin):
    list_display = (
        "area",
        "effective_from",
        "counting",
        "registered_days",
        "assistant_days",
        "manager_days",
        "dgm_days",
        "gm_days",
        "approved_days",
        "reference",
    )
    list_filter = ("area", "counting")
    date_hierarchy = "effective_from"


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)


@admin.register(Notice)
class NoticeAdmin(ViewOnlyAdmin):
    list_display = (
        "created_at",
        "recipient",
        "kind",
        "role",
        "complaint",
        "correction",
        "read_at",
        "emailed_at",
    )
    list_filter = ("kind", "role", ("emailed_at", admin.EmptyFieldListFilter))
    search_fields = ("=recipient__username", "=complaint__complaint_number")
    list_select_related = ("recipient", "complaint")
    raw_id_fields = ("recipient", "complaint", "correction")
