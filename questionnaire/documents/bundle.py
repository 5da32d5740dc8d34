"""The regulator bundle of a signed record: one zip that anyone can check offline.

It holds the stored PDF report, the record's export (the bytes ``GET /records/<id>.json``
serves), the rule set file the record names, the published keys and certificates (the
bytes ``GET /signing-keys.json`` serves), the filled documents, the evidence files the record
signed, and a manifest with the SHA-256 and size of each, signed at download with the record signing key that signs new
records (``manifest.sig``: the Ed25519 signature over the exact bytes of ``manifest.json``,
in base64, one line). ``verifier/verify_bundle.py`` (standard library and
``cryptography``) and a README for the recipient travel with it.

Layout, in this order (the manifest lists every file but itself and its signature)::

    README.txt  manifest.json  manifest.sig  verify_bundle.py  record.json  report.pdf
    ruleset/<id>.json  keys/signing-keys.json  keys/certificates/<sha256>.pem  documents/…
    evidence/<question key>/<name>

Each evidence file is the stored file the record's signed payload lists, as storage holds it
now: the verifier checks it against the SHA-256 and size signed in the record, so a file
changed in storage (even in a bundle whose manifest lists it as it is) fails there.

The zip is deterministic for its inputs: fixed order, every entry dated at the manifest's
time, the same permissions.
"""

from __future__ import annotations

import json
import re
import string
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from questionnaire import selectors, services
from questionnaire.documents import filed
from questionnaire.models import AssessmentRecord
from questionnaire.records.export import export_document
from questionnaire.records.signing import ALGORITHM, RecordSigner, b64, sha256_hex
from questionnaire.records.stored_files import evidence_files
from questionnaire.scoring import rulesets

__all__ = [
    "BUNDLE_FORMAT",
    "BUNDLE_VERSION",
    "RegulatorBundle",
    "bundle_build",
    "evidence_path",
    "keys_json",
    "record_bundle",
    "record_json",
    "ruleset_file",
]

BUNDLE_FORMAT = "gpai-assessor-regulator-bundle"
BUNDLE_VERSION = 1

_VERIFIER = Path(__file__).resolve().parent / "verifier"
VERIFIER_FILE = _VERIFIER / "verify_bundle.py"
README_FILE = _VERIFIER / "README.txt"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"

# A document's name under documents/: plain path segments, nothing a zip tool could read as
# a way out of the folder it unpacks into.
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# An evidence file's name is kept as letters of any script, digits and ". _ + ( ) -"
# (evidence.content): one path segment, never "." or "..", nor starting with a dot.
_EVIDENCE_SEGMENT = re.compile(r"(?!\.)[\w.+()-]+")


@dataclass(frozen=True)
class RegulatorBundle:
    """The zip's bytes, the SHA-256 of its signed manifest (what the audit trail keeps to
    name this very bundle) and the paths of its files, in order."""

    data: bytes
    manifest_sha256: str
    paths: tuple[str, ...]


def record_json(record: AssessmentRecord) -> bytes:
    """The record's export, byte for byte as the ``record_export`` view serves it."""
    return _json_response_bytes(export_document(record), ensure_ascii=False, indent=2)


def keys_json() -> bytes:
    """The published keys and certificates, byte for byte as ``GET /signing-keys.json``
    serves them."""
    return _json_response_bytes(selectors.published_keys_document(), indent=2)


def _json_response_bytes(data: Any, **dumps: Any) -> bytes:
    # What django.http.JsonResponse writes for these json_dumps_params.
    return json.dumps(data, cls=DjangoJSONEncoder, **dumps).encode("utf-8")


def certificate_files() -> list[tuple[str, bytes]]:
    """Every document certificate, retired ones too, as ``keys/certificates/<sha256>.pem``."""
    return [
        (f"keys/certificates/{certificate.fingerprint}.pem", _pem(certificate.certificate_pem))
        for certificate in selectors.document_certificates()
    ]


def _pem(text: str) -> bytes:
    return text.encode("ascii") if text.endswith("\n") else (text + "\n").encode("ascii")


def ruleset_file(ruleset_id: str) -> tuple[str, bytes]:
    """The shipped rule set file ``ruleset_id`` names, as ``ruleset/<id>.json``."""
    if ruleset_id not in rulesets.available():
        raise ValueError(f"The record names the rule set {ruleset_id!r}, which is not shipped.")
    source = Path(rulesets.__file__).resolve().parent / f"{ruleset_id}.json"
    return f"ruleset/{ruleset_id}.json", source.read_bytes()


def keys_url() -> str:
    """Where the organisation publishes its keys: what a recipient compares the bundle's
    key with."""
    return settings.SITE_URL + reverse("signing_keys")


