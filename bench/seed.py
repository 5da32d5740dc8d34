"""Fast seeding for the benchmarks: organisations, members and many signed records at once.

Records are made with the real payload builder, canonical JSON and signer, and written with
``bulk_create`` together with the assessments they link to, so that every check of
``verify_records`` (hash, signature, chain link and the columns shown beside the payload,
the linked assessment included) passes on them. No PDF report is made: a benchmark that
needs one renders it itself. Only ever run against the benchmark's throwaway database.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from questionnaire.models import AssessmentRecord, Organisation, SigningKey
    from questionnaire.records.signing import RecordSigner

BATCH = 1_000
START = datetime(2026, 1, 1, tzinfo=UTC)


def wording_rows(model_name: str, count: int = 12) -> list[dict[str, str]]:
    """Wording rows of the size the wizard stores: a dozen questions with help text."""
    return [
        {
            "step": "model" if index < 3 else "compute",
            "step_title": "The model and your role" if index < 3 else "Training compute",
            "key": f"question_{index}",
            "field": f"question_{index}",
            "label": f"Question {index}: what is the “relevant” figure for this model?",
            "help_text": "Give it as you would to the AI Office; 10^23 FLOP × 0.4 etc.",
            "answer": model_name if index == 0 else f"answer {index}",
        }
        for index in range(count)
    ]


def organisation_with_member(*, slug: str, role: str, username: str) -> tuple[Organisation, User]:
    """An organisation and one person in it with ``role``, without a usable password (the
    HTTP benchmarks give theirs with ``password_set``)."""
    from django.contrib.auth.models import User

    from questionnaire import services

    organisation = services.organisation_create(slug=slug, name=f"Bench {slug}")
    user = User.objects.create_user(username, email=f"{username}@example.com")
    services.membership_set(organisation=organisation, user=user, role=role)
    return organisation, user


def records_create(
    *,
    organisation: Organisation,
    attester: User,
    count: int,
    answers: Mapping[str, Any],
    result: Mapping[str, Any],
    signer: RecordSigner,
    key: SigningKey,
    questions: int = 12,
) -> list[AssessmentRecord]:
    """``count`` signed records of ``organisation`` in one chain, each with its assessment,
    attested by ``attester``, all of the same ``answers`` and ``result`` (but each its own
    model name). Returns the records, oldest first."""
    from questionnaire.models import Assessment, AssessmentRecord, RecordChain
    from questionnaire.records.payload import record_payload
    from questionnaire.records.signing import b64, canonical_json, sha256_hex

    assessments: list[Assessment] = []
    records: list[AssessmentRecord] = []
    previous = ""
    for sequence in range(1, count + 1):
        model_name = f"Model-{sequence}"
        assessment = Assessment(
            public_id=uuid.uuid4(),
            organisation=organisation,
            created_by=attester,
            model_name=model_name,
            answers={**answers, "model_name": model_name},
            shown=wording_rows(model_name, questions),
            result=dict(result),
            ruleset=str(result["ruleset"]),
            classification=str(result["classification"]),
        )
        attested_at = START + timedelta(seconds=sequence)
        record_id = uuid.uuid4()
        payload = canonical_json(
            record_payload(
                record_id=str(record_id),
                sequence=sequence,
                previous_sha256=previous,
                organisation=organisation,
                assessment=assessment,
                attester_username=attester.get_username(),
                name="Bench Attester",
                function="Head of Legal",
                attested_at=attested_at,
                supersedes=None,
                answers=assessment.answers,
                result=result,
            )
        )
        sha256 = sha256_hex(payload)
        assessments.append(assessment)
        records.append(
            AssessmentRecord(
                public_id=record_id,
                organisation=organisation,
                sequence=sequence,
                assessment=assessment,
                attested_by=attester,
                model_name=model_name,
                classification=str(result["classification"]),
                payload=payload,
                payload_sha256=sha256,
                previous_sha256=previous,
                signature=b64(signer.sign(payload)),
                signing_key=key,
                created_at=attested_at,
            )
        )
        previous = sha256
    Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    AssessmentRecord.objects.bulk_create(records, batch_size=BATCH)
    RecordChain.objects.update_or_create(
        organisation=organisation, defaults={"count": count, "head_sha256": previous}
    )
    return records


def assessments_create(
    *,
    organisation: Organisation,
    users: Sequence[User],
    answers: Mapping[str, Any],
    shown: Sequence[Mapping[str, Any]],
) -> list[uuid.UUID]:
    """A completed (unsigned) assessment made by each of ``users`` with the service, as
    finishing the wizard makes them; their public ids, in the order of ``users``."""
    from questionnaire import services
    from questionnaire.scoring import assess

    result = assess(answers)
    return [
        services.assessment_create(
            organisation=organisation,
            user=user,
            answers={**answers, "model_name": f"Signed-{number}"},
            shown=[dict(row) for row in shown],
            result=result,
        ).public_id
        for number, user in enumerate(users, start=1)
    ]
