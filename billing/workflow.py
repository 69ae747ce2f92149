"""The chain of the notice as data, declared once: the stages a file passes, and the steps
between them (who takes each, at which stage that person is deciding, what it records, how
it is shown). The model's transitions, pending-with, the notices' audiences, the diagram and
the step forms are all derived from these two tables."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from accounts.capabilities import OFFICE_STAFF, Capability
from accounts.models import Designation


class State(models.TextChoices):
    ASSISTANT = "assistant", _("With the office assistant / assistant manager")
    MANAGER = "manager", _("With the manager")
    DGM = "dgm", _("With the DGM")
    GM = "gm", _("With the GM")
    APPROVED = "approved", _("Permitted; to be applied to the bill")
    APPLIED = "applied", _("Applied to the bill")
    REJECTED = "rejected", _("Refused")


class Action(models.TextChoices):
    FORWARD = "forward", _("Forwarded")
    RETURN = "return", _("Returned")
    RECOMMEND = "recommend", _("Recommended")
    APPROVE = "approve", _("Permitted")
    REJECT = "reject", _("Refused")
    APPLY = "apply", _("Applied to the bill")


@dataclass(frozen=True)
class Stage:
    state: State
    held_by: tuple[str, ...]  # whose inbox the file is in ("pending with"), who is told
    superiors: tuple[str, ...]  # next above them, told when the time limit passes
    next_actor: str  # who acts next, as the clerk is told after a step (with the due date)


STAGES = (
    Stage(State.ASSISTANT, OFFICE_STAFF[:2], (Designation.MANAGER,),
          _("the assistant manager verifies it and forwards it to the manager")),
    Stage(State.MANAGER, (Designation.MANAGER,), (Designation.DGM,),
          _("the manager forwards it to the DGM or sends it back")),
    Stage(State.DGM, (Designation.DGM,), (Designation.GM,),
          _("the DGM examines it and recommends")),
    Stage(State.GM, (Designation.GM,), (Designation.ADMIN,),
          _("the GM grants or refuses permission")),
    Stage(State.APPROVED, OFFICE_STAFF, (Designation.DGM,),
          _("the office applies it to the bill")),
)  # fmt: skip
NEXT_ACTOR = {stage.state: stage.next_actor for stage in STAGES}

OPEN_STATES = tuple(stage.state for stage in STAGES)


@dataclass(frozen=True)
class Step:
    name: str  # as the API and the forms call it
    source: State
    target: State
    method: str  # the model's transition, generated from this row
    capability: Capability
    # The stage at which the actor decides. None: executing a decision already made.
    acts_at: State | None
    action: Action
    label: str
    records: tuple[str, ...] = ()  # the file's fields the step sets (and its form shows)
    remarks_required: bool = False
    style: str = "primary"  # the button: "danger" for a step that refuses or sends back


FORWARD, SEND_BACK = _("Forward"), _("Send back")
STEPS = (
    Step("forward", State.ASSISTANT, State.MANAGER, "forward_to_manager",
         Capability.VERIFY_CORRECTION, State.ASSISTANT, Action.FORWARD, FORWARD),
    Step("forward", State.MANAGER, State.DGM, "forward_to_dgm",
         Capability.FORWARD_CORRECTION, State.MANAGER, Action.FORWARD, FORWARD),
    Step("recommend", State.DGM, State.GM, "recommend",
         Capability.RECOMMEND_CORRECTION, State.DGM, Action.RECOMMEND, _("Recommend"),
         records=("recommendation", "recommended_amount"), remarks_required=True),
    Step("approve", State.GM, State.APPROVED, "approve",
         Capability.PERMIT_CORRECTION, State.GM, Action.APPROVE, _("Grant permission"),
         records=("approved_amount",)),
    Step("reject", State.GM, State.REJECTED, "reject",
         Capability.PERMIT_CORRECTION, State.GM, Action.REJECT, _("Refuse permission"),
         remarks_required=True, style="danger"),
    Step("return", State.MANAGER, State.ASSISTANT, "return_to_assistant",
         Capability.FORWARD_CORRECTION, State.MANAGER, Action.RETURN, SEND_BACK,
         remarks_required=True, style="danger"),
    Step("return", State.DGM, State.MANAGER, "return_to_manager",
         Capability.RECOMMEND_CORRECTION, State.DGM, Action.RETURN, SEND_BACK,
         remarks_required=True, style="danger"),
    Step("return", State.GM, State.DGM, "return_to_dgm",
         Capability.PERMIT_CORRECTION, State.GM, Action.RETURN, SEND_BACK,
         remarks_required=True, style="danger"),
    Step("apply", State.APPROVED, State.APPLIED, "apply",
         Capability.APPLY_CORRECTION, None, Action.APPLY, _("Apply to the bill"),
         records=("revised_bill_reference",)),
)  # fmt: skip

TRANSITION_NAMES = tuple(dict.fromkeys(step.name for step in STEPS))
RECORDED = tuple(dict.fromkeys(field for step in STEPS for field in step.records))


def step_for(name: str, state: str) -> Step | None:
    return next((s for s in STEPS if s.name == name and s.source == state), None)


def steps_from(state: str) -> list[Step]:
    return [s for s in STEPS if s.source == state]


# The stages whose files wait for each designation ("pending with me").
PENDING_WITH = {
    designation: tuple(stage.state for stage in STAGES if designation in stage.held_by)
    for designation in dict.fromkeys(d for stage in STAGES for d in stage.held_by)
}


def state_transitions(field: str) -> type:
    """A mixin with one django-fsm transition per step: the model's state machine is
    this table, and django-fsm still refuses any change of the protected field that is
    not one of its rows."""

    def make(step: Step):
        def take(self) -> None:
            pass

        take.__name__ = take.__qualname__ = step.method
        return transition(field=field, source=step.source, target=step.target)(take)

    return type("StepTransitions", (), {step.method: make(step) for step in STEPS})
