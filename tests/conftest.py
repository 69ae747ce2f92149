"""The base fixture set: a small organisation and its named personas.

Circle C1 has division D1 with office A (urban zone) and office B (rural DC).
Circle C2 has division D2 with office X, whose manager is the outsider.
"""

import psycopg
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from accounts.models import Designation
from common.refcache import forget_all
from tests.factories import CircleFactory, DivisionFactory, OfficeFactory, UserFactory


def pytest_sessionstart(session):
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit(
            "Nivaran's tests need PostgreSQL: run them with `make test`, or set "
            "DATABASE_URL=postgres://root@127.0.0.1:5432/nivaran.",
            returncode=2,
        )
    try:
        psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as exc:
        pytest.exit(
            f"PostgreSQL at {db['HOST']}:{db['PORT']} is unreachable ({exc}). Start it "
            "(see .ci/run for the command) or point TEST_DATABASE_URL at a running server.",
            returncode=2,
        )


@pytest.fixture(autouse=True, scope="session")
def _test_speedups():
    # Production uses whitenoise's manifest storage, which needs `collectstatic`;
    # tests render templates without running it. Each persona's password would
    # otherwise cost a full PBKDF2 round.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(STORAGES=storages, PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttle counters live in the cache; each test starts with none. Reference rows
    # cached in the process may be a rolled-back test's.
    cache.clear()
    forget_all()


class Org:
    """The organisation and personas, as attributes (org.oa, org.office_a, ...)."""


@pytest.fixture
def org(db) -> Org:
    o = Org()
    o.circle = CircleFactory(name="Circle One")
    o.division = DivisionFactory(name="Division One", circle=o.circle)
    o.office_a = OfficeFactory(division=o.division, contact_id="OFA-Z01", kind="zone", area="urban")
    o.office_b = OfficeFactory(division=o.division, contact_id="OFB-DC01", kind="dc", area="rural")
    o.other_circle = CircleFactory(name="Circle Two")
    o.other_division = DivisionFactory(name="Division Two", circle=o.other_circle)
    o.office_x = OfficeFactory(division=o.other_division, contact_id="OFX-Z01")

    def staff(username, designation, **posting):
        return UserFactory(username=username, designation=designation, **posting)

    o.oa = staff("oa.a", Designation.OFFICE_ASSISTANT, office=o.office_a)
    o.am = staff("am.a", Designation.ASSISTANT_MANAGER, office=o.office_a)
    o.manager = staff("manager.a", Designation.MANAGER, office=o.office_a)
    o.manager_b = staff("manager.b", Designation.MANAGER, office=o.office_b)
    o.dgm = staff("dgm.one", Designation.DGM, division=o.division)
    o.gm = staff("gm.one", Designation.GM, circle=o.circle)
    o.desk = staff("OFA-Z01", Designation.DESK, office=o.office_a)
    o.call_centre = staff("callcentre", Designation.CALL_CENTRE)
    o.outsider = staff("manager.x", Designation.MANAGER, office=o.office_x)
    o.admin = staff("admin", Designation.ADMIN, is_staff=True, is_superuser=True)
    return o
