"""The state machine as a Mermaid diagram, drawn from the workflow table."""

from accounts.capabilities import CAPABILITIES, Capability
from accounts.models import Designation
from billing.workflow import STEPS, State

SHORT = {
    Designation.OFFICE_ASSISTANT: "OA",
    Designation.ASSISTANT_MANAGER: "AM",
    Designation.MANAGER: "manager",
    Designation.DGM: "DGM",
    Designation.GM: "GM",
}


def who(capability: Capability) -> str:
    """The designations that hold a capability, as the diagram names them."""
    return " / ".join(SHORT[d] for d, caps in CAPABILITIES.items() if capability in caps)


def mermaid() -> str:
    lines = [
        "stateDiagram-v2",
        f"    [*] --> {State.ASSISTANT.value}: create ({who(Capability.RECORD_CORRECTION)})",
    ]
    for step in STEPS:
        lines.append(
            f"    {step.source.value} --> {step.target.value}: {step.name} ({who(step.capability)})"
        )
    lines += [f"    {State.APPLIED.value} --> [*]", f"    {State.REJECTED.value} --> [*]"]
    return "\n".join(lines) + "\n"


def document() -> str:
    return (
        "# Bill-correction state machine\n\n"
        "Generated from `billing/workflow.py` by `python manage.py correction_diagram`;"
        " a test keeps it in step with the code.\n\n"
        "Every arrow writes a stage row (who, when, from, to, remarks, due date). A return\n"
        "needs remarks. Maker ≠ checker: nobody acts at two different decision stages of one\n"
        "file; applying the permitted correction is execution and is exempt.\n\n"
        f"```mermaid\n{mermaid()}```\n"
    )
