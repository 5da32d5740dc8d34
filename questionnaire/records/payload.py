"""The payload of a signed record: what an attester signs, built in one place.

Everything a reader of the record needs is in it (the answers, the wording shown, the result
with its exact figures, the rule set, the organisation, the attester, the time, the chain
link), so a record's page and report are drawn from it alone.

Language. ``"language"`` (``"en"``, ``"de"`` or ``"fr"``, top level) is the language the
attester read the result in when signing; records signed before languages have no such key
and were attested in English. The result itself (``"result"``) is canonical whatever the
language: English texts, exact figures, ids and citations, as the answers contract defines
it. A record attested in another language than English also signs the exact texts the
attester was shown, under ``"texts_shown"``::

    {"verdict": str, "classification": str,
     "reasons": [str, ...], "notes": [str, ...], "open_questions": [str, ...],
     "obligations": {obligation id: title},
     "flags": {flag: {"label": str, "text": str}}}

``reasons``, ``notes`` and ``open_questions`` run parallel to the result's lists of the same
names (``open_question_items``). An English record has no ``"texts_shown"``: its texts are
the result's own. Verification does not depend on either key: the signature covers the
payload bytes, whatever keys they hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from questionnaire import presentation
from questionnaire.i18n.results import result_in
from questionnaire.models import Assessment, AssessmentRecord, Evidence, Organisation
from questionnaire.scoring import assess, load

__all__ = [
    "ATTESTATION_STATEMENT",
    "ATTESTATION_STATEMENTS",
    "attestation_statement",
    "RECORD_SCHEMA",
    "attested_documents",
    "evidence_entries",
    "record_payload",
    "review_facts",
    "texts_shown",
]

RECORD_SCHEMA = 1
ATTESTATION_STATEMENT = (
    "I confirm that, to the best of my knowledge, the answers in this assessment are "
    "accurate and complete, and that the wording of each question is the wording I answered."
)
ATTESTATION_STATEMENTS = {
    "en": ATTESTATION_STATEMENT,
    "de": (
        "Ich bestätige nach bestem Wissen, dass die Antworten in dieser Bewertung zutreffend "
        "und vollständig sind und dass der Wortlaut jeder Frage der Wortlaut ist, den ich "
        "beantwortet habe."
    ),
    "fr": (
        "Je confirme, à ma connaissance, que les réponses de cette évaluation sont exactes et "
        "complètes, et que le libellé de chaque question est celui auquel j'ai répondu."
    ),
}
"""The statement an attester ticks and signs, in the language they attest in. Signed text:
kept here, not in the catalogues, so that a catalogue edit never changes what a new record
says it attests; a record keeps the statement it was signed with."""


def attestation_statement(language: str) -> str:
    """The statement in ``language`` (English for a language without one)."""
    return ATTESTATION_STATEMENTS.get(
        presentation.normalised_language(language), ATTESTATION_STATEMENT
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
    language: str = "en",
) -> dict[str, Any]:
    """The payload to canonicalise, hash and sign: ``answers`` and ``result`` are those of
    ``attested_documents``. ``review`` (who prepared the answers, who approved them and
    when) only where a reviewer approved them: older records have none, and stay as signed.
    ``language``: the attester's (en, de, fr); ``texts_shown`` for a language other than
    English (see the module's docstring)."""
    language = presentation.normalised_language(language)
    payload: dict[str, Any] = {
        "record_schema": RECORD_SCHEMA,
        "record_id": record_id,
        "sequence": sequence,
        "previous_sha256": previous_sha256,
        "organisation": {"slug": organisation.slug, "name": organisation.name},
        "model_name": assessment.model_name,
        "attestation": {
            "statement": attestation_statement(language),
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
        "language": language,
    }
    if language != "en":
        payload["texts_shown"] = texts_shown(result, language)
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


def texts_shown(result: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The texts of ``result`` as a reader of ``language`` is shown them: the verdict, the
    classification, each reason, note and open question, each obligation's title and each
    flag's label and explanation (the shape in the module's docstring)."""
    local = result_in(result, language)
    flags = presentation.flags_explained(result, language) if "flags" in result else []
    return {
        "verdict": presentation.verdict(result, language) if "classification" in result else "",
        "classification": presentation.classification_label(
            str(result.get("classification", "")), language
        ),
        "reasons": [str(item.get("text", "")) for item in local.get("reasons") or []],
        "notes": [str(item.get("text", "")) for item in local.get("notes") or []],
        "open_questions": [str(text) for text in local.get("open_questions") or []],
        "obligations": {
            str(item.get("id")): str(item.get("title", ""))
            for item in local.get("obligations") or []
            if isinstance(item, Mapping)
        },
        "flags": {flag["flag"]: {"label": flag["label"], "text": flag["text"]} for flag in flags},
    }


def result_as_shown(payload: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A record's result with the texts it was signed with (``texts_shown``) in place of the
    English ones, and those texts; ``None`` for a record without them (English, or signed
    before languages). Nothing is rendered again: what was signed is shown."""
    shown = payload.get("texts_shown")
    result = payload.get("result")
    if not isinstance(shown, Mapping) or not isinstance(result, Mapping):
        return None
    local: dict[str, Any] = {**result}
    for key in ("reasons", "notes"):
        texts = shown.get(key)
        items = result.get(key)
        if isinstance(texts, list) and isinstance(items, list) and len(texts) == len(items):
            local[key] = [
                {**item, "text": text} if isinstance(item, Mapping) else item
                for item, text in zip(items, texts, strict=True)
            ]
    if isinstance(shown.get("open_questions"), list):
        local["open_questions"] = list(shown["open_questions"])
    titles = shown.get("obligations")
    if isinstance(titles, Mapping) and isinstance(result.get("obligations"), list):
        local["obligations"] = [
            {**item, "title": titles.get(item.get("id"), item.get("title"))}
            if isinstance(item, Mapping)
            else item
            for item in result["obligations"]
        ]
    return local, dict(shown)
