"""Business actions on complaints: registration, the office's own settlements, evidence."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed

from accounts.capabilities import Capability
from accounts.models import Designation, Office, User
from accounts.selectors import has_capability
from common.errors import StaleTransition
from common.remarks import clean_remarks
from complaints import validators as v
from complaints.models import (
    Category,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintSequence,
)
from complaints.selectors import open_duplicates
from timelimits.models import Notice
from timelimits.notices import notify_stage
from timelimits.policy import stage_due_at


class DuplicateComplaint(Exception):
    """An open complaint exists for the same consumer and bill month."""

    def __init__(self, existing: list[Complaint]):
        super().__init__(", ".join(c.complaint_number for c in existing))
        self.existing = existing


class ComplaintNumberConflict(Exception):
    """The 1912 number is already on record with different data."""

    def __init__(self, complaint_number: str):
        super().__init__(complaint_number)
        self.complaint_number = complaint_number


class _NumberTaken(Exception):
    """The 1912 number is on record already: a replay or a conflict, decided outside."""


@dataclass(frozen=True)
class Intake:
    """What a person or the 1912 system says about a new complaint, already field-valid."""

    office: Office
    consumer_number: str
    consumer_name: str
    mobile: str
    category: Category
    description: str
    address: str = ""
    bill_month: date | None = None
    billed_amount: Decimal | None = None
    amount_deposited: Decimal | None = None
    operator_name: str = ""
    operator_employee_number: str = ""

    @classmethod
    def from_data(cls, data) -> "Intake":
        """From validated form or serializer data; absent optional fields keep defaults."""
        return cls(
            **{name: data[name] for name in cls.__dataclass_fields__ if data.get(name) is not None}
        )

    def digest(self, complaint_number: str) -> str:
        canonical = {name: _canonical(getattr(self, name)) for name in INTAKE_FIELDS}
        canonical["complaint_number"] = complaint_number
        encoded = json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()


# The intake's fields in the order people fill them: the form, the API and the digest.
INTAKE_FIELDS = (
    "office",
    "consumer_number",
    "consumer_name",
    "mobile",
    "address",
    "category",
    "bill_month",
    "billed_amount",
    "amount_deposited",
    "description",
    "operator_name",
    "operator_employee_number",
)


def _canonical(value):
    """An intake value as the digest records it (stable across releases)."""
    if isinstance(value, Office):
        return value.contact_id
    if isinstance(value, Category):
        return value.code
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    return value


def _next_office_number(office: Office, year: int) -> str:
    """`<contact ID>-<year>-<sequence>`: the upsert holds the counter row's lock until
    the complaint commits, so parallel registrations queue and a rollback leaves no gap."""
    table = ComplaintSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (office_id, year, last) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (office_id, year) DO UPDATE SET last = {table}.last + 1 "
            "RETURNING last",
            [office.pk, year],
        )
        (sequence,) = cursor.fetchone()
    return f"{office.contact_id}-{year}-{sequence:06d}"


def _record(
    complaint: Complaint, *, actor: User, from_status: str, at, remarks: str = ""
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint,
        from_status=from_status,
        to_status=complaint.status,
        actor=actor,
        at=at,
        remarks=remarks,
        due_at=complaint.due_at,
    )


def _check_intake_rules(
    *, user: User, intake: Intake, complaint_number: str | None
) -> tuple[str, str | None]:
    """Who may register where, and which number rule applies. Returns (source, number)."""
    if not has_capability(user, Capability.REGISTER_COMPLAINT, intake.office):
        raise ValidationError({"office": _("You cannot register complaints for this office.")})
    errors = {}
    if user.designation == Designation.CALL_CENTRE:
        source = Complaint.Source.CALL_CENTRE
        if not complaint_number:
            errors["complaint_number"] = _("The 1912 complaint number is required.")
        else:
            try:
                v.validate_call_centre_number(complaint_number)
            except ValidationError as exc:
                errors["complaint_number"] = exc.messages
    else:
        source = Complaint.Source.OFFICE
        if complaint_number:
            errors["complaint_number"] = _(
                "Complaints entered at an office get their number from Nivaran; leave it out."
            )
    if user.is_desk_login:
        if not intake.operator_name.strip():
            errors["operator_name"] = _("Entries under a desk login need the operator's name.")
        if not intake.operator_employee_number.strip():
            errors["operator_employee_number"] = _(
                "Entries under a desk login need the operator's employee number."
            )
    if errors:
        raise ValidationError(errors)
    return source, complaint_number


def complaint_register(
    *,
    user: User,
    intake: Intake,
    complaint_number: str | None = None,
    allow_duplicate: bool = False,
    attachments: list[UploadedFile] = (),
) -> tuple[Complaint, bool]:
    """Register a complaint. Returns (complaint, created).

    A 1912 number already on record with the same data from the same caller is a replay:
    the stored complaint comes back with created=False. Any other reuse is a conflict."""
    source, number = _check_intake_rules(
        user=user, intake=intake, complaint_number=complaint_number
    )
    now = timezone.now()
    complaint = Complaint(
        source=source,
        created_by=user,
        created_at=now,
        due_at=stage_due_at(
            stage=Complaint.Status.REGISTERED, office=intake.office, entered_at=now
        ),
        **{field: getattr(intake, field) for field in INTAKE_FIELDS},
    )
    # Every field and cross-field rule first: bad input changes nothing and says why.
    # (The status is the state machine's, and the number is issued inside the transaction.
    # Office, category and user are rows already in hand, and the check constraint repeats
    # the amount validators: asking the database again cost four queries per intake.)
    complaint.full_clean(
        exclude=["complaint_number", "intake_digest", "status", "office", "category", "created_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    for upload in attachments:
        _check_upload(upload)
    try:
        with transaction.atomic():
            _serialize_per_consumer(intake)
            if not allow_duplicate:
                existing = open_duplicates(
                    office=intake.office,
                    consumer_number=intake.consumer_number,
                    bill_month=intake.bill_month,
                )
                if number:  # a 1912 replay is found by the same statement
                    existing |= Complaint.objects.filter(complaint_number=number)
                existing = list(existing)
                if number in {c.complaint_number for c in existing}:
                    raise _NumberTaken
                if existing:
                    raise DuplicateComplaint(existing)
            complaint.complaint_number = number or _next_office_number(
                intake.office, timezone.localdate(now).year
            )
            complaint.intake_digest = intake.digest(complaint.complaint_number)
            complaint.save()
            _record(complaint, actor=user, from_status="", at=now)
            for upload in attachments:
                _store_attachment(complaint=complaint, user=user, upload=upload)
            if source == Complaint.Source.CALL_CENTRE:
                notify_stage(
                    office=intake.office,
                    stage=Complaint.Status.REGISTERED,
                    kind=Notice.Kind.NEW_COMPLAINT,
                    key=f"new:complaint:{complaint.pk}",
                    complaint_id=complaint.pk,
                    due_at=complaint.due_at,
                )
    except (IntegrityError, _NumberTaken):
        # A 1912 number already on record (a replay, or two identical pushes at once, the
        # loser being a replay of the winner) or reused for another complaint.
        if number:
            replayed = _replay(user=user, intake=intake, complaint_number=number)
            if replayed:
                return replayed, False
            raise ComplaintNumberConflict(number) from None
        raise
    return complaint, True


def _serialize_per_consumer(intake: Intake) -> None:
    """Two registrations for the same consumer, office and bill month take turns, so the
    second one sees the first when it looks for duplicates. (A transaction-scoped
    PostgreSQL advisory lock; SQLite serialises writers anyway.)"""
    if connection.vendor != "postgresql":
        return
    key = f"complaint:{intake.office.pk}:{intake.consumer_number}:{intake.bill_month}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def _replay(*, user: User, intake: Intake, complaint_number: str) -> Complaint | None:
    stored = Complaint.objects.filter(complaint_number=complaint_number).first()
    if stored is None:
        return None
    if stored.created_by_id == user.pk and stored.intake_digest == intake.digest(complaint_number):
        return stored
    raise ComplaintNumberConflict(complaint_number)


# --- The office's own settlements ---------------------------------------------------

SETTLEMENTS = {
    # action: (model transition, remarks required)
    "resolve": ("resolve", True),
    "reject": ("reject", True),
    "close": ("close", False),
}


def complaint_correction_started(
    *, complaint: Complaint, user: User, due_at, remarks: str
) -> Complaint:
    """A bill correction opened: the complaint waits on it, due when its first stage is.
    Runs inside the correction's transaction."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    return _follow_correction(
        locked, locked.start_correction, user=user, due_at=due_at, remarks=remarks
    )


