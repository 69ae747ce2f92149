import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo.complaints import seed_demo_complaints
from portal.demo.corrections import seed_demo_corrections
from portal.demo.organisation import seed_demo


class Command(BaseCommand):
    help = "Create (once) the demo circle, divisions, offices and users. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object and nothing else."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DEBUG off (a throwaway database only).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates a superuser and staff with a published password. It runs "
                "with DEBUG=1 (as `make run` does); on a throwaway database add --force."
            )
        demo = seed_demo()
        demo["complaints_created"] = seed_demo_complaints(demo)
        demo["corrections_created"] = seed_demo_corrections(demo)
        if options["json"]:
            self.stdout.write(json.dumps(demo, ensure_ascii=False))
            return
        self.stdout.write(self.style.SUCCESS("Demo organisation ready."))
        self.stdout.write(f"Password for every demo login: {demo['password']}")
        self.stdout.write(f"  admin (Django admin) ......... {demo['admin']}")
        self.stdout.write(f"  1912 call centre (API) ....... {demo['call_centre']}")
        self.stdout.write(f"  call-centre API token ........ {demo['api_token']}")
        for circle in demo["circles"]:
            self.stdout.write(f"  GM, {circle['name']} ... {circle['gm']}")
        for division in demo["divisions"]:
            self.stdout.write(f"  DGM, {division['name']} ... {division['dgm']}")
        self.stdout.write("  Offices (desk login = contact ID; OA / AM / manager):")
        for office in demo["offices"]:
            self.stdout.write(
                f"    {office['contact_id']:<9} {office['kind']:<4} {office['area']:<5} "
                f"{office['office_assistant']} / {office['assistant_manager']} / "
                f"{office['manager']}"
            )
