"""When the time-limit job flagged a stage (and so escalated it) is visible everywhere."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from common.formats import moment
from portal.flagging import flag_overdue
from tests.common.test_exports import api, login
from tests.factories import open_correction, register


def test_flagged_at_on_stage_rows_and_complaints(org, client):
    correction = open_correction(org)
    complaint = register(org.oa, org.office_a, consumer_number="5555555555")
    later = timezone.now() + timedelta(days=8)
    flag_overdue(now=later)
    data = api(org.manager).get(reverse("api-correction-detail", args=[correction.pk])).json()
    assert data["stages"][0]["flagged_at"] is not None
    listed = api(org.manager).get(reverse("api-complaint-list")).json()["results"]
    flags = {c["complaint_number"]: c["flagged_at"] for c in listed}
    assert flags[complaint.complaint_number] is not None
    local = moment(later)
    login(client, org.manager)
    assert (
        "Flagged and escalated"
        in client.get(reverse("correction-detail", args=[correction.pk])).content.decode()
    )
    assert (
        local
        in client.get(
            reverse("complaint-detail", args=[complaint.complaint_number])
        ).content.decode()
    )


def test_flagged_on_the_notesheet(org, client):
    correction = open_correction(org)
    flag_overdue(now=timezone.now() + timedelta(days=8))
    login(client, org.manager)
    page = client.get(reverse("correction-notesheet", args=[correction.pk])).content.decode()
    assert "Flagged overdue and escalated on" in page
