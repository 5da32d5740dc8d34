"""The payload of a signed record: what an attester signs, built in one place.

Everything a reader of the record needs is in it (the answers, the wording shown, the result
with its exact figures, the rule set, the organisation, the attester, the time, the chain
link), so a record's page and report are drawn from it alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from questionnaire.models import Assessment, AssessmentRecord, Organisation

__all__ = ["ATTESTATION_STATEMENT", "RECORD_SCHEMA", "record_payload"]

RECORD_SCHEMA = 1
ATTESTATION_STATEMENT = (
    "I confirm that, to the best of my knowledge, the answers in this assessment are "
    "accurate and complete, and that the wording of each question is the wording I answered."
)


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
) -> dict[str, Any]:
    """The payload to canonicalise, hash and sign."""
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
        "answers": assessment.answers,
        "questions": assessment.shown,
        "result": assessment.result,
        "assessment_id": str(assessment.public_id),
        "supersedes": str(supersedes.public_id) if supersedes else None,
    }
