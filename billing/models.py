"""A bill correction and its passage through the chain: office → DGM → GM → the bill."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from accounts.models import Designation
from billing.workflow import OPEN_STATES, Action, State, state_transitions
from common.money import MAX_AMOUNT, money_field
from common.remarks import REMARKS_MAX_LENGTH
from complaints.models import Complaint


class Reason(models.TextChoices):
    WRONG_READING = "wrong_reading", _("Wrong meter reading")
    ASSESSED = "assessed", _("Assessed / average billing")
    WRONG_TARIFF = "wrong_tariff", _("Wrong tariff applied")
    METER_DEFECT = "meter_defect", _("Meter defect")
    ARREARS = "arrears", _("Arrears wrongly carried")
    OTHER = "other", _("Other")


class Recommendation(models.TextChoices):
    FOR = "for", _("For the correction")
    AGAINST = "against", _("Against the correction")


# The state machine is billing.workflow's step table: one django-fsm transition per row,
# so the protected state field moves only along the table.
class BillCorrection(ConcurrentTransitionMixin, state_transitions("state"), models.Model):
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("complaint"),
    )
    # The complaint's office, copied when the file is opened (a complaint keeps its office):
    # lists per office read the corrections without joining two million complaints.
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="+", editable=False
    )
    bill_month = models.DateField(_("bill month"))
    original_amount = money_field(_("original amount"), optional=False)
    corrected_amount = money_field(_("corrected amount"), optional=False)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    remarks = models.CharField(_("remarks"), max_length=REMARKS_MAX_LENGTH, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=8, choices=Recommendation.choices, blank=True
    )
    recommended_amount = money_field(_("recommended amount"))
    approved_amount = money_field(_("approved amount"))
    revised_bill_reference = models.CharField(
        _("revised bill reference"), max_length=60, blank=True
    )
    state = FSMField(
        _("state"),
        max_length=12,
        choices=State.choices,
        default=State.ASSISTANT,
        protected=True,
    )
    # Due date of the current stage visit (copied from it), for lists and the inbox.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bill correction")
        verbose_name_plural = _("bill corrections")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "due_at"], name="correction_state_due"),
            models.Index(fields=["complaint", "state"], name="correction_complaint_state"),
            models.Index(fields=["office", "state", "due_at"], name="correction_office_state_due"),
            models.Index(fields=["due_at", "id"], name="correction_due"),
            # Reports: open corrections counted by stage, due date and age from the index alone.
            models.Index(
                fields=["complaint"],
                include=["state", "due_at", "created_at"],
                name="correction_open_cover",
                condition=Q(state__in=OPEN_STATES),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_correction_per_complaint",
            ),
            models.CheckConstraint(
                name="correction_amounts_not_negative",
                condition=Q(original_amount__gte=0)
                & Q(corrected_amount__gte=0)
                & (Q(recommended_amount__isnull=True) | Q(recommended_amount__gte=0))
                & (Q(approved_amount__isnull=True) | Q(approved_amount__gte=0)),
            ),
            models.CheckConstraint(
                name="correction_amounts_within_ceiling",
                condition=Q(original_amount__lte=MAX_AMOUNT)
                & Q(corrected_amount__lte=MAX_AMOUNT)
                & (Q(recommended_amount__isnull=True) | Q(recommended_amount__lte=MAX_AMOUNT))
                & (Q(approved_amount__isnull=True) | Q(approved_amount__lte=MAX_AMOUNT)),
            ),
            models.CheckConstraint(
                name="correction_different_amount",
                condition=~Q(corrected_amount=F("original_amount")),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.complaint_id}"

    @property
    def difference(self):
        """Corrected minus original: negative when the bill comes down."""
        return self.corrected_amount - self.original_amount

    @property
    def permitted_amount(self):
        """What the bill is to be (or was) corrected to: the GM's permitted amount once
        given; None before (the assistant's proposal is only a proposal)."""
        if self.state in (State.APPROVED, State.APPLIED):
            return self.approved_amount
        return None

    @property
    def permitted_difference(self):
        amount = self.permitted_amount
        return None if amount is None else amount - self.original_amount

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()

    def clean(self) -> None:
        if (
            self.original_amount is not None
            and self.corrected_amount is not None
            and self.original_amount == self.corrected_amount
        ):
            raise ValidationError(
                {"corrected_amount": _("The corrected amount must differ from the original.")}
            )


class StageVisit(models.Model):
    """One stay of the file at one stage: entered, due, and how it left (once).

    Append-only: rows are never deleted, the entry facts never change, and the leaving
    facts are written once. On PostgreSQL a trigger enforces it (see migrations)."""

    correction = models.ForeignKey(BillCorrection, on_delete=models.PROTECT, related_name="stages")
    stage = models.CharField(_("stage"), max_length=12, choices=State.choices)
    entered_at = models.DateTimeField(_("entered"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acted by"),
    )
    # As the actor was when acting: a later transfer does not rewrite the note-sheet.
    actor_designation = models.CharField(_("designation"), max_length=24, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, blank=True)
    remarks = models.CharField(_("remarks"), max_length=REMARKS_MAX_LENGTH, blank=True)
    # What the step recorded (recommendation and amount, permitted amount, bill reference).
    details = models.JSONField(_("details"), default=dict, blank=True)
    # Set once, by the time-limit job, when the visit passed its due date while open.
    flagged_at = models.DateTimeField(_("flagged overdue"), null=True, blank=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["entered_at", "id"]
        indexes = [
            models.Index(fields=["correction", "entered_at"], name="stage_correction"),
            # The time-limit job's work list: open, not yet flagged.
            models.Index(
                fields=["due_at"],
                name="stage_to_flag",
                condition=Q(left_at__isnull=True, flagged_at__isnull=True),
            ),
            # Compliance reports: the visits completed in a period, from the index alone.
            models.Index(
                fields=["left_at"],
                include=["correction", "stage", "entered_at", "due_at"],
                name="stage_completed",
                condition=Q(left_at__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["correction"],
                condition=Q(left_at__isnull=True),
                name="one_open_stage_per_correction",
            ),
            models.CheckConstraint(
                name="stage_left_after_entered",
                condition=Q(left_at__isnull=True) | Q(left_at__gte=F("entered_at")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.correction_id}: {self.stage}"

    def get_actor_designation_display(self) -> str:
        return Designation(self.actor_designation).label if self.actor_designation else ""

    @property
    def is_overdue(self) -> bool:
        """Past its due date: still open and late, or left late (a breach stays one)."""
        if self.due_at is None:
            return False
        return (self.left_at or timezone.now()) > self.due_at


class Amendment(models.Model):
    """An edit of the amounts while the file is at the assistant stage: who, when, what."""

    correction = models.ForeignKey(
        BillCorrection, on_delete=models.PROTECT, related_name="amendments"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    changes = models.JSONField(_("changes"))

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.correction_id} @ {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
