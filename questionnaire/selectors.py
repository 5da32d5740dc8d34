"""Organisation-scoped reads: the one place that decides who sees what.

Every view reads drafts and assessments through these functions. An object of another
organisation, or another person's draft, is answered with 404 — never 403, which would
confirm that it exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from questionnaire.checklist import Checklist, checklist_for
from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    AuditEvent,
    ChecklistProgress,
    DocumentCertificate,
    Draft,
    Membership,
    Organisation,
    RecordReport,
    SigningKey,
)
from questionnaire.records.chain import payload_of

User = AuthUser | AnonymousUser


def memberships_for(*, user: User) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisations_for(*, user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def membership_get(*, user: User, organisation: Organisation) -> Membership:
    """The user's membership of this organisation; 404 when there is none."""
    try:
        return memberships_for(user=user).get(organisation=organisation)
    except Membership.DoesNotExist:
        raise Http404("No such organisation.") from None


def organisation_get(*, user: User, slug: str) -> Organisation:
    """One of the user's organisations, by its slug; 404 for any other."""
    try:
        return organisations_for(user=user).get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation.") from None


def drafts_for(*, user: User) -> QuerySet[Draft]:
    """The user's own drafts, in organisations they still belong to, newest first."""
    if not user.is_authenticated:
        return Draft.objects.none()
    return (
        Draft.objects.filter(owner=user, organisation__memberships__user=user)
        .select_related("organisation")
        .order_by("-updated_at")
    )


def draft_get(*, user: User, public_id: uuid.UUID | str) -> Draft:
    """One of the user's drafts, read with the user's role in its organisation (in the same
    query: every wizard request reads both, see ``draft_membership``); 404 for any other."""
    try:
        # The membership that drafts_for's filter joins (the user's own): its role.
        return (
            drafts_for(user=user)
            .annotate(member_role=F("organisation__memberships__role"))
            .get(public_id=public_id)
        )
    except (Draft.DoesNotExist, ValueError):
        raise Http404("No such draft.") from None


def draft_membership(*, draft: Draft) -> Membership:
    """The draft owner's membership of its organisation, as ``draft_get`` read it (no
    query): only its role is known."""
    return Membership(
        user_id=draft.owner_id,
        organisation=draft.organisation,
        role=draft.member_role,  # type: ignore[attr-defined]
    )


def drafts_listed(*, user: User) -> QuerySet[Draft]:
    """The user's drafts that hold something saved, for the dashboard. A draft made by
    "Start the questionnaire" and left before its first step was saved holds nothing to
    resume: it is not listed, and ``services.draft_create`` removes it once no sign-in can
    still post to it."""
    # The page shows the columns, never the step data: it is not read (a draft holds up to
    # a few kilobytes of it).
    return drafts_for(user=user).exclude(state={}).defer("state")


def memberships_summarised(*, user: User) -> QuerySet[Membership]:
    """``memberships_for`` with each organisation's completed assessments counted by the
    database in the same query, for the dashboard: ``assessments_total`` and
    ``assessments_signed`` (an assessment has at most one record: a constraint)."""
    return memberships_for(user=user).annotate(
        assessments_total=Count("organisation__assessments"),
        assessments_signed=Count("organisation__assessments__records"),
    )


def assessments_ordered(*, user: User) -> QuerySet[Assessment, int]:
    """The ids of ``assessments_for``, in its order: what the dashboard pages through. The
    database sorts these without carrying every column of every row along."""
    return assessments_for(user=user).values_list("id", flat=True)


def assessments_listed(
    *, user: User, among: QuerySet[Assessment, int]
) -> QuerySet[Assessment, Mapping[str, Any]]:
    """The dashboard's rows of the assessments whose ids ``among`` selects (a page of
    ``assessments_ordered``, read by the database as a subquery), in the same order: only
    the columns shown, not the answers, wording and result documents that are most of a
    row, and the signed record of each (at most one: a constraint) joined in as
    ``record_public_id`` and ``record_sequence`` (None when not signed)."""
    return (
        assessments_for(user=user)
        .filter(id__in=among)
        .values(
            "public_id",
            "model_name",
            "classification",
            "created_at",
            organisation_name=F("organisation__name"),
            created_by_username=F("created_by__username"),
            record_public_id=F("records__public_id"),
            record_sequence=F("records__sequence"),
        )
    )


def assessments_for(*, user: User) -> QuerySet[Assessment]:
    """Assessments of every organisation the user belongs to, newest first."""
    if not user.is_authenticated:
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "created_by")
        .order_by("-created_at", "-id")
    )


