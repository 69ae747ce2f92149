from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimeLimitsConfig(AppConfig):
    name = "timelimits"
    verbose_name = _("Time limits and notices")

    def ready(self):
        from timelimits.models import Holiday, TimeLimitPolicy
        from timelimits.policy import REFERENCE

        REFERENCE.watch(TimeLimitPolicy, Holiday)
