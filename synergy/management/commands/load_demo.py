"""Load the study's demo data (idempotent: a second run changes nothing)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from initiatives import demo as initiatives_demo
from reporting import demo as reporting_demo
from sites import demo as sites_demo
from synergy import demo as synergy_demo
from testing import demo as testing_demo


class Command(BaseCommand):
    help = "Indlæser demodata fra undersøgelsen i 2017 (kan køres flere gange)."

    @transaction.atomic
    def handle(self, *args, **options):
        sites = sites_demo.load(stdout=self.stdout)
        project = synergy_demo.load(sites=sites, stdout=self.stdout)
        initiatives_demo.load(project=project, stdout=self.stdout)
        testing_demo.load(project=project, stdout=self.stdout)
        reporting_demo.load(project=project, stdout=self.stdout)
        self.print_logins()

    def print_logins(self):
        rows = [(u[0], u[3].label, u[4] or "") for u in synergy_demo.USERS]
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