def assessment_completing(*, user: User, draft_id: uuid.UUID | str) -> Assessment | None:
    """The assessment a (now deleted) draft of this user became, if any."""
    if not isinstance(user, AuthUser):
        return None
    try:
        return assessments_for(user=user).filter(draft_public_id=draft_id, created_by=user).first()
    except ValueError:
        return None


def assessment_get(*, user: User, public_id: uuid.UUID | str) -> Assessment:
    try:
        return assessments_for(user=user).get(public_id=public_id)
    except (Assessment.DoesNotExist, ValueError):
        raise Http404("No such assessment.") from None


def records_for(*, user: User) -> QuerySet[AssessmentRecord]:
    """Signed records of every organisation the user belongs to, newest first."""
    if not user.is_authenticated:
        return AssessmentRecord.objects.none()
    return (
        AssessmentRecord.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "attested_by", "signing_key", "supersedes")
        .order_by("-created_at", "-sequence")
    )


def record_get(*, user: User, public_id: uuid.UUID | str) -> AssessmentRecord:
    try:
        return records_for(user=user).get(public_id=public_id)
    except (AssessmentRecord.DoesNotExist, ValueError):
        raise Http404("No such record.") from None


def record_report_get(
    *, user: User, public_id: uuid.UUID | str
) -> tuple[AssessmentRecord, RecordReport | None]:
    """For a download: a record the user may see (``records_for``; 404 for any other) and
    its stored report (None while it is being prepared), in one query that reads only what
    a download uses: not the signed payload, nor the attester, key or corrected record."""
    try:
        record = (
            records_for(user=user)
            .select_related(None)
            .select_related("organisation", "report")
            .only(
                "public_id",
                "sequence",
                "model_name",
                "created_at",
                "organisation__id",
                "report__file",
                "report__sha256",
            )
            .get(public_id=public_id)
        )
    except (AssessmentRecord.DoesNotExist, ValueError):
        raise Http404("No such record.") from None
    try:
        return record, record.report
    except RecordReport.DoesNotExist:
        return record, None


def record_report_of(*, record: AssessmentRecord) -> RecordReport | None:
    """The record's stored PDF report, or None while it is being prepared. ``record`` comes
    from ``record_get``, so it is already one the user may see."""
    return RecordReport.objects.filter(record=record).first()


def record_superseding(*, user: User, record: AssessmentRecord) -> AssessmentRecord | None:
    """The later record that corrects this one, if any."""
    return records_for(user=user).filter(supersedes=record).first()


def records_correctable(*, user: User, organisation: Organisation) -> QuerySet[AssessmentRecord]:
    """The organisation's records that no later record supersedes yet."""
    return records_for(user=user).filter(organisation=organisation, superseded_by__isnull=True)


def drafts_superseding(*, user: User, organisation: Organisation) -> dict[int, Draft]:
    """The user's open drafts in this organisation that re-assess one of its records, by
    the record's pk (the newest draft where there are several)."""
    found: dict[int, Draft] = {}
    drafts = (
        drafts_for(user=user)
        .filter(organisation=organisation, supersedes__isnull=False)
        .order_by("updated_at")
    )
    for draft in drafts:
        if draft.supersedes_id is not None:
            found[draft.supersedes_id] = draft
    return found


def assessment_records(*, user: User, assessment: Assessment) -> QuerySet[AssessmentRecord]:
    """The signed records of this assessment (at most one), newest first."""
    return records_for(user=user).filter(assessment=assessment)


# ------------------------------------------------------------------ documentation checklist


def assessment_checklist(*, assessment: Assessment) -> Checklist:
    """The documentation checklist of an assessment the caller may see (``assessment_get``):
    from its signed record's documents once it is signed (what the record and its report
    show), else from its stored answers and result. Never from a new run of the engine."""
    record = AssessmentRecord.objects.filter(assessment=assessment).first()
    if record is not None:
        payload = payload_of(record)
        if payload is not None:
            return record_checklist(payload=payload)
    return checklist_for(assessment.result or {}, assessment.answers or {})


def record_checklist(*, payload: Mapping[str, Any]) -> Checklist:
    """The documentation checklist a signed record's payload calls for."""
    result = payload.get("result")
    answers = payload.get("answers")
    return checklist_for(
        result if isinstance(result, Mapping) else {},
        answers if isinstance(answers, Mapping) else {},
    )


@dataclass(frozen=True)
class ItemProgress:
    """How far one checklist item is, as the page shows it: ``carried_from`` is the earlier
    assessment the progress comes from, when this assessment re-assesses its record and has
    no progress of its own for the item yet."""

    item: str
    done: bool
    note: str
    evidence_url: str
    updated_by: str
    updated_at: datetime
    carried_from: Assessment | None = None


