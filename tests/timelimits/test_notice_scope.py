"""A transferred reader keeps no window into the old office (issue 10, finding 3)."""

from django.core import mail
from django.urls import reverse

from accounts.models import Designation
from accounts.services import user_transfer
from tests.factories import open_correction
from timelimits.models import Notice
from timelimits.notices import send_pending_notices


def test_notices_of_the_old_office_vanish_after_a_transfer(client, org):
    correction = open_correction(org)  # the AM of office A is told
    number = correction.complaint.complaint_number
    notice = Notice.objects.get(recipient=org.am)
    client.force_login(org.am)
    page = client.get(reverse("notice-list"), headers={"accept-language": "en"})
    assert number in page.content.decode()

    user_transfer(user=org.am, designation=Designation.ASSISTANT_MANAGER, office=org.office_x)

    page = client.get(reverse("notice-list"), headers={"accept-language": "en"})
    body = page.content.decode()
    assert number not in body
    assert f"#{correction.pk}" not in body
    assert page.context["unread_notices"] == 0
    assert client.post(reverse("notice-open", args=[notice.pk])).status_code == 404
    client.post(reverse("notice-read-all"))
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_notice_is_not_mailed_once_its_reader_has_moved(org):
    org.am.email = "am@example.in"
    org.am.save(update_fields=["email"])
    open_correction(org)
    user_transfer(user=org.am, designation=Designation.ASSISTANT_MANAGER, office=org.office_x)
    assert send_pending_notices() == 0
    assert mail.outbox == []
    assert send_pending_notices() == 0  # and it is not picked up again


def test_a_reader_still_in_scope_keeps_their_notices(client, org):
    open_correction(org)
    # Moved within the division: a DGM of it still covers office A.
    user_transfer(user=org.am, designation=Designation.DGM, division=org.division)
    client.force_login(org.am)
    assert len(client.get(reverse("notice-list")).context["rows"]) == 1
