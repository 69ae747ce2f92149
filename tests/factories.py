import factory

from accounts.models import Circle, Division, Office, User
from accounts.services import office_create, user_create

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
