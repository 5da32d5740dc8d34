"""``manage.py render_reports [--org SLUG]``: make the PDF report of every record that has
none yet. Reports are made after their record commits, by a background task that retries;
this catches up after a task that never ran (a worker stopped mid-render, say). Safe to run
at any time: a record's report is made once."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from questionnaire import services
from questionnaire.models import AssessmentRecord, Organisation


class Command(BaseCommand):
    help = "Render, sign and store the PDF report of every record that has none yet."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--org", metavar="SLUG", help="only this organisation's records")

    def handle(self, *args: Any, **options: Any) -> None:
        records = AssessmentRecord.objects.filter(report__isnull=True).order_by("pk")
        if options["org"]:
            if not Organisation.objects.filter(slug=options["org"]).exists():
                raise CommandError(f"No organisation with the slug {options['org']!r}.")
            records = records.filter(organisation__slug=options["org"])
        made = failed = 0
        for record in records.select_related("organisation", "signing_key").iterator():
            try:
                services.record_report_create(record=record)
            except Exception as error:
                failed += 1
                self.stderr.write(f"FAILED {record.public_id}: {type(error).__name__}: {error}")
            else:
                made += 1
        self.stdout.write(f"{made} reports made, {failed} failed.")
        if failed:
            raise SystemExit(1)
