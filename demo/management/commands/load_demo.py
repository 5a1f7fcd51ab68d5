"""Load the study's demo data (idempotent: a second run changes nothing)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core import demo_data
from notifications.services import notifications_discard_since


class Command(BaseCommand):
    help = "Indlæser demodata fra undersøgelsen i 2017 (kan køres flere gange)."

    @transaction.atomic
    def handle(self, *args, **options):
        started = timezone.now()
        world = demo_data.load_all(stdout=self.stdout)
        # The demo's events happened in 2017: loading them tells nobody anything
        # (no bell, no mails when the worker starts).
        notifications_discard_since(moment=started)
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
