"""The public verification of an uploaded record file or PDF report.

It needs no login and reveals nothing beyond what was uploaded: the answer is computed from
the file and the published keys and certificates only, never from stored records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from questionnaire.models import DocumentCertificate
from questionnaire.records.export import ExportCheck, export_check
from questionnaire.reports import pades
from questionnaire.selectors import published_keys


@dataclass
class Outcome:
    kind: str
    authentic: bool
    problems: list[str] = field(default_factory=list)
    record: ExportCheck | None = None
    pdf_signer: str | None = None
    pdf_signed_at: str | None = None


def check_upload(data: bytes) -> Outcome:
    if data.lstrip()[:5] == b"%PDF-":
        return _check_pdf(data)
    return _check_json(data)


def _check_json(data: bytes) -> Outcome:
    try:
        export = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Outcome("file", False, ["The file is neither a record (.json) nor a PDF report."])
    record = export_check(export, published_keys())
    return Outcome(
        "record file", record.authentic, [record.problem] if record.problem else [], record
    )


def _check_pdf(data: bytes) -> Outcome:
    trusted = list(DocumentCertificate.objects.values_list("certificate_pem", flat=True))
    check = pades.pdf_check(data, trusted_certificates=trusted)
    problems = [check.problem] if check.problem else []
    record = None
    if check.export is None:
        problems.append("The PDF carries no signed record, so its content cannot be checked.")
    else:
        record = export_check(check.export, published_keys())
        if record.problem:
            problems.append(record.problem)
    return Outcome(
        "PDF report",
        check.intact and record is not None and record.authentic,
        problems,
        record,
        pdf_signer=check.signer,
        pdf_signed_at=check.signed_at.isoformat() if check.signed_at else None,
    )
