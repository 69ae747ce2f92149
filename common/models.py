from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OnceToken(models.Model):
    """A form's one-time token, stored when the form's POST succeeded: a second POST of
    the same form (a double click, a reload) is answered with where the first one led.
    See common/once.py."""

    token = models.UUIDField(_("token"), primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    used_at = models.DateTimeField(_("used at"), auto_now_add=True, db_index=True)
    redirect_to = models.CharField(_("led to"), max_length=500)

    class Meta:
        verbose_name = _("one-time form token")
        verbose_name_plural = _("one-time form tokens")

    def __str__(self) -> str:
        return str(self.token)
