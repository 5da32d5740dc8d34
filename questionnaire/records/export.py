"""Signed assessment records: their export document and its verification.

A record's payload is canonical JSON (``questionnaire.records.signing``) holding the answers,
the wording shown for each question, the result, the rule set, the organisation, the
attester, a UTC timestamp and the hash of the organisation's previous record. What is signed
is the payload bytes; the export document carries them as an object next to their SHA-256,
the signature and the key id, so anyone with the public key can check it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_noop

from questionnaire.lib.downloads import name_part
from questionnaire.models import AssessmentRecord, SigningKey
from questionnaire.records.signing import (
    ALGORITHM,
    canonical_json,
    is_canonical,
    sha256_hex,
    signature_valid,
)

EXPORT_FORMAT = "gpai-assessor-record"
EXPORT_VERSION = 1


def export_document(record: AssessmentRecord) -> dict[str, Any]:
    """What ``GET /records/<id>.json`` returns and what the PDF report embeds."""
    return export_for(
        payload=json.loads(bytes(record.payload)),
        sha256=record.payload_sha256,
        signature=record.signature,
        key_id=record.signing_key.key_id,
    )


def export_for(
    *, payload: dict[str, Any], sha256: str, signature: str, key_id: str
) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "record_id": payload["record_id"],
        "algorithm": ALGORITHM,
        "key_id": key_id,
        "sha256": sha256,
        "signature": signature,
        "payload": payload,
    }


@dataclass(frozen=True)
class ExportCheck:
    """The verdict on an uploaded export document, in terms a person can act on."""

    authentic: bool
    problem: str | None = None
    key_id: str | None = None
    key_retired: bool = False
    record_id: str | None = None
    attested_at: str | None = None
    attested_by: str | None = None
    organisation: str | None = None
    model_name: str | None = None
    sha256: str | None = None


def export_check(export: Any, keys: Mapping[str, SigningKey]) -> ExportCheck:
    """Check an export document against the published keys. Reveals nothing that the
    document does not itself contain."""
    if not isinstance(export, dict) or export.get("format") != EXPORT_FORMAT:
        return ExportCheck(False, gettext_noop("This is not a GPAI Assessor record."))
    payload = export.get("payload")
    key_id = export.get("key_id")
    signature = export.get("signature")
    if (
        not isinstance(payload, dict)
        or not isinstance(key_id, str)
        or not isinstance(signature, str)
    ):
        return ExportCheck(
            False,
            gettext_noop("The record is incomplete: payload, key id or signature is missing."),
        )
    if not _canonical(payload):
        return ExportCheck(
            False, gettext_noop("The record's payload is not in canonical form: it was altered.")
        )
    payload_bytes = canonical_json(payload)
    attestation = as_mapping(payload.get("attestation"))
    organisation = as_mapping(payload.get("organisation"))
    record_id = payload.get("record_id")
    model_name = payload.get("model_name")
    attested_at = attestation.get("attested_at")
    key = keys.get(key_id)
    if key is None:
        # The key it names is shown beside the verdict (the claimed signing key).
        problem: str | None = gettext_noop(
            "The key it names is not one of this service's signing keys."
        )
    elif export.get("sha256") != sha256_hex(payload_bytes):
        problem = gettext_noop("The content does not match its hash: it was altered.")
    elif not signature_valid(key.public_key, payload_bytes, signature):
        problem = gettext_noop("The signature does not match the content: it was altered.")
    elif signed_after_retirement(key, attested_at):
        problem = gettext_noop("It claims to be signed after its key was retired: it is not ours.")
    else:
        problem = None
    return ExportCheck(
        authentic=problem is None,
        problem=problem,
        key_id=key_id,
        key_retired=key is not None and key.retired_at is not None,
        record_id=str(record_id) if record_id else None,
        attested_at=str(attested_at) if attested_at else None,
        attested_by=_attester(attestation),
        organisation=str(organisation["name"]) if organisation.get("name") else None,
        model_name=str(model_name) if model_name else None,
        sha256=sha256_hex(payload_bytes),
    )


def signed_after_retirement(key: SigningKey, attested_at: Any) -> bool:
    """A retired key signs nothing new: a record dated after its retirement is forged."""
    if key.retired_at is None:
        return False
    try:
        signed = datetime.fromisoformat(str(attested_at).replace("Z", "+00:00"))
    except ValueError:
        return True
    return signed > key.retired_at


def _canonical(payload: dict[str, Any]) -> bool:
    try:
        return is_canonical(payload)
    except RecursionError:  # nested deeper than any record: not one of ours
        return False


def as_mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def download_name(payload: Mapping[str, Any], *, extension: str) -> str:
    """The name a record's file is saved under, from its signed payload:
    ``gpai-assessment-Example-70B-2026-11-29-record-12.pdf`` (the model, the day it was
    attested, UTC, and its position in the organisation's chain). UTF-8: the model's name
    keeps its letters; ``lib.downloads.attachment_header`` adds the ASCII fallback."""
    attestation = as_mapping(payload.get("attestation"))
    day = _DAY.match(str(attestation.get("attested_at") or ""))
    sequence = payload.get("sequence")
    parts = [
        "gpai-assessment",
        name_part(str(payload.get("model_name") or "")),
        day.group() if day else "",
        f"record-{sequence}" if isinstance(sequence, int) else "",
    ]
    return "-".join(part for part in parts if part) + f".{extension}"


def _attester(attestation: dict[str, Any]) -> str | None:
    parts = [attestation.get("name"), attestation.get("function")]
    text = ", ".join(str(part) for part in parts if part)
    return text or None
