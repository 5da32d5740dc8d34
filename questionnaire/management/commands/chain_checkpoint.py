"""``manage.py chain_checkpoint [--org SLUG]``: append every organisation's signed chain
head to the checkpoint file (``GPAI_CHAIN_CHECKPOINT_FILE``). Every new record already
writes one; run this from cron as well, so that the file also shows the chain standing
still between records."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from questionnaire import services
from questionnaire.models import Organisation


class Command(BaseCommand):
    help = "Append each organisation's signed chain head to the checkpoint file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--org", metavar="SLUG", help="only this organisation")

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.order_by("slug")
        if options["org"]:
            organisations = organisations.filter(slug=options["org"])
            if not organisations.exists():
                raise CommandError(f"No organisation with the slug {options['org']!r}.")
        try:
            written = services.chain_checkpoints_write(organisations=list(organisations))
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{written} chain heads appended to {settings.CHAIN_CHECKPOINT_FILE}.")
