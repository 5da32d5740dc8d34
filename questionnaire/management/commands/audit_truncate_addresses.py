"""``manage.py audit_truncate_addresses [--dry-run]``: clear the address and browser of
audit events older than ``AUDIT_ADDRESS_RETENTION_DAYS`` (personal data), keeping who did
what and when. Run it daily (cron, a systemd timer). The clearing is itself an audit event
(``audit.addresses_truncated``, with the count and the cutoff); ``--dry-run`` only counts."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questionnaire.audit import audit_addresses_truncate


class Command(BaseCommand):
    help = (
        "Clear the IP address and user agent of audit events older than "
        "AUDIT_ADDRESS_RETENTION_DAYS days; the clearing is audited."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="only say how many events would be cleared"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = int(settings.AUDIT_ADDRESS_RETENTION_DAYS)
        if days < 0:
            raise CommandError(
                f"DJANGO_AUDIT_ADDRESS_RETENTION_DAYS is {days}: it must be 0 or more days."
            )
        cutoff = timezone.now() - timedelta(days=days)
        count = audit_addresses_truncate(before=cutoff, dry_run=options["dry_run"])
        when = f"made before {cutoff.isoformat(timespec='seconds')} ({days} days ago)"
        if options["dry_run"]:
            self.stdout.write(f"{count} audit events {when} would have their address cleared.")
        else:
            self.stdout.write(f"Cleared the address of {count} audit events {when}.")
