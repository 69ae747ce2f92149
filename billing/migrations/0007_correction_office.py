import django.db.models.deletion
from django.db import migrations, models


def copy_office(apps, schema_editor):
    BillCorrection = apps.get_model("billing", "BillCorrection")
    Complaint = apps.get_model("complaints", "Complaint")
    BillCorrection.objects.update(
        office_id=models.Subquery(
            Complaint.objects.filter(pk=models.OuterRef("complaint_id")).values("office_id")[:1]
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("billing", "0006_stage_and_state_guards"),
        ("complaints", "0004_search_prefix_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="billcorrection",
            name="office",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.office",
            ),
        ),
        migrations.RunPython(copy_office, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="billcorrection",
            name="office",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.office",
            ),
        ),
        migrations.AddIndex(
            model_name="billcorrection",
            index=models.Index(
                fields=["office", "state", "due_at"], name="correction_office_state_due"
            ),
        ),
        migrations.AddIndex(
            model_name="billcorrection",
            index=models.Index(fields=["due_at", "id"], name="correction_due"),
        ),
    ]
