"""On PostgreSQL the posting history defends itself: PostingRecord rows are insert-only,
as the README promises. (SQLite, used only by `make run`, relies on the services.)"""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION nivaran_posting_record_guard() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'posting records are append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_postingrecord_append_only
    BEFORE UPDATE OR DELETE ON accounts_postingrecord
    FOR EACH ROW EXECUTE FUNCTION nivaran_posting_record_guard();
"""

UNDO = """
DROP TRIGGER IF EXISTS accounts_postingrecord_append_only ON accounts_postingrecord;
DROP FUNCTION IF EXISTS nivaran_posting_record_guard();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO, params=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_postingrecord_protect")]

    operations = [migrations.RunPython(forward, backward)]
