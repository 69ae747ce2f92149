"""Seed the complaint categories; on PostgreSQL, make history append-only and add a
trigram index for name search (SQLite, used only by `make run`, gets neither)."""

from django.db import migrations

CATEGORIES = [
    # code, English, Hindi, bill?
    ("excess_bill", "Excess bill", "अधिक बिल", True),
    ("assessed_consumption", "Assessed / average consumption", "आकलित / औसत खपत", True),
    ("wrong_reading", "Wrong meter reading", "गलत मीटर रीडिंग", True),
    ("wrong_tariff", "Wrong tariff", "गलत टैरिफ", True),
    ("arrears", "Arrears wrongly carried", "गलत बकाया राशि", True),
    ("meter_defect_bill", "Bill after meter defect", "मीटर खराबी के बाद बिल", True),
    ("meter", "Meter", "मीटर संबंधी", False),
    ("supply", "Supply", "विद्युत आपूर्ति", False),
    ("new_connection", "New connection", "नया कनेक्शन", False),
    ("other", "Other", "अन्य", False),
]

REFUSE_CHANGE = """
CREATE OR REPLACE FUNCTION nivaran_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER complaints_complaintevent_append_only
    BEFORE UPDATE OR DELETE ON complaints_complaintevent
    FOR EACH ROW EXECUTE FUNCTION nivaran_refuse_change();
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX complaint_name_trgm ON complaints_complaint
    USING gin ((UPPER(consumer_name::text)) gin_trgm_ops);
"""

UNDO = """
DROP INDEX IF EXISTS complaint_name_trgm;
DROP TRIGGER IF EXISTS complaints_complaintevent_append_only ON complaints_complaintevent;
"""


def seed_categories(apps, schema_editor):
    Category = apps.get_model("complaints", "Category")
    for position, (code, name, name_hi, is_bill) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_hi": name_hi, "is_bill": is_bill, "position": position},
        )


def postgres_safeguards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REFUSE_CHANGE, params=None)


def undo_postgres_safeguards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO, params=None)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [
        migrations.RunPython(seed_categories, migrations.RunPython.noop),
        migrations.RunPython(postgres_safeguards, undo_postgres_safeguards),
    ]
