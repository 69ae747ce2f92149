from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from accounts.models import Office
        from complaints.models import Category
        from complaints.reference import REFERENCE

        REFERENCE.watch(Office, Category)
