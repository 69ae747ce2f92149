"""Every route of the URLconf (pages, admin, API), enumerated from the resolver, for every
persona, against the objects of an office outside that persona's scope: the answer is a
404, a 403, a 405 or a login redirect, never the data; and nothing changes. A new route is
covered without editing this file; one whose URL arguments cannot be filled fails here
until FILLERS learns them.

The administrator is left out: a superuser's scope is every office by design (its limits
in the chain are tested in tests/billing and tests/accounts/test_admin.py)."""

import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from accounts.models import Designation
from complaints.services import attachment_add
from tests.factories import UserFactory, open_correction, register
from timelimits.models import Notice

PERSONAS = [
    "anonymous", "oa", "am", "manager", "manager_b", "dgm", "gm", "desk", "call_centre",
    "outsider",
]  # fmt: skip
DENIED = {403, 404, 405}
LOGIN_PAGES = ("/login/", "/admin/login/")


@dataclass
class Route:
    name: str
    pattern: str
    kwargs: tuple[str, ...]


def routes() -> list[Route]:
    """Every URL pattern, with its full path pattern and argument names."""

    def walk(patterns, prefix, kwargs, namespace):
        for p in patterns:
            found = (*kwargs, *p.pattern.regex.groupindex)
            if isinstance(p, URLResolver):
                yield from walk(
                    p.url_patterns, prefix + str(p.pattern), found, p.namespace or namespace
                )
            elif isinstance(p, URLPattern):
                full = prefix + str(p.pattern)
                name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or full)
                yield Route(name, full, found)

    return list(walk(get_resolver().url_patterns, "", (), None))


@dataclass
class Foreign:
    marker: str
    complaint: object
    correction: object
    attachment: object
    notice: object


# How to fill each URL argument from the foreign office's objects. Route-specific
# entries win over the argument-wide ones.
FILLERS = {
    "complaint_number": lambda f: f.complaint.complaint_number,
    "pk": lambda f: f.correction.pk,
    "attachment_id": lambda f: f.attachment.pk,
    "action": lambda f: "resolve",
    "name": lambda f: "forward",
    "object_id": lambda f: f.complaint.pk,
    "content_type_id": lambda f: 1,
    "id": lambda f: f.complaint.created_by_id,
    "app_label": lambda f: "complaints",
    "url": lambda f: "nothing/here/",
}
ROUTE_FILLERS = {"notice-open": {"pk": lambda f: f.notice.pk}}


def concrete(route: Route, foreign: Foreign) -> str:
    values = {}
    for kwarg in route.kwargs:
        filler = ROUTE_FILLERS.get(route.name, {}).get(kwarg) or FILLERS.get(kwarg)
        if filler is None:
            pytest.fail(f"route {route.name} ({route.pattern}): no filler for {kwarg!r}")
        values[kwarg] = str(filler(foreign))
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], route.pattern)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], path)
    return "/" + path.replace("^", "").replace("$", "")


def foreign_objects(office, *, recorder, verifier) -> Foreign:
    marker = f"Zorawar {office.contact_id[:3]}singh"  # one name per office
    complaint = register(recorder, office, consumer_name=marker)
    attachment_add(
        complaint=complaint,
        user=recorder,
        uploads=[SimpleUploadedFile("m.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")],
    )
    correction = open_correction(
        None, complaint=complaint, user=recorder, remarks=f"{marker} reading"
    )
    notice = Notice.objects.get(recipient=verifier, correction=correction)
    return Foreign(marker, complaint, correction, complaint.attachments.get(), notice)


@pytest.fixture
def offices(org):
    x_oa = UserFactory(designation=Designation.OFFICE_ASSISTANT, office=org.office_x)
    x_am = UserFactory(designation=Designation.ASSISTANT_MANAGER, office=org.office_x)
    return {
        "x": foreign_objects(org.office_x, recorder=x_oa, verifier=x_am),
        # The outsider is office X's manager: office A is foreign to them.
        "a": foreign_objects(org.office_a, recorder=org.oa, verifier=org.am),
    }


def snapshot(f: Foreign) -> tuple:
    f.complaint.refresh_from_db()
    f.correction.refresh_from_db()
    f.notice.refresh_from_db()
    return (
        f.complaint.status,
        f.complaint.events.count(),
        f.complaint.attachments.count(),
        f.correction.state,
        f.correction.stages.count(),
        f.correction.amendments.count(),
        f.notice.read_at,
    )


def test_every_route_has_a_filler_and_the_matrix_is_not_empty():
    all_routes = routes()
    assert len(all_routes) > 50
    assert {"complaint-detail", "api-correction-transition", "admin:index"} <= {
        r.name for r in all_routes
    }
    stub = type("Stub", (), {"pk": 1, "complaint_number": "N", "created_by_id": 1})()
    foreign = Foreign("", stub, stub, stub, stub)
    for route in all_routes:
        concrete(route, foreign)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_route_shows_or_changes_a_foreign_office(client, org, offices, persona):
    user = None if persona == "anonymous" else getattr(org, persona)
    foreign = offices["a" if persona == "outsider" else "x"]
    before = snapshot(foreign)
    token = Token.objects.create(user=user).key if user else None
    if user:
        client.force_login(user)
    markers = (foreign.marker, foreign.complaint.complaint_number)
    problems = []
    for route in routes():
        path = concrete(route, foreign)
        for method in ("get", "post"):
            headers = {"authorization": f"Token {token}"} if token and "/api/" in path else {}
            response = getattr(client, method)(path, headers=headers)
            cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
            if user and cookie is not None and not cookie.value:
                client.force_login(user)  # a logout route ended the session
            status = response.status_code
            body = b"" if response.streaming else response.content
            # Every page's language switch sends the visitor back to the address they asked
            # for: that echo of the caller's own request is not the office's data.
            body = body.replace(f'name="next" type="hidden" value="{path}"'.encode(), b"")
            where = f"{method.upper()} {path} ({route.name})"
            if status >= 500:
                problems.append(f"{where}: {status}")
            if any(m.encode() in body for m in markers) or response.streaming:
                problems.append(f"{where}: shows the foreign office's data")
            if not route.kwargs or route.kwargs == ("url",) or route.name == "admin:app_list":
                continue  # a page of one's own (list, form, login): its content was checked
            login_redirect = status == 302 and response["Location"].startswith(LOGIN_PAGES)
            api_anonymous = status == 401 and user is None
            if status not in DENIED and not login_redirect and not api_anonymous:
                problems.append(f"{where}: {status}")
    if user:  # the requests were the persona's, not an anonymous visitor's
        assert client.get("/").status_code == 200
    assert snapshot(foreign) == before
    assert problems == []
