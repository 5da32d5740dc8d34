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
from datetime import datetime, timedelta
from functools import partial
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
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from questionnaire.audit import Action, Origin, audit_log
from questionnaire.lib import background
from questionnaire.lib.keys import Pkcs12Error, pkcs12_load
from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    ChecklistProgress,
    DocumentCertificate,
    Draft,
    Evidence,
    Membership,
    Organisation,
    RecordChain,
    RecordReport,
    RegisteredModel,
    ReviewComment,
    ReviewThread,
    SigningKey,
)
from questionnaire.notifications import notify
from questionnaire.presentation import normalised_language
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
from questionnaire.selectors import (
    assessment_checklist,
    attesters_of,
    membership_get,
    review_open_threads,
    reviewers_of,
)

logger = logging.getLogger(__name__)


def organisation_create(
    *, slug: str, name: str, four_eyes: bool = False, review_required: bool = False
) -> Organisation:
    return Organisation.objects.create(
        slug=slug, name=name, four_eyes=four_eyes, review_required=review_required
    )


def organisation_settings_set(
    *,
    organisation: Organisation,
    four_eyes: bool | None = None,
    review_required: bool | None = None,
    origin: Origin | None = None,
    actor: User | None = None,
) -> Organisation:
    """Turn four eyes (the preparer never attests) and the required review on or off
    (``None`` leaves a setting as it is); audited (``organisation.settings_changed``)."""
    before = {"four_eyes": organisation.four_eyes, "review_required": organisation.review_required}
    if four_eyes is not None:
        organisation.four_eyes = four_eyes
    if review_required is not None:
        organisation.review_required = review_required
    after = {"four_eyes": organisation.four_eyes, "review_required": organisation.review_required}
    if after == before:
        return organisation
    with transaction.atomic():
        organisation.save(update_fields=["four_eyes", "review_required"])
        audit_log(
            action=Action.ORGANISATION_SETTINGS_CHANGED,
            origin=origin,
            actor=actor,
            organisation=organisation,
            object_id=organisation.slug,
            detail={"before": before, "after": after},
        )
    return organisation


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
    it resumes at, the model's name, and the signed record it re-assesses or the model of
    the register it assesses (``ledger``)."""

    state: Mapping[str, Any]
    current_step: str
    model_name: str
    supersedes: AssessmentRecord | None = None
    registered_model: RegisteredModel | None = None


@transaction.atomic
def drafts_create(
    *, user: User, organisation: Organisation, seeds: Sequence[DraftSeed]
) -> list[Draft]:
    """The user's pre-filled drafts in the organisation (a re-assessment, which its
    administrators make), in one transaction. Each remembers the record it supersedes:
    attesting it offers that record as the one it corrects.

    They count towards the user's MAX_OPEN_DRAFTS like any other: only as many are opened
    as there is room for, in the order given; the caller says what was left out.

    A draft of a registered model that supersedes no record is any member's to open."""
    membership = membership_get(user=user, organisation=organisation)
    if any(seed.supersedes is not None for seed in seeds) and not membership.can_administer:
        raise PermissionDenied(
            gettext("Only administrators of the organisation can re-assess its records.")
        )
    if any(
        seed.supersedes is not None and seed.supersedes.organisation_id != organisation.pk
        for seed in seeds
    ):
        raise PermissionDenied(
            gettext("A draft can only correct a record of the same organisation.")
        )
    if any(
        seed.registered_model is not None
        and seed.registered_model.organisation_id != organisation.pk
        for seed in seeds
    ):
        raise PermissionDenied(gettext("A draft can only assess a model of the same organisation."))
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
                registered_model=seed.registered_model,
            )
            for seed in seeds[:room]
        ]
    )


@transaction.atomic
def draft_delete(*, draft: Draft) -> None:
    """Delete the draft, and the evidence attached to its answers with its stored files
    (once the deletion has committed): nothing of a draft thrown away is kept."""
    evidence = Evidence.objects.filter(draft_public_id=draft.public_id)
    stored = [name for name in evidence.values_list("file", flat=True) if name]
    evidence.delete()
    draft.delete()
    for name in stored:
        transaction.on_commit(partial(default_storage.delete, name))


