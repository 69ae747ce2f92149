"""Office-issued numbers: gap-free per office per year, safe under concurrency."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from complaints import services
from tests.factories import register

PARALLEL = 20


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_registrations_get_distinct_consecutive_numbers(org):
    barrier = threading.Barrier(PARALLEL)
    numbers, errors = [], []

    def register_one():
        try:
            barrier.wait(timeout=30)
            numbers.append(register(org.oa, org.office_a).complaint_number)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register_one) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    year = timezone.localdate().year
    assert sorted(numbers) == [f"OFA-Z01-{year}-{n:06d}" for n in range(1, PARALLEL + 1)]


def test_a_failed_registration_leaves_no_gap(org, monkeypatch):
    real_record = services._record

    def fail_once(*args, **kwargs):
        monkeypatch.setattr(services, "_record", real_record)
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_record", fail_once)
    with pytest.raises(RuntimeError):
        register(org.oa, org.office_a)
    year = timezone.localdate().year
    assert register(org.oa, org.office_a).complaint_number == f"OFA-Z01-{year}-000001"


def test_numbering_restarts_each_year(org, monkeypatch):
    first = register(org.oa, org.office_a)
    next_year = timezone.now().replace(year=timezone.now().year + 1)
    monkeypatch.setattr(services.timezone, "now", lambda: next_year)
    monkeypatch.setattr(services.timezone, "localdate", lambda value=None: next_year.date())
    second = register(org.oa, org.office_a, bill_month=first.bill_month)
    assert second.complaint_number == f"OFA-Z01-{next_year.year}-000001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_registrations_of_the_same_bill_at_once_meet_the_duplicate_guard(org):
    barrier = threading.Barrier(2)
    outcomes = []

    def register_one(user):
        try:
            barrier.wait(timeout=30)
            register(user, org.office_a, allow_duplicate=False)
            outcomes.append("registered")
        except services.DuplicateComplaint:
            outcomes.append("duplicate")
        finally:
            connection.close()

    threads = [threading.Thread(target=register_one, args=(u,)) for u in (org.oa, org.am)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["duplicate", "registered"]
