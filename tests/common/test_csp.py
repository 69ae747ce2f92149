"""Every HTML page carries the Content-Security-Policy and no template needs inline
script (issue 10, finding 6). The browser test (tests/e2e/test_csp.py) proves Swagger UI
and the admin still work under it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import register

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
TEMPLATES = sorted((settings.BASE_DIR / "templates").rglob("*.html"))


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_no_template_has_inline_script(template: Path):
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text)
    assert not INLINE_HANDLER.search(text)


@pytest.mark.parametrize(
    "path", ["/login/", "/", "/complaints/", "/corrections/", "/notices/", "/admin/", "DETAIL"]
)
def test_every_html_page_sends_the_policy(client, org, path):
    if path == "DETAIL":
        path = reverse("complaint-detail", args=[register(org.oa, org.office_a).complaint_number])
    if path != "/login/":
        client.force_login(org.admin if path.startswith("/admin") else org.manager)
    response = client.get(path)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT.search(response.content.decode())


def test_downloads_keep_their_own_sandbox(client, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    complaint = register(org.oa, org.office_a)
    client.force_login(org.oa)
    pdf = SimpleUploadedFile("bill.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(
        reverse("complaint-attachment-upload", args=[complaint.complaint_number]),
        {"attachments": pdf},
    )
    attachment = complaint.attachments.get()
    response = client.get(
        reverse("complaint-attachment", args=[complaint.complaint_number, attachment.pk])
    )
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_swagger_ui_loads_only_same_origin_assets_that_exist(client, db):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    body = response.content.decode()
    assert not INLINE_SCRIPT.search(body)
    assert "<style" not in body
    assets = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert any("swagger-ui-bundle" in a for a in assets)
    for asset in assets:
        assert asset.startswith("/"), asset  # 'self' only
        if asset.startswith(settings.STATIC_URL):
            assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset
        else:
            script = client.get(asset.replace("&amp;", "&"))
            assert script.status_code == 200, asset
            assert "javascript" in script["Content-Type"]
