"""The notice's default (7 days at every level, calendar days, both areas) and the two
periodic jobs, as rows admins can edit in Django admin."""

from datetime import date

from django.db import migrations

JOBS = [
    # name, task, every (minutes)
    ("Flag stages past their time limit", "timelimits.tasks.flag_overdue_task", 10),
    ("Send notices not yet mailed", "timelimits.tasks.send_notices_task", 5),
]


def seed(apps, schema_editor):
    Policy = apps.get_model("timelimits", "TimeLimitPolicy")
    for area in ("urban", "rural"):
        Policy.objects.get_or_create(
            area=area,
            effective_from=date(2020, 1, 1),
            defaults={"reference": "Default: 7 days at every level"},
        )
    Interval = apps.get_model("django_celery_beat", "IntervalSchedule")
    Task = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minutes in JOBS:
        every, _ = Interval.objects.get_or_create(every=minutes, period="minutes")
        Task.objects.get_or_create(name=name, defaults={"task": task, "interval": every})


class Migration(migrations.Migration):
    dependencies = [
        ("timelimits", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
