"""On PostgreSQL the audit trail defends itself: stage visits are never deleted, their
entry facts never change and their leaving facts are written once; amendments are
insert-only. (SQLite, used only by `make run`, relies on the services.)"""

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
        OR NEW.details <> OLD.details) THEN
        RAISE EXCEPTION 'a stage visit that has ended cannot change';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER billing_stagevisit_guard
    BEFORE UPDATE OR DELETE ON billing_stagevisit
    FOR EACH ROW EXECUTE FUNCTION nivaran_stage_visit_guard();
CREATE TRIGGER billing_amendment_append_only
    BEFORE UPDATE OR DELETE ON billing_amendment
    FOR EACH ROW EXECUTE FUNCTION nivaran_refuse_change();
"""

UNDO = """
DROP TRIGGER IF EXISTS billing_stagevisit_guard ON billing_stagevisit;
DROP TRIGGER IF EXISTS billing_amendment_append_only ON billing_amendment;
DROP FUNCTION IF EXISTS nivaran_stage_visit_guard();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
        ("complaints", "0002_categories_and_safeguards"),
    ]

    operations = [migrations.RunPython(forward, backward)]
