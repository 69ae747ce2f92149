from django.core.management.base import BaseCommand

from billing.diagram import document


class Command(BaseCommand):
    help = "Print docs/correction-states.md (the correction state machine, from the code)."

    def handle(self, *args, **options):
        self.stdout.write(document(), ending="")