# Re-assessments of re-assessments: how far back progress is carried from (a chain of
# corrections is short; the bound only guards against a loop in damaged data).
CARRY_FORWARD_DEPTH = 20


def checklist_progress_for(*, user: User, assessment: Assessment) -> dict[str, ItemProgress]:
    """The organisation's progress on the assessment's checklist, by item id, read through
    the user's memberships (nothing for anyone outside the organisation). An item without
    progress of its own takes the progress of the assessment whose record this one
    re-assesses (and so on back), marked as carried from it."""
    if not user.is_authenticated:
        return {}
    found: dict[str, ItemProgress] = {}
    current: Assessment | None = assessment
    seen: set[int] = set()
    while current is not None and current.pk not in seen and len(seen) < CARRY_FORWARD_DEPTH:
        seen.add(current.pk)
        rows = (
            ChecklistProgress.objects.filter(
                assessment=current,
                organisation=assessment.organisation_id,
                organisation__memberships__user=user,
            )
            .select_related("updated_by")
            .order_by("item")
        )
        for row in rows:
            if row.item not in found:
                found[row.item] = ItemProgress(
                    item=row.item,
                    done=row.done,
                    note=row.note,
                    evidence_url=row.evidence_url,
                    updated_by=row.updated_by.get_username() if row.updated_by else "",
                    updated_at=row.updated_at,
                    carried_from=None if current is assessment else current,
                )
        current = _assessment_superseded(user=user, assessment=current)
    return found


def _assessment_superseded(*, user: User, assessment: Assessment) -> Assessment | None:
    """The assessment whose signed record this one re-assesses, if the user may see it."""
    if assessment.supersedes_id is None:
        return None
    return (
        assessments_for(user=user)
        .filter(records__pk=assessment.supersedes_id, organisation=assessment.organisation_id)
        .first()
    )


def published_keys() -> dict[str, SigningKey]:
    """Every record signing key ever used, by key id, oldest first: public knowledge."""
    return {key.key_id: key for key in SigningKey.objects.all()}


def published_keys_document() -> dict[str, Any]:
    """Every public key and document certificate this service has signed with, as
    ``/signing-keys.json`` publishes them and the regulator bundle carries them."""
    return {
        "keys": [
            {
                "key_id": key.key_id,
                "algorithm": key.algorithm,
                "public_key": key.public_key,
                "created_at": key.created_at.isoformat(),
                "retired_at": key.retired_at.isoformat() if key.retired_at else None,
            }
            for key in published_keys().values()
        ],
        "document_certificates": [
            {
                "fingerprint_sha256": certificate.fingerprint,
                "subject": certificate.subject,
                "certificate_pem": certificate.certificate_pem,
                "created_at": certificate.created_at.isoformat(),
                "retired_at": certificate.retired_at.isoformat()
                if certificate.retired_at
                else None,
            }
            for certificate in document_certificates()
        ],
    }


def document_certificates() -> QuerySet[DocumentCertificate]:
    """Every certificate that ever signed a PDF report, retired ones included, oldest first:
    public knowledge, and what an uploaded report is checked against."""
    return DocumentCertificate.objects.all()


@dataclass(frozen=True)
class AuditFilter:
    """What the audit trail page and its CSV narrow the events to; empty means any."""

    action: str = ""
    record_id: uuid.UUID | None = None
    username: str = ""
    since: date | None = None  # from the start of this day (the site's time zone)
    until: date | None = None  # to the end of this day


def audit_events_for(
    *, user: User, organisation: Organisation, filters: AuditFilter | None = None
) -> QuerySet[AuditEvent]:
    """The organisation's audit events, newest first, for its administrators; none for
    anyone else (the view answers 404 or 403 before asking)."""
    if not user.is_authenticated:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(
        organisation=organisation,
        organisation__memberships__user=user,
        organisation__memberships__role=Membership.Role.ADMIN,
    )
    chosen = filters or AuditFilter()
    if chosen.action:
        events = events.filter(action=chosen.action)
    if chosen.record_id is not None:
        events = events.filter(
            Q(record__public_id=chosen.record_id) | Q(object_id=str(chosen.record_id))
        )
    if chosen.username:
        events = events.filter(actor_username__iexact=chosen.username)
    if chosen.since is not None:
        events = events.filter(created_at__gte=_day_start(chosen.since))
    if chosen.until is not None:
        events = events.filter(created_at__lt=_day_start(chosen.until + timedelta(days=1)))
    return events.select_related("record").order_by("-created_at", "-id")


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
