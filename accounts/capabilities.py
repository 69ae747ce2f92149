"""What each designation may do. Where it may do it is the user's scope (`offices_for`).

The map is the notice's chain of redressal, so it lives in code, not in editable
database rows: an admin moves people between designations, not powers between roles.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Designation


class Capability(models.TextChoices):
    REGISTER_COMPLAINT = "register_complaint", _("Register complaints")
    SETTLE_COMPLAINT = "settle_complaint", _("Resolve, reject and close complaints at the office")
    RECORD_CORRECTION = "record_correction", _("Record and edit bill corrections")
    VERIFY_CORRECTION = "verify_correction", _("Verify corrections and forward to the manager")
    FORWARD_CORRECTION = "forward_correction", _("Forward corrections to the DGM")
    RECOMMEND_CORRECTION = "recommend_correction", _("Examine and recommend corrections")
    PERMIT_CORRECTION = "permit_correction", _("Grant or refuse permission for corrections")
    APPLY_CORRECTION = "apply_correction", _("Apply permitted corrections to the bill")


CORRECTION_CAPABILITIES = frozenset(c for c in Capability if c.value.endswith("_correction"))

CAPABILITIES: dict[str, frozenset[Capability]] = {
    Designation.OFFICE_ASSISTANT: frozenset(
        {
            Capability.REGISTER_COMPLAINT,
            Capability.SETTLE_COMPLAINT,
            Capability.RECORD_CORRECTION,
            Capability.APPLY_CORRECTION,
        }
    ),
    Designation.ASSISTANT_MANAGER: frozenset(
        {
            Capability.REGISTER_COMPLAINT,
            Capability.SETTLE_COMPLAINT,
            Capability.RECORD_CORRECTION,
            Capability.VERIFY_CORRECTION,
            Capability.APPLY_CORRECTION,
        }
    ),
    Designation.MANAGER: frozenset(
        {
            Capability.REGISTER_COMPLAINT,
            Capability.SETTLE_COMPLAINT,
            Capability.FORWARD_CORRECTION,
            Capability.APPLY_CORRECTION,
        }
    ),
    Designation.DGM: frozenset({Capability.RECOMMEND_CORRECTION}),
    Designation.GM: frozenset({Capability.PERMIT_CORRECTION}),
    # The shared desk login registers complaints and never touches a correction.
    Designation.DESK: frozenset({Capability.REGISTER_COMPLAINT}),
    # The 1912 system registers complaints for any office (its scope is not an office).
    Designation.CALL_CENTRE: frozenset({Capability.REGISTER_COMPLAINT}),
    Designation.ADMIN: frozenset(),
    Designation.NONE: frozenset(),
}


def capabilities_of(designation: str) -> frozenset[Capability]:
    return CAPABILITIES.get(designation, frozenset())


# The designations posted at an office that act on its files.
OFFICE_STAFF = (Designation.OFFICE_ASSISTANT, Designation.ASSISTANT_MANAGER, Designation.MANAGER)
