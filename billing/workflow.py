"""The chain of the notice as data: which step leaves which stage, who takes it, and
at which stage that person is deciding (for maker ≠ checker)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.capabilities import Capability
from billing.models import Action, State


@dataclass(frozen=True)
class Step:
    name: str  # as the API and the forms call it
    source: State
    target: State
    method: str  # the model's transition
    capability: Capability
    # The stage at which the actor decides. None: executing a decision already made.
    acts_at: State | None
    action: Action
    remarks_required: bool = False


STEPS = (
    Step("forward", State.ASSISTANT, State.MANAGER, "forward_to_manager",
         Capability.VERIFY_CORRECTION, State.ASSISTANT, Action.FORWARD),
    Step("forward", State.MANAGER, State.DGM, "forward_to_dgm",
         Capability.FORWARD_CORRECTION, State.MANAGER, Action.FORWARD),
    Step("recommend", State.DGM, State.GM, "recommend",
         Capability.RECOMMEND_CORRECTION, State.DGM, Action.RECOMMEND, remarks_required=True),
    Step("approve", State.GM, State.APPROVED, "approve",
         Capability.PERMIT_CORRECTION, State.GM, Action.APPROVE),
    Step("reject", State.GM, State.REJECTED, "reject",
         Capability.PERMIT_CORRECTION, State.GM, Action.REJECT, remarks_required=True),
    Step("return", State.MANAGER, State.ASSISTANT, "return_to_assistant",
         Capability.FORWARD_CORRECTION, State.MANAGER, Action.RETURN, remarks_required=True),
    Step("return", State.DGM, State.MANAGER, "return_to_manager",
         Capability.RECOMMEND_CORRECTION, State.DGM, Action.RETURN, remarks_required=True),
    Step("return", State.GM, State.DGM, "return_to_dgm",
         Capability.PERMIT_CORRECTION, State.GM, Action.RETURN, remarks_required=True),
    Step("apply", State.APPROVED, State.APPLIED, "apply",
         Capability.APPLY_CORRECTION, None, Action.APPLY),
)  # fmt: skip

TRANSITION_NAMES = tuple(dict.fromkeys(step.name for step in STEPS))


def step_for(name: str, state: str) -> Step | None:
    return next((s for s in STEPS if s.name == name and s.source == state), None)


def steps_from(state: str) -> list[Step]:
    return [s for s in STEPS if s.source == state]


# The stages whose files wait for each designation ("pending with me").
PENDING_WITH = {
    "office_assistant": (State.ASSISTANT, State.APPROVED),
    "assistant_manager": (State.ASSISTANT, State.APPROVED),
    "manager": (State.MANAGER, State.APPROVED),
    "dgm": (State.DGM,),
    "gm": (State.GM,),
}


# Who acts next at each stage, as the clerk is told after a step (with the due date).
NEXT_ACTOR = {
    State.ASSISTANT: _("the assistant manager verifies it and forwards it to the manager"),
    State.MANAGER: _("the manager forwards it to the DGM or sends it back"),
    State.DGM: _("the DGM examines it and recommends"),
    State.GM: _("the GM grants or refuses permission"),
    State.APPROVED: _("the office applies it to the bill"),
}
