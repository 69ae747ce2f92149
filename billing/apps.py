from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Bill corrections")

    def ready(self):
        from django.urls import reverse

        from billing.workflow import STAGES, State
        from timelimits.notices import file_link_register, stage_register

        # Who acts at each stage and who is above them, from the workflow's stage table.
        held = {stage.state: stage for stage in STAGES}
        for state in State:
            stage = held.get(state)
            stage_register(
                state.value,
                label=state.label,
                actors=stage.held_by if stage else (),
                superiors=stage.superiors if stage else (),
            )
        file_link_register(
            "correction", lambda n: reverse("correction-detail", args=[n.correction_id])
        )
