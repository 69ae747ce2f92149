from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.flagging import flag_overdue


class Command(BaseCommand):
    help = "Flag every stage past its time limit and tell those who must act (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            help="ISO-8601 moment to judge by (default: now), e.g. 2026-11-30T18:00+05:30.",
        )

    def handle(self, *args, **options):
        now = None
        if options["as_of"]:
            try:
                now = datetime.fromisoformat(options["as_of"])
            except ValueError as exc:
                raise CommandError(f"--as-of is not an ISO-8601 moment: {exc}") from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        count = flag_overdue(now=now)
        self.stdout.write(f"Flagged {count} overdue stage(s).")
