"""Purge citizens' data of projects past their retention period (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from privacy import gdpr


class Command(BaseCommand):
    help = (
        "Slet citater, fotos, interviewnoter og fritekst om borgere i forløb, hvis "
        "slutdato plus opbevaringsperioden er passeret. --dry-run viser kun hvad."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        report = gdpr.purge(dry_run=dry_run)
        if not report:
            self.stdout.write("Ingen forløb har passeret deres opbevaringsperiode.")
        for project, counts in report.items():
            rows = ", ".join(f"{label} {n}" for label, n in counts.items() if n)
            verb = "Ville slette" if dry_run else "Slettet"
            self.stdout.write(f"{project}: {verb}: {rows or 'intet'}")
