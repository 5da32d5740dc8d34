"""The files stored beside the records: each record's PDF report, read back from storage
and checked (``verify_records --files``). Slower than the chain check (every file is read
and its PAdES signature validated), so it is asked for, not run every time.

A report is checked three ways: its bytes against the SHA-256 kept when it was stored; its
PAdES signature against the service's document certificates; and the record.json it embeds
against the record itself, so a report swapped for another record's (a changed file path)
is caught.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from questionnaire.models import (
    AssessmentRecord,
    DocumentCertificate,
    Organisation,
    RecordReport,
)
from questionnaire.records.signing import sha256_hex
from questionnaire.reports import pades

__all__ = [
    "FilesReport",
    "REPORT_GRACE",
    "ReportChanged",
    "ReportMissing",
    "report_bytes",
    "reports_verify",
]

logger = logging.getLogger(__name__)

# A record's report is made after the record commits, on a background thread: a record
# younger than this without a report is still being prepared, not missing.
REPORT_GRACE = timedelta(minutes=10)


class ReportMissing(Exception):
    """Storage cannot give the report's file back."""


class ReportChanged(Exception):
    """The stored file is not the one whose SHA-256 was kept when it was stored."""


def report_bytes(report: RecordReport, *, purpose: str) -> bytes:
    """The stored report's bytes, checked against the SHA-256 kept when it was stored, every
    time it is handed out: the row cannot change, but the file lives in storage, outside the
    database's guard, and a file altered or swapped there is never handed out as the signed
    report. ``purpose`` (``"download"``, ``"bundle"``) names the refusal in the log; the views
    answer ``ReportMissing`` with 404 and ``ReportChanged`` with 409."""
    record_id = report.record.public_id
    try:
        with report.file.open("rb") as handle:
            pdf: bytes = handle.read()
    except (OSError, ValueError) as error:
        logger.warning(
            "Record %s: its report %r cannot be read from storage (%s); %s answered 404.",
            record_id,
            report.file.name,
            error,
            purpose,
        )
        raise ReportMissing(str(error)) from None
    digest = sha256_hex(pdf)
    if digest != report.sha256:
        logger.warning(
            "Record %s: the stored report %r has SHA-256 %s, not the %s recorded when it was "
            "signed; %s refused with 409.",
            record_id,
            report.file.name,
            digest,
            report.sha256,
            purpose,
        )
        raise ReportChanged(digest)
    return pdf


@dataclass
class FilesReport:
    checked: int = 0
    preparing: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def reports_verify(
    organisations: Iterable[Organisation], *, now: datetime | None = None
) -> FilesReport:
    """Check the stored report of every record of these organisations."""
    now = now or timezone.now()
    certificates = list(DocumentCertificate.objects.values_list("certificate_pem", flat=True))
    outcome = FilesReport()
    records = (
        AssessmentRecord.objects.filter(organisation__in=list(organisations))
        .order_by("organisation__slug", "sequence")
        .values_list("pk", "public_id", "payload_sha256", "created_at")
    )
    reports = {
        report.record_id: report
        for report in RecordReport.objects.filter(
            record__organisation__in=list(organisations)
        ).only("record_id", "file", "sha256")
    }
    for pk, public_id, payload_sha256, created_at in records.iterator(chunk_size=500):
        report = reports.get(pk)
        if report is None:
            if now - created_at < REPORT_GRACE:
                outcome.preparing += 1
            else:
                outcome.failures.append(
                    (str(public_id), "has no stored report: run `manage.py render_reports`")
                )
            continue
        outcome.checked += 1
        problem = _report_problem(report, payload_sha256, certificates)
        if problem:
            outcome.failures.append((str(public_id), problem))
    return outcome


def _report_problem(report: RecordReport, payload_sha256: str, certificates: list[str]) -> str:
    try:
        with report.file.open("rb") as handle:
            pdf = handle.read()
    except (OSError, ValueError):
        return f"its report {report.file.name!r} is not in storage"
    if sha256_hex(pdf) != report.sha256:
        return f"its report {report.file.name!r} does not match the SHA-256 kept when stored"
    check = pades.pdf_check(pdf, trusted_certificates=certificates)
    if not check.intact:
        return f"its report's PDF signature fails: {check.problem}"
    if not check.export or check.export.get("sha256") != payload_sha256:
        return f"its report {report.file.name!r} is the report of another record"
    return ""