def assessment_create(
    *,
    organisation: Organisation,
    user: User,
    answers: dict[str, Any],
    shown: list[dict[str, Any]],
    result: Mapping[str, Any],
    draft: Draft | None = None,
    origin: Origin | None = None,
    prepared_by: User | None = None,
) -> Assessment:
    """Keep the completed questionnaire with the wording shown and the result; the draft,
    if it came from one, has served its purpose and goes. Audited (``assessment.created``,
    from ``origin``) in the same transaction. ``prepared_by`` is who prepared the answers
    (``user`` unless said: the command line names them).

    A draft of an organisation that requires a review is completed by its approval
    (``draft_approve``), and a draft submitted for review waits for it: both refused here
    (``ReviewRefused``).

    Finish pressed twice: a draft becomes one assessment (a unique constraint), and the
    request that loses the race gets the assessment the other one made."""
    membership_get(user=user, organisation=organisation)  # 404 unless the user belongs to it
    if draft is not None:
        if organisation.review_required:
            raise ReviewRefused(
                gettext(
                    "%(organisation)s requires a review: submit the draft for review; its "
                    "approval completes it."
                )
                % {"organisation": organisation.name}
            )
        if draft.status == Draft.Status.SUBMITTED:
            raise ReviewRefused(
                gettext("This draft is submitted for review: withdraw it to finish it yourself.")
            )
    try:
        return _assessment_write(
            organisation=organisation,
            user=user,
            answers=answers,
            shown=shown,
            result=result,
            draft=draft,
            origin=origin,
            prepared_by=prepared_by or user,
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
    prepared_by: User,
    approved_by: User | None = None,
    approved_at: datetime | None = None,
) -> Assessment:
    assessment = Assessment.objects.create(
        organisation=organisation,
        created_by=user,
        prepared_by=prepared_by,
        approved_by=approved_by,
        approved_at=approved_at,
        model_name=answers.get("model_name") or "Unnamed model",
        draft_public_id=draft.public_id if draft else None,
        supersedes=draft.supersedes if draft else None,
        registered_model=draft.registered_model if draft else None,
        answers=answers,
        shown=shown,
        result=result,
        ruleset=result["ruleset"],
        classification=result["classification"],
    )
    audit_log(
        action=Action.ASSESSMENT_CREATED,
        origin=origin,
        actor=approved_by or user,
        organisation=organisation,
        object_id=str(assessment.public_id),
    )
    if draft is not None:
        draft.delete()
    return assessment


# ------------------------------------------------------------------ review (four eyes)

REVIEW_COMMENT_MAX = 2000
"""The longest comment on an answer, in characters: a few paragraphs."""


class ReviewRefused(PermissionDenied):
    """A step of the review that this person may not take, or not now; the message says
    why, in words for the page."""


class FourEyesRefused(PermissionDenied):
    """The organisation requires four eyes and the attester prepared the answers, or
    requires a review and the assessment was not approved: the message says which."""


def four_eyes_check(*, assessment: Assessment, attester: User) -> None:
    """Refuse (``FourEyesRefused``) a signature the organisation's settings forbid: by the
    person who prepared the answers where four eyes are required, of an assessment no
    reviewer approved where a review is required."""
    organisation = assessment.organisation
    preparer_id = assessment.prepared_by_id or assessment.created_by_id
    if organisation.four_eyes and attester.pk == preparer_id:
        raise FourEyesRefused(
            gettext(
                "You prepared these answers, and %(organisation)s requires four eyes: another "
                "attester of the organisation signs them."
            )
            % {"organisation": organisation.name}
        )
    if organisation.review_required and assessment.approved_by_id is None:
        raise FourEyesRefused(
            gettext(
                "%(organisation)s requires a review: an assessment is approved by a reviewer "
                "before anyone attests it."
            )
            % {"organisation": organisation.name}
        )


def _review_url(draft: Draft) -> str:
    path = reverse("wizard_step", kwargs={"draft_id": draft.public_id, "step": "review"})
    return f"{settings.SITE_URL}{path}"


def _draft_status_move(
    *, draft: Draft, user: User, from_: Sequence[str], to: str, refusal: str
) -> None:
    """Move the draft from one of ``from_`` to ``to`` in one statement, so two requests at
    once cannot both move it (the later is refused with ``refusal``)."""
    now = timezone.now()
    moved = Draft.objects.filter(pk=draft.pk, status__in=list(from_)).update(
        status=to, status_changed_at=now, status_changed_by=user
    )
    if not moved:
        raise ReviewRefused(refusal)
    draft.status, draft.status_changed_at, draft.status_changed_by = to, now, user


