from decimal import Decimal

import factory

from accounts.models import Circle, Division, Office, User
from accounts.services import office_create, user_create
from billing.services import correction_open, correction_transition
from complaints.models import Category
from complaints.services import Intake, complaint_register
from complaints.validators import current_month

PASSWORD = "correct-horse-battery"


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle

    name = factory.Sequence(lambda n: f"Circle {n}")
    kind = Circle.Kind.OM


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division

    name = factory.Sequence(lambda n: f"Division {n}")
    circle = factory.SubFactory(CircleFactory)


class OfficeFactory(factory.django.DjangoModelFactory):
    """Offices come from the service, so each has its scope group from the start."""

    class Meta:
        model = Office

    division = factory.SubFactory(DivisionFactory)
    kind = Office.Kind.ZONE
    area = Office.Area.URBAN
    name = factory.Sequence(lambda n: f"Office {n}")
    contact_id = factory.Sequence(lambda n: f"OF-{n:04d}")

    @classmethod
    def _create(cls, model_class, **kwargs):
        return office_create(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    """Users come from the service, so their posting grants scope as in production."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, **kwargs):
        return user_create(**kwargs)


def intake(office, **fields):
    """A valid bill-complaint intake for the office; override any field."""
    values = {
        "office": office,
        "consumer_number": "1234567890",
        "consumer_name": "रामप्रसाद पटेल",
        "mobile": "9827012345",
        "category": Category.objects.get(code="excess_bill"),
        "description": "Bill far above usual consumption.",
        "bill_month": current_month(),
        "billed_amount": Decimal("8450.00"),
        "amount_deposited": Decimal("2000.00"),
    }
    values.update(fields)
    return Intake(**values)


def register(user, office, *, complaint_number=None, allow_duplicate=True, **fields):
    complaint, _created = complaint_register(
        user=user,
        intake=intake(office, **fields),
        complaint_number=complaint_number,
        allow_duplicate=allow_duplicate,
    )
    return complaint


def open_correction(org, *, complaint=None, user=None, **fields):
    """A bill complaint of office A with a correction recorded by its OA."""
    complaint = complaint or register(org.oa, org.office_a)
    values = {
        "bill_month": complaint.bill_month,
        "original_amount": Decimal("8450.00"),
        "corrected_amount": Decimal("3120.00"),
        "reason": "wrong_reading",
        "remarks": "Reading 4821 keyed for 4218.",
    }
    values.update(fields)
    return correction_open(user=user or org.oa, complaint=complaint, **values)


def login(client, user, language: str | None = None):
    """Log the test client in as the user; with a language, that becomes their choice."""
    if language:
        user.language = language
        user.save(update_fields=["language"])
    assert client.login(username=user.username, password=PASSWORD)
    return client


def to_gm(org, correction=None):
    """A correction of office A verified, forwarded and recommended: at the GM's stage."""
    correction = correction or open_correction(org)
    for user, name, body in [
        (org.am, "forward", {"remarks": "Verified with the meter book."}),
        (org.manager, "forward", {"remarks": "Forwarded for examination."}),
        (
            org.dgm,
            "recommend",
            {
                "recommendation": "for",
                "recommended_amount": Decimal("3120.00"),
                "remarks": "Site reading confirms 4218.",
            },
        ),
    ]:
        correction = correction_transition(correction=correction, user=user, name=name, **body)
    return correction
