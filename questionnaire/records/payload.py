"""The payload of a signed record: what an attester signs, built in one place.

Everything a reader of the record needs is in it (the answers, the wording shown, the result
with its exact figures, the rule set, the organisation, the attester, the time, the chain
link), so a record's page and report are drawn from it alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from questionnaire.models import Assessment, AssessmentRecord, Evidence, Organisation
from questionnaire.scoring import assess, load

__all__ = [
    "ATTESTATION_STATEMENT",
    "RECORD_SCHEMA",
    "attested_documents",
    "evidence_entries",
    "record_payload",
    "review_facts",
]

RECORD_SCHEMA = 1
ATTESTATION_STATEMENT = (
    "I confirm that, to the best of my knowledge, the answers in this assessment are "
    "accurate and complete, and that the wording of each question is the wording I answered."
)


def attested_documents(
    assessment: Assessment, attested_on: date
) -> tuple[dict[str, Any], Mapping[str, Any]]:
    """The answers and result a record signs: the result is computed at attestation, with
    ``assessed_on`` set to the attestation date (rules, "When a result is computed"), under
    the assessment's own rule set. A rule set that predates ``assessed_on`` signs the
    assessment as it was completed."""
    if not load(assessment.ruleset).answers_keys_2026:
        return dict(assessment.answers), assessment.result
    answers = {**assessment.answers, "assessed_on": attested_on.isoformat()}
    return answers, assess(answers, assessment.ruleset)


def record_payload(
    *,
    record_id: str,
    sequence: int,
    previous_sha256: str,
    organisation: Organisation,
    assessment: Assessment,
    attester_username: str,
    name: str,
    function: str,
    attested_at: datetime,
    supersedes: AssessmentRecord | None,
    answers: Mapping[str, Any],
    result: Mapping[str, Any],
) -> dict[str, Any]:
    """The payload to canonicalise, hash and sign: ``answers`` and ``result`` are those of
    ``attested_documents``. ``review`` (who prepared the answers, who approved them and
    when) only where a reviewer approved them: older records have none, and stay as signed."""
    payload: dict[str, Any] = {
        "record_schema": RECORD_SCHEMA,
        "record_id": record_id,
        "sequence": sequence,
        "previous_sha256": previous_sha256,
        "organisation": {"slug": organisation.slug, "name": organisation.name},
        "model_name": assessment.model_name,
        "attestation": {
            "statement": ATTESTATION_STATEMENT,
            "name": name,
            "function": function,
            "username": attester_username,
            "attested_at": attested_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
        "ruleset": assessment.ruleset,
        "answers_schema": assessment.answers.get("schema", 1),
        "answers": dict(answers),
        "questions": assessment.shown,
        "result": dict(result),
        "assessment_id": str(assessment.public_id),
        "supersedes": str(supersedes.public_id) if supersedes else None,
    }
    review = review_facts(assessment)
    if review is not None:
        payload["review"] = review
    evidence = evidence_entries(assessment)
    if evidence:
        payload["evidence"] = evidence
    return payload


def review_facts(assessment: Assessment) -> dict[str, str] | None:
    """The signed review of an approved assessment: ``{"prepared_by", "approved_by",
    "approved_at"}`` (usernames, UTC); None when no reviewer approved it."""
    if assessment.approved_by_id is None or assessment.approved_at is None:
        return None
    preparer = assessment.prepared_by or assessment.created_by
    return {
        "prepared_by": preparer.get_username() if preparer else "",
        "approved_by": assessment.approved_by.get_username() if assessment.approved_by else "",
        "approved_at": assessment.approved_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def evidence_entries(assessment: Assessment) -> list[dict[str, Any]]:
    """The evidence attached to the assessment's answers while it was a draft, as signed:
    each file ``{"question_key", "name", "size", "sha256"}``, each link ``{"question_key",
    "url"}``, files first by question and name, then links by question and address (an
    order that does not depend on when they were added). Empty when there is none: the
    payload then has no "evidence" key, as records signed before evidence existed."""
    if assessment.draft_public_id is None:
        return []
    rows = Evidence.objects.filter(
        organisation=assessment.organisation_id, draft_public_id=assessment.draft_public_id
    )
    files = sorted(
        (
            {
                "question_key": row.question_key,
                "name": row.name,
                "size": row.size or 0,
                "sha256": row.sha256,
            }
            for row in rows
            if row.file
        ),
        key=lambda entry: (entry["question_key"], entry["name"], entry["sha256"]),
    )
    links = sorted(
        ({"question_key": row.question_key, "url": row.url} for row in rows if not row.file),
        key=lambda entry: (entry["question_key"], entry["url"]),
    )
    return files + links
