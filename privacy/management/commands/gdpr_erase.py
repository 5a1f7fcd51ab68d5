"""Erase a person (GDPR art. 17): anonymise a user, or delete a citizen's quotes and
the catalogue PDFs that may print them."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from privacy import gdpr


class Command(BaseCommand):
    help = (
        "Slet en person: --user anonymiserer en bruger (konto, sessioner, "
        "loginforsøg); --speaker sletter de citater, der nævner en borger, og de "
        "gemte katalog-PDF'er fra de forløb. Kræver --yes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", help="brugernavn")
        who.add_argument("--speaker", help="navn eller betegnelse i citater")
        parser.add_argument(
            "--yes", action="store_true", help="ja, slet (ellers vises kun hvad)"
        )

    def handle(
        self,
        *args: Any,
        user: str | None = None,
        speaker: str | None = None,
        yes: bool = False,
        **options: Any,
    ) -> None:
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"Ingen bruger hedder {user!r}.")
            if not yes:
                self.stdout.write(f"Vil anonymisere brugeren {user!r}. Tilføj --yes.")
                return
            counts = gdpr.erase_user(account)
        else:
            if speaker is None or not speaker.strip():
                # A blank name would match every quote and text (`--user ""` too).
                raise CommandError("Angiv et navn med --speaker eller --user.")
            found = gdpr.quotes_about(speaker).count()
            texts = gdpr.mentions_of(speaker)
            if not yes:
                self.stdout.write(
                    f"{found} citater nævner {speaker!r}; de og forløbenes gemte "
                    "katalog-PDF'er vil blive slettet."
                )
                if texts:
                    self.stdout.write(
                        f"{len(texts)} andre tekster nævner {speaker!r}; navnet "
                        f"erstattes med {gdpr.ERASED}, og alle gemte katalog-PDF'er "
                        "slettes:"
                    )
                    for row, names in texts:
                        fields = ", ".join(names)
                        self.stdout.write(f"  {row._meta.label} {row.pk}: {fields}")
                self.stdout.write("Tilføj --yes.")
                return
            counts = gdpr.erase_speaker(speaker)
        self.stdout.write(
            self.style.SUCCESS(
                "Slettet: " + ", ".join(f"{k} {v}" for k, v in counts.items())
            )
        )
