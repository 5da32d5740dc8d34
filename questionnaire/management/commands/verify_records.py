"""``manage.py verify_records [--org SLUG]``: check every record's hash, signature and
chain link. Exit 0 when all verify; else 1, listing the failing record ids."""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from questionnaire.models import Organisation
from questionnaire.records.chain import chain_verify


class Command(BaseCommand):
    help = "Verify the hash, signature and chain link of every signed assessment record."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--org", metavar="SLUG", help="only this organisation's records")

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.order_by("slug")
        if options["org"]:
            organisations = organisations.filter(slug=options["org"])
            if not organisations.exists():
                raise CommandError(f"No organisation with the slug {options['org']!r}.")
        started = time.perf_counter()
        report = chain_verify(organisations)
        seconds = time.perf_counter() - started
        for record_id, reason in report.failures:
            self.stderr.write(f"FAILED {record_id}: {reason}")
        summary = (
            f"{report.checked} records checked in {seconds:.2f} s, {len(report.failures)} failed."
        )
        if report.failures:
            self.stderr.write(summary)
            sys.exit(1)
        self.stdout.write(f"{summary} All records verify.")
