"""Chain verification: every record's hash, signature, chain link and position, the chain
head, and the columns shown beside the payload, checked in bulk.

Every column a page shows beside the signed payload is checked against it: the model name,
the classification, the record it corrects, the attester, the time and the assessment it
links to. (The stored report file is checked by ``records.stored_files``, on request.)
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson
from django.utils.translation import gettext, gettext_noop

from questionnaire.lib.jsonutil import loads_strict
from questionnaire.lib.keys import ed25519_verifier
from questionnaire.models import AssessmentRecord, Organisation, RecordChain, SigningKey
from questionnaire.records.export import as_mapping, signed_after_retirement
from questionnaire.records.signing import sha256_hex

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass
class ChainReport:
    """What ``verify_records`` found: every record checked, and those that failed."""

    checked: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    """``record_status``'s problems in the reader's language (the failures are English)."""

    def fail(self, record_id: str, reason: str) -> None:
        self.failures.append((record_id, reason))


class _Row(NamedTuple):
    """A stored record as the checks read it: the signed bytes, and the columns shown
    beside them written as the payload writes them. Plain values only, so that a chunk of
    rows is cheap to send to a worker process."""

    record_id: str
    sequence: int
    payload: bytes
    payload_sha256: str
    previous_sha256: str
    signature: str
    signing_key_id: int
    model_name: str
    classification: str
    supersedes: str | None
    attester_username: str
    attested_at: str
    assessment_id: str | None


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
Problem = tuple[str, dict[str, object]]
"""What a check found: an English message with ``%(name)s`` places (marked for the
catalogues) and their values. ``verify_records`` prints the English; the record page shows
it in the reader's language (``record_status``)."""
# Rows per chunk sent to a worker: small enough that both workers stay busy to the end.
_CHUNK = 250
# A chain this long is checked on worker processes; on a shorter one, starting them saves
# little.
_PARALLEL_FROM = 1_000


class _Verifier(NamedTuple):
    """A signing key as the checks use it: its signature check (the key decoded once) and
    the key itself, for its retirement."""

    valid: Callable[[bytes, str], bool]
    key: SigningKey


def _verifiers() -> dict[int, _Verifier]:
    return {
        key.pk: _Verifier(ed25519_verifier(key.public_key), key) for key in SigningKey.objects.all()
    }


_UNKNOWN_KEY = gettext_noop("unknown key")


