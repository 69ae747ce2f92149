"""In a real browser, under the Content-Security-Policy: Swagger UI renders the schema,
the admin works, the print button prints; and nothing is refused by the policy."""

import pytest

from tests.factories import PASSWORD, register

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_pages_work_under_the_policy(open_browser, live_server, org):
    complaint = register(org.oa, org.office_a)
    base = live_server.url
    with open_browser() as page:
        refused = []
        page.on(
            "console",
            lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.on("pageerror", lambda e: refused.append(str(e)))

        page.goto(f"{base}/api/v1/docs/")
        page.wait_for_selector(".swagger-ui .info .title")
        page.wait_for_selector(".opblock-summary-path")  # the schema was fetched and drawn
        docs_title = page.text_content(".swagger-ui .info .title")

        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", "admin")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{base}/admin/")
        page.goto(f"{base}/admin/accounts/user/")
        page.check("#action-toggle")  # admin's own script (actions.js) runs
        selected = page.text_content(".action-counter")

        page.goto(f"{base}/complaints/{complaint.complaint_number}/registered/")
        page.evaluate("window.print = () => { window.printed = true; }")
        page.click("[data-print]")
        printed = page.evaluate("window.printed === true")
    assert "Nivaran API" in docs_title
    assert selected and not selected.startswith("0 ")
    assert printed
    assert refused == []
