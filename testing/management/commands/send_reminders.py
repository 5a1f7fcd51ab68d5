"""Daily job: e-mail coordinators about due and overdue test schemas (once a week each)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from testing.reminders import send_reminders


class Command(BaseCommand):
    help = "Sender påmindelser om testskemaer, der skal udfyldes eller er forsinkede. Kan køres dagligt."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Kør som om det var denne dato (ÅÅÅÅ-MM-DD)."
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="Fx https://synergi.kommune.dk, til links i mailen.",
        )

    def handle(self, *args, date=None, base_url="", **options):
        today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        sent = send_reminders(today=today, base_url=base_url)
        self.stdout.write(f"{sent} påmindelse(r) sendt.")