def bundle_build(
    *,
    record: AssessmentRecord,
    payload: dict[str, Any],
    report_bytes: bytes,
    report_sha256: str,
    documents: Sequence[tuple[str, bytes]],
    signer: RecordSigner,
    created_at: datetime,
    evidence: Sequence[tuple[str, str, bytes]] = (),
) -> RegulatorBundle:
    """The record's regulator bundle. ``payload`` is the record's signed payload (parsed),
    ``report_bytes`` the stored PDF report, checked by the caller against
    ``report_sha256``, the hash kept when it was stored; ``documents`` are the filled
    documents as (name under ``documents/``, content); ``evidence`` the evidence files as
    (question key, name, content), each under ``evidence_path``; ``signer`` signs the
    manifest."""
    created = created_at.astimezone(UTC).replace(microsecond=0)
    listed: list[tuple[str, bytes]] = [
        ("verify_bundle.py", VERIFIER_FILE.read_bytes()),
        ("record.json", record_json(record)),
        ("report.pdf", report_bytes),
        ruleset_file(str(payload.get("ruleset"))),
        ("keys/signing-keys.json", keys_json()),
        *certificate_files(),
        *((_document_path(name), content) for name, content in documents),
        *((evidence_path(key, name), content) for key, name, content in evidence),
    ]
    readme = _readme(record=record, created=created)
    paths = ["README.txt", *(path for path, _ in listed)]
    if len(set(paths)) != len(paths):
        raise ValueError(f"Two files of the bundle have the same name: {sorted(paths)}")
    manifest = _manifest_bytes(
        record=record,
        payload=payload,
        report_sha256=report_sha256,
        signer=signer,
        created=created,
        files=[("README.txt", readme), *listed],
    )
    signature = (b64(signer.sign(manifest)) + "\n").encode("ascii")
    entries = [
        ("README.txt", readme),
        (MANIFEST, manifest),
        (SIGNATURE, signature),
        *listed,
    ]
    return RegulatorBundle(
        data=_zip(entries, created),
        manifest_sha256=sha256_hex(manifest),
        paths=tuple(path for path, _ in entries),
    )


def _document_path(name: str) -> str:
    segments = name.split("/")
    if not all(_SEGMENT.fullmatch(segment) for segment in segments):
        raise ValueError(f"{name!r} cannot name a file of the bundle.")
    return "documents/" + name


def evidence_path(question_key: str, name: str) -> str:
    """Where an evidence file goes in the bundle, ``evidence/<question key>/<name>``: what
    the verifier looks for, from the signed payload's entry."""
    if not _SEGMENT.fullmatch(question_key) or not _EVIDENCE_SEGMENT.fullmatch(name):
        raise ValueError(f"{question_key!r}/{name!r} cannot name a file of the bundle.")
    return f"evidence/{question_key}/{name}"


def _readme(*, record: AssessmentRecord, created: datetime) -> bytes:
    text = string.Template(README_FILE.read_text("utf-8")).safe_substitute(
        record_id=str(record.public_id),
        sequence=str(record.sequence),
        organisation=record.organisation.name,
        model_name=record.model_name,
        created_at=_utc(created),
        keys_url=keys_url(),
    )
    return text.encode("utf-8")


def _manifest_bytes(
    *,
    record: AssessmentRecord,
    payload: dict[str, Any],
    report_sha256: str,
    signer: RecordSigner,
    created: datetime,
    files: Sequence[tuple[str, bytes]],
) -> bytes:
    manifest = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "record_id": str(record.public_id),
        "record_sequence": record.sequence,
        "model_name": record.model_name,
        "organisation": {"slug": record.organisation.slug, "name": record.organisation.name},
        "created_at": _utc(created),
        "ruleset": payload.get("ruleset"),
        "record": {
            "path": "record.json",
            "payload_sha256": record.payload_sha256,
            "key_id": record.signing_key.key_id,
        },
        "report": {"path": "report.pdf", "sha256": report_sha256},
        "signing_key": {
            "key_id": signer.key_id,
            "algorithm": ALGORITHM,
            "fingerprint_sha256": sha256_hex(signer.public_key),
        },
        "signature": {
            "path": SIGNATURE,
            "algorithm": ALGORITHM,
            "encoding": "base64",
            "signs": f"the exact bytes of {MANIFEST}",
        },
        "keys_published_at": keys_url(),
        "files": [
            {"path": path, "sha256": sha256_hex(content), "size": len(content)}
            for path, content in files
        ],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _zip(entries: Sequence[tuple[str, bytes]], created: datetime) -> bytes:
    stamp = created.timetuple()[:6]
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in entries:
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def record_bundle(
    *,
    record: AssessmentRecord,
    payload: dict[str, Any],
    report_bytes: bytes,
    report_sha256: str,
) -> RegulatorBundle:
    """The bundle of ``record`` now (``bundle_build``), with the filled documents of
    ``documents.filed`` and its manifest signed with the current record signing key."""
    signer, _ = services.signing_key_current(path=settings.RECORD_SIGNING_KEY_FILE)
    # The stored files as they are: one missing is left out, one changed goes in as it is,
    # and the verifier fails either against the record (verify_records --files too).
    evidence = [
        (file.question_key, file.name, file.data)
        for file in evidence_files(record, payload)
        if file.data is not None
    ]
    return bundle_build(
        record=record,
        payload=payload,
        report_bytes=report_bytes,
        report_sha256=report_sha256,
        documents=filed.bundle_documents(record=record),
        signer=signer,
        created_at=timezone.now(),
        evidence=evidence,
    )