def _reviewer_check(*, draft: Draft, reviewer: User) -> None:
    if reviewer.pk == draft.owner_id:
        raise ReviewRefused(
            gettext(
                "You prepared this draft: someone else of the organisation reviews and approves it."
            )
        )
    if not membership_get(user=reviewer, organisation=draft.organisation).can_review:
        raise ReviewRefused(gettext("Only reviewers, attesters and administrators review drafts."))


@transaction.atomic
def draft_submit(*, draft: Draft, user: User, origin: Origin | None = None) -> Draft:
    """The preparer submits the draft for review: it is read-only for them until a reviewer
    asks for changes (or they withdraw it). The organisation's reviewers are told."""
    if user.pk != draft.owner_id:
        raise ReviewRefused(gettext("Only the person who prepares a draft submits it for review."))
    _draft_status_move(
        draft=draft,
        user=user,
        from_=(Draft.Status.EDITING, Draft.Status.CHANGES_REQUESTED),
        to=Draft.Status.SUBMITTED,
        refusal=gettext("This draft is already submitted for review."),
    )
    audit_log(
        action=Action.DRAFT_SUBMITTED,
        origin=origin,
        actor=user,
        organisation=draft.organisation,
        object_id=str(draft.public_id),
        detail={"model_name": draft.model_name[:200]},
    )

    def render_submitted() -> tuple[str, str]:  # in each reviewer's language
        values = {
            "name": draft.model_name or gettext("an unnamed model"),
            "user": user.get_username(),
            "organisation": draft.organisation.name,
            "url": _review_url(draft),
        }
        return gettext("Waiting for your review: %(name)s") % values, gettext(
            "%(user)s submitted the assessment of %(name)s (%(organisation)s) for review.\n\n"
            "Review the answers, comment on them, ask for changes or approve them:\n%(url)s\n"
        ) % values

    notify(
        organisation=draft.organisation,
        recipients=reviewers_of(organisation=draft.organisation, excluding=user),
        kind="review.submitted",
        render=render_submitted,
    )
    return draft


@transaction.atomic
def draft_withdraw(*, draft: Draft, user: User, origin: Origin | None = None) -> Draft:
    """The preparer takes a submitted draft back to change it (reviewers no longer see it)."""
    if user.pk != draft.owner_id:
        raise ReviewRefused(gettext("Only the person who prepares a draft withdraws it."))
    _draft_status_move(
        draft=draft,
        user=user,
        from_=(Draft.Status.SUBMITTED,),
        to=Draft.Status.EDITING,
        refusal=gettext("This draft is not submitted for review."),
    )
    audit_log(
        action=Action.DRAFT_WITHDRAWN,
        origin=origin,
        actor=user,
        organisation=draft.organisation,
        object_id=str(draft.public_id),
    )
    return draft


@transaction.atomic
def draft_changes_request(*, draft: Draft, reviewer: User, origin: Origin | None = None) -> Draft:
    """A reviewer sends the submitted draft back to its preparer, who is told, with the
    comments on its answers; the preparer changes it and submits it again."""
    _reviewer_check(draft=draft, reviewer=reviewer)
    threads = ReviewThread.objects.filter(
        organisation=draft.organisation, draft_public_id=draft.public_id, resolved_at=None
    )
    open_threads = threads.count()
    comments = ReviewComment.objects.filter(thread__in=threads).count()
    _draft_status_move(
        draft=draft,
        user=reviewer,
        from_=(Draft.Status.SUBMITTED,),
        to=Draft.Status.CHANGES_REQUESTED,
        refusal=gettext("This draft is not waiting for a review."),
    )
    audit_log(
        action=Action.DRAFT_CHANGES_REQUESTED,
        origin=origin,
        actor=reviewer,
        organisation=draft.organisation,
        object_id=str(draft.public_id),
        detail={"open_threads": open_threads, "comments": comments},
    )

    def render_changes() -> tuple[str, str]:  # in the preparer's language
        values = {
            "name": draft.model_name or gettext("an unnamed model"),
            "reviewer": reviewer.get_username(),
            "count": open_threads,
            "url": _review_url(draft),
        }
        return gettext("Changes requested: %(name)s") % values, ngettext(
            "%(reviewer)s asked for changes to the assessment of %(name)s (%(count)s open "
            "comment thread).\n\nRead the comments beside the answers, change them and "
            "submit again:\n%(url)s\n",
            "%(reviewer)s asked for changes to the assessment of %(name)s (%(count)s open "
            "comment threads).\n\nRead the comments beside the answers, change them and "
            "submit again:\n%(url)s\n",
            open_threads,
        ) % values

    notify(
        organisation=draft.organisation,
        recipients=[draft.owner],
        kind="review.changes_requested",
        render=render_changes,
    )
    return draft


