from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.capabilities import Capability
from accounts.selectors import has_capability
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
from common.formats import day
from common.once import once_per_form
from complaints.selectors import complaint_get
from complaints.services import StaleTransition
from complaints.views import apply_errors, stale_message

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
    results = filters.qs.order_by("due_at", "id") if filters.form.is_valid() else []
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = params.copy()
    query.pop("page", None)
    counts = pending_counts(request.user)
    return render(
        request,
        "billing/inbox.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
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


def _step_forms(correction, transitions, sent: StepForm | None) -> list[tuple[str, StepForm]]:
    """A form for each step open to the user; the one that was sent keeps its errors and
    what was typed, the others start empty."""
    forms = []
    for name in transitions:
        step = step_for(name, correction.state)
        if sent is not None and sent.step is not None and sent.step.name == name:
            forms.append((name, sent))
        else:
            initial = {"expected_state": correction.state}
            forms.append((name, StepForm(step=step, initial=initial)))
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
            "step_forms": _step_forms(correction, transitions, step_form),
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
    form = StepForm(request.POST, step=step_for(name, correction.state) if mine else None)
    if not form.is_valid():
        return _detail(request, correction, step_form=form, status=400)
    try:
        correction = correction_transition(
            correction=correction, user=request.user, name=name, **form.body()
        )
    except StaleTransition as exc:
        messages.error(request, stale_message(exc, State(exc.status).label))
        return _detail(request, correction_get(user=request.user, pk=pk), status=409)
    except TransitionUnavailable:
        messages.error(request, _("This step is not open from the file's present stage."))
        return _detail(request, correction, status=409)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _detail(request, correction, step_form=form, status=400)
    done = _("Done: the file is now “%(state)s”.") % {"state": correction.get_state_display()}
    messages.success(request, f"{done} {next_step(correction)}")
    return redirect("correction-detail", pk=correction.pk)


@require_POST
@login_required
@once_per_form
def correction_edit_view(request, pk):
    correction = correction_get(user=request.user, pk=pk)
    form = CorrectionForm(request.POST, instance=correction)
    if not form.is_valid():
        return _detail(request, correction, edit_form=form, status=400)
    try:
        correction_edit(
            correction=correction,
            user=request.user,
            expected_state=request.POST.get("expected_state") or None,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
    except (StaleTransition, TransitionUnavailable):
        messages.error(request, _("The file has moved on; it can no longer be edited."))
        return _detail(request, correction_get(user=request.user, pk=pk), status=409)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _detail(request, correction, edit_form=form, status=400)
    messages.success(request, _("Amounts updated."))
    return redirect("correction-detail", pk=correction.pk)


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
