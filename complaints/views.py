from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.capabilities import Capability, capabilities_of
from accounts.selectors import has_capability
from common.exports import FORMATS, export_queryset
from common.once import once_per_form
from common.views import apply_errors, list_page, post_action
from complaints.exports import complaint_columns
from complaints.filters import ComplaintFilter
from complaints.forms import AttachmentForm, ComplaintIntakeForm, SettleForm
from complaints.models import Complaint
from complaints.selectors import complaint_get, complaint_history, complaint_list
from complaints.services import (
    DuplicateComplaint,
    Intake,
    attachment_add,
    complaint_available_actions,
    complaint_register,
    complaint_settle,
)

PAGE_SIZE = 25


@require_GET
@login_required
def complaint_index(request):
    filters = ComplaintFilter(request.GET, queryset=complaint_list(request.user), request=request)
    # A filter that does not validate (an office outside scope, a bad date) shows its
    # error and matches nothing, rather than silently widening the list.
    results = filters.qs if filters.form.is_valid() else filters.queryset.none()
    if (fmt := request.GET.get("export")) in FORMATS:
        return export_queryset(results, columns=complaint_columns(), fmt=fmt, name="complaints")
    page, query = list_page(request, results, per_page=PAGE_SIZE)
    return render(
        request,
        "complaints/list.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "can_register": Capability.REGISTER_COMPLAINT
            in capabilities_of(request.user.designation),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@once_per_form
def complaint_create(request):
    if Capability.REGISTER_COMPLAINT not in capabilities_of(request.user.designation):
        raise PermissionDenied
    form = ComplaintIntakeForm(request.POST or None, request.FILES or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        intake = Intake.from_data(data)
        try:
            complaint, _created = complaint_register(
                user=request.user,
                intake=intake,
                allow_duplicate=data["separate_complaint"],
                attachments=data["attachments"],
            )
        except DuplicateComplaint as exc:
            duplicates = exc.existing
            form.add_error(
                None,
                _(
                    "This consumer already has an open complaint for this bill month. "
                    "Tell the consumer its number, or confirm that this is a separate complaint."
                ),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("complaint-registered", complaint_number=complaint.complaint_number)
    return render(request, "complaints/form.html", {"form": form, "duplicates": duplicates})


@require_GET
@login_required
def complaint_registered(request, complaint_number):
    complaint = complaint_get(user=request.user, complaint_number=complaint_number)
    return render(request, "complaints/registered.html", {"complaint": complaint})


def may_attach(user) -> bool:
    """Anyone who works on complaints may add evidence to one they can see."""
    return bool(capabilities_of(user.designation))


def _detail(request, complaint, *, settle_form=None, attachment_form=None, status=200):
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "history": complaint_history(complaint),
            "attachments": complaint.attachments.select_related("uploaded_by"),
            "actions": complaint_available_actions(complaint=complaint, user=request.user),
            "settle_form": settle_form or SettleForm(initial={"seen_status": complaint.status}),
            "attachment_form": attachment_form or AttachmentForm(),
            "can_attach": may_attach(request.user),
            "corrections": complaint.corrections.order_by("-created_at"),
            "can_record_correction": complaint.category.is_bill
            and complaint.status == Complaint.Status.REGISTERED
            and has_capability(request.user, Capability.RECORD_CORRECTION, complaint.office),
        },
        status=status,
    )


@require_GET
@login_required
def complaint_detail(request, complaint_number):
    complaint = complaint_get(user=request.user, complaint_number=complaint_number)
    return _detail(request, complaint)


@require_POST
@login_required
@once_per_form
def complaint_settle_view(request, complaint_number, action):
    complaint = complaint_get(user=request.user, complaint_number=complaint_number)

    def show(*, form, status):
        if form is None:
            complaint.refresh_from_db()
        return _detail(request, complaint, settle_form=form, status=status)

    return post_action(
        request,
        SettleForm(request.POST),
        act=lambda data: complaint_settle(
            complaint=complaint,
            user=request.user,
            action=action,
            remarks=data["remarks"],
            seen_status=data["seen_status"],
        ),
        show=show,
        label=lambda status: Complaint.Status(status).label,
        done=lambda done: (
            _("Done: the complaint is now “%(status)s”.") % {"status": done.get_status_display()},
            reverse("complaint-detail", args=[done.complaint_number]),
        ),
    )


@require_POST
@login_required
@once_per_form
def attachment_upload(request, complaint_number):
    complaint = complaint_get(user=request.user, complaint_number=complaint_number)
    if not may_attach(request.user):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_add(
                complaint=complaint, user=request.user, uploads=form.cleaned_data["attachments"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
    if form.errors:
        return _detail(request, complaint, attachment_form=form, status=400)
    messages.success(request, _("Attachment added."))
    return redirect("complaint-detail", complaint_number=complaint.complaint_number)


@require_GET
@login_required
def attachment_download(request, complaint_number, attachment_id):
    complaint = complaint_get(user=request.user, complaint_number=complaint_number)
    attachment = complaint.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=request.GET.get("download") == "1",
        filename=attachment.original_name,
    )
    # Served from our origin: never let a crafted file run script there.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["Cache-Control"] = "private, no-store"
    return response