@transaction.atomic
def draft_approve(
    *,
    draft: Draft,
    reviewer: User,
    answers: dict[str, Any],
    shown: list[dict[str, Any]],
    result: Mapping[str, Any],
    origin: Origin | None = None,
) -> Assessment:
    """A reviewer approves the submitted draft, which completes it: the assessment names its
    preparer (the draft's owner), its reviewer and when. Refused for the preparer, for
    anyone who may not review, while any comment thread is open, and unless the draft
    waits for a review. The preparer is told, and so are the attesters who may sign it."""
    _reviewer_check(draft=draft, reviewer=reviewer)
    locked = Draft.objects.select_for_update().filter(pk=draft.pk).first()
    if locked is None or locked.status != Draft.Status.SUBMITTED:
        raise ReviewRefused(gettext("This draft is not waiting for a review."))
    open_threads = review_open_threads(draft=draft)
    if open_threads:
        raise ReviewRefused(
            ngettext(
                "%(count)d comment thread is still open: resolve every thread before you approve.",
                "%(count)d comment threads are still open: resolve every thread before you "
                "approve.",
                open_threads,
            )
            % {"count": open_threads}
        )
    organisation = draft.organisation
    preparer = draft.owner
    approved_at = timezone.now()
    audit_log(
        action=Action.DRAFT_APPROVED,
        origin=origin,
        actor=reviewer,
        organisation=organisation,
        object_id=str(draft.public_id),
        detail={"prepared_by": preparer.get_username()},
    )
    assessment = _assessment_write(
        organisation=organisation,
        user=preparer,
        answers=answers,
        shown=shown,
        result=result,
        draft=draft,
        origin=origin,
        prepared_by=preparer,
        approved_by=reviewer,
        approved_at=approved_at,
    )
    name = assessment.model_name
    path = reverse("assessment_detail", kwargs={"public_id": assessment.public_id})
    url = f"{settings.SITE_URL}{path}"
    values = {
        "name": name,
        "reviewer": reviewer.get_username(),
        "preparer": preparer.get_username(),
        "url": url,
    }
    notify(  # each message in its recipient's language
        organisation=organisation,
        recipients=[preparer],
        kind="review.approved",
        render=lambda: (
            gettext("Approved: %(name)s") % values,
            gettext("%(reviewer)s approved your assessment of %(name)s.\n\n%(url)s\n") % values,
        ),
    )
    notify(
        organisation=organisation,
        recipients=[
            person
            for person in attesters_of(organisation=organisation)
            if not (organisation.four_eyes and person.pk == preparer.pk)
        ],
        kind="review.awaiting_signature",
        render=lambda: (
            gettext("Waiting for your signature: %(name)s") % values,
            gettext(
                "%(reviewer)s approved the assessment of %(name)s that %(preparer)s prepared. "
                "It waits for an attester's signature:\n%(url)s\n"
            )
            % values,
        ),
    )
    return assessment


