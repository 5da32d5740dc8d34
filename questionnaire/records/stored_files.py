"""The files stored beside the records: each record's PDF report, read back from storage
and checked (``verify_records --files``). Slower than the chain check (every file is read
and its PAdES signature validated), so it is asked for, not run every time.

A report is checked three ways: its bytes against the SHA-256 kept when it was stored; its
PAdES signature against the service's document certificates; and the record.json it embeds
against the record itself, so a report swapped for another record's (a changed file path)
is caught.

Evidence files are checked against the record's signed payload, which lists each file's
SHA-256 and size: a file changed or removed from storage fails, whatever its row says.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from questionnaire.models import (
    AssessmentRecord,
    DocumentCertificate,
    Evidence,
    Organisation,
    RecordReport,
)
from questionnaire.records.chain import payload_read
from questionnaire.records.signing import sha256_hex
from questionnaire.reports import pades

__all__ = [
    "EvidenceFile",
    "FilesReport",
    "REPORT_GRACE",
    "ReportChanged",
    "ReportMissing",
    "evidence_files",
    "evidence_verify",
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


# ------------------------------------------------------------------ evidence files


@dataclass(frozen=True)
class EvidenceFile:
    """One file a record's signed payload lists as evidence: the signed entry's question,
    name, size and SHA-256, the bytes storage holds for it (``None`` when it holds none) and
    what is wrong with them (empty when they are the signed file)."""

    question_key: str
    name: str
    size: int
    sha256: str
    data: bytes | None
    problem: str


def evidence_files(record: AssessmentRecord, payload: Mapping[str, Any]) -> list[EvidenceFile]:
    """The evidence files the signed ``payload`` of ``record`` lists, each read back from
    storage (the row of the record's draft with that question and name) and checked against
    the signed SHA-256 and size, in the payload's order."""
    entries = [
        entry
        for entry in payload.get("evidence") or []
        if isinstance(entry, Mapping) and "sha256" in entry
    ]
    if not entries:
        return []
    draft_public_id = record.assessment.draft_public_id if record.assessment else None
    rows = Evidence.objects.none()
    if draft_public_id is not None:  # else every file is missing: its rows cannot be found
        rows = Evidence.objects.filter(
            organisation=record.organisation_id, draft_public_id=draft_public_id
        ).exclude(file="")
    stored = {(row.question_key, row.name): row for row in rows}
    found = []
    for entry in entries:
        key, name = str(entry.get("question_key", "")), str(entry.get("name", ""))
        size, sha256 = entry.get("size"), str(entry.get("sha256", ""))
        row = stored.get((key, name))
        data = _evidence_bytes(row) if row is not None else None
        if data is None:
            problem = f"evidence file “{name}” ({key}) is missing from storage"
        elif sha256_hex(data) != sha256 or len(data) != size:
            problem = (
                f"evidence file “{name}” ({key}) in storage is not the file signed: its "
                "SHA-256 or size differs from the record's"
            )
        else:
            problem = ""
        found.append(
            EvidenceFile(
                question_key=key,
                name=name,
                size=size if isinstance(size, int) else -1,
                sha256=sha256,
                data=data,
                problem=problem,
            )
        )
    return found


def _evidence_bytes(row: Evidence) -> bytes | None:
    try:
        with row.file.open("rb") as handle:
            data: bytes = handle.read()
    except (OSError, ValueError):
        return None
    return data


def evidence_verify(organisations: Iterable[Organisation]) -> FilesReport:
    """Read back every evidence file the records of these organisations signed, and check
    it against the SHA-256 and size in the signed payload. ``checked`` counts the files."""
    outcome = FilesReport()
    records = (
        AssessmentRecord.objects.filter(organisation__in=list(organisations))
        .select_related("assessment")
        .order_by("organisation__slug", "sequence")
    )
    for record in records.iterator(chunk_size=500):
        payload = payload_read(bytes(record.payload))
        if payload is None:
            continue  # the chain check reports a payload that is no longer JSON
        for evidence in evidence_files(record, payload):
            outcome.checked += 1
            if evidence.problem:
                outcome.failures.append((str(record.public_id), evidence.problem))
    return outcome
