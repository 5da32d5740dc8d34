"""``manage.py verify_records [--org SLUG] [--reproduce] [--files] [--checkpoints FILE]
[--receipts DIR]``: check every record's hash, signature, chain link and shown columns;
optionally also

- ``--reproduce``: re-run each record's signed answers under the rule set it names and check
  that they give the signed decision;
- ``--files``: read every stored PDF report back and check its hash, its PAdES signature and
  that it is the report of its record; and every evidence file a record signed, against the
  SHA-256 and size in its payload;
- ``--checkpoints FILE``: check the chain against signed chain heads kept outside the
  database (the checkpoint file, or a downloaded ``chain-head.json``);
- ``--receipts DIR``: check that the record of every export (``*.json``) and PDF report
  (``*.pdf``) in DIR is still in the chain, at the position it names.

Exit 0 when all verify; else 1, listing what failed."""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet

from questionnaire.audit import chain_verified_log
from questionnaire.models import AssessmentRecord, Organisation
from questionnaire.records.chain import chain_verify, payload_read
from questionnaire.records.checkpoints import checkpoints_read, checkpoints_verify, receipts_verify
from questionnaire.records.reproduce import reproduce_all
from questionnaire.records.stored_files import evidence_verify, reports_verify


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
        parser.add_argument(
            "--files",
            action="store_true",
            help="also read every stored PDF report: its SHA-256, its PAdES signature, and "
            "that the record.json it embeds is its record's; and every evidence file a record "
            "signed: its SHA-256 and size against the record's",
        )
        parser.add_argument(
            "--checkpoints",
            metavar="FILE",
            type=Path,
            help="signed chain heads kept outside the database (the checkpoint file, or a "
            "chain-head.json): each head must still be in the chain",
        )
        parser.add_argument(
            "--receipts",
            metavar="DIR",
            type=Path,
            help="a folder of record exports (.json) and PDF reports (.pdf): the record of "
            "each must still be in the chain, at the position it names",
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
        extra = []
        if options["reproduce"]:
            checked, failed = reproduce_all(_payloads(organisations))
            failures += [(record_id, f"not reproduced: {reason}") for record_id, reason in failed]
            extra.append(f"{checked} re-run under their own rule set")
        if options["files"]:
            files = reports_verify(organisations)
            failures += [(record_id, f"report: {reason}") for record_id, reason in files.failures]
            preparing = f" ({files.preparing} still being prepared)" if files.preparing else ""
            extra.append(f"{files.checked} stored reports read{preparing}")
            evidence = evidence_verify(organisations)
            failures += evidence.failures
            extra.append(f"{evidence.checked} evidence files read")
        if options["checkpoints"]:
            checked, problems = checkpoints_verify(_read(options["checkpoints"]))
            failures += [(problem.source, problem.reason) for problem in problems]
            extra.append(f"{checked} checkpoints")
        if options["receipts"]:
            if not options["receipts"].is_dir():
                raise CommandError(f"{options['receipts']} is not a folder.")
            checked, problems = receipts_verify(options["receipts"])
            failures += [(problem.source, problem.reason) for problem in problems]
            extra.append(f"{checked} receipts")
        reproduced = f", {', '.join(extra)}," if extra else ""
        seconds = time.perf_counter() - started
        # Audited whatever the result: one chain.verified event per organisation checked.
        chain_verified_log(organisations=organisations, failures=failures)
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
        yield str(public_id), payload_read(bytes(payload))


def _read(path: Path) -> list[tuple[str, Any]]:
    try:
        return checkpoints_read(path)
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read the checkpoints in {path}: {error}") from None
