from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.capabilities import Capability
from accounts.selectors import has_capability
from billing.exports import correction_columns
from billing.filters import CorrectionFilter
from billing.forms import CorrectionForm, StepForm
from billing.models import State
from billing.selectors import (
    correction_get,
    correction_list,
    correction_stages,
    open_correction_of,
    pending_counts,
)
from billing.services import (
    OpenCorrectionExists,
    TransitionUnavailable,
    available_transitions,
    correction_edit,
    correction_open,
    correction_transition,
    may_edit,
)
from billing.workflow import NEXT_ACTOR, PENDING_WITH, TRANSITION_NAMES, step_for
from common.errors import StaleTransition
from common.exports import FORMATS, export_queryset
from common.formats import day
from common.money import format_rupees
from common.once import once_per_form
from common.views import apply_errors, list_page, post_action
from complaints.selectors import complaint_get

PAGE_SIZE = 25


def next_step(correction) -> str:
    """Who acts next on the file and by when, told to whoever just acted."""
    who = NEXT_ACTOR.get(correction.state)
    if who is None:
        return _("Nothing more is due on this file.")
    if correction.due_at is None:
        return _("Next: %(who)s.") % {"who": who}
    return _("Next: %(who)s, by %(due)s.") % {"who": who, "due": day(correction.due_at)}


@require_GET
@login_required
def correction_index(request):
    """The inbox: files pending with me by default; every file in scope on request."""
    params = request.GET.copy()
    if "mine" not in params and request.user.designation in PENDING_WITH:
        params["mine"] = "true"
    filters = CorrectionFilter(params, queryset=correction_list(request.user), request=request)
    results = filters.qs if filters.form.is_valid() else filters.queryset.none()
    results = results.order_by("due_at", "id")
    if (fmt := request.GET.get("export")) in FORMATS:
        return export_queryset(results, columns=correction_columns(), fmt=fmt, name="corrections")
    page, query = list_page(request, results, per_page=PAGE_SIZE, params=params)
    counts = pending_counts(request.user)
    return render(
        request,
        "billing/inbox.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "mine": params.get("mine") == "true",
            "counts": [(state, counts.get(state, 0)) for state in State if state in counts],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@once_per_form
def correction_create(request, complaint_number):
    complaint = complaint_get(user=request.user, complaint_number=complaint_number)
    if not has_capability(request.user, Capability.RECORD_CORRECTION, complaint.office):
        raise PermissionDenied
    existing = open_correction_of(complaint)
    if existing:
        messages.info(request, _("This complaint already has an open bill correction."))
        return redirect("correction-detail", pk=existing.pk)
    initial = {"bill_month": complaint.bill_month, "original_amount": complaint.billed_amount}
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            correction = correction_open(
                user=request.user, complaint=complaint, **form.cleaned_data
            )
        except OpenCorrectionExists as exc:
            return redirect("correction-detail", pk=exc.correction.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            recorded = _("Bill correction recorded.")
            messages.success(request, f"{recorded} {next_step(correction)}")
            return redirect("correction-detail", pk=correction.pk)
    return render(request, "billing/form.html", {"form": form, "complaint": complaint})


def _step_forms(correction, names: list[str], sent: StepForm | None) -> list:
    """A form for each step open to the user, showing the fields the step records (from
    the workflow table). The form that was sent keeps its errors and what was typed; the
    others start empty, with ids of their own."""
    forms = []
    for name in names:
        step = step_for(name, correction.state)
        if sent is not None and sent.step is not None and sent.step.name == name:
            form = sent
        else:
            form = StepForm(step=step, initial={"expected_state": correction.state})
        form.fields["approved_amount"].help_text = _(
            "Leave empty to permit the recommended %(amount)s."
        ) % {"amount": format_rupees(correction.recommended_amount)}
        forms.append((step, form, [form[field] for field in (*step.records, "remarks")]))
    return forms


def _detail(request, correction, *, step_form=None, edit_form=None, status=200):
    transitions = available_transitions(correction=correction, user=request.user)
    return render(
        request,
        "billing/detail.html",
        {
            "correction": correction,
            "complaint": correction.complaint,
            "stages": correction_stages(correction),
            "transitions": transitions,
            "steps": _step_forms(correction, transitions, step_form),
            # Errors of a form sent for a step the user no longer has (the file moved on).
            "step_errors": step_form.non_field_errors()
            if step_form is not None and step_form.step is None
            else [],
            "edit_form": edit_form
            or (
                CorrectionForm(instance=correction)
                if may_edit(correction=correction, user=request.user)
                else None
            ),
            "amendments": correction.amendments.select_related("actor"),
            "attachments": correction.complaint.attachments.all(),
        },
        status=status,
    )


@require_GET
@login_required
def correction_detail(request, pk):
    return _detail(request, correction_get(user=request.user, pk=pk))


@require_POST
@login_required
@once_per_form
def correction_step(request, pk, name):
    if name not in TRANSITION_NAMES:
        raise Http404
    correction = correction_get(user=request.user, pk=pk)
    mine = name in available_transitions(correction=correction, user=request.user)
    return post_action(
        request,
        StepForm(request.POST, step=step_for(name, correction.state) if mine else None),
        act=lambda data: correction_transition(
            correction=correction, user=request.user, name=name, **StepForm.body(data)
        ),
        show=_show(request, correction, "step_form"),
        label=lambda state: State(state).label,
        done=lambda done: (
            _("Done: the file is now “%(state)s”.") % {"state": done.get_state_display()}
            + " "
            + next_step(done),
            reverse("correction-detail", args=[done.pk]),
        ),
        conflicts={
            TransitionUnavailable: _("This step is not open from the file's present stage.")
        },
    )


@require_POST
@login_required
@once_per_form
def correction_edit_view(request, pk):
    correction = correction_get(user=request.user, pk=pk)
    moved_on = _("The file has moved on; it can no longer be edited.")
    return post_action(
        request,
        CorrectionForm(request.POST, instance=correction),
        act=lambda data: correction_edit(
            correction=correction,
            user=request.user,
            expected_state=request.POST.get("expected_state") or None,
            **{name: data[name] for name in CorrectionForm.Meta.fields},
        ),
        show=_show(request, correction, "edit_form"),
        label=lambda state: State(state).label,
        done=lambda done: (_("Amounts updated."), reverse("correction-detail", args=[done.pk])),
        conflicts={StaleTransition: moved_on, TransitionUnavailable: moved_on},
    )


def _show(request, correction, form_name: str):
    """The detail page again: with the refused form, or afresh after a conflict."""

    def show(*, form, status):
        if form is None:
            return _detail(
                request, correction_get(user=request.user, pk=correction.pk), status=status
            )
        return _detail(request, correction, status=status, **{form_name: form})

    return show


@require_GET
@login_required
def correction_notesheet(request, pk):
    correction = correction_get(user=request.user, pk=pk)
    return render(
        request,
        "billing/notesheet.html",
        {
            "correction": correction,
            "complaint": correction.complaint,
            "stages": correction_stages(correction),
            "amendments": correction.amendments.select_related("actor"),
        },
    )