def _checked_content(
    row: _Row, verifiers: dict[int, _Verifier]
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The row's payload read, and what its hash and signature checks found.

    A signed payload (``canonical_json``'s bytes) is read by orjson and written again: when
    that gives the same bytes, orjson read every key and number as they are written, so the
    content is what the strict reader gives, in under half its time (the strict reading
    was half of a record's check). Anything else is read strictly (``payload_read``): a key
    named twice, a number orjson reads differently (an integer beyond 64 bits), bytes that
    are not canonical, and every payload whose signature fails."""
    found: list[Problem] = []
    if sha256_hex(row.payload) != row.payload_sha256:
        found.append((gettext_noop("payload does not match its stored hash"), {}))
    verifier = verifiers.get(row.signing_key_id)
    signed = verifier is not None and verifier.valid(row.payload, row.signature)
    content = _signed_payload_read(row.payload) if signed else payload_read(row.payload)
    if verifier is None:
        found.append((_UNKNOWN_KEY, {}))
    elif not signed:
        found.append((gettext_noop("signature does not verify"), {}))
    else:
        attested_at = as_mapping((content or {}).get("attestation")).get("attested_at")
        if signed_after_retirement(verifier.key, attested_at):
            found.append((gettext_noop("signed after its key was retired"), {}))
    return content, found


def _signed_payload_read(data: bytes) -> dict[str, Any] | None:
    try:
        content = orjson.loads(data)
        written_again = orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return payload_read(data)
    if written_again != data:
        return payload_read(data)
    return content if isinstance(content, dict) else None


def _content_problems(
    row: _Row, content: dict[str, Any] | None, organisation_slug: str, position: int, previous: str
) -> list[Problem]:
    """Does the signed content agree with the row's columns and its place in the chain?"""
    if content is None:
        return [(gettext_noop("payload is not JSON"), {})]
    found: list[Problem] = []

    def differs(message: str) -> None:
        found.append((message, {}))

    if content.get("record_id") != row.record_id:
        differs(gettext_noop("payload names another record"))
    signed_position = content.get("sequence")
    if signed_position != row.sequence:
        found.append(
            (
                gettext_noop("stored at position %(stored)s but signed as %(signed)s"),
                {"stored": row.sequence, "signed": signed_position},
            )
        )
    elif row.sequence != position:
        found.append(
            (
                gettext_noop(
                    "at position %(stored)s where %(next)s comes next: reordered or removed"
                ),
                {"stored": row.sequence, "next": position},
            )
        )
    if content.get("previous_sha256", "") != previous or row.previous_sha256 != previous:
        differs(gettext_noop("link to the previous record is broken"))
    if as_mapping(content.get("organisation")).get("slug") != organisation_slug:
        differs(gettext_noop("payload names another organisation"))
    if content.get("model_name") != row.model_name:
        differs(gettext_noop("model name shown differs from the signed one"))
    if as_mapping(content.get("result")).get("classification") != row.classification:
        differs(gettext_noop("classification shown differs from the signed one"))
    if content.get("supersedes") != row.supersedes:
        differs(gettext_noop("the record it corrects differs from the signed one"))
    attestation = as_mapping(content.get("attestation"))
    if attestation.get("username") != row.attester_username:
        differs(gettext_noop("the attester shown differs from the signed one"))
    if attestation.get("attested_at") != row.attested_at:
        differs(gettext_noop("the time shown differs from the signed one"))
    if content.get("assessment_id") != row.assessment_id:
        differs(gettext_noop("the assessment it links to differs from the signed one"))
    return found


def _english(problems: list[Problem]) -> str:
    """The problems as ``verify_records`` and the logs write them."""
    return "; ".join(template % params if params else template for template, params in problems)


def _shown(problems: list[Problem]) -> list[str]:
    """The problems in the active language, for a page."""
    return [
        gettext(template) % params if params else gettext(template) for template, params in problems
    ]


def _utc(moment: datetime) -> str:
    """A stored time as the payload writes it (UTC, whole seconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def chain_verify(organisations: Iterable[Organisation]) -> ChainReport:
    """Check every record's hash, signature, columns and chain link, organisation by
    organisation.

    Catches an altered payload, hash, signature or shown column, a record reordered or
    removed from the middle of a chain (the links break), and the newest records removed
    (the chain head no longer matches). A long chain is checked chunk by chunk in worker
    processes, one per core, while this process reads the next chunks: checking the
    Ed25519 signature (two thirds of the cost, some 200 µs a record on a 2-core benchmark
    machine) and reading the JSON hold the GIL, so threads would not run them side by side,
    and one process alone checks some 3,500 records a second there."""
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
    records = AssessmentRecord.objects.filter(organisation=organisation)
    parallel = records.count() >= _PARALLEL_FROM
    pending: deque[tuple[int, Future[list[tuple[str, str]]]]] = deque()
    for chunk in _chunks(_rows(records)):
        # Each chunk is checked against the link and position its predecessor ends with.
        pending.append(
            (
                len(chunk),
                checker.submit(chunk, organisation.slug, position, previous, parallel=parallel),
            )
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


def _collect(rows: int, failures: Future[list[tuple[str, str]]], report: ChainReport) -> None:
    report.checked += rows
    report.failures += failures.result()


def _chunk_failures(
    chunk: list[_Row],
    organisation_slug: str,
    position: int,
    previous: str,
    verifiers: dict[int, _Verifier],
) -> list[tuple[str, str]]:
    """Every check of each row of a chunk that starts at ``position`` after ``previous``:
    hash and signature first, then the content; the rows that fail, with the reasons.
    Each payload is read and checked in turn, so that its objects are freed before the
    next is read (thousands kept alive would set the garbage collector scanning them)."""
    failures = []
    for row in chunk:
        content, found = _checked_content(row, verifiers)
        found += _content_problems(row, content, organisation_slug, position, previous)
        if found:
            failures.append((row.record_id, _english(found)))
        previous = row.payload_sha256
        position = row.sequence + 1
    return failures


def _worker_chunk_failures(
    chunk: list[_Row], organisation_slug: str, position: int, previous: str
) -> list[tuple[str, str]]:
    """``_chunk_failures`` in a worker process, with the verifiers it was started with."""
    return _chunk_failures(chunk, organisation_slug, position, previous, _worker_verifiers)


# A worker process's verifiers, set when it starts (closures cannot be sent to it; a forked
# worker is given them as they are).
_worker_verifiers: dict[int, _Verifier] = {}


def _worker_start(verifiers: dict[int, _Verifier]) -> None:
    global _worker_verifiers
    _worker_verifiers = verifiers


class _Checker:
    """Runs ``_chunk_failures``: here for a short chain, in forked worker processes (one per
    core, started for the first long chain) where the platform can fork."""

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
        parallel: bool,
    ) -> Future[list[tuple[str, str]]]:
        if self.pool is None and parallel and self.workers > 1 and _can_fork():
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_start,
                initargs=(self.verifiers,),
            )
        if self.pool is not None:
            return self.pool.submit(
                _worker_chunk_failures, chunk, organisation_slug, position, previous
            )
        done: Future[list[tuple[str, str]]] = Future()
        done.set_result(
            _chunk_failures(chunk, organisation_slug, position, previous, self.verifiers)
        )
        return done


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _rows(records: QuerySet[AssessmentRecord]) -> Iterator[_Row]:
    for values in records.order_by("sequence").values_list(*_COLUMNS).iterator(chunk_size=2000):
        yield _row(values)


def _row(values: tuple[Any, ...]) -> _Row:
    public_id, sequence, payload, sha256, previous, signature, key, *shown = values
    model_name, classification, supersedes, attester, created_at, assessment = shown
    return _Row(
        str(public_id),
        sequence,
        bytes(payload),
        sha256,
        previous,
        signature,
        key,
        model_name,
        classification,
        str(supersedes) if supersedes else None,
        attester,
        _utc(created_at),
        str(assessment) if assessment else None,
    )


def _chunks(rows: Iterator[_Row]) -> Iterator[list[_Row]]:
    chunk: list[_Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def payload_read(data: bytes) -> dict[str, Any] | None:
    """Stored payload bytes read strictly (``loads_strict``) as the checks read them; None
    when they are not a JSON object, or are nested deeper than Python reads (no record is)."""
    try:
        content = loads_strict(data)
    except (ValueError, RecursionError):
        return None
    return content if isinstance(content, dict) else None


def record_status(record: AssessmentRecord) -> ChainReport:
    """The checks of ``chain_verify`` for one record and its link to its predecessor."""
    report = ChainReport(checked=1)
    row = _row(AssessmentRecord.objects.filter(pk=record.pk).values_list(*_COLUMNS).get())
    previous = (
        AssessmentRecord.objects.filter(
            organisation=record.organisation, sequence=record.sequence - 1
        )
        .values_list("payload_sha256", flat=True)
        .first()
    )
    content, problems = _checked_content(row, _verifiers())
    if record.sequence > 1 and previous is None:
        problems.append((gettext_noop("the previous record of the chain is missing"), {}))
    problems += _content_problems(
        row, content, record.organisation.slug, record.sequence, previous or ""
    )
    if problems:
        report.fail(str(record.public_id), _english(problems))
        report.shown = _shown(problems)
    return report


def payload_of(record: AssessmentRecord) -> dict[str, Any] | None:
    """The record's signed content, or None when the stored bytes are no longer JSON."""
    return payload_read(bytes(record.payload))