def complaint_correction_ended(
    *, complaint: Complaint, user: User, applied: bool, remarks: str
) -> Complaint:
    """The correction was applied to the bill (the complaint is resolved) or refused (it
    is rejected); nothing is awaited any more. Runs inside the correction's transaction."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    move = locked.resolve_by_correction if applied else locked.reject_by_correction
    return _follow_correction(locked, move, user=user, due_at=None, remarks=remarks)


def _follow_correction(locked: Complaint, move, *, user: User, due_at, remarks: str) -> Complaint:
    before = locked.status
    move()
    locked.due_at = due_at
    locked.save(update_fields=["status", "due_at", "updated_at"])
    _record(locked, actor=user, from_status=before, at=timezone.now(), remarks=remarks)
    return locked


def complaint_due_follow(*, complaint_id: int, due_at) -> None:
    """While under correction, the complaint is due when the correction's present stage
    is. The date is kept on the complaint, not read through the correction, because the
    complaint list, its overdue filter and sort, and the home page's count read this one
    indexed column, and complaints may not look into billing. One UPDATE, no lock and no
    history row: the correction's row lock already orders the steps."""
    Complaint.objects.filter(pk=complaint_id).update(due_at=due_at, updated_at=timezone.now())


def complaint_available_actions(*, complaint: Complaint, user: User) -> list[str]:
    if not has_capability(user, Capability.SETTLE_COMPLAINT, complaint.office):
        return []
    return [
        action
        for action, (method, _required) in SETTLEMENTS.items()
        if can_proceed(getattr(complaint, method))
    ]


