"""After restoring a backup: erase again everyone the erasure log says was erased."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from privacy import gdpr


class Command(BaseCommand):
    help = (
        "Efter en genskabelse fra backup: slet igen de citater og anonymisér igen de "
        "brugere, som sletteloggen (GDPR_ERASURE_LOG) siger er slettet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--log", help="sletteloggen (standard: GDPR_ERASURE_LOG)")

    def handle(self, *args: Any, log: str | None = None, **options: Any) -> None:
        entries = gdpr.read_erasure_log(log)
        if not entries:
            self.stdout.write("Sletteloggen er tom: intet at gøre.")
            return
        counts = gdpr.reapply_erasures(entries)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(entries)} sletninger i loggen; slettet igen: "
                + ", ".join(f"{k} {v}" for k, v in counts.items())
            )
        )
