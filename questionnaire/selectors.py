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
from functools import lru_cache
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from questionnaire.checklist import Checklist, checklist_for
from questionnaire.lib import rows
from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    AuditEvent,
    ChecklistProgress,
    DocumentCertificate,
    Draft,
    Membership,
    Organisation,
    Question,
    RecordReport,
    ReviewComment,
    ReviewThread,
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


def organisation_administered(*, user: User, slug: str, refusal: str) -> Organisation:
    """One of the user's organisations that they administer: 404 unless they belong to it,
    403 (``PermissionDenied`` with ``refusal``, the reader's sentence saying that only
    administrators may do this) unless they administer it."""
    organisation = organisation_get(user=user, slug=slug)
    if not membership_get(user=user, organisation=organisation).can_administer:
        raise PermissionDenied(refusal)
    return organisation


def drafts_for(*, user: User) -> QuerySet[Draft]:
    """The user's own drafts, in organisations they still belong to, newest first."""
    if not user.is_authenticated:
        return Draft.objects.none()
    return (
        Draft.objects.filter(owner=user, organisation__memberships__user=user)
        .select_related("organisation")
        .order_by("-updated_at")
    )


def wording_stamp() -> dict[str, Subquery]:
    """Annotations that read, in the query of another row, what tells one state of the
    questions' wording from another: the newest ``updated_at`` and the number of questions.
    ``draft_get`` reads them with the draft, so that ``wording.wording_for`` serves a wizard
    request its wording without a query of its own while nothing changed.

    Wording changes go through ``wording.question_update_wording`` (the admin), which saves
    and so moves ``updated_at``; a bulk ``QuerySet.update`` of the words must set
    ``updated_at`` too, as the data migrations do (they run before any process serves)."""
    questions = Question.objects.order_by().annotate(one=Value(1)).values("one")
    return {
        "wording_updated": Subquery(questions.annotate(latest=Max("updated_at")).values("latest")),
        "wording_count": Subquery(questions.annotate(count=Count("pk")).values("count")),
    }


def draft_get(*, user: User, public_id: uuid.UUID | str) -> Draft:
    """One of the user's drafts, read with its organisation, the user's role there (every
    wizard request reads both, see ``draft_membership``) and the wording's stamp
    (``wording_stamp``), in one query; 404 for any other.

    The same rows as ``drafts_for(user=user).get(public_id=public_id)`` with those
    annotations, in a statement written out: built by the ORM, this query cost every wizard
    request about 2 ms on our 2-core machines, against 0.1 ms to run it (issue 11;
    ``questionnaire.lib.rows``). ``test_draft_get_matches_the_orm`` holds the two equal."""
    if not user.is_authenticated:
        raise Http404("No such draft.")
    try:
        public = rows.param(Draft, "public_id", public_id)
    except (ValueError, ValidationError):
        raise Http404("No such draft.") from None
    row = rows.fetch_one(_draft_sql(connections["default"].vendor), [public, user.pk, user.pk])
    if row is None:
        raise Http404("No such draft.")
    draft_columns, organisation_columns = rows.columns(Draft), rows.columns(Organisation)
    draft = cast(Draft, draft_columns.instance(row, 0, "default"))
    draft.organisation = organisation_columns.instance(row, draft_columns.count, "default")  # type: ignore[assignment]
    role, updated, count = row[draft_columns.count + organisation_columns.count :]
    draft.member_role = role  # type: ignore[attr-defined]
    draft.wording_updated = rows.convert(Question, "updated_at", updated)  # type: ignore[attr-defined]
    draft.wording_count = count  # type: ignore[attr-defined]
    return draft


