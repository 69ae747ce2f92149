"""The audit trail defends itself in the database (issue 10, finding 4): even SQL that
bypasses the services cannot rewrite it."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import PostingRecord
from billing.models import BillCorrection, StageVisit
from billing.services import correction_transition
from tests.factories import open_correction


def refused(action) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        action()
        # Deferred constraint triggers run at commit; tests never commit, so ask now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_posting_records_are_append_only(org):
    record = PostingRecord.objects.filter(user=org.oa).first()
    refused(lambda: PostingRecord.objects.filter(pk=record.pk).update(designation="gm"))
    refused(lambda: PostingRecord.objects.filter(pk=record.pk).delete())
    assert PostingRecord.objects.get(pk=record.pk).designation == record.designation


def test_open_stage_actor_facts_cannot_be_written_before_leaving(org):
    correction = open_correction(org)
    visit = correction.stages.get()
    refused(lambda: StageVisit.objects.filter(pk=visit.pk).update(actor=org.gm, remarks="I did it"))
    refused(lambda: StageVisit.objects.filter(pk=visit.pk).update(details={"x": 1}))


def test_a_stage_cannot_be_left_before_it_was_entered(org):
    visit = open_correction(org).stages.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        StageVisit.objects.filter(pk=visit.pk).update(
            left_at=visit.entered_at - timedelta(days=1), actor=org.am, action="forward"
        )


def test_flagged_at_is_set_once(org):
    correction = open_correction(org)
    visit = correction.stages.get()
    now = timezone.now()
    StageVisit.objects.filter(pk=visit.pk).update(flagged_at=now)  # the job's one write
    refused(lambda: StageVisit.objects.filter(pk=visit.pk).update(flagged_at=now + timedelta(1)))
    refused(lambda: StageVisit.objects.filter(pk=visit.pk).update(flagged_at=None))
    correction_transition(correction=correction, user=org.am, name="forward")
    visit.refresh_from_db()
    refused(lambda: StageVisit.objects.filter(pk=visit.pk).update(flagged_at=None))


def test_a_finished_stage_row_is_frozen(org):
    correction = correction_transition(correction=open_correction(org), user=org.am, name="forward")
    done = correction.stages.exclude(left_at=None).get()
    refused(lambda: StageVisit.objects.filter(pk=done.pk).update(remarks="rewritten"))


def test_correction_state_cannot_jump_without_its_stage_rows(org):
    correction = open_correction(org)
    refused(lambda: BillCorrection.objects.filter(pk=correction.pk).update(state="approved"))
    refused(lambda: BillCorrection.objects.filter(pk=correction.pk).update(state="applied"))
    assert BillCorrection.objects.get().state == "assistant"


def test_the_services_satisfy_every_guard(org):
    correction = open_correction(org)
    for user, name, body in [
        (org.am, "forward", {}),
        (org.manager, "forward", {}),
        (
            org.dgm,
            "recommend",
            {"recommendation": "for", "recommended_amount": "3120", "remarks": "ok"},
        ),
        (org.gm, "approve", {}),
        (org.oa, "apply", {"revised_bill_reference": "RB-1"}),
    ]:
        correction = correction_transition(correction=correction, user=user, name=name, **body)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert correction.state == "applied"
