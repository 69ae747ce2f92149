"""One-time form tokens: a form sent twice acts once, and the second answer is the first's."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from common.models import OnceToken
from complaints.models import Complaint
from tests.complaints.test_views import form_data, login


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_register_twice_with_one_token_registers_once_and_shows_the_number(client, org):
    login(client, org.oa)
    page = client.get(reverse("complaint-create")).content.decode()
    assert 'name="once"' in page
    data = form_data(org, once=uuid.uuid4().hex)
    first = client.post(reverse("complaint-create"), data)
    second = client.post(reverse("complaint-create"), data)
    complaint = Complaint.objects.get()
    assert first.status_code == second.status_code == 302
    assert (
        second.url
        == first.url
        == reverse("complaint-registered", args=[complaint.complaint_number])
    )


def test_a_form_shown_again_with_errors_leaves_its_token_unused(client, org):
    login(client, org.oa)
    token = uuid.uuid4().hex
    response = client.post(reverse("complaint-create"), form_data(org, mobile="1", once=token))
    assert response.status_code == 200
    assert not OnceToken.objects.exists()
    response = client.post(reverse("complaint-create"), form_data(org, once=token))
    assert response.status_code == 302
    assert Complaint.objects.count() == 1


def test_another_users_token_is_never_replayed(client, org):
    token = uuid.uuid4().hex
    login(client, org.oa)
    client.post(reverse("complaint-create"), form_data(org, once=token))
    other = Client()
    login(other, org.am)
    response = other.post(reverse("complaint-create"), form_data(org, once=token))
    # Not sent to the first user's complaint: the form is shown again (the duplicate guard).
    assert response.status_code == 200
    assert Complaint.objects.count() == 1


def test_posts_without_a_token_work_as_before(client, org):
    login(client, org.oa)
    assert client.post(reverse("complaint-create"), form_data(org)).status_code == 302
    assert client.post(reverse("complaint-create"), form_data(org, once="junk")).status_code == 200
    assert not OnceToken.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_racing_itself_registers_once(org):
    data = form_data(org, once=uuid.uuid4().hex)
    answers = []
    barrier = threading.Barrier(2)

    def send():
        browser = Client()
        login(browser, org.oa)
        barrier.wait()
        try:
            answers.append(browser.post(reverse("complaint-create"), data))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    complaint = Complaint.objects.get()
    target = reverse("complaint-registered", args=[complaint.complaint_number])
    assert [(a.status_code, a.url) for a in answers] == [(302, target), (302, target)]
