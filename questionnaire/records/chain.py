"""Chain verification: every record's hash, signature, chain link and position, the chain
head, and the columns shown beside the payload, checked in bulk.

Every column a page shows beside the signed payload is checked against it: the model name,
the classification, the record it corrects, the attester, the time and the assessment it
links to. (The stored report file is checked by ``records.stored_files``, on request.)
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from questionnaire.lib.jsonutil import DuplicateKeyError
from questionnaire.lib.keys import ed25519_verifier
from questionnaire.models import AssessmentRecord, Organisation, RecordChain, SigningKey
from questionnaire.records.export import as_mapping, signed_after_retirement
from questionnaire.records.signing import (
    sha256_hex,
)


@dataclass
class ChainReport:
    """What ``verify_records`` found: every record checked, and those that failed."""

    checked: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, record_id: str, reason: str) -> None:
        self.failures.append((record_id, reason))


@dataclass(frozen=True)
class _Row:
    """A stored record as the checks read it: the signed bytes and the columns shown."""

    public_id: Any
    sequence: int
    payload: bytes
    payload_sha256: str
    previous_sha256: str
    signature: str
    signing_key_id: int
    model_name: str
    classification: str
    supersedes_public_id: Any
    attester_username: str
    created_at: datetime
    assessment_public_id: Any


_COLUMNS = (
    "public_id",
    "sequence",
    "payload",
    "payload_sha256",
    "previous_sha256",
    "signature",
    "signing_key_id",
    "model_name",
    "classification",
    "supersedes__public_id",
    "attested_by__username",
    "created_at",
    "assessment__public_id",
)
_Verifier = Callable[[bytes, str, Any], str | None]
_CHUNK = 1000


def _verifiers() -> dict[int, _Verifier]:
    return {key.pk: _verifier(key) for key in SigningKey.objects.all()}


def _verifier(key: SigningKey) -> _Verifier:
    """Checks a signature with this key, and that the key was not retired when it signed."""
    valid = ed25519_verifier(key.public_key)

    def verify(data: bytes, signature: str, attested_at: Any) -> str | None:
        if not valid(data, signature):
            return "signature does not verify"
        if signed_after_retirement(key, attested_at):
            return "signed after its key was retired"
        return None

    return verify


def _crypto_problems(
    rows: list[_Row], contents: list[dict[str, Any] | None], verifiers: dict[int, _Verifier]
) -> list[list[str]]:
    """Hash and signature checks of a batch of rows."""
    problems = []
    for row, content in zip(rows, contents, strict=True):
        found = []
        if sha256_hex(row.payload) != row.payload_sha256:
            found.append("payload does not match its stored hash")
        verify = verifiers.get(row.signing_key_id)
        attested_at = as_mapping((content or {}).get("attestation")).get("attested_at")
        failure = verify(row.payload, row.signature, attested_at) if verify else "unknown key"
        if failure:
            found.append(failure)
        problems.append(found)
    return problems


def _content_problems(
    row: _Row, content: dict[str, Any] | None, organisation_slug: str, position: int, previous: str
) -> list[str]:
    """Does the signed content agree with the row's columns and its place in the chain?"""
    if content is None:
        return ["payload is not JSON"]
    found = []
    if content.get("record_id") != str(row.public_id):
        found.append("payload names another record")
    signed_position = content.get("sequence")
    if signed_position != row.sequence:
        found.append(f"stored at position {row.sequence} but signed as {signed_position}")
    elif row.sequence != position:
        found.append(
            f"at position {row.sequence} where {position} comes next: reordered or removed"
        )
    if content.get("previous_sha256", "") != previous or row.previous_sha256 != previous:
        found.append("link to the previous record is broken")
    if as_mapping(content.get("organisation")).get("slug") != organisation_slug:
        found.append("payload names another organisation")
    if content.get("model_name") != row.model_name:
        found.append("model name shown differs from the signed one")
    if as_mapping(content.get("result")).get("classification") != row.classification:
        found.append("classification shown differs from the signed one")
    supersedes = str(row.supersedes_public_id) if row.supersedes_public_id else None
    if content.get("supersedes") != supersedes:
        found.append("the record it corrects differs from the signed one")
    attestation = as_mapping(content.get("attestation"))
    if attestation.get("username") != row.attester_username:
        found.append("the attester shown differs from the signed one")
    if attestation.get("attested_at") != _utc(row.created_at):
        found.append("the time shown differs from the signed one")
    assessment = str(row.assessment_public_id) if row.assessment_public_id else None
    if content.get("assessment_id") != assessment:
        found.append("the assessment it links to differs from the signed one")
    return found


