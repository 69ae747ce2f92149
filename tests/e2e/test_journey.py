"""The clerk's day, whole, in each language: the desk registers a complaint (a double
click registers once), the correction goes through the chain (errors stay with the form
that was sent) to the bill, and the complaint shows what was permitted and applied.

Every page is checked with axe-core (no serious or critical violation) and photographed
at 1366 and 390 px into var/screenshots/<language>/ (ignored by git): look at them."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import BillCorrection
from complaints.models import Category, Complaint
from complaints.validators import current_month
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "hi": {
        "login": "लॉग इन",
        "required": "यह जानकारी आवश्यक है।",
        "not_yours": "यह आपके लॉग इन के लिए नहीं है",
        "not_found": "यहाँ कुछ नहीं है",
        "next": "आगे:",
        "applied": "अनुमत और लागू",
        "month": "नवंबर",
        "corrected": "आपके बिल में सुधार किया गया।",
    },
    "en": {
        "login": "Log in",
        "required": "This field is required.",
        "not_yours": "This is not for your login",
        "not_found": "Nothing here",
        "next": "Next:",
        "applied": "Permitted and applied",
        "month": "November",
        "corrected": "Your bill was corrected.",
    },
}


class Camera:
    """Checks each page with axe-core and photographs it at both widths."""

    def __init__(self, axe_source, language):
        self.axe = axe_source
        self.folder = SCREENSHOTS / language
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0
        self.violations = {}

    def shoot(self, page, name, *, print_too=False):
        self.count += 1
        page.evaluate(self.axe)
        found = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
                 .filter(v => v.impact === "serious" || v.impact === "critical")
                 .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(" ")).slice(0, 3)}`)"""
        )
        if found:
            self.violations[f"{name} {page.url}"] = found
        stem = self.folder / f"{self.count:02d}-{name}"
        page.screenshot(path=f"{stem}-1366.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{stem}-390.png", full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})
        if print_too:
            page.emulate_media(media="print")
            page.screenshot(path=f"{stem}-print.png", full_page=True)
            page.emulate_media(media="screen")


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button.primary")
    page.wait_for_url(f"{live_server.url}/")


