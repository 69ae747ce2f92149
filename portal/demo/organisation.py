"""The demo organisation `make run` starts with. Idempotent: a second run creates nothing."""

import os

from django.db import transaction
from rest_framework.authtoken.models import Token

from accounts.models import Circle, Designation, Division, Office, User
from accounts.services import office_create, user_create

DEMO_PASSWORD_DEFAULT = "nivaran-demo"  # noqa: S105 - printed to every demo user

CIRCLE = {"name": "Indore O&M Circle", "name_hi": "इंदौर संचा.-संधा. वृत्त", "kind": Circle.Kind.OM}

DIVISIONS = [
    {
        "name": "Mhow Division",
        "name_hi": "महू संभाग",
        "dgm": ("dgm.mhow", "सुरेश", "वर्मा"),
        "offices": [
            ("MHW-Z01", "Mhow Town Zone", "महू नगर ज़ोन", Office.Kind.ZONE, Office.Area.URBAN),
            ("MNP-DC01", "Manpur DC", "मानपुर वितरण केंद्र", Office.Kind.DC, Office.Area.RURAL),
        ],
    },
    {
        "name": "Depalpur Division",
        "name_hi": "देपालपुर संभाग",
        "dgm": ("dgm.depalpur", "अनीता", "चौहान"),
        "offices": [
            (
                "DPL-Z01",
                "Depalpur Town Zone",
                "देपालपुर नगर ज़ोन",
                Office.Kind.ZONE,
                Office.Area.URBAN,
            ),
            ("GTM-DC01", "Gautampura DC", "गौतमपुरा वितरण केंद्र", Office.Kind.DC, Office.Area.RURAL),
        ],
    },
]

GM = ("gm.indore", "राजेश", "मिश्रा")

# (designation, username suffix, first names to cycle through)
OFFICE_STAFF = [
    (Designation.OFFICE_ASSISTANT, "oa", ["रमेश", "पूजा", "दीपक", "सीमा"]),
    (Designation.ASSISTANT_MANAGER, "am", ["कविता", "अमित", "नेहा", "विकास"]),
    (Designation.MANAGER, "manager", ["संजय", "रश्मि", "मनोज", "प्रिया"]),
]
STAFF_WITH_NUMBERS = {d for d, _, _ in OFFICE_STAFF} | {Designation.DGM, Designation.GM}
SURNAMES = ["शर्मा", "यादव", "पटेल", "जैन"]


class _Seeder:
    def __init__(self, password: str):
        self.password = password
        self.serial = 0

    def user(self, username: str, designation: str, first: str = "", last: str = "", **posting):
        self.serial += 1
        existing = User.objects.filter(username=username).first()
        if existing:
            return existing
        # example.in is reserved for examples: mails in `make run` go to the console anyway.
        fields = {"first_name": first, "last_name": last, "email": f"{username.lower()}@example.in"}
        if designation in STAFF_WITH_NUMBERS:
            fields["employee_number"] = f"MPW{10000 + self.serial}"
        return user_create(
            username=username,
            password=self.password,
            designation=designation,
            **posting,
            **fields,
        )


@transaction.atomic
def seed_demo(*, password: str | None = None) -> dict:
    password = password or os.environ.get("DEMO_PASSWORD") or DEMO_PASSWORD_DEFAULT
    seed = _Seeder(password)

    admin = seed.user("admin", Designation.ADMIN, "Nivaran", "Admin")
    if not (admin.is_staff and admin.is_superuser):
        User.objects.filter(pk=admin.pk).update(is_staff=True, is_superuser=True)
    call_centre = seed.user("callcentre1912", Designation.CALL_CENTRE, "1912", "कॉल सेंटर")
    token, _ = Token.objects.get_or_create(user=call_centre)

    circle, _ = Circle.objects.get_or_create(name=CIRCLE["name"], defaults=CIRCLE)
    gm = seed.user(GM[0], Designation.GM, GM[1], GM[2], circle=circle)
    result = {
        "password": password,
        "admin": admin.username,
        "call_centre": call_centre.username,
        "api_token": token.key,
        "circles": [{"name": circle.name, "kind": circle.kind, "gm": gm.username}],
        "divisions": [],
        "offices": [],
    }
    index = 0
    for spec in DIVISIONS:
        division, _ = Division.objects.get_or_create(
            name=spec["name"], defaults={"name_hi": spec["name_hi"], "circle": circle}
        )
        username, first, last = spec["dgm"]
        dgm = seed.user(username, Designation.DGM, first, last, division=division)
        result["divisions"].append(
            {"name": division.name, "circle": circle.name, "dgm": dgm.username}
        )
        for contact_id, name, name_hi, kind, area in spec["offices"]:
            office = Office.objects.filter(contact_id=contact_id).first() or office_create(
                division=division,
                kind=kind,
                area=area,
                name=name,
                name_hi=name_hi,
                contact_id=contact_id,
            )
            row = {
                "contact_id": office.contact_id,
                "name": office.name,
                "kind": office.kind,
                "area": office.area,
                "division": division.name,
                "desk_login": seed.user(
                    contact_id, Designation.DESK, name_hi, "", office=office
                ).username,
            }
            for designation, suffix, firsts in OFFICE_STAFF:
                staff = seed.user(
                    f"{contact_id.lower()}.{suffix}",
                    designation,
                    firsts[index % len(firsts)],
                    SURNAMES[index % len(SURNAMES)],
                    office=office,
                )
                row[designation.value] = staff.username
            result["offices"].append(row)
            index += 1
    return result
