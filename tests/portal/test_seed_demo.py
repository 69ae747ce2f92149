import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Circle, Designation, Division, Office, PostingRecord, User
from accounts.selectors import offices_for


def seed_json() -> dict:
    out = StringIO()
    call_command("seed_demo", "--json", "--force", stdout=out)
    return json.loads(out.getvalue())


def counts():
    return [m.objects.count() for m in (Circle, Division, Office, User, Group, PostingRecord)]


def test_seed_demo_json_shape_and_idempotence(db):
    first = seed_json()
    before = counts()
    second = seed_json()
    assert counts() == before
    for key in ("complaints_created", "corrections_created"):
        assert first.pop(key) > 0
        assert second.pop(key) == 0
    assert first == second

    assert set(first) >= {
        "password",
        "admin",
        "call_centre",
        "api_token",
        "circles",
        "divisions",
        "offices",
    }
    assert len(first["circles"]) == 1
    assert set(first["circles"][0]) >= {"name", "gm"}
    assert len(first["divisions"]) == 2
    assert all(set(d) >= {"name", "circle", "dgm"} for d in first["divisions"])
    assert len(first["offices"]) >= 4
    office_keys = {
        "contact_id",
        "kind",
        "area",
        "division",
        "desk_login",
        "office_assistant",
        "assistant_manager",
        "manager",
    }
    assert all(set(o) >= office_keys for o in first["offices"])
    for division in first["divisions"]:
        mine = [o for o in first["offices"] if o["division"] == division["name"]]
        assert {("zone", "urban"), ("dc", "rural")} <= {(o["kind"], o["area"]) for o in mine}


def test_seeded_logins_work_with_the_printed_password(db, client):
    demo = seed_json()
    office = demo["offices"][0]
    for username in (
        demo["admin"],
        demo["call_centre"],
        demo["circles"][0]["gm"],
        demo["divisions"][0]["dgm"],
        office["desk_login"],
        office["office_assistant"],
        office["assistant_manager"],
        office["manager"],
    ):
        assert client.login(username=username, password=demo["password"]), username

    desk = User.objects.get(username=office["desk_login"])
    assert desk.designation == Designation.DESK
    assert [o.contact_id for o in offices_for(desk)] == [office["contact_id"]]
    dgm = User.objects.get(username=demo["divisions"][0]["dgm"])
    assert offices_for(dgm).count() == 2
    gm = User.objects.get(username=demo["circles"][0]["gm"])
    assert offices_for(gm).count() == len(demo["offices"])


def test_seed_demo_prints_logins_for_people(db):
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    text = out.getvalue()
    assert "nivaran-demo" in text
    assert "callcentre1912" in text
    assert "MHW-Z01" in text


def test_seed_demo_refuses_a_production_database(db):
    with pytest.raises(CommandError, match="published password"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
