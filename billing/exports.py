"""The columns of a bill-correction list export (web and API alike)."""

from django.utils.translation import gettext_lazy as _

from common.exports import Column
from complaints.exports import yes_no


def correction_columns() -> list[Column]:
    return [
        Column(_("Correction no."), lambda b: b.pk),
        Column(_("Complaint no."), lambda b: b.complaint.complaint_number),
        Column(_("Office"), lambda b: b.complaint.office.contact_id),
        Column(_("Stage"), lambda b: b.get_state_display()),
        Column(_("Bill month"), lambda b: b.bill_month.strftime("%Y-%m")),
        Column(_("Original amount"), lambda b: b.original_amount),
        Column(_("Corrected amount"), lambda b: b.corrected_amount),
        Column(_("Difference"), lambda b: b.difference),
        Column(_("Reason"), lambda b: b.get_reason_display()),
        Column(_("Recommendation"), lambda b: b.get_recommendation_display()),
        Column(_("Recommended amount"), lambda b: b.recommended_amount),
        Column(_("Permitted amount"), lambda b: b.approved_amount),
        Column(_("Revised bill reference"), lambda b: b.revised_bill_reference),
        Column(_("Recorded at"), lambda b: b.created_at),
        Column(_("Due"), lambda b: b.due_at),
        Column(_("Overdue"), lambda b: yes_no(b.is_overdue)),
    ]
