"""Export everything stored about a person as JSON (GDPR art. 15 and 20)."""

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from privacy import gdpr
from projects import audit
from projects.models import AuditAction


class Command(BaseCommand):
    help = (
        "Eksportér alt, der er gemt om en person, som JSON: en bruger (--user) eller "
        "en borger, der er citeret (--speaker, søger i citaternes afsender og tekst)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", help="brugernavn")
        who.add_argument("--speaker", help="navn eller betegnelse i citater")

    def handle(
        self,
        *args: Any,
        user: str | None = None,
        speaker: str | None = None,
        **options: Any,
    ) -> None:
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"Ingen bruger hedder {user!r}.")
            data = gdpr.export_user(account)
            audit.record(
                user=None,
                action=AuditAction.PERSONAL_DATA_EXPORTED,
                instance=account,
                detail="gdpr_export --user",
            )
        else:
            if speaker is None or not speaker.strip():
                # A blank name would match every quote and text (`--user ""` too).
                raise CommandError("Angiv et navn med --speaker eller --user.")
            data = gdpr.export_speaker(speaker)
            audit.record(
                user=None,
                action=AuditAction.PERSONAL_DATA_EXPORTED,
                model=apps.get_model("initiatives", "Quote"),
                ids=[q["pk"] for q in data["quotes"]],
                detail="gdpr_export --speaker",
            )
        self.stdout.write(gdpr.as_json(data))
