"""Anchors outside the database: signed chain heads, and the receipts people already hold.

The chain catches a record altered or removed from the middle (its links break) and the
newest records removed (the chain-head row no longer matches). What the database alone can
never catch is all of it rewound together: the newest records deleted *and* the head row set
back, or an old backup restored. So the head also leaves the database:

- a **checkpoint file** (``settings.CHAIN_CHECKPOINT_FILE``): after every record, the
  organisation's signed head (how many records, the newest's hash) is appended as one JSON
  line; the organisation's administrators can also download the signed head
  (``/organisations/<slug>/chain-head.json``) to archive it themselves;
- **receipts**: every record's JSON export and PDF report carry its chain position and the
  previous record's hash, signed with the record; any copy a provider or a regulator holds
  names a record the chain must still contain.

``verify_records --checkpoints FILE`` and ``--receipts DIR`` fail when a checkpointed head
or a receipt's record is no longer in the chain.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from questionnaire.lib.jsonutil import loads_strict
from questionnaire.lib.keys import ed25519_verifier
from questionnaire.models import (
    AssessmentRecord,
    DocumentCertificate,
    Organisation,
    RecordChain,
    SigningKey,
)
from questionnaire.records.export import as_mapping, export_check, signed_after_retirement
from questionnaire.records.signing import ALGORITHM, RecordSigner, b64, canonical_json
from questionnaire.reports import pades

__all__ = [
    "HEAD_FORMAT",
    "Problem",
    "chain_head_document",
    "checkpoint_append",
    "checkpoints_read",
    "checkpoints_verify",
    "receipts_verify",
]

HEAD_FORMAT = "gpai-assessor-chain-head"
HEAD_VERSION = 1


@dataclass(frozen=True)
class Problem:
    """One anchor the chain no longer agrees with: which one, and why, for a person."""

    source: str
    reason: str


def chain_head_document(
    *, organisation: Organisation, signer: RecordSigner, key: SigningKey
) -> dict[str, Any]:
    """The organisation's chain head now, signed with the record signing key."""
    chain = RecordChain.objects.filter(organisation=organisation).first()
    head = {
        "kind": "chain-head",
        "organisation": organisation.slug,
        "records": chain.count if chain else 0,
        "head_sha256": chain.head_sha256 if chain else "",
        "issued_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return {
        "format": HEAD_FORMAT,
        "version": HEAD_VERSION,
        "algorithm": ALGORITHM,
        "key_id": key.key_id,
        "signature": b64(signer.sign(canonical_json(head))),
        "head": head,
    }


def checkpoint_append(*, organisation: Organisation, signer: RecordSigner, key: SigningKey) -> None:
    """Append the organisation's signed head to the checkpoint file, if one is set. One
    ``write`` of one line to a file opened for appending: lines of concurrent writers never
    interleave, and nothing already written is touched."""
    path = settings.CHAIN_CHECKPOINT_FILE
    if path is None:
        return
    document = chain_head_document(organisation=organisation, signer=signer, key=key)
    line = canonical_json(document) + b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def checkpoints_read(path: Path) -> list[tuple[str, Any]]:
    """The checkpoints in ``path``: a checkpoint file (one JSON document per line) or one
    downloaded ``chain-head.json``. Each comes with where it was found (file and line);
    a line that is not JSON comes as ``None``, to be reported."""
    text = path.read_text(encoding="utf-8")
    try:
        return [(str(path), loads_strict(text))]
    except ValueError:
        pass
    found: list[tuple[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            document: Any = loads_strict(line)
        except ValueError:
            document = None
        found.append((f"{path}, line {number}", document))
    return found


def checkpoints_verify(checkpoints: Iterable[tuple[str, Any]]) -> tuple[int, list[Problem]]:
    """Check every checkpoint's signature, then that the chain still holds the record it
    names as the head. Returns how many were checked and the problems."""
    keys = {key.key_id: key for key in SigningKey.objects.all()}
    checked = 0
    problems = []
    for source, document in checkpoints:
        checked += 1
        reason = _checkpoint_problem(document, keys)
        if reason:
            problems.append(Problem(source, reason))
    return checked, problems


def _checkpoint_problem(document: Any, keys: dict[str, SigningKey]) -> str | None:
    document = as_mapping(document)
    head = as_mapping(document.get("head"))
    if document.get("format") != HEAD_FORMAT or head.get("kind") != "chain-head":
        return "not a chain-head checkpoint"
    key = keys.get(str(document.get("key_id")))
    if key is None:
        return f"signed with {document.get('key_id')!r}, which is not one of our keys"
    if not ed25519_verifier(key.public_key)(canonical_json(head), str(document.get("signature"))):
        return "its signature does not verify: it was altered or is not ours"
    if signed_after_retirement(key, head.get("issued_at")):
        return "it claims a time after its key was retired: it is not ours"
    slug, count, sha256 = head.get("organisation"), head.get("records"), head.get("head_sha256")
    if not isinstance(count, int) or count < 0:
        return "it names no record count"
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return f"the organisation {slug!r} no longer exists"
    if count == 0:
        return None
    stored = (
        AssessmentRecord.objects.filter(organisation=organisation, sequence=count)
        .values_list("payload_sha256", flat=True)
        .first()
    )
    when = head.get("issued_at")
    if stored is None:
        return (
            f"{slug} had {count} records on {when}, ending at {str(sha256)[:12]}, but its "
            f"chain has no record {count}: records were removed, or an older backup restored"
        )
    if stored != sha256:
        return (
            f"{slug}'s record {count} was {str(sha256)[:12]} on {when}, but is "
            f"{stored[:12]} now: the chain was rewritten"
        )
    return None


def receipts_verify(folder: Path) -> tuple[int, list[Problem]]:
    """Check every receipt in ``folder`` (and below): record exports (``*.json``) and PDF
    reports (``*.pdf``, through the record.json they embed). Each must be authentic, and
    the chain must still hold its record at the position it names, with the same hash."""
    keys = {key.key_id: key for key in SigningKey.objects.all()}
    checked = 0
    problems = []
    for path in _receipt_files(folder):
        checked += 1
        reason = _receipt_problem(_receipt_export(path), keys)
        if reason:
            problems.append(Problem(str(path), reason))
    return checked, problems


def _receipt_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".json", ".pdf"):
            yield path


def _receipt_export(path: Path) -> Any:
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf":
        certificates = list(DocumentCertificate.objects.values_list("certificate_pem", flat=True))
        return pades.pdf_check(data, trusted_certificates=certificates).export
    try:
        return loads_strict(data)
    except ValueError:
        return None


def _receipt_problem(export: Any, keys: dict[str, SigningKey]) -> str | None:
    if export is None:
        return "holds no record export"
    check = export_check(export, keys)
    if not check.authentic:
        return f"not an authentic record: {check.problem}"
    payload = as_mapping(export.get("payload"))
    slug = as_mapping(payload.get("organisation")).get("slug")
    sequence = payload.get("sequence")
    if not isinstance(sequence, int) or not isinstance(slug, str):
        return "names no chain position"
    stored = (
        AssessmentRecord.objects.filter(organisation__slug=slug, sequence=sequence)
        .values_list("public_id", "payload_sha256")
        .first()
    )
    if stored is None:
        return (
            f"record {sequence} of {slug} ({check.record_id}, attested {check.attested_at}) "
            "is missing from the chain: records were removed, or an older backup restored"
        )
    public_id, sha256 = stored
    if str(public_id) != check.record_id or sha256 != check.sha256:
        return (
            f"position {sequence} of {slug}'s chain holds another record than this receipt's "
            f"({check.record_id}): the chain was rewritten"
        )
    return None
