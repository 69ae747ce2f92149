"""When a stage is due. The notice gives every level 7 days; `DEFAULT_STAGE_DAYS` sets it
until the per-stage, per-area time-limit policy replaces this one function."""

from datetime import datetime, timedelta

from django.conf import settings

from accounts.models import Office


def stage_due_at(*, stage: str, office: Office, entered_at: datetime) -> datetime:
    return entered_at + timedelta(days=settings.DEFAULT_STAGE_DAYS)
