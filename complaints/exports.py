"""The columns of a complaint list export (web and API alike)."""

from django.utils.translation import gettext_lazy as _

from common.exports import Column


def yes_no(value: bool) -> str:
    return str(_("Yes") if value else _("No"))


def complaint_columns() -> list[Column]:
    return [
        Column(_("Complaint no."), lambda c: c.complaint_number),
        Column(_("Status"), lambda c: c.get_status_display()),
        Column(_("Source"), lambda c: c.get_source_display()),
        Column(_("Office"), lambda c: c.office.contact_id),
        Column(_("Office name"), lambda c: c.office.display_name),
        Column(_("Category"), lambda c: c.category.display_name),
        Column(_("Consumer number (IVRS)"), lambda c: c.consumer_number),
        Column(_("Consumer name"), lambda c: c.consumer_name),
        Column(_("Mobile"), lambda c: c.mobile),
        Column(_("Address"), lambda c: c.address),
        Column(_("Bill month"), lambda c: c.bill_month.strftime("%Y-%m") if c.bill_month else ""),
        Column(_("Billed amount"), lambda c: c.billed_amount),
        Column(_("Amount deposited under protest"), lambda c: c.amount_deposited),
        Column(_("Registered at"), lambda c: c.created_at),
        Column(_("Due"), lambda c: c.due_at),
        Column(_("Overdue"), lambda c: yes_no(c.is_overdue)),
        Column(_("Flagged overdue"), lambda c: c.overdue_flagged_at),
    ]
