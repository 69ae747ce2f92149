"""Tighter guards on PostgreSQL (issue 10, finding 4):

- a stage row's "who acted" facts (actor, designation, action, remarks, details) are
  written once, in the same UPDATE that closes the row; never on an open row;
- `flagged_at` is set once, while the row is open, and never changes after;
- a correction's state matches its open stage row: an open state has exactly one open
  row of that stage, a final state none. This is a deferred constraint trigger (checked
  at commit, when the service has closed one row, opened the next and moved the state),
  fired only when the state changes or a stage row enters or leaves.

`left_at >= entered_at` is a check constraint (billing 0005)."""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION nivaran_stage_visit_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'stage visits are append-only';
    END IF;
    IF NEW.correction_id <> OLD.correction_id OR NEW.stage <> OLD.stage
       OR NEW.entered_at <> OLD.entered_at
       OR NEW.due_at IS DISTINCT FROM OLD.due_at THEN
        RAISE EXCEPTION 'a stage visit''s entry cannot change';
    END IF;
    IF OLD.left_at IS NOT NULL AND (
           NEW.left_at IS DISTINCT FROM OLD.left_at
        OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
        OR NEW.actor_designation <> OLD.actor_designation
        OR NEW.action <> OLD.action OR NEW.remarks <> OLD.remarks
        OR NEW.details <> OLD.details
        OR NEW.flagged_at IS DISTINCT FROM OLD.flagged_at) THEN
        RAISE EXCEPTION 'a stage visit that has ended cannot change';
    END IF;
    IF OLD.left_at IS NULL AND NEW.left_at IS NULL AND (
           NEW.actor_id IS DISTINCT FROM OLD.actor_id
        OR NEW.actor_designation <> OLD.actor_designation
        OR NEW.action <> OLD.action OR NEW.remarks <> OLD.remarks
        OR NEW.details <> OLD.details) THEN
        RAISE EXCEPTION 'who acted on a stage is written once, when the stage is left';
    END IF;
    IF OLD.flagged_at IS NOT NULL AND NEW.flagged_at IS DISTINCT FROM OLD.flagged_at THEN
        RAISE EXCEPTION 'a stage visit is flagged overdue once';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION nivaran_correction_state_check() RETURNS trigger AS $$
DECLARE
    cid bigint;
    current_state text;
    open_rows integer;
    open_stage text;
BEGIN
    IF TG_TABLE_NAME = 'billing_stagevisit' THEN
        cid := NEW.correction_id;
    ELSE
        cid := NEW.id;
    END IF;
    SELECT state INTO current_state FROM billing_billcorrection WHERE id = cid;
    SELECT count(*), min(stage) INTO open_rows, open_stage
        FROM billing_stagevisit WHERE correction_id = cid AND left_at IS NULL;
    IF current_state IN ('applied', 'rejected') THEN
        IF open_rows <> 0 THEN
            RAISE EXCEPTION 'correction % is %, yet a stage row is open', cid, current_state;
        END IF;
    ELSIF open_rows <> 1 OR open_stage <> current_state THEN
        RAISE EXCEPTION 'correction % is at "%" but its open stage row is "%"',
            cid, current_state, coalesce(open_stage, 'none');
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER billing_correction_opened_with_stage
    AFTER INSERT ON billing_billcorrection
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    EXECUTE FUNCTION nivaran_correction_state_check();
CREATE CONSTRAINT TRIGGER billing_correction_state_matches_stage
    AFTER UPDATE OF state ON billing_billcorrection
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION nivaran_correction_state_check();
CREATE CONSTRAINT TRIGGER billing_stage_rows_match_state
    AFTER INSERT OR UPDATE OF left_at ON billing_stagevisit
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    EXECUTE FUNCTION nivaran_correction_state_check();
"""

# Undoing keeps the stricter stage guard function (billing 0002's triggers use it).
UNDO = """
DROP TRIGGER IF EXISTS billing_correction_opened_with_stage ON billing_billcorrection;
DROP TRIGGER IF EXISTS billing_correction_state_matches_stage ON billing_billcorrection;
DROP TRIGGER IF EXISTS billing_stage_rows_match_state ON billing_stagevisit;
DROP FUNCTION IF EXISTS nivaran_correction_state_check();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO, params=None)


class Migration(migrations.Migration):
    dependencies = [("billing", "0005_stage_left_after_entered")]

    operations = [migrations.RunPython(forward, backward)]
