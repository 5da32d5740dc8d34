"""The payload of a signed record: what an attester signs, built in one place.

Everything a reader of the record needs is in it (the answers, the wording shown, the result
with its exact figures, the rule set, the organisation, the attester, the time, the chain
link), so a record's page and report are drawn from it alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from questionnaire.models import Assessment, AssessmentRecord, Organisation
from questionnaire.scoring import assess, load

__all__ = ["ATTESTATION_STATEMENT", "RECORD_SCHEMA", "attested_documents", "record_payload"]

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
    ``attested_documents``."""
    return {
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
