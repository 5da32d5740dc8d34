"""The evidence a user may see: that of the drafts they may open, and that of the completed
assessments of their organisations. Anything else is 404, never 403."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from questionnaire import selectors
from questionnaire.models import Assessment, AssessmentRecord, Evidence
from questionnaire.selectors import User

__all__ = [
    "evidence_for",
    "evidence_get",
    "evidence_of_assessment",
    "evidence_of_draft",
    "evidence_signed",
]


def evidence_for(*, user: User) -> QuerySet[Evidence]:
    """Evidence of the drafts the user may open (their own, ``selectors.drafts_for``, and
    those they review, ``selectors.drafts_for_review``) and of the assessments of their
    organisations, oldest first."""
    if not user.is_authenticated:
        return Evidence.objects.none()
    drafts = selectors.drafts_for(user=user).order_by().values("public_id")
    reviewed = selectors.drafts_for_review(user=user).order_by().values("public_id")
    completed = (
        selectors.assessments_for(user=user)
        .order_by()
        .filter(draft_public_id__isnull=False)
        .values("draft_public_id")
    )
    return (
        Evidence.objects.filter(organisation__memberships__user=user)
        .filter(
            Q(draft_public_id__in=drafts)
            | Q(draft_public_id__in=reviewed)
            | Q(draft_public_id__in=completed)
        )
        .select_related("added_by", "organisation")
        .order_by("added_at", "id")
    )


def evidence_get(*, user: User, public_id: uuid.UUID | str) -> Evidence:
    try:
        return evidence_for(user=user).get(public_id=public_id)
    except (Evidence.DoesNotExist, ValueError):
        raise Http404("No such evidence.") from None


def evidence_of_draft(*, user: User, draft_public_id: uuid.UUID) -> list[Evidence]:
    """The evidence of one draft (or of the assessment it became), oldest first."""
    return list(evidence_for(user=user).filter(draft_public_id=draft_public_id))


def evidence_of_assessment(*, user: User, assessment: Assessment) -> list[Evidence]:
    """The evidence of an assessment the user may see (``selectors.assessment_get``)."""
    if assessment.draft_public_id is None:
        return []
    return evidence_of_draft(user=user, draft_public_id=assessment.draft_public_id)


def evidence_signed(
    *, user: User, record: AssessmentRecord, payload: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The evidence a record's signed payload lists, as signed (question, name, size,
    SHA-256; or the link), each file with the stored row it came from when the user may
    see it (``None`` otherwise): its download."""
    entries = payload.get("evidence")
    if not isinstance(entries, list):
        return []
    assessment = record.assessment
    rows: dict[tuple[str, str, str], Evidence] = {}
    if assessment is not None and assessment.draft_public_id is not None:
        for row in evidence_of_draft(user=user, draft_public_id=assessment.draft_public_id):
            if row.file:
                rows[(row.question_key, row.name, row.sha256)] = row
    found = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        key = (
            str(entry.get("question_key", "")),
            str(entry.get("name", "")),
            str(entry.get("sha256", "")),
        )
        found.append({**entry, "stored": rows.get(key)})
    return found
