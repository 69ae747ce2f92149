"""Bounded counts: a list never counts past the page asked for plus a look-ahead."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from common.pagination import BoundedPageNumberPagination, BoundedPaginator
from complaints.models import Complaint
from tests.factories import register


@pytest.fixture
def twelve(org):
    for n in range(12):
        register(org.oa, org.office_a, consumer_number=f"90000000{n:02d}")
    return Complaint.objects.order_by("pk")


class Small(BoundedPaginator):
    look_ahead = 3


def test_exact_when_within_the_look_ahead(twelve):
    paginator = BoundedPaginator(twelve, 5)
    page = paginator.get_page(1)
    assert (paginator.count, paginator.count_is_exact, paginator.num_pages) == (12, True, 3)
    assert len(page.object_list) == 5


def test_bounded_past_the_look_ahead(twelve):
    paginator = Small(twelve, 5)
    page = paginator.get_page(1)
    assert (paginator.count, paginator.count_is_exact) == (8, False)  # 1 page + 3 ahead
    assert page.has_next()


def test_the_bound_moves_with_the_page(twelve):
    paginator = Small(twelve, 5)
    page = paginator.get_page(3)
    assert (paginator.count, paginator.count_is_exact) == (12, True)
    assert [c.pk for c in page.object_list] == [c.pk for c in twelve[10:]]
    assert Small(twelve, 5).get_page("junk").number == 1


def test_the_count_is_limited_in_sql(twelve):
    with CaptureQueriesContext(connection) as queries:
        assert Small(twelve, 5).count == 8
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert "COUNT(" in sql and "LIMIT 9" in sql and "ORDER BY" not in sql


def test_lists_work_too():
    paginator = Small(list(range(20)), 5)
    assert (paginator.count, paginator.count_is_exact) == (8, False)


def test_api_says_when_the_count_is_a_lower_bound(org, twelve, monkeypatch):
    monkeypatch.setattr(BoundedPageNumberPagination, "django_paginator_class", Small)
    monkeypatch.setattr(BoundedPageNumberPagination, "page_size", 5)
    token, _ = Token.objects.get_or_create(user=org.dgm)
    client = APIClient(headers={"authorization": f"Token {token.key}"})
    body = client.get(reverse("api-complaint-list")).json()
    assert (body["count"], body["count_is_exact"]) == (8, False)
    assert body["next"]
    last = client.get(reverse("api-complaint-list"), {"page": 3}).json()
    assert (last["count"], last["count_is_exact"], last["next"]) == (12, True, None)


def test_web_list_says_more_than(client, org, twelve, monkeypatch):
    import common.views
    import complaints.views

    # The list pages page through common.views.list_page.
    monkeypatch.setattr(common.views, "BoundedPaginator", Small)
    monkeypatch.setattr(complaints.views, "PAGE_SIZE", 5)
    org.dgm.language = "en"
    org.dgm.save(update_fields=["language"])
    client.force_login(org.dgm)
    html = client.get(reverse("complaint-list")).content.decode()
    assert "More than 8 complaints" in html
    assert "Page 1 of more than 2" in html
