from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """What every app may use (fields, errors, form and admin helpers); it imports no app."""

    name = "common"
    verbose_name = _("Common")

    def ready(self):
        # Registers the reports' SQLite stand-ins on each new development connection.
        from common import db  # noqa: F401
