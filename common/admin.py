"""Admin mixins for rows that change only through the application's services."""

from django.contrib import admin


class ViewOnlyAdmin(admin.ModelAdmin):
    """Rows that change only through the application's services (which keep the audit
    trail) are shown, never added, edited or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
