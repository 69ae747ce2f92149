"""Who is told what, and mailing it. The Notice row is written in the same transaction
as the event; mailing happens after commit in a Celery task, and a periodic sweep sends
whatever a down broker or mail server left behind."""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Designation, Division, Office, User
from common.formats import moment
from timelimits.models import Notice
from timelimits.selectors import notices_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stage:
    label: str
    actors: tuple[str, ...] = ()  # who must act at the stage
    superiors: tuple[str, ...] = ()  # who is next above them (told when a limit passes)


# Filled at start-up (AppConfig.ready) by the apps that own the stages and the files,
# so that time limits and notices know no complaint or correction model.
STAGES: dict[str, Stage] = {}
# How to link to the file a notice is about, by the Notice foreign key naming it.
FILE_LINKS: dict[str, Callable[[Notice], str]] = {}
# The most specific file first: a correction's notice also names its complaint.
FILE_ORDER = ("correction", "complaint")


def stage_register(value: str, *, label, actors=(), superiors=()) -> None:
    STAGES[value] = Stage(label, tuple(actors), tuple(superiors))


def file_link_register(field: str, link: Callable[[Notice], str]) -> None:
    FILE_LINKS[field] = link


class Audience:
    """The people of a set of offices, their DGMs and GMs, and the admins: a handful of
    queries however many files are involved."""

    def __init__(self, offices: Iterable[Office]):
        self.offices = {o.pk: o for o in offices}
        division_ids = {o.division_id for o in self.offices.values()}
        circle_ids = {o.division.circle_id for o in self.offices.values()}
        people = User.objects.filter(is_active=True).filter(
            Q(office_id__in=self.offices)
            | Q(division_id__in=division_ids)
            | Q(circle_id__in=circle_ids)
            | Q(designation=Designation.ADMIN)
        )
        self.by_place = defaultdict(list)
        for user_id, designation, office_id, division_id, circle_id in people.values_list(
            "id", "designation", "office_id", "division_id", "circle_id"
        ):
            place = (
                ("office", office_id)
                if office_id
                else ("division", division_id)
                if division_id
                else ("circle", circle_id)
                if circle_id
                else ("company", None)
            )
            self.by_place[(designation, *place)].append(user_id)

    def who(self, designations, office: Office) -> list[int]:
        places = {
            "office": office.pk,
            "division": office.division_id,
            "circle": office.division.circle_id,
        }
        found = []
        for designation in designations:
            for kind, pk in [*places.items(), ("company", None)]:
                found += self.by_place.get((designation, kind, pk), [])
        return found


def notices_for_stage(
    *,
    audience: Audience,
    office: Office,
    stage: str,
    kind: str,
    key: str,
    complaint_id: int,
    correction_id: int | None = None,
    due_at=None,
    superiors: bool = False,
    exclude: Iterable[int] = (),
) -> list[Notice]:
    groups = [(Notice.Role.ACTOR, STAGES[stage].actors)]
    if superiors:
        groups.append((Notice.Role.SUPERIOR, STAGES[stage].superiors))
    seen = set(exclude)
    notices = []
    for role, designations in groups:
        for user_id in audience.who(designations, office):
            if user_id in seen:
                continue
            seen.add(user_id)
            notices.append(
                Notice(
                    recipient_id=user_id,
                    kind=kind,
                    role=role,
                    complaint_id=complaint_id,
                    correction_id=correction_id,
                    stage=stage,
                    due_at=due_at,
                    key=key,
                )
            )
    return notices


def notices_save(notices: list[Notice]) -> None:
    """Store the notices (once per recipient and event) and mail them after commit."""
    if not notices:
        return
    Notice.objects.bulk_create(notices, ignore_conflicts=True, batch_size=2000)
    transaction.on_commit(dispatch_sending)


