"""The write paths that matter: organisations, drafts, completed assessments, signing keys
and signed records.

Keyword-only, typed functions named ``<noun>_<verb>``; views and commands call these
rather than writing models themselves.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from questionnaire.audit import Action, Origin, audit_log
from questionnaire.lib import background
from questionnaire.lib.keys import Pkcs12Error, pkcs12_load
from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    ChecklistProgress,
    DocumentCertificate,
    Draft,
    Membership,
    Organisation,
    RecordChain,
    RecordReport,
    SigningKey,
)
from questionnaire.records import checkpoints
from questionnaire.records.export import export_document
from questionnaire.records.payload import attested_documents, record_payload
from questionnaire.records.signing import (
    RecordSigner,
    b64,
    canonical_json,
    private_key_write,
    sha256_hex,
    signer_load,
)
from questionnaire.reports import certificates, pades, render
from questionnaire.selectors import assessment_checklist, membership_get

logger = logging.getLogger(__name__)


def organisation_create(*, slug: str, name: str) -> Organisation:
    return Organisation.objects.create(slug=slug, name=name)


def membership_set(
    *, organisation: Organisation, user: User, role: str = Membership.Role.MEMBER
) -> Membership:
    """Add the user to the organisation, or change their role if they are a member."""
    membership, _ = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership


# Open drafts a user may keep at once (drafts are deleted when finished or by the user).
MAX_OPEN_DRAFTS = 50


class DraftQuotaError(Exception):
    """The user already has MAX_OPEN_DRAFTS open drafts; the message says what to do."""


@transaction.atomic
def draft_create(*, user: User, organisation: Organisation) -> Draft:
    membership_get(user=user, organisation=organisation)  # 404 unless the user belongs to it
    # Lock the user's row so that two requests at once cannot both pass the count.
    User.objects.select_for_update().filter(pk=user.pk).first()
    _unsaved_drafts_prune(user=user)
    if Draft.objects.filter(owner=user).count() >= MAX_OPEN_DRAFTS:
        unsaved = Draft.objects.filter(owner=user, state={}).count()
        raise DraftQuotaError(
            f"You already have {MAX_OPEN_DRAFTS} open drafts, the most one person may keep. "
            "Finish or delete one on your dashboard before starting another."
            + (
                f" Of these, {unsaved} {'was' if unsaved == 1 else 'were'} started and never "
                "saved (the dashboard does not list them); such drafts are removed "
                f"{_unsaved_draft_hours()} hours after being started."
                if unsaved
                else ""
            )
        )
    return Draft.objects.create(owner=user, organisation=organisation)


UNSAVED_DRAFT_LIFETIME = timedelta(days=1)
"""How long a draft started and never saved is kept: longer than a sign-in lasts
(``SESSION_COOKIE_AGE``, 8 hours by default), so the tab that started it can no longer post
its first step (signing in again renews the CSRF token its form holds)."""


def _unsaved_draft_hours() -> int:
    return round(UNSAVED_DRAFT_LIFETIME.total_seconds() / 3600)


def _unsaved_drafts_prune(*, user: User) -> None:
    """Remove the user's drafts that were started and never saved, once their tab cannot
    post to them any more: every "Start the questionnaire" makes a draft, and those left
    at once would otherwise fill the quota unseen (the dashboard lists only drafts with
    something saved)."""
    cutoff = timezone.now() - UNSAVED_DRAFT_LIFETIME
    Draft.objects.filter(owner=user, state={}, updated_at__lt=cutoff).delete()


@dataclass(frozen=True, slots=True)
class DraftSeed:
    """A pre-filled draft to open: the wizard's stored state (``wizard.prefill``), the step
    it resumes at, the model's name, and the signed record it re-assesses."""

    state: Mapping[str, Any]
    current_step: str
    model_name: str
    supersedes: AssessmentRecord


