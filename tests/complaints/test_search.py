"""Partial numbers find complaints: prefixes of complaint, consumer and mobile numbers and
the sequence part of office-issued numbers, on the web list and the API alike."""

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from complaints.models import Category
from complaints.search import MATCH_CAP, sequence_suffix
from tests.factories import register

LIST = reverse("api-complaint-list")
SUPPLY = {"bill_month": None, "billed_amount": None, "amount_deposited": None}


@pytest.fixture
def filed(org):
    supply = Category.objects.get(code="supply")
    c = {}
    c["office"] = register(  # OFA-Z01-<year>-000001
        org.oa, org.office_a, consumer_number="3412567890", mobile="9827012345"
    )
    for n in range(2, 5):  # ...-000002 to ...-000004
        c[n] = register(
            org.oa, org.office_a, consumer_number=f"55500000{n:02d}", mobile=f"70000000{n:02d}",
            category=supply, **SUPPLY,
        )  # fmt: skip
    c["1912"] = register(
        org.call_centre, org.office_a, complaint_number="2611260012345",
        consumer_number="8800000001", mobile="6000000001", consumer_name="Kamla Devi",
        category=supply, **SUPPLY,
    )  # fmt: skip
    c["theirs"] = register(org.outsider, org.office_x, consumer_number="3412567999")
    return c


def numbers_web(client, user, term):
    client.force_login(user)
    page = client.get(reverse("complaint-list"), {"search": term}).context["page"]
    return {x.complaint_number for x in page.object_list}


def numbers_api(user, term):
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient(headers={"authorization": f"Token {token.key}"})
    response = client.get(LIST, {"search": term})
    assert response.status_code == 200
    return {x["complaint_number"] for x in response.json()["results"]}


@pytest.mark.parametrize("where", ["web", "api"])
def test_partial_numbers_find_complaints(client, org, filed, where):
    def found(term):
        if where == "web":
            return numbers_web(client, org.manager, term)
        return numbers_api(org.manager, term)

    office_number = filed["office"].complaint_number
    assert found("3412567") == {office_number}  # consumer number prefix, in scope only
    assert found("341 2567") == {office_number}
    assert found("98270") == {office_number}  # mobile prefix
    assert found("+91 98270 12345") == {office_number}
    assert found("2611260") == {filed["1912"].complaint_number}  # 1912 number prefix
    assert found("000004") == {filed[4].complaint_number}  # sequence part
    assert found("4") == {filed[4].complaint_number}
    assert found("५५५००") == {filed[n].complaint_number for n in (2, 3, 4)}  # Devanagari digits
    assert found(office_number[:8].lower()) == {
        filed[k].complaint_number for k in ("office", 2, 3, 4)
    }
    assert found(office_number.lower()) == {office_number}
    assert found("kaml") == {filed["1912"].complaint_number}
    assert found("9999999") == set()
    assert found("0") == set()


def test_search_stays_in_scope(org, filed):
    assert numbers_api(org.outsider, "3412567") == {filed["theirs"].complaint_number}
    assert numbers_api(org.call_centre, "000004") == set()  # 1912 sees only its own
    assert numbers_api(org.call_centre, "2611") == {filed["1912"].complaint_number}


def test_sequence_suffix():
    assert sequence_suffix("4") == "-000004"
    assert sequence_suffix("000004") == "-000004"
    assert sequence_suffix("0000004") is None  # longer than a sequence
    assert sequence_suffix("000000") is None


def test_search_costs_two_statements(org, filed, django_assert_num_queries):
    """Matching ids in one statement (a UNION of index look-ups), then the page."""
    from complaints.filters import ComplaintFilter
    from complaints.selectors import complaint_list

    queryset = complaint_list(org.manager)
    assert MATCH_CAP >= 100
    with django_assert_num_queries(2):
        found = ComplaintFilter({"search": "3412567"}, queryset=queryset).qs
        assert [c.complaint_number for c in found] == [filed["office"].complaint_number]


def test_prefix_indexes_exist(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'complaints_complaint'"
        )
        indexes = dict(cursor.fetchall())
    prefix = [n for n, ddl in indexes.items() if "varchar_pattern_ops" in ddl]
    assert {"complaint_consumer_prefix", "complaint_mobile_prefix"} <= set(prefix)
    assert any("(complaint_number varchar_pattern_ops)" in indexes[n] for n in prefix)
    assert "right" in indexes["complaint_office_sequence"].lower()


def test_a_very_common_name_is_filtered_in_place(org, filed, monkeypatch):
    monkeypatch.setattr("complaints.search.NAME_CAP", 0)
    assert numbers_api(org.manager, "kaml") == {filed["1912"].complaint_number}


def test_databases_without_limited_unions_find_the_same(org, filed, monkeypatch):
    # `make run`'s SQLite cannot LIMIT the parts of a UNION; the per-kind queries that
    # replace it there must find exactly what the UNION finds.
    terms = ("3412567", "000004", "4", "2611", "98270")
    union = {term: numbers_api(org.manager, term) for term in terms}
    monkeypatch.setattr(connection.features, "supports_slicing_ordering_in_compound", False)
    assert {term: numbers_api(org.manager, term) for term in terms} == union
    assert union["000004"] == {filed[4].complaint_number}
