"""Two officers act on the same file at the same instant: one wins, one is told."""

import threading

import pytest
from django.db import connection

from accounts.models import Designation
from billing.models import BillCorrection, StageVisit
from billing.services import correction_transition
from common.errors import StaleTransition
from tests.factories import UserFactory, open_correction


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_forwarding_at_once(org):
    second_am = UserFactory(
        username="am2.a", designation=Designation.ASSISTANT_MANAGER, office=org.office_a
    )
    correction = open_correction(org)
    barrier = threading.Barrier(2)
    outcomes = {}

    def act(user):
        seen = BillCorrection.objects.get(pk=correction.pk)  # each loaded the same page
        barrier.wait(timeout=10)
        try:
            correction_transition(correction=seen, user=user, name="forward", remarks="ok")
            outcomes[user.username] = "moved"
        except StaleTransition as exc:
            outcomes[user.username] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(u,)) for u in (org.am, second_am)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [name for name, result in outcomes.items() if result == "moved"]
    losers = [result for result in outcomes.values() if isinstance(result, StaleTransition)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].by.username == winners[0]
    assert losers[0].status == "manager"
    visits = StageVisit.objects.filter(correction=correction)
    assert list(visits.values_list("stage", "action", "actor__username")) == [
        ("assistant", "forward", winners[0]),
        ("manager", "", None),
    ]
