from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """What spans the apps: the home page, workload, reports and the periodic job wiring."""

    name = "portal"
    verbose_name = _("Portal")
