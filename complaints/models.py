"""A consumer complaint: the record everything else hangs on."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.db.models.functions import Right
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from accounts.models import BilingualName, Office
from common.money import MAX_AMOUNT, money_field
from common.remarks import REMARKS_MAX_LENGTH
from complaints import validators as v


class AppendOnly(models.Model):
    """Audit rows are written once. The database refuses changes too (see migrations)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("History rows cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("History rows cannot be deleted."))


class Category(BilingualName):
    """Complaint categories: data, editable in Django admin, each bill or non-bill."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    is_bill = models.BooleanField(
        _("bill complaint"),
        help_text=_("Bill complaints need a bill month and may lead to a bill correction."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["-is_bill", "position", "name"]


class ComplaintStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    UNDER_CORRECTION = "under_correction", _("Under bill correction")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (ComplaintStatus.REGISTERED, ComplaintStatus.UNDER_CORRECTION)


class Complaint(ConcurrentTransitionMixin, models.Model):
    class Source(models.TextChoices):
        CALL_CENTRE = "call_centre", _("1912 call centre")
        OFFICE = "office", _("Office")

    Status = ComplaintStatus
    OPEN = OPEN_STATUSES

    complaint_number = models.CharField(
        _("complaint number"), max_length=40, unique=True, validators=[v.url_safe_number]
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("office")
    )
    consumer_number = models.CharField(
        _("consumer number (IVRS)"), max_length=20, validators=[v.validate_consumer_number]
    )
    consumer_name = models.CharField(_("consumer name"), max_length=120)
    mobile = models.CharField(_("mobile"), max_length=10, validators=[v.validate_mobile])
    address = models.CharField(_("address"), max_length=300, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("category")
    )
    bill_month = models.DateField(
        _("bill month"), null=True, blank=True, validators=[v.validate_bill_month]
    )
    billed_amount = money_field(_("billed amount"))
    amount_deposited = money_field(_("amount deposited under protest"))
    description = models.CharField(_("description"), max_length=2000)
    status = FSMField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.REGISTERED,
        protected=True,
    )
    # Due date of the stage the complaint is in now; null once nothing is awaited.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    # Set once, by the time-limit job, when the office let the registered stage lapse.
    overdue_flagged_at = models.DateTimeField(_("flagged overdue"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="complaints_entered",
        verbose_name=_("entered by"),
    )
    # Required when entered under an office's shared desk login.
    operator_name = models.CharField(_("operator's name"), max_length=120, blank=True)
    operator_employee_number = models.CharField(
        _("operator's employee number"), max_length=20, blank=True
    )
    # Fingerprint of the intake data: an API replay with the same number must match it.
    intake_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["office", "status", "due_at"], name="complaint_office_status_due"),
            models.Index(fields=["office", "created_at"], name="complaint_office_created"),
            models.Index(fields=["consumer_number", "bill_month"], name="complaint_consumer_month"),
            # Prefix search on the numbers (LIKE 'x%'): the database's collation is not C,
            # so only pattern_ops indexes serve it. (Django gives the unique complaint
            # number its own `_like` index already.)
            models.Index(
                fields=["consumer_number"],
                name="complaint_consumer_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(
                fields=["mobile"], name="complaint_mobile_prefix", opclasses=["varchar_pattern_ops"]
            ),
            # The sequence part of office-issued numbers ("-000004"), for search.
            models.Index(
                Right("complaint_number", 7),
                "office",
                name="complaint_office_sequence",
                condition=Q(source="office"),
            ),
            models.Index(fields=["created_by", "created_at"], name="complaint_creator"),
            models.Index(
                fields=["due_at", "id"],
                name="complaint_open_due",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            # The time-limit job's work list: registered, not yet flagged.
            models.Index(
                fields=["due_at"],
                name="complaint_to_flag",
                condition=Q(status=ComplaintStatus.REGISTERED, overdue_flagged_at__isnull=True),
            ),
            # Reports: open files counted by stage, due date and age from the index alone.
            models.Index(
                fields=["office", "status"],
                include=["id", "due_at", "created_at"],
                name="complaint_open_cover",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            # Reports: a stage visit's office, found from the index alone.
            models.Index(fields=["id"], include=["office"], name="complaint_office_by_id"),
        ]
        constraints = [
            models.CheckConstraint(
                name="complaint_amounts_in_range",
                condition=(
                    (Q(billed_amount__isnull=True) | Q(billed_amount__gte=0))
                    & (Q(billed_amount__isnull=True) | Q(billed_amount__lte=MAX_AMOUNT))
                    & (Q(amount_deposited__isnull=True) | Q(amount_deposited__gte=0))
                    & (Q(amount_deposited__isnull=True) | Q(amount_deposited__lte=MAX_AMOUNT))
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.complaint_number

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()

    def clean(self) -> None:
        errors = {}
        category = self.category if self.category_id else None
        if category and category.is_bill and self.bill_month is None:
            errors["bill_month"] = _("A bill complaint needs the bill month.")
        if (
            self.billed_amount is not None
            and self.amount_deposited is not None
            and self.amount_deposited > self.billed_amount
        ):
            errors["amount_deposited"] = _("The amount deposited cannot exceed the billed amount.")
        if errors:
            raise ValidationError(errors)

    def _is_non_bill(self) -> bool:
        return not self.category.is_bill

    # Transitions are pure state changes; complaints.services wraps each in a
    # transaction with its history row and the permission check.
    @transition(field=status, source=Status.REGISTERED, target=Status.UNDER_CORRECTION)
    def start_correction(self) -> None:
        pass

    @transition(
        field=status, source=Status.REGISTERED, target=Status.RESOLVED, conditions=[_is_non_bill]
    )
    def resolve(self) -> None:
        pass

    @transition(field=status, source=Status.UNDER_CORRECTION, target=Status.RESOLVED)
    def resolve_by_correction(self) -> None:
        pass

    @transition(field=status, source=Status.REGISTERED, target=Status.REJECTED)
    def reject(self) -> None:
        """Not upheld at the office, before any correction was opened."""

    @transition(field=status, source=Status.UNDER_CORRECTION, target=Status.REJECTED)
    def reject_by_correction(self) -> None:
        """The GM refused the correction; only the correction's chain may do this."""

    @transition(field=status, source=[Status.RESOLVED, Status.REJECTED], target=Status.CLOSED)
    def close(self) -> None:
        pass


class TransitionRecord(AppendOnly):
    """Who moved a complaint from one status to another, when, why, and its new due date.

    A bill correction's stages are kept apart, one `billing.StageVisit` row per stay."""

    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    remarks = models.CharField(_("remarks"), max_length=REMARKS_MAX_LENGTH, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)

    class Meta:
        abstract = True


class ComplaintEvent(TransitionRecord):
    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="events", verbose_name=_("complaint")
    )

    class Meta:
        verbose_name = _("complaint history")
        verbose_name_plural = _("complaint history")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["complaint", "at"], name="complaint_event_at")]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.from_status or '—'} → {self.to_status}"


class ComplaintSequence(models.Model):
    """The last number issued per office per year; its row lock makes numbers gap-free."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="complaint_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last}"


class PrivateStorage(FileSystemStorage):
    """Evidence under MEDIA_ROOT, served only through a view that checks scope: no URL."""

    def url(self, name):
        raise ValueError("Private files have no public URL.")


def attachment_path(instance: "ComplaintAttachment", filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return f"complaints/{instance.complaint_id}/{uuid.uuid4().hex}{suffix}"


class ComplaintAttachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=PrivateStorage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
