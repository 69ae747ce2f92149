from django.contrib import admin

from common.admin import ReadOnlyInline, ViewOnlyAdmin
from complaints.models import Category, Complaint, ComplaintAttachment, ComplaintEvent


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_hi", "is_bill", "is_active", "position")
    list_filter = ("is_bill", "is_active")
    list_editable = ("is_active", "position")
    search_fields = ("code", "name", "name_hi")

    def get_readonly_fields(self, request, obj=None):
        # Turning a used category from bill to non-bill would let its complaints be
        # resolved at the office, around the correction chain.
        if obj is not None and obj.complaints.exists():
            return ("code", "is_bill")
        return ()


class EventInline(ReadOnlyInline):
    model = ComplaintEvent
    fields = ("at", "from_status", "to_status", "actor", "remarks", "due_at")


class AttachmentInline(ReadOnlyInline):
    model = ComplaintAttachment
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")


@admin.register(Complaint)
class ComplaintAdmin(ViewOnlyAdmin):
    """Read-only: complaints are registered and moved only through the application,
    so that every change has its history row."""

    list_display = (
        "complaint_number",
        "office",
        "category",
        "consumer_number",
        "consumer_name",
        "status",
        "due_at",
        "created_at",
    )
    list_filter = ("status", "source", "category", "office__division__circle", "office")
    search_fields = ("=complaint_number", "=consumer_number", "=mobile", "consumer_name")
    list_select_related = ("office", "category")
    date_hierarchy = "created_at"
    inlines = [EventInline, AttachmentInline]
