"""The write paths that matter: organisations, drafts and completed assessments.

Keyword-only, typed functions named ``<noun>_<verb>``; views and commands call these
rather than writing models themselves.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from questionnaire.models import Assessment, Draft, Membership, Organisation
from questionnaire.selectors import membership_get


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


def draft_create(*, user: User, organisation: Organisation) -> Draft:
    membership_get(user, organisation)  # 404 unless the user belongs to it
    return Draft.objects.create(owner=user, organisation=organisation)


def draft_delete(*, draft: Draft) -> None:
    draft.delete()


@transaction.atomic
def assessment_create(
    *,
    draft: Draft,
    user: User,
    answers: dict[str, Any],
    shown: list[dict[str, Any]],
    result: dict[str, Any],
) -> Assessment:
    """Keep the completed questionnaire with the wording shown and the result; the draft
    has served its purpose and goes."""
    assessment = Assessment.objects.create(
        organisation=draft.organisation,
        created_by=user,
        model_name=answers.get("model_name") or "Unnamed model",
        draft_public_id=draft.public_id,
        answers=answers,
        shown=shown,
        result=result,
        ruleset=result["ruleset"],
        classification=result["classification"],
    )
    draft.delete()
    return assessment
