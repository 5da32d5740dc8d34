"""The public verification of an uploaded record file or PDF report.

It needs no login and reveals nothing beyond what was uploaded: the answer is computed from
the file and the published keys and certificates only, never from stored records. The caller
reads those through ``questionnaire.selectors`` and passes them in.

Every upload that is not authentic is logged at WARNING with its size, its SHA-256 and the
problems found, so that forgery attempts leave a trace.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from questionnaire.lib.jsonutil import DuplicateKeyError, loads_strict
from questionnaire.models import DocumentCertificate, SigningKey
from questionnaire.records.export import ExportCheck, export_check
from questionnaire.records.signing import sha256_hex
from questionnaire.reports import pades

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    kind: str
    authentic: bool
    problems: list[str] = field(default_factory=list)
    record: ExportCheck | None = None
    pdf_signer: str | None = None
    pdf_signed_at: str | None = None


def check_upload(
    data: bytes,
    *,
    keys: Mapping[str, SigningKey],
    certificates: Sequence[DocumentCertificate],
) -> Outcome:
    """Is this uploaded record file or PDF report authentic? ``keys`` are the published
    signing keys by key id, ``certificates`` the document certificates, retired ones too."""
    if data.lstrip()[:5] == b"%PDF-":
        outcome = _check_pdf(data, keys, [c.certificate_pem for c in certificates])
    else:
        outcome = _check_json(data, keys)
    if not outcome.authentic:
        logger.warning(
            "Verification failed for an uploaded %s (%d bytes, SHA-256 %s): %r",
            outcome.kind,
            len(data),
            sha256_hex(data),
            outcome.problems,
        )
    return outcome


def _check_json(data: bytes, keys: Mapping[str, SigningKey]) -> Outcome:
    try:
        export = loads_strict(data.decode("utf-8"))
    except DuplicateKeyError as error:
        # Readers disagree on which of two equal keys counts: such a file is never authentic.
        return Outcome(
            "record file", False, [f"The file names the key {error.key!r} twice: it was altered."]
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        # Logged by check_upload, with every other upload that is not authentic.
        return Outcome(
            "file", False, [gettext_noop("The file is neither a record (.json) nor a PDF report.")]
        )
    record = export_check(export, keys)
    return Outcome(
        "record file", record.authentic, [record.problem] if record.problem else [], record
    )


def _check_pdf(data: bytes, keys: Mapping[str, SigningKey], trusted: list[str]) -> Outcome:
    check = pades.pdf_check(data, trusted_certificates=trusted)
    problems = [check.problem] if check.problem else []
    record = None
    if check.export is None:
        problems.append(
            gettext_noop("The PDF carries no signed record, so its content cannot be checked.")
        )
    else:
        record = export_check(check.export, keys)
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