def _utc(moment: datetime) -> str:
    """A stored time as the payload writes it (UTC, whole seconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def chain_verify(organisations: Iterable[Organisation]) -> ChainReport:
    """Check every record's hash, signature, columns and chain link, organisation by
    organisation.

    Catches an altered payload, hash, signature or shown column, a record reordered or
    removed from the middle of a chain (the links break), and the newest records removed
    (the chain head no longer matches). A chain longer than one chunk is checked chunk by
    chunk in worker processes, one per core, while this process reads the next chunks:
    reading the JSON and checking the Ed25519 signature, nearly all of the cost, hold the
    GIL, so threads would not run them side by side."""
    report = ChainReport()
    with _Checker(_verifiers()) as checker:
        for organisation in organisations:
            _organisation_verify(organisation, checker, report)
    return report


def _organisation_verify(
    organisation: Organisation, checker: _Checker, report: ChainReport
) -> None:
    previous = ""
    position = 1
    large = AssessmentRecord.objects.filter(organisation=organisation).count() > _CHUNK
    pending: deque[tuple[list[_Row], Future[list[list[str]]]]] = deque()
    for chunk in _chunks(_rows(organisation)):
        # Each chunk is checked against the link and position its predecessor ends with.
        pending.append(
            (chunk, checker.submit(chunk, organisation.slug, position, previous, large=large))
        )
        previous = chunk[-1].payload_sha256
        position = chunk[-1].sequence + 1
        while len(pending) > checker.in_flight:
            _collect(*pending.popleft(), report)
    while pending:
        _collect(*pending.popleft(), report)
    chain = RecordChain.objects.filter(organisation=organisation).first()
    issued, head = (chain.count, chain.head_sha256) if chain else (0, "")
    if issued != position - 1 or head != previous:
        report.fail(
            f"organisation {organisation.slug}",
            f"{issued} records were issued, the newest {head[:12] or 'none'}, but the chain "
            f"ends at record {position - 1} ({previous[:12] or 'none'}): records were removed",
        )


def _collect(chunk: list[_Row], problems: Future[list[list[str]]], report: ChainReport) -> None:
    for row, found in zip(chunk, problems.result(), strict=True):
        report.checked += 1
        if found:
            report.fail(str(row.public_id), "; ".join(found))


def _chunk_problems(
    chunk: list[_Row],
    organisation_slug: str,
    position: int,
    previous: str,
    verifiers: dict[int, _Verifier] | None = None,
) -> list[list[str]]:
    """Every check of each row of a chunk that starts at ``position`` after ``previous``:
    hash and signature first, then the content. In a worker process, ``verifiers`` are the
    ones it inherited."""
    contents = [_loads(row.payload) for row in chunk]
    crypto = _crypto_problems(chunk, contents, verifiers or _inherited_verifiers)
    problems = []
    for row, content, found in zip(chunk, contents, crypto, strict=True):
        problems.append(
            found + _content_problems(row, content, organisation_slug, position, previous)
        )
        previous = row.payload_sha256
        position = row.sequence + 1
    return problems


# The verifiers a forked worker process inherits (closures cannot be sent to it).
_inherited_verifiers: dict[int, _Verifier] = {}


class _Checker:
    """Runs ``_chunk_problems``: here for a small chain, in forked worker processes (one per
    core, started for the first large chain) where the platform can fork."""

    def __init__(self, verifiers: dict[int, _Verifier]) -> None:
        self.verifiers = verifiers
        self.workers = os.cpu_count() or 1
        self.in_flight = 2 * self.workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(
        self,
        chunk: list[_Row],
        organisation_slug: str,
        position: int,
        previous: str,
        *,
        large: bool,
    ) -> Future[list[list[str]]]:
        if self.pool is None and large and self.workers > 1 and _can_fork():
            global _inherited_verifiers
            _inherited_verifiers = self.verifiers
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("fork")
            )
        if self.pool is not None:
            return self.pool.submit(_chunk_problems, chunk, organisation_slug, position, previous)
        done: Future[list[list[str]]] = Future()
        done.set_result(
            _chunk_problems(chunk, organisation_slug, position, previous, self.verifiers)
        )
        return done


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _rows(organisation: Organisation) -> Iterator[_Row]:
    query = (
        AssessmentRecord.objects.filter(organisation=organisation)
        .order_by("sequence")
        .values_list(*_COLUMNS)
        .iterator(chunk_size=2000)
    )
    for values in query:
        yield _row(values)


def _row(values: tuple[Any, ...]) -> _Row:
    public_id, sequence, payload, *rest = values
    return _Row(public_id, sequence, bytes(payload), *rest)


def _chunks(rows: Iterator[_Row]) -> Iterator[list[_Row]]:
    chunk: list[_Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _loads(data: bytes) -> dict[str, Any] | None:
    try:
        content = _parsed(data)
    except ValueError:
        return None
    return content if isinstance(content, dict) else None


def _parsed(data: bytes) -> Any:
    """What ``loads_strict(data)`` returns, or the same ``DuplicateKeyError``. Its check, a
    Python loop over every object's members, was most of the cost of a chain check; here
    each object is built by ``dict`` and compared in size with its members (a repeated key
    makes it smaller), and only then are the members looked through for the key."""
    return json.loads(data, object_pairs_hook=_unique_object)


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return result


def record_status(record: AssessmentRecord) -> ChainReport:
    """The checks of ``chain_verify`` for one record and its link to its predecessor."""
    report = ChainReport(checked=1)
    row = _row(AssessmentRecord.objects.filter(pk=record.pk).values_list(*_COLUMNS).get())
    content = _loads(row.payload)
    previous = (
        AssessmentRecord.objects.filter(
            organisation=record.organisation, sequence=record.sequence - 1
        )
        .values_list("payload_sha256", flat=True)
        .first()
    )
    problems = _crypto_problems([row], [content], _verifiers())[0]
    if record.sequence > 1 and previous is None:
        problems.append("the previous record of the chain is missing")
    problems += _content_problems(
        row, content, record.organisation.slug, record.sequence, previous or ""
    )
    if problems:
        report.fail(str(record.public_id), "; ".join(problems))
    return report


def payload_of(record: AssessmentRecord) -> dict[str, Any] | None:
    """The record's signed content, or None when the stored bytes are no longer JSON."""
    return _loads(bytes(record.payload))
