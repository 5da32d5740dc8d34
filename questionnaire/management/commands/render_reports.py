"""``manage.py render_reports [--org SLUG] [--every SECONDS]``: make the PDF report of every
record that has none yet. Reports are made after their record commits, by a background task
that retries; this catches up after a task that never ran (a worker stopped mid-render, say).
Safe to run at any time, and from several machines at once: a record's report is made once.

With ``--every SECONDS`` it is the report worker: it looks again after each pause, until
stopped, for deployments whose web processes render no report (``GPAI_REPORT_WORKER=1``).
A report that fails there is tried again in the next round."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from questionnaire import services
from questionnaire.models import AssessmentRecord, Organisation


class Command(BaseCommand):
    help = "Render, sign and store the PDF report of every record that has none yet."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--org", metavar="SLUG", help="only this organisation's records")
        parser.add_argument(
            "--every",
            type=float,
            metavar="SECONDS",
            help="keep going: look for records without a report again after each pause",
        )
        parser.add_argument(
            "--rounds", type=int, metavar="N", help="with --every: stop after N rounds"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["org"]
        if slug and not Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"No organisation with the slug {slug!r}.")
        every = options["every"]
        if every is None:
            made, failed = self.round(slug)
            self.stdout.write(f"{made} reports made, {failed} failed.")
            if failed:
                raise SystemExit(1)
            return
        if every <= 0:
            raise CommandError("--every needs a pause of more than 0 seconds.")
        rounds = 0
        while options["rounds"] is None or rounds < options["rounds"]:
            made, failed = self.round(slug)
            if made or failed:
                self.stdout.write(f"{made} reports made, {failed} failed.")
            rounds += 1
            if options["rounds"] is None or rounds < options["rounds"]:
                time.sleep(every)

    def round(self, slug: str | None) -> tuple[int, int]:
        """Make every missing report once: how many were made, how many failed."""
        records = AssessmentRecord.objects.filter(report__isnull=True).order_by("pk")
        if slug:
            records = records.filter(organisation__slug=slug)
        made = failed = 0
        for record in records.select_related("organisation", "signing_key").iterator():
            try:
                services.record_report_create(record=record)
            except Exception as error:
                failed += 1
                self.stderr.write(f"FAILED {record.public_id}: {type(error).__name__}: {error}")
            else:
                made += 1
        return made, failed