@transaction.atomic
def drafts_create(
    *, user: User, organisation: Organisation, seeds: Sequence[DraftSeed]
) -> list[Draft]:
    """The user's pre-filled drafts in the organisation (a re-assessment, which its
    administrators make), in one transaction. Each remembers the record it supersedes:
    attesting it offers that record as the one it corrects.

    They count towards the user's MAX_OPEN_DRAFTS like any other: only as many are opened
    as there is room for, in the order given; the caller says what was left out."""
    if not membership_get(user=user, organisation=organisation).can_administer:
        raise PermissionDenied("Only administrators of the organisation can re-assess its records.")
    if any(seed.supersedes.organisation_id != organisation.pk for seed in seeds):
        raise PermissionDenied("A draft can only correct a record of the same organisation.")
    # Lock the user's row so that two requests at once cannot both use the same room.
    User.objects.select_for_update().filter(pk=user.pk).first()
    _unsaved_drafts_prune(user=user)
    room = max(0, MAX_OPEN_DRAFTS - Draft.objects.filter(owner=user).count())
    return Draft.objects.bulk_create(
        [
            Draft(
                owner=user,
                organisation=organisation,
                state=dict(seed.state),
                current_step=seed.current_step,
                model_name=seed.model_name[:200],
                supersedes=seed.supersedes,
            )
            for seed in seeds[:room]
        ]
    )


def draft_delete(*, draft: Draft) -> None:
    draft.delete()


def assessment_create(
    *,
    organisation: Organisation,
    user: User,
    answers: dict[str, Any],
    shown: list[dict[str, Any]],
    result: Mapping[str, Any],
    draft: Draft | None = None,
    origin: Origin | None = None,
) -> Assessment:
    """Keep the completed questionnaire with the wording shown and the result; the draft,
    if it came from one, has served its purpose and goes. Audited (``assessment.created``,
    from ``origin``) in the same transaction.

    Finish pressed twice: a draft becomes one assessment (a unique constraint), and the
    request that loses the race gets the assessment the other one made."""
    membership_get(user=user, organisation=organisation)  # 404 unless the user belongs to it
    try:
        return _assessment_write(
            organisation=organisation,
            user=user,
            answers=answers,
            shown=shown,
            result=result,
            draft=draft,
            origin=origin,
        )
    except IntegrityError:
        if draft is None:
            raise
        completed = Assessment.objects.filter(draft_public_id=draft.public_id).first()
        if completed is None:
            raise
        return completed


@transaction.atomic
def _assessment_write(
    *,
    organisation: Organisation,
    user: User,
    answers: dict[str, Any],
    shown: list[dict[str, Any]],
    result: Mapping[str, Any],
    draft: Draft | None,
    origin: Origin | None,
) -> Assessment:
    assessment = Assessment.objects.create(
        organisation=organisation,
        created_by=user,
        model_name=answers.get("model_name") or "Unnamed model",
        draft_public_id=draft.public_id if draft else None,
        supersedes=draft.supersedes if draft else None,
        answers=answers,
        shown=shown,
        result=result,
        ruleset=result["ruleset"],
        classification=result["classification"],
    )
    audit_log(
        action=Action.ASSESSMENT_CREATED,
        origin=origin,
        actor=user,
        organisation=organisation,
        object_id=str(assessment.public_id),
    )
    if draft is not None:
        draft.delete()
    return assessment


# ------------------------------------------------------------------ documentation checklist

CHECKLIST_NOTE_MAX = 2000
"""The longest note on a checklist item, in characters: a few paragraphs; the evidence
itself lives where the link points."""
CHECKLIST_URL_MAX = 500  # ChecklistProgress.evidence_url's max_length
evidence_url_validator = URLValidator(
    schemes=["http", "https"],
    message="Enter a web address starting with https:// or http://, such as "
    "https://files.example.com/annex-xi.pdf.",
)


class ChecklistItemUnknown(Exception):
    """The item id is not on the assessment's documentation checklist."""