# Hindi first: the English run repeats the journey and is left out of quick runs.
@pytest.mark.parametrize("language", ["hi", pytest.param("en", marks=pytest.mark.long)])
def test_the_clerks_day_from_desk_entry_to_the_applied_correction(
    open_context, live_server, org, axe_source, language
):
    for person in (org.desk, org.oa, org.am, org.manager, org.dgm, org.gm, org.admin):
        person.language = language
        person.save(update_fields=["language"])
    category = Category.objects.get(code="wrong_reading").pk
    month = current_month().strftime("%Y-%m")
    words = WORDS[language]
    camera = Camera(axe_source, language)
    url = live_server.url
    with open_context() as new_page:
        # A visitor whose browser asks for English first sees Hindi, and may switch.
        page = new_page(locale="en-US")
        page.goto(f"{url}/login/")
        assert page.get_attribute("html", "lang") == "hi"
        if language == "en":
            page.click("button[value=en]")
            page.wait_for_selector("html[lang=en]")
        page.click("main button.primary")  # an empty login says what is missing
        assert page.locator(".errors").is_visible()
        camera.shoot(page, "login")

        # The desk registers; a double click registers once and shows the number.
        log_in(page, live_server, org.desk.username)
        camera.shoot(page, "home-desk")
        page.goto(f"{url}/complaints/new/")
        page.fill("#id_consumer_number", "3412567999")
        page.fill("#id_consumer_name", "श्यामलाल वर्मा")
        page.fill("#id_mobile", "+91 94250 11223")
        page.select_option("#id_category", str(category))
        page.fill("#id_bill_month", month)
        page.fill("#id_billed_amount", "12,34,567.50")
        page.fill("#id_description", "मीटर रीडिंग 4821 की जगह 48210 दर्ज हुई।")
        page.fill("#id_operator_name", "सीमा जैन")
        page.fill("#id_operator_employee_number", "MPW4411")
        camera.shoot(page, "complaint-form")
        page.dblclick("main button.primary")
        page.wait_for_selector(".big-number")
        number = page.text_content(".big-number").strip()
        camera.shoot(page, "receipt", print_too=True)
        page.emulate_media(media="print")
        assert not page.locator(".receipt .actions").is_visible()
        assert page.locator(".receipt .company").is_visible()
        page.emulate_media(media="screen")
        # Not the desk's to correct: the refusal is a page of the site, in its language.
        page.goto(f"{url}/corrections/new/{number}/")
        assert words["not_yours"] in page.text_content("main")
        camera.shoot(page, "403")
        page.goto(f"{url}/complaints/NOPE-1/")
        assert words["not_found"] in page.text_content("main")
        camera.shoot(page, "404")

        # The office assistant records the correction and is told who acts next.
        page = new_page()
        log_in(page, live_server, org.oa.username)
        page.goto(f"{url}/complaints/{number}/")
        camera.shoot(page, "complaint")
        page.click("a[href^='/corrections/new/']")
        page.fill("#id_corrected_amount", "8,450.75")
        page.select_option("#id_reason", "wrong_reading")
        page.fill("#id_remarks", "Reading 48210 keyed for 4821.")
        camera.shoot(page, "correction-form")
        page.click("main button.primary")
        page.wait_for_selector(".messages")
        assert words["next"] in page.text_content(".messages")
        correction_url = page.url
        camera.shoot(page, "correction-assistant")
        oa = page

        page = new_page()
        log_in(page, live_server, org.am.username)
        page.goto(f"{url}/corrections/")
        camera.shoot(page, "inbox")
        page.goto(correction_url)
        page.click("form.step-forward button")
        page.wait_for_selector(".messages")

        # The manager sends back without remarks: the error is the return form's alone.
        page = new_page()
        log_in(page, live_server, org.manager.username)
        page.goto(correction_url)
        page.fill("form.step-forward textarea", "typed in the forward form")
        page.click("form.step-return button")
        page.wait_for_selector("form.step-return .field-error")
        assert page.locator("form.step-forward .field-error").count() == 0
        assert page.input_value("form.step-forward textarea") == ""
        camera.shoot(page, "correction-error")
        page.fill("form.step-forward textarea", "Forwarded for examination.")
        page.click("form.step-forward button")
        page.wait_for_selector(".messages")

        # The DGM forgets to choose: the dropdown says so itself.
        page = new_page()
        log_in(page, live_server, org.dgm.username)
        page.goto(correction_url)
        page.fill("form.step-recommend textarea", "Site reading confirms 4821.")
        page.click("form.step-recommend button")
        page.wait_for_selector("form.step-recommend .has-error select")
        page.select_option("form.step-recommend select", "for")
        page.fill("#id_recommend_recommended_amount", "8,600")
        page.click("form.step-recommend button")
        page.wait_for_selector(".messages")

        page = new_page()
        log_in(page, live_server, org.gm.username)
        page.goto(correction_url)
        camera.shoot(page, "correction-gm")
        page.fill("#id_approve_approved_amount", "8,500")
        page.fill("form.step-approve textarea", "Permitted.")
        page.click("form.step-approve button")
        page.wait_for_selector(".messages")

        # The office applies it; the complaint shows what was permitted and applied.
        page = oa
        page.goto(correction_url)
        page.fill("#id_apply_revised_bill_reference", "RB/2026/0042")
        page.click("form.step-apply button")
        page.wait_for_selector(".messages")
        camera.shoot(page, "correction-applied")
        page.goto(f"{url}/complaints/{number}/")
        trail = page.text_content(".amount-trail")
        assert words["applied"] in trail and "₹8,500.00" in trail
        camera.shoot(page, "complaint-applied")
        page.goto(f"{correction_url}notesheet/")
        camera.shoot(page, "notesheet", print_too=True)
        page.goto(f"{url}/complaints/?created_from=2026-12-02&created_to=2026-12-01")
        camera.shoot(page, "complaint-list-bad-dates")
        page.goto(f"{url}/complaints/")
        camera.shoot(page, "complaint-list")
        page.goto(f"{url}/notices/")
        camera.shoot(page, "notices")

        # The consumer, with no login, looks the complaint up by its two numbers.
        page = new_page()
        page.goto(f"{url}{reverse('public-status')}")
        assert page.get_attribute("html", "lang") == "hi"
        if language == "en":
            page.click("button[value=en]")
            page.wait_for_selector("html[lang=en]")
        camera.shoot(page, "status")
        page.fill("#id_complaint_number", number)
        page.fill("#id_consumer_number", "3412567999")
        page.click("main form button.primary")
        page.wait_for_selector(".status-result")
        result = page.text_content(".status-result")
        assert number in result and words["corrected"] in result
        assert "श्यामलाल" not in page.content()  # nothing personal on the public page
        camera.shoot(page, "status-result")

        page = new_page()
        log_in(page, live_server, org.admin.username)
        page.goto(f"{url}/admin/")
        camera.shoot(page, "admin")
        page.goto(f"{url}/admin/timelimits/timelimitpolicy/")
        assert "मानक: हर स्तर पर 7 दिन" in page.text_content("#result_list")
        camera.shoot(page, "admin-policies")

    assert camera.violations == {}
    complaint = Complaint.objects.get(complaint_number=number)
    assert Complaint.objects.filter(consumer_number="3412567999").count() == 1
    correction = BillCorrection.objects.get(complaint=complaint)
    assert correction.state == "applied"
    assert correction.approved_amount == Decimal("8500.00")
    assert re.search(r"/corrections/\d+/$", correction_url)
