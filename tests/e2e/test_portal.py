"""The consumer's status page on a phone, and a report figure's link, in a real browser."""

import pytest

from tests.e2e.test_browser import log_in
from tests.factories import open_correction

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_consumer_looks_up_a_complaint_on_a_phone(open_browser, live_server, org):
    number = open_correction(org).complaint.complaint_number
    with open_browser() as page:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{live_server.url}/login/")
        page.click("a[href='/status/']")
        lang = page.get_attribute("html", "lang")
        page.click("button[value=en]")
        page.fill("#id_complaint_number", number)
        page.fill("#id_consumer_number", "12345 67890")
        page.click("button.primary")
        stage = page.text_content(".stage-words")
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert lang == "hi"
    assert stage.strip() == "A correction of your bill is being prepared at your office."
    assert not overflow


def test_a_dashboard_figure_opens_its_list(open_browser, live_server, org):
    open_correction(org)
    org.dgm.language = "en"
    org.dgm.save()
    with open_browser() as page:
        log_in(page, live_server, "dgm.one")
        page.click("text=Reports")
        page.click("table.figures >> nth=1 >> td.num >> nth=0 >> a")
        rows = page.locator("table.grid tbody tr").count()
        url = page.url
    assert "state=assistant" in url and "mine=false" in url
    assert rows == 1
