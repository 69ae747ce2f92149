"""Fifty simulated officers working the API at once on loopback for LOAD_SECONDS (20 by
default; the issue's 60 with LOAD_SECONDS=60): no errors, and afterwards every stage row
and history row is there exactly once per step the officers were told succeeded.

The server is a pool of 16 threads (as gunicorn with threads would be), each request on
its own database connection, closed after it."""

import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.db import connections
from django.db.models import Count
from rest_framework.authtoken.models import Token

from accounts.models import Designation
from billing.models import BillCorrection, StageVisit
from complaints.models import Complaint, ComplaintEvent
from config.wsgi import application
from tests.factories import OfficeFactory, UserFactory
from timelimits.models import Notice

pytestmark = [pytest.mark.long, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "20"))
OFFICES = 10  # x (OA, AM, manager) + 10 DGM threads + 10 GM threads = 50 officers
SERVER_THREADS = 16


class PoolServer(ThreadingMixIn, WSGIServer):
    pool = ThreadPoolExecutor(SERVER_THREADS)

    def process_request(self, request, client_address):
        self.pool.submit(self._handle, request, client_address)

    def _handle(self, request, client_address):
        try:
            self.process_request_thread(request, client_address)
        finally:
            connections.close_all()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    httpd = make_server("127.0.0.1", 0, application, PoolServer, QuietHandler)
    httpd.request_queue_size = 128
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


class Officer:
    """One person's client: their token, their tally of what the server answered."""

    def __init__(self, base, token, tally, errors):
        self.base, self.token, self.tally, self.errors = base, token, tally, errors

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"Token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            if exc.code == 409:  # another officer moved the file first: the business answer
                self.tally["conflict"] += 1
                return 409, None
            self.errors.append(f"{method} {path}: {exc.code} {exc.read()[:200]!r}")
        except Exception as exc:  # a dropped connection or timeout is an error too
            self.errors.append(f"{method} {path}: {exc!r}")
        return None, None

    def work_the_queue(self, state, step, body, query=""):
        status, page = self.call("GET", f"/api/v1/corrections/?state={state}{query}")
        for row in (page or {}).get("results", [])[:3]:
            status, _ = self.call(
                "POST",
                f"/api/v1/corrections/{row['id']}/transitions/{step}/",
                {**body, "expected_state": state},
            )
            if status == 200:
                self.tally[step] += 1


def test_fifty_officers_at_once_lose_and_double_nothing(org, server):
    offices = [
        OfficeFactory(division=org.division, contact_id=f"LD{n:02d}-Z01") for n in range(OFFICES)
    ]
    people = []
    for n, office in enumerate(offices):
        oa, am, manager = (
            UserFactory(username=f"{role}.{n}", designation=designation, office=office)
            for role, designation in (
                ("oa", Designation.OFFICE_ASSISTANT),
                ("am", Designation.ASSISTANT_MANAGER),
                ("mgr", Designation.MANAGER),
            )
        )
        people += [("oa", oa, office), ("am", am, office), ("manager", manager, office)]
    people += [("dgm", org.dgm, None)] * OFFICES + [("gm", org.gm, None)] * OFFICES
    tokens = {user.pk: Token.objects.get_or_create(user=user)[0].key for _, user, _ in people}

    tally, errors = Counter(), []
    deadline = time.monotonic() + LOAD_SECONDS

    def officer(n, role, user, office):
        me = Officer(server, tokens[user.pk], tally, errors)
        sequence = 0
        while time.monotonic() < deadline:
            if role == "oa":
                sequence += 1
                status, complaint = me.call(
                    "POST",
                    "/api/v1/complaints/",
                    {
                        "office": office.contact_id,
                        "consumer_number": f"9{n:02d}{sequence:07d}",
                        "consumer_name": "Load Test",
                        "mobile": "9827012345",
                        "category": "excess_bill",
                        "bill_month": "2026-10",
                        "billed_amount": "5000.00",
                        "description": "Load test.",
                    },
                )
                if status == 201:
                    tally["complaint"] += 1
                    status, _ = me.call(
                        "POST",
                        "/api/v1/corrections/",
                        {
                            "complaint_number": complaint["complaint_number"],
                            "bill_month": "2026-10",
                            "original_amount": "5000.00",
                            "corrected_amount": "3000.00",
                            "reason": "wrong_reading",
                        },
                    )
                    if status == 201:
                        tally["correction"] += 1
                me.work_the_queue(
                    "approved", "apply", {"revised_bill_reference": f"RB-{n}-{sequence}"},
                    f"&office={office.contact_id}",
                )  # fmt: skip
            elif role in ("am", "manager"):
                state = "assistant" if role == "am" else "manager"
                me.work_the_queue(state, "forward", {}, f"&office={office.contact_id}")
            elif role == "dgm":
                me.work_the_queue(
                    "dgm", "recommend",
                    {"recommendation": "for", "recommended_amount": "3000.00", "remarks": "ok"},
                )  # fmt: skip
            else:
                me.work_the_queue("gm", "approve", {})
            time.sleep(0.05)  # a person reads before the next click

    threads = [
        threading.Thread(target=officer, args=(n, role, user, office))
        for n, (role, user, office) in enumerate(people)
    ]
    assert len(threads) == 50
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(LOAD_SECONDS + 60)

    assert errors == []
    assert tally["complaint"] > 0 and tally["forward"] > 0, tally
    entered = tally["forward"] + tally["recommend"] + tally["approve"]
    assert Complaint.objects.count() == tally["complaint"]
    assert BillCorrection.objects.count() == tally["correction"]
    assert StageVisit.objects.count() == tally["correction"] + entered
    assert StageVisit.objects.filter(left_at__isnull=False).count() == entered + tally["apply"]
    assert BillCorrection.objects.filter(state="applied").count() == tally["apply"]
    assert ComplaintEvent.objects.count() == (
        tally["complaint"] + tally["correction"] + tally["apply"]
    )
    assert not Notice.objects.values("recipient", "key").annotate(n=Count("id")).filter(n__gt=1)
    print(f"load: {LOAD_SECONDS:.0f} s, 50 officers, {dict(tally)}")  # for docs/SECURITY.md