def complaint_settle(
    *, complaint: Complaint, user: User, action: str, remarks: str, seen_status: str | None = None
) -> Complaint:
    """Resolve (non-bill), reject or close a complaint at the office, with remarks.

    `seen_status` is the status the user was looking at: if someone else moved the
    complaint meanwhile, the action is refused rather than applied to a new state."""
    if action not in SETTLEMENTS:
        raise ValidationError({"action": _("Unknown action.")})
    method, remarks_required = SETTLEMENTS[action]
    remarks = clean_remarks(remarks, required=remarks_required)
    if not has_capability(user, Capability.SETTLE_COMPLAINT, complaint.office):
        raise PermissionDenied(_("Your designation cannot do this."))
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if seen_status and locked.status != seen_status:
            last = locked.events.select_related("actor").last()
            raise StaleTransition(locked.status, last.actor if last else None)
        before = locked.status
        try:
            getattr(locked, method)()
        except TransitionNotAllowed as exc:
            last = locked.events.select_related("actor").last()
            raise StaleTransition(locked.status, last.actor if last else None) from exc
        locked.due_at = None
        locked.save()
        _record(locked, actor=user, from_status=before, at=timezone.now(), remarks=remarks)
    return locked


# --- Evidence -----------------------------------------------------------------------

SIGNATURES = {
    b"%PDF-": ComplaintAttachment.Kind.PDF,
    b"\xff\xd8\xff": ComplaintAttachment.Kind.JPEG,
    b"\x89PNG\r\n\x1a\n": ComplaintAttachment.Kind.PNG,
}


def _sniff(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((kind for sig, kind in SIGNATURES.items() if head.startswith(sig)), None)


def _check_upload(upload: UploadedFile) -> str:
    name = upload.name or "file"
    if len(name) > 200:
        raise ValidationError(
            {"attachments": _("A file name can be at most 200 characters; rename the file.")}
        )
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "attachments": _("%(name)s is larger than %(limit)s MB.")
                % {"name": name, "limit": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}
            }
        )
    kind = _sniff(upload)
    if kind is None:
        raise ValidationError(
            {"attachments": _("%(name)s is not a PDF, JPEG or PNG file.") % {"name": name}}
        )
    return kind


def _store_attachment(*, complaint: Complaint, user: User, upload: UploadedFile):
    kind = _check_upload(upload)
    return ComplaintAttachment.objects.create(
        complaint=complaint,
        file=upload,
        original_name=upload.name or "file",
        content_type=kind,
        size=upload.size,
        uploaded_by=user,
    )


def attachment_add(
    *, complaint: Complaint, user: User, uploads: list[UploadedFile]
) -> list[ComplaintAttachment]:
    if not uploads:
        raise ValidationError({"attachments": _("Choose a file to attach.")})
    for upload in uploads:
        _check_upload(upload)
    with transaction.atomic():
        return [_store_attachment(complaint=complaint, user=user, upload=u) for u in uploads]
