"""The chain of the notice as data: which step leaves which stage, who takes it, and
at which stage that person is deciding (for maker ≠ checker)."""

from dataclasses import dataclass

from django.urls import reverse

from accounts.capabilities import Capability
from accounts.models import Designation
from billing.models import Action, State
from timelimits.notices import OFFICE_STAFF, file_link_register, stage_register


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


@dataclass(frozen=True)
class Stage:
    state: State
    held_by: tuple[Designation, ...]  # whose inbox the file is in ("pending with")
    superiors: tuple[Designation, ...]  # next above them, told when the limit passes


STAGES = (
    Stage(
        State.ASSISTANT,
        (Designation.OFFICE_ASSISTANT, Designation.ASSISTANT_MANAGER),
        (Designation.MANAGER,),
    ),
    Stage(State.MANAGER, (Designation.MANAGER,), (Designation.DGM,)),
    Stage(State.DGM, (Designation.DGM,), (Designation.GM,)),
    Stage(State.GM, (Designation.GM,), (Designation.ADMIN,)),
    Stage(State.APPROVED, OFFICE_STAFF, (Designation.DGM,)),
)

# The stages whose files wait for each designation ("pending with me").
PENDING_WITH = {
    designation: tuple(stage.state for stage in STAGES if designation in stage.held_by)
    for designation in dict.fromkeys(d for stage in STAGES for d in stage.held_by)
}


def notices_register() -> None:
    """Tell the notices who acts at each stage and who is above them."""
    held = {stage.state: stage for stage in STAGES}
    for state in State:
        stage = held.get(state)
        stage_register(
            state.value,
            label=state.label,
            actors=stage.held_by if stage else (),
            superiors=stage.superiors if stage else (),
        )
    file_link_register("correction", lambda n: reverse("correction-detail", args=[n.correction_id]))
