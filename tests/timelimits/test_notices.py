from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from billing.services import correction_transition
from portal.flagging import flag_overdue
from tests.factories import login, open_correction, register
from timelimits import notices
from timelimits.models import Notice
from timelimits.notices import send_pending_notices


def test_a_file_arriving_tells_the_people_of_its_new_stage(org):
    correction = open_correction(org)  # recorded by the OA: the AM must verify
    assert set(Notice.objects.values_list("recipient__username", "kind")) == {("am.a", "arrived")}
    correction_transition(correction=correction, user=org.am, name="forward")
    assert Notice.objects.filter(recipient=org.manager, kind="arrived").count() == 1


def test_the_recorder_hears_the_decision(org):
    correction = open_correction(org)
    for user, name, body in [
        (org.am, "forward", {}),
        (org.manager, "forward", {}),
        (org.dgm, "recommend", {"recommendation": "against", "remarks": "Reading is right."}),
        (org.gm, "reject", {"remarks": "Refused."}),
    ]:
        correction = correction_transition(correction=correction, user=user, name=name, **body)
    decided = Notice.objects.get(kind="decided")
    assert (decided.recipient, decided.stage) == (org.oa, "rejected")


def test_a_1912_complaint_tells_the_office(org):
    register(org.call_centre, org.office_a, complaint_number="2611260000042")
    assert set(
        Notice.objects.filter(kind="new_complaint").values_list("recipient__username", flat=True)
    ) == {"oa.a", "am.a", "manager.a"}
    register(org.oa, org.office_a, consumer_number="1231231231")
    assert Notice.objects.filter(kind="new_complaint").count() == 3  # office entries: no notice


def test_notice_list_unread_count_and_opening(client, org):
    correction = open_correction(org)
    login(client, org.am)
    page = client.get(reverse("notice-list"))
    assert page.status_code == 200
    assert page.context["unread_notices"] == 1
    (notice,) = Notice.objects.filter(recipient=org.am)
    response = client.post(reverse("notice-open", args=[notice.pk]))
    assert response.status_code == 302
    assert response.url == reverse("correction-detail", args=[correction.pk])
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert client.get(reverse("notice-list")).context["unread_notices"] == 0


def test_notices_are_private_and_need_post(client, org):
    open_correction(org)
    (notice,) = Notice.objects.filter(recipient=org.am)
    login(client, org.manager)
    assert client.post(reverse("notice-open", args=[notice.pk])).status_code == 404
    assert client.get(reverse("notice-open", args=[notice.pk])).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read(client, org):
    open_correction(org)
    login(client, org.am)
    assert client.post(reverse("notice-read-all")).status_code == 302
    assert not Notice.objects.filter(recipient=org.am, read_at__isnull=True).exists()


def test_mail_goes_once_in_the_recipients_language(org):
    org.am.email, org.am.language = "am@example.in", "hi"
    org.am.save()
    org.manager.email, org.manager.language = "manager@example.in", "en"
    org.manager.save()
    correction = open_correction(org)
    flag_overdue(now=correction.due_at + timedelta(minutes=1))
    assert send_pending_notices() == 3  # AM: arrived + overdue; manager: overdue (superior)
    assert send_pending_notices() == 0
    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message.body)
    assert any("समय-सीमा" in body for body in by_address["am@example.in"])
    assert any("passed its time limit" in body for body in by_address["manager@example.in"])
    assert f"/corrections/{correction.pk}/" in mail.outbox[0].body


def test_a_failed_mail_is_retried(org, settings, monkeypatch):
    org.am.email = "am@example.in"
    org.am.save()
    open_correction(org)

    def broken(**kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(notices, "send_mail", broken)
    assert send_pending_notices() == 0
    notice = Notice.objects.get(recipient=org.am)
    assert (notice.emailed_at, notice.email_attempts, notice.mail_claimed_at) == (None, 1, None)
    monkeypatch.undo()
    assert send_pending_notices() == 1
    assert len(mail.outbox) == 1


def test_header_shows_unread_count(client, org):
    open_correction(org)
    login(client, org.am)
    body = client.get(reverse("home")).content.decode()
    assert 'class="count"' in body


def test_a_claim_left_by_a_dead_worker_is_taken_over_after_the_lease(org):
    org.am.email = "am@example.in"
    org.am.save()
    open_correction(org)
    notice = Notice.objects.get(recipient=org.am)
    Notice.objects.filter(pk=notice.pk).update(mail_claimed_at=timezone.now())
    assert send_pending_notices() == 0  # another worker is on it
    stale = timezone.now() - notices.MAIL_LEASE - timedelta(seconds=1)
    Notice.objects.filter(pk=notice.pk).update(mail_claimed_at=stale)
    assert send_pending_notices() == 1
    notice.refresh_from_db()
    assert notice.emailed_at is not None
