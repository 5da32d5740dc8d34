"""``manage.py export_report RECORD_ID --output FILE``: write a record's stored PDF report,
byte for byte as it was signed (it is never re-rendered)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from questionnaire.models import AssessmentRecord, RecordReport
from questionnaire.records.signing import sha256_hex


class Command(BaseCommand):
    help = "Write the stored PDF report of a signed record to a file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("record_id", help="the record's id (a UUID)")
        parser.add_argument(
            "--output", "-o", required=True, type=Path, help="where to write the PDF"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            record = AssessmentRecord.objects.get(public_id=options["record_id"])
        except (AssessmentRecord.DoesNotExist, ValueError, ValidationError):
            raise CommandError(f"No record with the id {options['record_id']!r}.") from None
        report = RecordReport.objects.filter(record=record).first()
        if report is None:
            raise CommandError(
                f"The report of {record.public_id} has not been made yet: "
                f"run `manage.py render_reports`, then try again."
            )
        with report.file.open("rb") as handle:
            pdf = handle.read()
        if sha256_hex(pdf) != report.sha256:
            raise CommandError(
                f"The stored report of {record.public_id} does not match its recorded SHA-256."
            )
        output: Path = options["output"]
        try:
            output.write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        self.stdout.write(f"Wrote {output} ({len(pdf):,} bytes, SHA-256 {report.sha256}).")