def notify_stage(
    *,
    office: Office,
    stage: str,
    kind: str,
    key: str,
    complaint_id: int,
    correction_id: int | None = None,
    due_at=None,
    exclude: Iterable[int] = (),
) -> None:
    """Tell the people who act at `stage` for the office (one statement on PostgreSQL)."""
    if connection.vendor != "postgresql":
        notices_save(
            notices_for_stage(
                audience=Audience([office]), office=office, stage=stage, kind=kind, key=key,
                complaint_id=complaint_id, correction_id=correction_id, due_at=due_at,
                exclude=exclude,
            )
        )  # fmt: skip
        return
    events_insert_notices(
        "SELECT %s::text, %s::text, %s::bigint, %s::bigint, %s::timestamptz, %s::bigint",
        [key, str(stage), complaint_id, correction_id, due_at, office.pk],
        kind=kind,
        exclude=exclude,
    )


def events_insert_notices(
    events_sql: str, params: list, *, kind: str, superiors: bool = False, exclude=()
) -> int:
    """Write the notices of many events in one INSERT … SELECT (PostgreSQL).

    `events_sql` yields (key, stage, complaint_id, correction_id, due_at, office_id) per
    event. The database finds who acts at each stage (and, with `superiors`, the level
    above) posted at the office, its division or circle, or company-wide, exactly as
    `notices_for_stage` with `Audience.who` does: one notice per person and event, the
    actor's if someone is both, none twice however often it runs."""
    roles = [
        (str(value), str(Notice.Role.ACTOR), str(d), 0)
        for value, stage in STAGES.items()
        for d in stage.actors
    ]
    if superiors:
        roles += [
            (str(value), str(Notice.Role.SUPERIOR), str(d), 1)
            for value, stage in STAGES.items()
            for d in stage.superiors
        ]
    values = ", ".join(["(%s, %s, %s, %s)"] * len(roles))
    sql = f"""
        INSERT INTO {Notice._meta.db_table} (recipient_id, kind, role, complaint_id,
            correction_id, stage, due_at, key, created_at, email_attempts)
        SELECT DISTINCT ON (e.key, u.id) u.id, %s, m.role, e.complaint_id, e.correction_id,
               e.stage, e.due_at, e.key, %s, 0
        FROM ({events_sql}) e (key, stage, complaint_id, correction_id, due_at, office_id)
        JOIN {Office._meta.db_table} o ON o.id = e.office_id
        JOIN {Division._meta.db_table} d ON d.id = o.division_id
        JOIN (VALUES {values}) m (stage, role, designation, rank) ON m.stage = e.stage
        CROSS JOIN LATERAL (VALUES ('office', o.id), ('division', o.division_id),
                                   ('circle', d.circle_id), ('company', 0)) p (kind, id)
        JOIN (
            SELECT id, designation,
                   CASE WHEN office_id IS NOT NULL THEN 'office'
                        WHEN division_id IS NOT NULL THEN 'division'
                        WHEN circle_id IS NOT NULL THEN 'circle' ELSE 'company' END AS kind,
                   COALESCE(office_id, division_id, circle_id, 0) AS place
            FROM {User._meta.db_table} WHERE is_active
        ) u ON u.kind = p.kind AND u.place = p.id AND u.designation = m.designation
        WHERE NOT u.id = ANY(%s)
        ORDER BY e.key, u.id, m.rank
        ON CONFLICT (recipient_id, key) DO NOTHING
    """  # noqa: S608 - table names from the models, values as parameters
    flat = [v for role in roles for v in role]
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [str(kind), timezone.now(), *params, *flat, [int(pk) for pk in exclude]],
        )
        written = cursor.rowcount
    if written:
        transaction.on_commit(dispatch_sending)
    return written


def notify_user(*, user_id: int, kind: str, key: str, complaint_id: int, **extra) -> None:
    notices_save(
        [Notice(recipient_id=user_id, kind=kind, key=key, complaint_id=complaint_id, **extra)]
    )


