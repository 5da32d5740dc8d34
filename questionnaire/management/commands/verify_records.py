"""``manage.py verify_records [--org SLUG] [--reproduce]``: check every record's hash,
signature and chain link; with ``--reproduce``, also re-run each record's signed answers
under the rule set it names and check that they give the signed decision. Exit 0 when all
verify; else 1, listing the failing record ids."""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from collections.abc import Iterator, Mapping
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet

from questionnaire.lib.jsonutil import loads_strict
from questionnaire.models import AssessmentRecord, Organisation
from questionnaire.records.chain import chain_verify
from questionnaire.records.reproduce import reproduce_all


class Command(BaseCommand):
    help = (
        "Verify the hash, signature and chain link of every signed assessment record; with "
        "--reproduce, also that its answers still give its signed decision."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--org", metavar="SLUG", help="only this organisation's records")
        parser.add_argument(
            "--reproduce",
            action="store_true",
            help="also re-run each record's signed answers under the rule set it names: the "
            "classification, provider, obligation ids and due dates and the notification "
            "date must be the signed ones, and the rule set's decision hash the one pinned",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.order_by("slug")
        if options["org"]:
            organisations = organisations.filter(slug=options["org"])
            if not organisations.exists():
                raise CommandError(f"No organisation with the slug {options['org']!r}.")
        started = time.perf_counter()
        report = chain_verify(organisations)
        failures = list(report.failures)
        reproduced = ""
        if options["reproduce"]:
            checked, failed = reproduce_all(_payloads(organisations))
            failures += [(record_id, f"not reproduced: {reason}") for record_id, reason in failed]
            reproduced = f", {checked} re-run under their own rule set,"
        seconds = time.perf_counter() - started
        for record_id, reason in failures:
            self.stderr.write(f"FAILED {record_id}: {reason}")
        summary = (
            f"{report.checked} records checked{reproduced} in {seconds:.2f} s, "
            f"{len({record_id for record_id, _ in failures})} failed."
        )
        if failures:
            self.stderr.write(summary)
            sys.exit(1)
        self.stdout.write(f"{summary} All records verify.")


def _payloads(
    organisations: QuerySet[Organisation],
) -> Iterator[tuple[str, Mapping[str, Any] | None]]:
    """Every record of these organisations as ``(record id, signed content)``, in chain
    order; the content is ``None`` when the stored bytes are no longer a JSON object."""
    rows = (
        AssessmentRecord.objects.filter(organisation__in=organisations)
        .order_by("organisation__slug", "sequence")
        .values_list("public_id", "payload")
        .iterator(chunk_size=1000)
    )
    for public_id, payload in rows:
        try:
            content = loads_strict(bytes(payload))
        except ValueError:
            content = None
        yield str(public_id), content if isinstance(content, dict) else None
