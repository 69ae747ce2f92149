from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from django.urls import reverse

        from accounts.capabilities import OFFICE_STAFF
        from accounts.models import Designation, Office
        from complaints.models import Category, Complaint
        from complaints.reference import REFERENCE
        from timelimits.notices import file_link_register, stage_register

        # Who acts on a registered complaint, and who is above them.
        registered = Complaint.Status.REGISTERED
        stage_register(
            registered, label=registered.label, actors=OFFICE_STAFF, superiors=(Designation.DGM,)
        )
        file_link_register(
            "complaint", lambda n: reverse("complaint-detail", args=[n.complaint.complaint_number])
        )
        # Reference data is cached per process; a change to an office or category clears it.
        REFERENCE.watch(Office, Category)