def dispatch_sending() -> None:
    """Ask a worker to mail now. A broker that is down must not fail the request: the
    notices are stored, and the periodic sweep mails them later."""
    from timelimits.tasks import send_notices_task  # the task module imports this one

    try:
        send_notices_task.apply_async(retry=False)
    except Exception:  # any broker or transport failure
        logger.warning("Broker unavailable; the periodic sweep will mail the notices.")


# --- Reading and mailing -----------------------------------------------------------


def notice_link(notice: Notice) -> str:
    field = next(f for f in FILE_ORDER if getattr(notice, f"{f}_id"))
    return FILE_LINKS[field](notice)


def notice_text(notice: Notice) -> str:
    """The notice in the active language."""
    stage = STAGES[notice.stage].label if notice.stage in STAGES else _("Registered")
    number = notice.complaint.complaint_number
    file = (
        _("Bill correction #%(id)s (complaint %(number)s)")
        % {"id": notice.correction_id, "number": number}
        if notice.correction_id
        else _("Complaint %(number)s") % {"number": number}
    )
    due = moment(notice.due_at) if notice.due_at else ""
    if notice.kind == Notice.Kind.OVERDUE:
        if notice.role == Notice.Role.SUPERIOR:
            return _("%(file)s passed its time limit at “%(stage)s” (due %(due)s).") % {
                "file": file,
                "stage": stage,
                "due": due,
            }
        return _("%(file)s is waiting for you and passed its time limit (due %(due)s).") % {
            "file": file,
            "due": due,
        }
    if notice.kind == Notice.Kind.ARRIVED:
        return _("%(file)s is now with you: “%(stage)s”, due %(due)s.") % {
            "file": file,
            "stage": stage,
            "due": due,
        }
    if notice.kind == Notice.Kind.DECIDED:
        return _("%(file)s: “%(stage)s”.") % {"file": file, "stage": stage}
    return _("New complaint %(number)s from 1912 for your office, due %(due)s.") % {
        "number": number,
        "due": due,
    }


MAIL_LEASE = timedelta(minutes=10)
MAIL_ATTEMPTS = 5


def send_pending_notices(*, limit: int = 500) -> int:
    """Mail notices not yet mailed. Each is claimed before sending and marked mailed only
    after the mail server took it: a failure releases the claim for the next sweep (up to
    five attempts), and a worker that died mid-send loses its claim after MAIL_LEASE."""
    now = timezone.now()
    claimable = Q(emailed_at__isnull=True, email_attempts__lt=MAIL_ATTEMPTS) & (
        Q(mail_claimed_at__isnull=True) | Q(mail_claimed_at__lt=now - MAIL_LEASE)
    )
    pending = (
        Notice.objects.filter(claimable)
        .exclude(recipient__email="")
        .select_related("recipient", "complaint")
        .order_by("created_at")[:limit]
    )
    sent = 0
    for notice in pending:
        if not Notice.objects.filter(claimable, pk=notice.pk).update(mail_claimed_at=now):
            continue  # another worker has it
        if not notices_for(notice.recipient).filter(pk=notice.pk).exists():
            # The recipient was moved off that office since: never mailed.
            Notice.objects.filter(pk=notice.pk).update(
                mail_claimed_at=None, email_attempts=MAIL_ATTEMPTS
            )
            continue
        try:
            with translation.override(notice.recipient.language or settings.LANGUAGE_CODE):
                text = notice_text(notice)
                send_mail(
                    subject=_("Nivaran: %(kind)s") % {"kind": notice.get_kind_display()},
                    message=f"{text}\n\n{settings.SITE_URL.rstrip('/')}{notice_link(notice)}\n",
                    from_email=None,
                    recipient_list=[notice.recipient.email],
                )
        except Exception:
            logger.exception("Mailing notice %s failed; it will be retried.", notice.pk)
            Notice.objects.filter(pk=notice.pk).update(
                mail_claimed_at=None, email_attempts=F("email_attempts") + 1
            )
            continue
        Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
