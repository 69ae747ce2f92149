"""Time-limit policy (days per stage, per area, from a date) and the notices people get."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Office

# The stages a limit is set for: the complaint's wait at the office, then each level of
# a bill correction, then the wait for the permitted correction to be applied.
STAGES = ("registered", "assistant", "manager", "dgm", "gm", "approved")


def days_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )


class TimeLimitPolicy(models.Model):
    """Days each stage has, for one area, for stages entered on or after `effective_from`.

    A new circular is a new row: stages already entered keep the due date they got."""

    class Counting(models.TextChoices):
        CALENDAR = "calendar", _("Calendar days")
        WORKING = "working", _("Working days (not Sundays or listed holidays)")

    area = models.CharField(_("area"), max_length=8, choices=Office.Area.choices)
    effective_from = models.DateField(_("effective from"))
    counting = models.CharField(
        _("counting"), max_length=8, choices=Counting.choices, default=Counting.CALENDAR
    )
    registered_days = days_field(_("complaint at the office (days)"))
    assistant_days = days_field(_("assistant stage (days)"))
    manager_days = days_field(_("manager stage (days)"))
    dgm_days = days_field(_("DGM stage (days)"))
    gm_days = days_field(_("GM stage (days)"))
    approved_days = days_field(_("applying the permitted correction (days)"))
    reference = models.CharField(
        _("circular"), max_length=200, blank=True, help_text=_("The order or circular it follows.")
    )

    class Meta:
        verbose_name = _("time-limit policy")
        verbose_name_plural = _("time-limit policies")
        ordering = ["area", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["area", "effective_from"], name="one_policy_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()} · {self.effective_from:%Y-%m-%d}"

    def days_for(self, stage: str) -> int:
        return getattr(self, f"{stage}_days")


class Holiday(models.Model):
    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class Notice(models.Model):
    """Something a person must know about a file. The row is the truth: mailing it is a
    separate, retryable step (`emailed_at`)."""

    class Kind(models.TextChoices):
        OVERDUE = "overdue", _("Time limit passed")
        ARRIVED = "arrived", _("File reached your stage")
        DECIDED = "decided", _("Decision on a file you recorded")
        NEW_COMPLAINT = "new_complaint", _("New complaint from 1912")

    class Role(models.TextChoices):
        ACTOR = "actor", _("to act")
        SUPERIOR = "superior", _("as the next superior")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ACTOR)
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="+"
    )
    correction = models.ForeignKey(
        "billing.BillCorrection", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=16, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    # One notice per recipient per event, however often the job runs.
    key = models.CharField(max_length=80)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    # A worker's claim while it mails; a claim older than the lease is taken over.
    mail_claimed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notice_per_event")
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="notice_unread",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(
                fields=["created_at"], name="notice_unsent", condition=Q(emailed_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.kind} · {self.key}"


class JobRun(models.Model):
    """When a periodic job last finished, written by the job itself, so an operator (and
    `/healthz`) can tell a silent beat from a quiet day."""

    name = models.CharField(_("job"), max_length=60, primary_key=True)
    finished_at = models.DateTimeField(_("last finished"))

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")

    def __str__(self) -> str:
        return self.name