@lru_cache(maxsize=4)
def _draft_sql(vendor: str) -> str:
    """``draft_get``'s statement for the default database, whose engine is ``vendor`` (the
    statement is kept per engine: a test may point ``default`` at another for a while)."""
    connection = connections["default"]
    quote = connection.ops.quote_name
    question = rows.table(Question)
    # Names of the models' tables and columns, quoted by the backend; values as parameters.
    return (
        f"SELECT {rows.columns(Draft).select('d', connection)}, "  # noqa: S608
        f"{rows.columns(Organisation).select('o', connection)}, m.{quote('role')}, "
        f"(SELECT MAX(q.{quote('updated_at')}) FROM {question} q), "
        f"(SELECT COUNT(*) FROM {question} q) "
        f"FROM {rows.table(Draft)} d "
        f"INNER JOIN {rows.table(Organisation)} o ON o.{quote('id')} = d.{quote('organisation_id')} "
        f"INNER JOIN {rows.table(Membership)} m ON m.{quote('organisation_id')} = o.{quote('id')} "
        f"WHERE d.{quote('public_id')} = %s AND d.{quote('owner_id')} = %s "
        f"AND m.{quote('user_id')} = %s"
    )


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
    ``assessments_signed`` (an assessment has at most one record: a constraint), and
    ``drafts_submitted``, the drafts others submitted for review (None for none)."""
    return memberships_for(user=user).annotate(
        assessments_total=Count("organisation__assessments"),
        assessments_signed=Count("organisation__assessments__records"),
        # Drafts of others submitted for review (a subquery: no join to multiply the counts
        # above); whether the dashboard needs to list those waiting for this person.
        drafts_submitted=Subquery(
            Draft.objects.filter(
                organisation=OuterRef("organisation"), status=Draft.Status.SUBMITTED
            )
            .exclude(owner=user.pk)
            .values("organisation")
            .annotate(count=Count("pk"))
            .values("count")[:1]
        ),
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
        # Its preparer finished it, or its reviewer approved it.
        return (
            assessments_for(user=user)
            .filter(Q(created_by=user) | Q(approved_by=user), draft_public_id=draft_id)
            .first()
        )
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


# ------------------------------------------------------------------ review (four eyes)

REVIEWER_ROLES = (Membership.Role.REVIEWER, Membership.Role.ATTESTER, Membership.Role.ADMIN)
"""The roles of ``Membership.can_review``, for queries."""
UNDER_REVIEW = (Draft.Status.SUBMITTED, Draft.Status.CHANGES_REQUESTED)
"""Where a draft stands while reviewers may read it: submitted, or sent back to its
preparer with changes requested (its reviewers follow up on their comments)."""


def drafts_for_review(*, user: User) -> QuerySet[Draft]:
    """Drafts others of the user's organisations submitted for review, for a user who may
    review there (``Membership.can_review``): submitted or sent back with changes requested.
    Never the user's own drafts: nobody reviews their own work."""
    if not isinstance(user, AuthUser):
        return Draft.objects.none()
    return (
        Draft.objects.filter(
            organisation__memberships__user=user,
            organisation__memberships__role__in=REVIEWER_ROLES,
            status__in=UNDER_REVIEW,
        )
        .exclude(owner=user)
        .select_related("organisation", "owner")
    )


def draft_get_for_review(*, user: User, public_id: uuid.UUID | str) -> Draft | None:
    """A draft the user reviews (``drafts_for_review``), with the user's own role as
    ``member_role``; None for any other (the caller answers 404)."""
    try:
        return (
            drafts_for_review(user=user)
            .annotate(member_role=F("organisation__memberships__role"), **wording_stamp())
            .filter(public_id=public_id)
            .first()
        )
    except ValueError:
        return None


def drafts_awaiting_review(*, user: User) -> QuerySet[Draft]:
    """Drafts waiting for the user's review (submitted, not theirs), longest waiting
    first, for the dashboard: the columns shown, not the step data."""
    return (
        drafts_for_review(user=user)
        .filter(status=Draft.Status.SUBMITTED)
        .defer("state")
        .order_by("status_changed_at", "id")
    )


def review_comments_for(*, user: User, draft: Draft) -> QuerySet[ReviewComment]:
    """Every comment on the draft's answers with its thread, oldest first, in one query (a
    thread is opened with its first comment, so none is left out). Read only through a
    draft the user may open (``draft_get`` or ``draft_get_for_review``)."""
    if not isinstance(user, AuthUser):
        return ReviewComment.objects.none()
    return (
        ReviewComment.objects.filter(
            thread__organisation=draft.organisation_id,
            thread__draft_public_id=draft.public_id,
            thread__organisation__memberships__user=user,
        )
        .select_related("thread", "thread__opened_by", "thread__resolved_by", "author")
        .order_by("thread__opened_at", "thread_id", "created_at", "id")
    )


def review_thread_get(*, user: User, draft: Draft, thread_id: int | str) -> ReviewThread:
    """One thread on the draft's answers; 404 for any other."""
    if not isinstance(user, AuthUser):
        raise Http404("No such comment thread.")
    try:
        return ReviewThread.objects.get(
            pk=thread_id,
            organisation=draft.organisation_id,
            draft_public_id=draft.public_id,
            organisation__memberships__user=user,
        )
    except (ReviewThread.DoesNotExist, ValueError, TypeError):
        raise Http404("No such comment thread.") from None


