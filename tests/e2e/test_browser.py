from decimal import Decimal

import pytest

from billing.models import BillCorrection
from billing.services import correction_transition
from complaints.models import Complaint
from complaints.validators import current_month
from tests.factories import PASSWORD, open_correction

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")


def test_office_assistant_registers_a_complaint_and_reads_out_its_number(
    open_browser, live_server, org
):
    org.oa.language = "en"
    org.oa.save()
    with open_browser() as page:
        log_in(page, live_server, "oa.a")
        page.click("text=Complaints")
        page.click("text=Register a complaint")
        page.fill("#id_consumer_number", "3412567999")
        page.fill("#id_consumer_name", "श्यामलाल वर्मा")
        page.fill("#id_mobile", "+91 94250 11223")
        page.select_option("#id_category", label="Wrong meter reading")
        page.fill("#id_bill_month", current_month().strftime("%Y-%m"))
        page.fill("#id_billed_amount", "1,23,456.50")
        page.fill("#id_description", "Reading taken wrongly.")
        page.click("button.primary")
        number = page.text_content(".big-number").strip()
        # Switching to Hindi is remembered.
        page.click("button[value=hi]")
        hindi = page.text_content("main")
    complaint = Complaint.objects.get(complaint_number=number)
    assert complaint.billed_amount == Decimal("123456.50")
    assert complaint.mobile == "9425011223"
    assert "शिकायत" in hindi
    org.oa.refresh_from_db()
    assert org.oa.language == "hi"


def test_gm_grants_permission_from_the_inbox(open_browser, live_server, org):
    correction = open_correction(org)
    for user, name, body in [
        (org.am, "forward", {}),
        (org.manager, "forward", {}),
        (org.dgm, "recommend", {"recommendation": "for", "recommended_amount": Decimal("3120"),
                                "remarks": "Justified."}),
    ]:  # fmt: skip
        correction = correction_transition(correction=correction, user=user, name=name, **body)
    org.gm.language = "en"
    org.gm.save()
    with open_browser() as page:
        log_in(page, live_server, "gm.one")
        page.click("text=Bill corrections")
        page.click(f"text=#{correction.pk}")
        page.fill("form.step-approve textarea", "Permission granted.")
        page.click("form.step-approve button")
        message = page.text_content(".messages")
    assert "Permitted; to be applied to the bill" in message
    correction = BillCorrection.objects.get(pk=correction.pk)
    assert (correction.state, correction.approved_amount) == ("approved", Decimal("3120.00"))
    assert correction.stages.get(stage="gm").remarks == "Permission granted."