def review_comment_add(
    *,
    draft: Draft,
    author: User,
    body: str,
    question_key: str = "",
    thread: ReviewThread | None = None,
    origin: Origin | None = None,
) -> ReviewComment:
    """A comment on one answer of the draft: a reviewer opens a thread on ``question_key``,
    and the preparer or a reviewer replies in ``thread``. The body is 1 to
    ``REVIEW_COMMENT_MAX`` characters (``ValidationError`` on ``body`` otherwise)."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": ["Enter your comment."]})
    if len(body) > REVIEW_COMMENT_MAX:
        raise ValidationError(
            {"body": [f"A comment can be at most {REVIEW_COMMENT_MAX:,} characters long."]}
        )
    preparer = author.pk == draft.owner_id
    if not preparer:
        _reviewer_check(draft=draft, reviewer=author)
        if draft.status not in (Draft.Status.SUBMITTED, Draft.Status.CHANGES_REQUESTED):
            raise ReviewRefused(gettext("This draft is not under review."))
    with transaction.atomic():
        if thread is None:
            if preparer:
                raise ReviewRefused(gettext("Reviewers open comments; you reply to theirs."))
            if not question_key or len(question_key) > 100:
                raise ReviewRefused(gettext("Choose the answer the comment is about."))
            thread = ReviewThread.objects.create(
                organisation=draft.organisation,
                draft_public_id=draft.public_id,
                question_key=question_key,
                opened_by=author,
            )
        elif (
            thread.draft_public_id != draft.public_id
            or thread.organisation_id != draft.organisation_id
        ):
            raise ReviewRefused(gettext("That comment thread is not on this draft."))
        elif thread.resolved_at is not None:
            raise ReviewRefused(gettext("That comment thread is resolved."))
        comment = ReviewComment.objects.create(thread=thread, author=author, body=body)
        audit_log(
            action=Action.REVIEW_COMMENTED,
            origin=origin,
            actor=author,
            organisation=draft.organisation,
            object_id=str(draft.public_id),
            detail={"question": thread.question_key, "thread": thread.pk},
        )
    return comment


@transaction.atomic
def review_thread_resolve(
    *, draft: Draft, thread: ReviewThread, user: User, origin: Origin | None = None
) -> ReviewThread:
    """A reviewer closes a thread whose question is settled; approval waits for every one."""
    _reviewer_check(draft=draft, reviewer=user)
    if thread.draft_public_id != draft.public_id:
        raise ReviewRefused(gettext("That comment thread is not on this draft."))
    resolved = ReviewThread.objects.filter(pk=thread.pk, resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=user
    )
    if not resolved:
        raise ReviewRefused(gettext("That comment thread is resolved already."))
    thread.refresh_from_db()
    audit_log(
        action=Action.REVIEW_RESOLVED,
        origin=origin,
        actor=user,
        organisation=draft.organisation,
        object_id=str(draft.public_id),
        detail={"question": thread.question_key, "thread": thread.pk},
    )
    return thread


# ------------------------------------------------------------------ documentation checklist

CHECKLIST_NOTE_MAX = 2000
"""The longest note on a checklist item, in characters: a few paragraphs; the evidence
itself lives where the link points."""
CHECKLIST_URL_MAX = 500  # ChecklistProgress.evidence_url's max_length
evidence_url_validator = URLValidator(
    schemes=["http", "https"],
    message=gettext_lazy(
        "Enter a web address starting with https:// or http://, such as "
        "https://files.example.com/annex-xi.pdf."
    ),
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
        errors["note"] = [
            gettext("The note can be at most %(limit)s characters long.")
            % {"limit": number_format(CHECKLIST_NOTE_MAX, force_grouping=True)}
        ]
    if evidence_url:
        try:
            if len(evidence_url) > CHECKLIST_URL_MAX:
                raise ValidationError(
                    gettext("The link can be at most %(limit)s characters long.")
                    % {"limit": number_format(CHECKLIST_URL_MAX, force_grouping=True)}
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
    language: str | None = None,
) -> AssessmentRecord:
    """Attest and sign an assessment: canonical payload, SHA-256, Ed25519 signature and the
    link to the organisation's previous record, committed under the organisation's lock
    with its audit event (``record.attested``, from ``origin``).

    ``language``: the language the attester read the result in (en, de, fr); by default the
    active one (the attesting request's page language). The payload records it and, for a
    language other than English, the exact texts shown (``questionnaire.records.payload``).

    The PDF report is not made under the lock: once the record has committed, it is
    rendered, PAdES-signed and stored by ``report_schedule`` (a task, retried, idempotent),
    and the chain's new head is written to the checkpoint file."""
    organisation = assessment.organisation
    if not membership_get(user=attester, organisation=organisation).can_attest:
        raise PermissionDenied(
            gettext("Only attesters of the organisation can sign its assessments.")
        )
    four_eyes_check(assessment=assessment, attester=attester)
    if supersedes is not None and supersedes.organisation_id != organisation.pk:
        raise PermissionDenied(
            gettext("A record can only correct a record of the same organisation.")
        )
    signer, key = signing_key_current(path=settings.RECORD_SIGNING_KEY_FILE)
    attested_in = normalised_language(
        language if language is not None else translation.get_language()
    )
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
            language=attested_in,
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
    language: str = "en",
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
            language=language,
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