def review_open_threads(*, draft: Draft) -> int:
    """How many threads on the draft's answers are still open: approval waits for none."""
    return ReviewThread.objects.filter(
        organisation=draft.organisation_id, draft_public_id=draft.public_id, resolved_at=None
    ).count()


def reviewers_of(
    *, organisation: Organisation, excluding: AuthUser | None = None
) -> list[AuthUser]:
    """The people who may review the organisation's drafts, but ``excluding`` (the preparer)."""
    people = AuthUser.objects.filter(
        memberships__organisation=organisation, memberships__role__in=REVIEWER_ROLES, is_active=True
    )
    if excluding is not None:
        people = people.exclude(pk=excluding.pk)
    return list(people.order_by("username"))


def attesters_of(
    *, organisation: Organisation, excluding: AuthUser | None = None
) -> list[AuthUser]:
    """The people who may attest the organisation's assessments, but ``excluding``."""
    people = AuthUser.objects.filter(
        memberships__organisation=organisation,
        memberships__role__in=(Membership.Role.ATTESTER, Membership.Role.ADMIN),
        is_active=True,
    )
    if excluding is not None:
        people = people.exclude(pk=excluding.pk)
    return list(people.order_by("username"))


@dataclass(frozen=True)
class TimelineEntry:
    """One step of an assessment's way from its draft to its signature, as its page shows
    it: when, what, who, and a note (how many comments came with a request for changes)."""

    at: datetime
    action: str
    title: str
    actor: str
    note: str = ""


TIMELINE_ACTIONS = {
    AuditEvent.Action.DRAFT_SUBMITTED: gettext_noop("Submitted for review"),
    AuditEvent.Action.DRAFT_WITHDRAWN: gettext_noop("Withdrawn from review"),
    AuditEvent.Action.DRAFT_CHANGES_REQUESTED: gettext_noop("Changes requested"),
    AuditEvent.Action.DRAFT_APPROVED: gettext_noop("Approved"),
    AuditEvent.Action.ASSESSMENT_CREATED: gettext_noop("Completed"),
    AuditEvent.Action.RECORD_ATTESTED: gettext_noop("Attested and signed"),
}


def assessment_timeline(*, user: User, assessment: Assessment) -> list[TimelineEntry]:
    """The assessment's timeline, oldest first, from the audit trail: who prepared it, each
    submission for review, each request for changes (with the number of comments on the
    answers then), the approval, the completion and the signature. ``assessment`` comes from
    ``assessment_get``; the events are read through the user's membership."""
    if not isinstance(user, AuthUser):
        return []
    ids = [str(assessment.public_id)]
    if assessment.draft_public_id is not None:
        ids.append(str(assessment.draft_public_id))
    ids.extend(
        str(public_id)
        for public_id in AssessmentRecord.objects.filter(assessment=assessment).values_list(
            "public_id", flat=True
        )
    )
    events = AuditEvent.objects.filter(
        organisation=assessment.organisation_id,
        organisation__memberships__user=user,
        object_id__in=ids,
        action__in=list(TIMELINE_ACTIONS),
    ).order_by("created_at", "id")
    preparer = assessment.prepared_by or assessment.created_by
    entries = [
        TimelineEntry(
            at=assessment.created_at,
            action="prepared",
            title=gettext("Prepared"),
            actor=preparer.get_username() if preparer else "",
            note=gettext("the answers"),
        )
    ]
    submitted = False
    for event in events:
        title = gettext(TIMELINE_ACTIONS[AuditEvent.Action(event.action)])
        note = ""
        detail = event.detail if isinstance(event.detail, dict) else {}
        if event.action == AuditEvent.Action.DRAFT_SUBMITTED:
            if submitted:
                title = gettext("Submitted again for review")
            submitted = True
        elif event.action == AuditEvent.Action.DRAFT_CHANGES_REQUESTED:
            comments = detail.get("comments")
            if isinstance(comments, int):
                note = ngettext(
                    "%(count)d comment on the answers",
                    "%(count)d comments on the answers",
                    comments,
                ) % {"count": comments}
        entries.append(
            TimelineEntry(
                at=event.created_at,
                action=event.action,
                title=title,
                actor=event.actor_username,
                note=note,
            )
        )
    if len(entries) > 1:
        # Prepared: before the first thing that happened to it.
        entries[0] = TimelineEntry(
            at=entries[1].at,
            action="prepared",
            title=gettext("Prepared"),
            actor=entries[0].actor,
            note=gettext("the answers"),
        )
    return entries
