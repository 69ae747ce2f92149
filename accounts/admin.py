from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Circle, Division, Office, PostingRecord, User
from accounts.services import (
    division_offices_sync,
    lock_postings,
    office_group_sync,
    posting_apply,
)

POSTING_FIELDS = ("designation", "office", "division", "circle")


@admin.register(Circle)
class CircleAdmin(admin.ModelAdmin):
    list_display = ("name", "name_hi", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "name_hi")


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("name", "name_hi", "circle")
    list_filter = ("circle",)
    search_fields = ("name", "name_hi", "circle__name")
    list_select_related = ("circle",)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and "circle" in form.changed_data:
                division_offices_sync(division=obj)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("contact_id", "name", "name_hi", "kind", "area", "division")
    list_filter = ("kind", "area", "division__circle", "division")
    search_fields = ("contact_id", "name", "name_hi", "division__name")
    list_select_related = ("division",)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            office_group_sync(office=obj)


class PostingRecordInline(admin.TabularInline):
    model = PostingRecord
    fk_name = "user"
    fields = ("started_at", "designation", "office", "division", "circle", "recorded_by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-started_at", "-id")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "designation", "posting_label", "is_active")
    list_filter = ("designation", "is_active", "is_staff", "office__division__circle")
    search_fields = ("username", "first_name", "last_name", "employee_number", "email")
    list_select_related = ("office", "division", "circle")
    inlines = [PostingRecordInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "employee_number",
                    "email",
                    "mobile",
                    "language",
                )
            },
        ),
        (_("Designation and posting"), {"fields": POSTING_FIELDS}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        (
            _("Designation and posting"),
            {"classes": ("wide",), "fields": POSTING_FIELDS},
        ),
    )

    @admin.display(description=_("name"), ordering="first_name")
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description=_("posting"))
    def posting_label(self, obj):
        return obj.posting or "—"

    def save_model(self, request, obj, form, change):
        # A posting change goes through the same service as a transfer: record + scope.
        moved = not change or set(POSTING_FIELDS) & set(form.changed_data)
        with transaction.atomic():
            if moved:
                before = User.objects.filter(pk=obj.pk).first() if change else None
                lock_postings(before.posting if before else None, obj.posting)
            super().save_model(request, obj, form, change)
            if moved:
                posting_apply(user=obj, by=request.user)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    """Office scope groups belong to the postings: they are kept by the services and
    never edited by hand, so they are left out here."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(office__isnull=True)
