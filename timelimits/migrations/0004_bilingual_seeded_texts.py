"""The seeded default policy and periodic jobs in Hindi first, then English (admins read
them in Django admin in either language). Rows an admin has already renamed are left."""

from django.db import migrations

RENAMES = {
    "reference": [
        (
            "Default: 7 days at every level",
            "मानक: हर स्तर पर 7 दिन / Default: 7 days at every level",
        )
    ],
    "description": [
        (
            "",
            "समय-सीमा पार कर चुके चरण चिह्नित करें / Flag stages past their time limit",
            "timelimits.tasks.flag_overdue_task",
        ),
        (
            "",
            "अभी तक न भेजी गई सूचनाएँ मेल करें / Send notices not yet mailed",
            "timelimits.tasks.send_notices_task",
        ),
    ],
}


def forwards(apps, schema_editor):
    Policy = apps.get_model("timelimits", "TimeLimitPolicy")
    for old, new in RENAMES["reference"]:
        Policy.objects.filter(reference=old).update(reference=new)
    Task = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new, task in RENAMES["description"]:
        Task.objects.filter(task=task, description=old).update(description=new)


def backwards(apps, schema_editor):
    Policy = apps.get_model("timelimits", "TimeLimitPolicy")
    for old, new in RENAMES["reference"]:
        Policy.objects.filter(reference=new).update(reference=old)
    Task = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new, task in RENAMES["description"]:
        Task.objects.filter(task=task, description=new).update(description=old)


class Migration(migrations.Migration):
    dependencies = [("timelimits", "0003_notice_mail_claim")]

    operations = [migrations.RunPython(forwards, backwards)]
