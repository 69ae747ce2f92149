from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Bill corrections")

    def ready(self):
        from billing.workflow import notices_register

        notices_register()
