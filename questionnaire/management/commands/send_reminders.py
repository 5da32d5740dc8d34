"""``manage.py send_reminders [--days N]``: e-mail each organisation's administrators and
attesters the obligations of its current records that fall due within N days (30 by
default) and the records decided under a rule set a newer one replaces. For cron; the
messages go through the outbox (``manage.py send_outbox`` retries what failed)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questionnaire.ledger.reminders import reminders_send


class Command(BaseCommand):
    help = "E-mail reminders of obligations due soon and of records to re-assess."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days", type=int, default=30, metavar="N", help="due within N days (default 30)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 0:
            raise CommandError("--days needs 0 or more.")
        told = reminders_send(today=timezone.localdate(), days=days)
        self.stdout.write(f"Reminders queued for {told} organisation{'s' if told != 1 else ''}.")
