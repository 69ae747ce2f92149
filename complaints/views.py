from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.capabilities import Capability, capabilities_of
from accounts.selectors import has_capability
from common.once import once_per_form
from complaints.filters import ComplaintFilter
from complaints.forms import AttachmentForm, ComplaintIntakeForm, SettleForm
from complaints.models import Complaint
from complaints.selectors import complaint_get, complaint_history, complaint_list
from complaints.services import (
    DuplicateComplaint,
    Intake,
    StaleTransition,
    attachment_add,
    complaint_available_actions,
    complaint_register,
    complaint_settle,
)

PAGE_SIZE = 25


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's field errors on the form (unknown fields as form errors)."""
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_GET
@login_required
def complaint_index(request):
    filters = ComplaintFilter(request.GET, queryset=complaint_list(request.user), request=request)
    # A filter that does not validate (an office outside scope, a bad date) shows its
    # error and matches nothing, rather than silently widening the list.
    results = filters.qs if filters.form.is_valid() else filters.queryset.none()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
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
    form = SettleForm(request.POST)
    if not form.is_valid():
        return _detail(request, complaint, settle_form=form, status=400)
    try:
        complaint = complaint_settle(
            complaint=complaint,
            user=request.user,
            action=action,
            remarks=form.cleaned_data["remarks"],
            seen_status=form.cleaned_data["seen_status"],
        )
    except StaleTransition as exc:
        messages.error(request, stale_message(exc, Complaint.Status(exc.status).label))
        complaint.refresh_from_db()
        return _detail(request, complaint, status=409)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _detail(request, complaint, settle_form=form, status=400)
    messages.success(
        request,
        _("Done: the complaint is now “%(status)s”.") % {"status": complaint.get_status_display()},
    )
    return redirect("complaint-detail", complaint_number=complaint.complaint_number)


def stale_message(exc: StaleTransition, status_label: str) -> str:
    who = (exc.by.get_full_name() or exc.by.username) if exc.by else _("someone else")
    return _("This was just changed by %(who)s; it is now “%(status)s”. Look again.") % {
        "who": who,
        "status": status_label,
    }


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
