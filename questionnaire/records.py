"""Signed assessment records: their payload, their export document, and verification.

A record's payload is canonical JSON (``questionnaire.signing``) holding the answers, the
wording shown for each question, the result, the rule set, the organisation, the attester,
a UTC timestamp and the hash of the organisation's previous record. What is signed is the
payload bytes; the export document carries them as an object next to their SHA-256, the
signature and the key id, so anyone with the public key can check it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from questionnaire.models import AssessmentRecord, Organisation, SigningKey
from questionnaire.signing import (
    ALGORITHM,
    CanonicalError,
    canonical_json,
    sha256_hex,
    signature_valid,
    unb64,
)

EXPORT_FORMAT = "gpai-assessor-record"
EXPORT_VERSION = 1
RECORD_SCHEMA = 1
ATTESTATION_STATEMENT = (
    "I confirm that, to the best of my knowledge, the answers in this assessment are "
    "accurate and complete, and that the wording of each question is the wording I answered."
)


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


def export_check(export: Any, keys: dict[str, SigningKey]) -> ExportCheck:
    """Check an export document against the published keys. Reveals nothing that the
    document does not itself contain."""
    if not isinstance(export, dict) or export.get("format") != EXPORT_FORMAT:
        return ExportCheck(False, "This is not a GPAI Assessor record.")
    payload = export.get("payload")
    key_id = export.get("key_id")
    signature = export.get("signature")
    if (
        not isinstance(payload, dict)
        or not isinstance(key_id, str)
        or not isinstance(signature, str)
    ):
        return ExportCheck(
            False, "The record is incomplete: payload, key id or signature is missing."
        )
    try:
        payload_bytes = canonical_json(payload)
    except CanonicalError:
        return ExportCheck(False, "The record's payload is not in canonical form: it was altered.")
    attestation = _mapping(payload.get("attestation"))
    organisation = _mapping(payload.get("organisation"))
    record_id = payload.get("record_id")
    model_name = payload.get("model_name")
    attested_at = attestation.get("attested_at")
    key = keys.get(key_id)
    if key is None:
        problem: str | None = f"The key {key_id} is not one of this service's signing keys."
    elif export.get("sha256") != sha256_hex(payload_bytes):
        problem = "The content does not match its hash: it was altered."
    elif not signature_valid(key.public_key, payload_bytes, signature):
        problem = "The signature does not match the content: it was altered."
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


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _attester(attestation: dict[str, Any]) -> str | None:
    parts = [attestation.get("name"), attestation.get("function")]
    text = ", ".join(str(part) for part in parts if part)
    return text or None


# ------------------------------------------------------------------ chain verification


@dataclass
class ChainReport:
    """What ``verify_records`` found: every record checked, and those that failed."""

    checked: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, record_id: str, reason: str) -> None:
        self.failures.append((record_id, reason))


_COLUMNS = (
    "public_id",
    "sequence",
    "payload",
    "payload_sha256",
    "previous_sha256",
    "signature",
    "signing_key_id",
)


def chain_verify(organisations: Iterable[Organisation]) -> ChainReport:
    """Check every record's hash, signature and chain link, organisation by organisation.

    Catches an altered payload, hash or signature, a record reordered or removed from the
    middle of a chain (its successor's link breaks), and the newest records removed (the
    organisation's head no longer matches).

    Signatures are checked on two worker threads while this thread reads the payloads:
    the Ed25519 check releases the GIL, and it is most of the cost."""
    report = ChainReport()
    verifiers = {key.pk: _verifier(key.public_key) for key in SigningKey.objects.all()}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for organisation in organisations:
            _organisation_verify(organisation, verifiers, pool, report)
    return report


_Verifier = Callable[[bytes, str], bool]
_CHUNK = 1000


def _verifier(public_key_b64: str) -> _Verifier:
    try:
        key = Ed25519PublicKey.from_public_bytes(unb64(public_key_b64))
    except ValueError:
        return lambda data, signature: False

    def verify(data: bytes, signature: str) -> bool:
        try:
            key.verify(unb64(signature), data)
        except (InvalidSignature, ValueError):
            return False
        return True

    return verify


def _crypto_problems(
    rows: list[tuple[Any, ...]], verifiers: dict[int, _Verifier]
) -> list[list[str]]:
    """Hash and signature checks of a batch of rows (run on a worker thread)."""
    problems = []
    for _, _, payload, stored_hash, _, signature, key_pk in rows:
        data = bytes(payload)
        found = []
        if sha256_hex(data) != stored_hash:
            found.append("payload does not match its stored hash")
        verify = verifiers.get(key_pk)
        if verify is None or not verify(data, signature):
            found.append("signature does not verify")
        problems.append(found)
    return problems


def _organisation_verify(
    organisation: Organisation,
    verifiers: dict[int, _Verifier],
    pool: ThreadPoolExecutor,
    report: ChainReport,
) -> None:
    previous = ""
    expected_sequence = 1
    for chunk in _chunks(_rows(organisation)):
        half = len(chunk) // 2
        crypto = [
            pool.submit(_crypto_problems, chunk[:half], verifiers),
            pool.submit(_crypto_problems, chunk[half:], verifiers),
        ]
        links = []
        for public_id, sequence, payload, stored_hash, previous_hash, _, _ in chunk:
            found = []
            content = _loads(bytes(payload))
            if content is None:
                found.append("payload is not JSON")
            else:
                if content.get("record_id") != str(public_id):
                    found.append("payload names another record")
                if content.get("sequence") != sequence or sequence != expected_sequence:
                    found.append(
                        f"chain position {sequence} where {expected_sequence} was expected"
                    )
                if content.get("previous_sha256", "") != previous or previous_hash != previous:
                    found.append("link to the previous record is broken")
                if (content.get("organisation") or {}).get("slug") != organisation.slug:
                    found.append("payload names another organisation")
            links.append(found)
            previous = stored_hash
            expected_sequence = sequence + 1
        crypto_problems = crypto[0].result() + crypto[1].result()
        for row, first, second in zip(chunk, crypto_problems, links, strict=True):
            report.checked += 1
            if first or second:
                report.fail(str(row[0]), "; ".join(first + second))
    if (
        organisation.records_count != expected_sequence - 1
        or organisation.records_head_sha256 != previous
    ):
        report.fail(
            f"organisation {organisation.slug}",
            f"chain head is record {expected_sequence - 1} ({previous[:12] or 'none'}), but "
            f"{organisation.records_count} records ending in "
            f"{organisation.records_head_sha256[:12] or 'none'} were issued: records were removed",
        )


def _chunks(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _rows(organisation: Organisation) -> Iterator[tuple[Any, ...]]:
    return (
        AssessmentRecord.objects.filter(organisation=organisation)
        .order_by("sequence")
        .values_list(*_COLUMNS)
        .iterator(chunk_size=2000)
    )


def _loads(data: bytes) -> dict[str, Any] | None:
    try:
        content = json.loads(data)
    except ValueError:
        return None
    return content if isinstance(content, dict) else None


def record_status(record: AssessmentRecord) -> ChainReport:
    """The checks of ``chain_verify`` for one record and its link to its predecessor."""
    report = ChainReport(checked=1)
    data = bytes(record.payload)
    content = _loads(data)
    record_id = str(record.public_id)
    if sha256_hex(data) != record.payload_sha256:
        report.fail(record_id, "The content does not match its stored hash.")
    if not signature_valid(record.signing_key.public_key, data, record.signature):
        report.fail(record_id, "The signature does not verify.")
    if content is None or content.get("record_id") != record_id:
        report.fail(record_id, "The signed content names another record.")
    if content is not None and content.get("sequence") != record.sequence:
        report.fail(record_id, "The record's place in the chain is not the one signed.")
    previous = (
        AssessmentRecord.objects.filter(
            organisation=record.organisation, sequence=record.sequence - 1
        )
        .values_list("payload_sha256", flat=True)
        .first()
    )
    expected_previous = previous or ""
    if record.sequence > 1 and previous is None:
        report.fail(record_id, "The previous record of the chain is missing.")
    elif record.previous_sha256 != expected_previous or (
        content is not None and content.get("previous_sha256", "") != expected_previous
    ):
        report.fail(record_id, "The link to the previous record is broken.")
    return report


def payload_of(record: AssessmentRecord) -> dict[str, Any] | None:
    """The record's signed content, or None when the stored bytes are no longer JSON."""
    return _loads(bytes(record.payload))
