"""The state machine as a Mermaid diagram, drawn from the workflow table."""

from billing.models import State
from billing.workflow import STEPS

ROLE = {
    "verify_correction": "AM",
    "forward_correction": "manager",
    "recommend_correction": "DGM",
    "permit_correction": "GM",
    "apply_correction": "OA / AM / manager",
}


def mermaid() -> str:
    lines = [
        "stateDiagram-v2",
        "    [*] --> assistant: create (OA / AM)",
    ]
    for step in STEPS:
        who = ROLE[step.capability]
        lines.append(f"    {step.source.value} --> {step.target.value}: {step.name} ({who})")
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
