"""Load the study's demo data (idempotent: a second run changes nothing)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from core import demo_data


class Command(BaseCommand):
    help = "Indlæser demodata fra undersøgelsen i 2017 (kan køres flere gange)."

    @transaction.atomic
    def handle(self, *args, **options):
        world = demo_data.load_all(stdout=self.stdout)
        self.print_logins(world.logins)

    def print_logins(self, rows):
        if settings.DEMO_PASSWORD:
            self.stdout.write(
                self.style.SUCCESS(
                    f"\nDemo-logins (adgangskode: {settings.DEMO_PASSWORD})"
                )
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    "\nDemobrugerne har ingen adgangskode med disse indstillinger "
                    "(kun udviklingsindstillingerne sætter DEMO_PASSWORD)."
                )
            )
        for username, role, site in rows:
            self.stdout.write(f"  {username:<22} {role:<12} {site}")