def checklist_progress_set(
    *,
    assessment: Assessment,
    item: str,
    done: bool,
    note: str,
    evidence_url: str,
    user: User,
) -> ChecklistProgress:
    """Record how far the organisation is with one item of the assessment's documentation
    checklist: done or open, a note, a link to the evidence. Any member of the organisation
    may (404 for anyone else); the item must be on the assessment's checklist
    (``ChecklistItemUnknown`` otherwise), the note at most ``CHECKLIST_NOTE_MAX`` characters
    and the link an http(s) address (``ValidationError``, by field, otherwise).

    The organisation's working data: a signed record, its payload and its report never
    change with it."""
    membership_get(user=user, organisation=assessment.organisation)
    if item not in assessment_checklist(assessment=assessment).item_ids:
        raise ChecklistItemUnknown(f"{item!r} is not an item of this assessment's checklist.")
    note = note.strip()
    evidence_url = evidence_url.strip()
    errors: dict[str, list[str]] = {}
    if len(note) > CHECKLIST_NOTE_MAX:
        errors["note"] = [f"The note can be at most {CHECKLIST_NOTE_MAX:,} characters long."]
    if evidence_url:
        try:
            if len(evidence_url) > CHECKLIST_URL_MAX:
                raise ValidationError(
                    f"The link can be at most {CHECKLIST_URL_MAX} characters long."
                )
            evidence_url_validator(evidence_url)
        except ValidationError as error:
            errors["evidence_url"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    progress, _ = ChecklistProgress.objects.update_or_create(
        assessment=assessment,
        item=item,
        defaults={
            "organisation": assessment.organisation,
            "done": done,
            "note": note,
            "evidence_url": evidence_url,
            "updated_by": user,
        },
    )
    return progress


# ------------------------------------------------------------------ keys and certificates


def signing_key_register(*, signer: RecordSigner) -> SigningKey:
    key, _ = SigningKey.objects.get_or_create(
        key_id=signer.key_id, defaults={"public_key": b64(signer.public_key)}
    )
    return key


def signing_key_create(*, path: Path) -> tuple[SigningKey, bool]:
    """The record signing key in ``path``, made if the file does not exist and registered
    if the table does not know it yet. Returns the key and whether anything was made."""
    made = not path.exists()
    signer = private_key_write(path) if made else signer_load(path)
    known = SigningKey.objects.filter(key_id=signer.key_id).exists()
    return signing_key_register(signer=signer), made or not known


@transaction.atomic
def signing_key_rotate(*, path: Path) -> SigningKey:
    """A new private key replaces the file; every older public key is retired, never
    deleted, so records signed with it still verify."""
    signer = private_key_write(path)
    SigningKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
    return signing_key_register(signer=signer)


def signing_key_current(*, path: Path) -> tuple[RecordSigner, SigningKey]:
    """The signer for new records: the key in ``path``, which must be registered and active."""
    if not path.exists():
        raise ImproperlyConfigured(
            f"No record signing key at {path}: run `manage.py signing_key create`."
        )
    signer = signer_load(path)
    key = SigningKey.objects.filter(key_id=signer.key_id, retired_at__isnull=True).first()
    if key is None:
        raise ImproperlyConfigured(
            f"The key in {path} ({signer.key_id}) is not an active signing key: "
            "run `manage.py signing_key create` to register it."
        )
    return signer, key


def document_certificate_register(*, pem: str) -> DocumentCertificate:
    certificate, _ = DocumentCertificate.objects.get_or_create(
        fingerprint=certificates.certificate_fingerprint(pem),
        defaults={"subject": certificates.certificate_subject(pem), "certificate_pem": pem},
    )
    return certificate


@transaction.atomic
def document_certificate_set(
    *,
    path: Path,
    password: str,
    pkcs12: Path | None = None,
    pkcs12_password: str = "",
    replace: bool = False,
) -> tuple[DocumentCertificate, bool]:
    """The certificate that signs PDF reports: an organisation's PKCS#12 when given, else a
    self-signed one made here. With ``replace``, older certificates are retired."""
    if pkcs12 is not None:
        pem = certificates.document_certificate_import(
            source=pkcs12, password=pkcs12_password, path=path
        )
        made = True
    elif replace or not path.exists():
        pem = certificates.document_certificate_create(
            path=path, common_name="GPAI Assessor document signing", password=password
        )
        made = True
    else:
        pem = _pkcs12_certificate_pem(path, password)
        made = False
    certificate = document_certificate_register(pem=pem)
    if made:
        DocumentCertificate.objects.filter(retired_at__isnull=True).exclude(
            pk=certificate.pk
        ).update(retired_at=timezone.now())
    return certificate, made


def _pkcs12_certificate_pem(path: Path, password: str) -> str:
    try:
        _, certificate = pkcs12_load(path.read_bytes(), password)
    except Pkcs12Error as error:
        raise ImproperlyConfigured(f"{path}: {error}") from error
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


# ------------------------------------------------------------------ signed records


class RecordAlreadyCorrected(Exception):
    """The record a correction names is already superseded (two corrections at once, or an
    old tab): a record is corrected once."""

    def __init__(self, correction: AssessmentRecord) -> None:
        self.correction = correction
        super().__init__(f"This record has already been corrected by record {correction.sequence}.")


def _record_existing(
    *, assessment: Assessment, supersedes: AssessmentRecord | None
) -> AssessmentRecord | None:
    """The record this assessment already became (returned: signing is idempotent), or
    ``RecordAlreadyCorrected`` when another record already supersedes ``supersedes``."""
    already = AssessmentRecord.objects.filter(assessment=assessment).first()
    if already is not None:  # a double click or an old tab: one assessment, one record
        return already
    if supersedes is not None:
        correction = AssessmentRecord.objects.filter(supersedes=supersedes).first()
        if correction is not None:
            raise RecordAlreadyCorrected(correction)
    return None


def record_create(
    *,
    assessment: Assessment,
    attester: User,
    name: str,
    function: str,
    supersedes: AssessmentRecord | None = None,
    origin: Origin | None = None,
) -> AssessmentRecord:
    """Attest and sign an assessment: canonical payload, SHA-256, Ed25519 signature and the
    link to the organisation's previous record, committed under the organisation's lock
    with its audit event (``record.attested``, from ``origin``).

    The PDF report is not made under the lock: once the record has committed, it is
    rendered, PAdES-signed and stored by ``report_schedule`` (a task, retried, idempotent),
    and the chain's new head is written to the checkpoint file."""
    organisation = assessment.organisation
    if not membership_get(user=attester, organisation=organisation).can_attest:
        raise PermissionDenied("Only attesters of the organisation can sign its assessments.")
    if supersedes is not None and supersedes.organisation_id != organisation.pk:
        raise PermissionDenied("A record can only correct a record of the same organisation.")
    signer, key = signing_key_current(path=settings.RECORD_SIGNING_KEY_FILE)
    try:
        record, created = _record_write(
            assessment=assessment,
            attester=attester,
            name=name,
            function=function,
            supersedes=supersedes,
            signer=signer,
            key=key,
            origin=origin,
        )
    except IntegrityError:
        # Where the organisation's lock did not serialise two signings: the constraints
        # (one record per assessment, one correction per record) decided.
        existing = _record_existing(assessment=assessment, supersedes=supersedes)
        if existing is None:
            raise
        return existing
    if created:
        if settings.REPORTS_IN_BACKGROUND:
            transaction.on_commit(lambda: _record_committed(record, signer, key))
        else:
            # At once: after the commit when the caller holds no transaction (a request,
            # a command), inside the caller's transaction otherwise (the test suite's).
            _record_committed(record, signer, key)
    return record


def _record_write(
    *,
    assessment: Assessment,
    attester: User,
    name: str,
    function: str,
    supersedes: AssessmentRecord | None,
    signer: RecordSigner,
    key: SigningKey,
    origin: Origin | None,
) -> tuple[AssessmentRecord, bool]:
    """The record, written and linked into the chain; ``False`` when the assessment had
    already become one (which is returned instead)."""
    organisation = assessment.organisation
    attested_at = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        # One record at a time per organisation: the chain must not fork. Everything in
        # here is cheap (one engine run, one hash, one signature): the report comes later.
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        already = _record_existing(assessment=assessment, supersedes=supersedes)
        if already is not None:
            return already, False
        chain, _ = RecordChain.objects.get_or_create(organisation=locked)
        sequence = chain.count + 1
        record_id = uuid.uuid4()
        answers, result = attested_documents(assessment, timezone.localdate(attested_at))
        payload = record_payload(
            record_id=str(record_id),
            sequence=sequence,
            previous_sha256=chain.head_sha256,
            organisation=locked,
            assessment=assessment,
            attester_username=attester.get_username(),
            name=name,
            function=function,
            attested_at=attested_at,
            supersedes=supersedes,
            answers=answers,
            result=result,
        )
        payload_bytes = canonical_json(payload)
        sha256 = sha256_hex(payload_bytes)
        record = AssessmentRecord.objects.create(
            public_id=record_id,
            organisation=locked,
            sequence=sequence,
            assessment=assessment,
            attested_by=attester,
            model_name=assessment.model_name,
            classification=result["classification"],
            payload=payload_bytes,
            payload_sha256=sha256,
            previous_sha256=chain.head_sha256,
            signature=b64(signer.sign(payload_bytes)),
            signing_key=key,
            supersedes=supersedes,
            created_at=attested_at,
        )
        RecordChain.objects.filter(pk=chain.pk).update(count=sequence, head_sha256=sha256)
        audit_log(
            action=Action.RECORD_ATTESTED,
            origin=origin,
            actor=attester,
            record=record,
            detail={
                "sequence": sequence,
                "supersedes": str(supersedes.public_id) if supersedes else "",
            },
        )
    return record, True


def _record_committed(record: AssessmentRecord, signer: RecordSigner, key: SigningKey) -> None:
    """After the record's commit: the chain's new head to the checkpoint file, the report
    to its task. Neither may undo a committed record, so failures are logged, not raised:
    the report is retried, and the next record (or ``manage.py chain_checkpoint``) writes
    the next checkpoint."""
    try:
        checkpoints.checkpoint_append(organisation=record.organisation, signer=signer, key=key)
    except Exception:
        logger.exception("Record %s: the chain checkpoint was not written.", record.public_id)
    report_schedule(record=record)


def chain_head_sign(*, organisation: Organisation) -> dict[str, Any]:
    """The organisation's chain head now, signed with the current record signing key."""
    signer, key = signing_key_current(path=settings.RECORD_SIGNING_KEY_FILE)
    return checkpoints.chain_head_document(organisation=organisation, signer=signer, key=key)


def chain_checkpoints_write(*, organisations: Sequence[Organisation]) -> int:
    """Append the signed head of each organisation to the checkpoint file (a scheduled
    complement to the checkpoint every new record writes). Returns how many were written."""
    if settings.CHAIN_CHECKPOINT_FILE is None:
        raise ImproperlyConfigured(
            "No checkpoint file is set: GPAI_CHAIN_CHECKPOINT_FILE is empty."
        )
    signer, key = signing_key_current(path=settings.RECORD_SIGNING_KEY_FILE)
    for organisation in organisations:
        checkpoints.checkpoint_append(organisation=organisation, signer=signer, key=key)
    return len(organisations)


# ------------------------------------------------------------------ stored reports


# Rendering a report takes half a second of CPU: at a lower priority, so that a burst of
# signings commits first and the reports follow (issue 11: 20 parallel signings).
report_tasks = background.Tasks("reports", nice=10)


def report_schedule(*, record: AssessmentRecord) -> None:
    """Have the record's report made, retried after ``REPORT_RETRY_DELAYS`` seconds when
    it fails: on a background thread where the settings say so (``REPORTS_IN_BACKGROUND``,
    so that the attesting request ends at its commit), else now; not here at all where a
    report worker makes them (``REPORT_WORKER``). Safe to call any number of times: the task
    does nothing once the report exists."""
    if settings.REPORT_WORKER:
        return  # the report worker (`render_reports --every`) makes it
    record_pk = record.pk
    name = f"The report of record {record.public_id}"

    def task() -> None:
        record_report_create(record=AssessmentRecord.objects.get(pk=record_pk))

    delays = settings.REPORT_RETRY_DELAYS
    if settings.REPORTS_IN_BACKGROUND:
        report_tasks.submit(record_pk, task, delays=delays, name=name)
    else:
        background.retrying(task, delays=delays, name=name)


def report_warm_up() -> None:
    """Render and sign the newest record's report once, on the report thread, and keep
    nothing: a worker's first report costs about twice the CPU of the next ones (fonts,
    templates, the signer loaded), and workers restart every thousand requests or so. Called
    when a gunicorn worker starts (deploy/gunicorn.conf.py); does nothing where this process
    renders no reports, or while there is no record."""
    if settings.REPORT_WORKER or not settings.REPORTS_IN_BACKGROUND:
        return

    def task() -> None:
        record = AssessmentRecord.objects.select_related("organisation").order_by("-pk").first()
        if record is None:
            return
        try:
            _report_sign(
                render.report_pdf(export=export_document(record), verify_url=_verify_url())
            )
        except Exception as error:  # a report that fails here fails again, and is logged, there
            logger.info("The report renderer was not warmed up (%s).", type(error).__name__)

    report_tasks.submit("warm-up", task, delays=(), name="Warming up the report renderer")


def _verify_url() -> str:
    return f"{settings.SITE_URL}/verify/"


def _report_sign(pdf: bytes) -> bytes:
    return pades.pdf_sign(
        pdf,
        pkcs12_path=settings.RECORD_DOCUMENT_CERT_FILE,
        password=settings.RECORD_DOCUMENT_CERT_PASSWORD,
    )


# A report is made by the task its signing started, within seconds. A record older than
# this without one lost its task (its worker stopped, say): asking for it schedules it again.
REPORT_LOST_AFTER = timedelta(minutes=2)


def report_recover(*, record: AssessmentRecord) -> None:
    """Schedule the report of a record that has none, if its own task is overdue. Not
    sooner: every worker a reader's reload lands on would otherwise render it too."""
    if timezone.now() - record.created_at >= REPORT_LOST_AFTER:
        report_schedule(record=record)


def record_report_create(*, record: AssessmentRecord) -> RecordReport:
    """Render the record's report from its signed export, PAdES-sign it, store it and keep
    its hash in a ``RecordReport``. Idempotent: a record has one report, and when it
    already has one (or another worker stores one first) that one is returned."""
    existing = RecordReport.objects.filter(record=record).first()
    if existing is not None:
        return existing
    exported = export_document(record)
    pdf = _report_sign(render.report_pdf(export=exported, verify_url=_verify_url()))
    stored_name = default_storage.save(
        f"reports/{record.organisation.slug}/{record.public_id}.pdf", ContentFile(pdf)
    )
    try:
        with transaction.atomic():
            return RecordReport.objects.create(
                record=record, file=stored_name, sha256=sha256_hex(pdf)
            )
    except BaseException as error:
        default_storage.delete(stored_name)
        if isinstance(error, IntegrityError):
            # Another worker stored the record's report first: theirs stays, ours went.
            winner = RecordReport.objects.filter(record=record).first()
            if winner is not None:
                return winner
        logger.warning(
            "Record %s: its report was not recorded (%s: %s); the stored file %s is removed.",
            record.public_id,
            type(error).__name__,
            error,
            stored_name,
        )
        raise
