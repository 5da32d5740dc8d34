"""Re-assessment: what a signed record's answers give under another rule set, and how that
differs from what was signed.

Pure functions over payloads (the signed content as a mapping), shared by the organisation's
re-assessment page, the record's diff page and ``manage.py reassess``. The date the new
result speaks for is passed in (``today``): nothing here reads a clock.

A change is a change of decision (``records.reproduce.decision_changes``): classification,
provider, obligations added or removed, due dates, the notification date. New statuses (an
obligation that has become overdue) and new wording alone are not changes; the diff still
shows the new result's statuses beside its dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext

from questionnaire.i18n.answers import problem_text
from questionnaire.records.reproduce import Changes, as_mapping, decision_changes
from questionnaire.scoring import AnswersError, assess, load
from questionnaire.scoring.rulesets import available
from questionnaire.scoring.vocabulary import ObligationId

__all__ = [
    "ANSWERS_KEYS_2026",
    "Reassessment",
    "new_answer_keys",
    "reassess",
    "reassess_all",
]

ANSWERS_KEYS_2026 = (
    "designated_on",
    "notified_on",
    "high_impact_known_on",
    "inherited_flop",
    "business_users_scope",
    "own_ai_system",
)
"""The answers that rule set 2026.1 introduced and a person answers (assess-json.md,
"Answers"); ``assessed_on``, which it introduced too, is the date of the assessment, given
by the caller, never asked."""


def new_answer_keys(source: str | None, target: str) -> tuple[str, ...]:
    """The answers ``target`` reads that a record decided under ``source`` was never asked:
    the questions a re-assessment must put."""
    reads_before = source in available() and load(source).answers_keys_2026
    if load(target).answers_keys_2026 and not reads_before:
        return ANSWERS_KEYS_2026
    return ()


@dataclass(frozen=True, slots=True)
class Reassessment:
    """One record's signed result beside the result its answers give under ``target``."""

    record_id: str
    sequence: int | None
    model_name: str
    signed_ruleset: str | None
    signed_sha256: str | None
    """The rule-set hash the signed result pinned; ``None`` for results signed before it."""
    target: str
    target_sha256: str
    assessed_on: str | None
    """The date the new result speaks for (rule sets with statuses), else ``None``."""
    before: Mapping[str, Any]
    after: Mapping[str, Any] | None
    """``None`` when the answers are not valid under ``target`` (see ``problems``)."""
    problems: tuple[str, ...] = ()
    """Why the signed answers cannot be assessed under ``target`` as they stand."""
    problem_paths: tuple[str, ...] = ()
    """The answers key paths those problems name (``placed_on``)."""
    changes: Changes = field(default_factory=Changes)
    new_questions: tuple[str, ...] = ()
    """Answers keys that ``target`` reads and the record's rule set did not ask."""

    @property
    def changed(self) -> bool:
        return bool(self.problems) or bool(self.changes)

    @property
    def notification_before(self) -> Mapping[str, Any] | None:
        return _notification(self.before)

    @property
    def notification_after(self) -> Mapping[str, Any] | None:
        return _notification(self.after) if self.after is not None else None

    def as_document(self) -> dict[str, Any]:
        """The diff as JSON (``manage.py reassess --json``)."""
        changes = self.changes
        notification = self.notification_after or {}
        return {
            "record_id": self.record_id,
            "sequence": self.sequence,
            "model_name": self.model_name,
            "signed_ruleset": self.signed_ruleset,
            "signed_ruleset_sha256": self.signed_sha256,
            "ruleset": self.target,
            "ruleset_sha256": self.target_sha256,
            "assessed_on": self.assessed_on,
            "changed": self.changed,
            "problems": list(self.problems),
            "classification": {
                "before": self.before.get("classification"),
                "after": None if self.after is None else self.after.get("classification"),
            },
            "provider": {
                "before": self.before.get("provider"),
                "after": None if self.after is None else self.after.get("provider"),
            },
            "obligations_added": [_brief(item) for item in changes.added],
            "obligations_removed": [_brief(item) for item in changes.removed],
            "due_dates_changed": [
                {"id": c.id, "article": c.article, "before": c.before, "after": c.after}
                for c in changes.due
            ],
            "notification_due": {
                "before": self.before.get("notification_due"),
                "after": None if self.after is None else self.after.get("notification_due"),
                "status": notification.get("status"),
            },
            "new_questions": list(self.new_questions),
        }


def _brief(obligation: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": obligation.get("id"),
        "article": obligation.get("article"),
        "due": obligation.get("due"),
        "status": obligation.get("status"),
    }


def _notification(result: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for item in result.get("obligations") or []:
        if isinstance(item, Mapping) and item.get("id") == ObligationId.ART52_NOTIFY:
            return item
    return None


def reassess(payload: Mapping[str, Any], target: str, *, today: date) -> Reassessment:
    """The record's signed answers assessed under rule set ``target`` (``KeyError`` when it
    is not registered) and the diff against its signed result. Under a rule set with
    statuses, the new result speaks for ``today`` (``assessed_on``)."""
    rules = load(target)
    signed = as_mapping(payload.get("result"))
    signed_ruleset = signed.get("ruleset")
    answers = payload.get("answers")
    sequence = payload.get("sequence")
    common: dict[str, Any] = {
        "record_id": str(payload.get("record_id", "")),
        "sequence": sequence if isinstance(sequence, int) else None,
        "model_name": str(payload.get("model_name") or ""),
        "signed_ruleset": signed_ruleset if isinstance(signed_ruleset, str) else None,
        "signed_sha256": signed.get("ruleset_sha256"),
        "target": rules.id,
        "target_sha256": rules.sha256,
        "before": signed,
        "new_questions": new_answer_keys(
            signed_ruleset if isinstance(signed_ruleset, str) else None, rules.id
        ),
    }
    if not isinstance(answers, Mapping) or not signed:
        return Reassessment(
            **common,
            assessed_on=None,
            after=None,
            # In the reader's language on a page; English on the command line.
            problems=(gettext("the signed payload holds no answers and result to re-assess"),),
        )
    document = dict(answers)
    assessed_on = None
    if rules.answers_keys_2026:
        assessed_on = today.isoformat()
        document["assessed_on"] = assessed_on
    try:
        after = assess(document, rules.id)
    except AnswersError as error:
        return Reassessment(
            **common,
            assessed_on=assessed_on,
            after=None,
            # In the reader's language on a page; English on the command line.
            problems=tuple(problem_text(problem) for problem in error.problems),
            problem_paths=tuple(problem.path for problem in error.problems),
        )
    return Reassessment(
        **common,
        assessed_on=assessed_on,
        after=after,
        changes=decision_changes(signed, after),
    )


def reassess_all(
    payloads: Iterable[Mapping[str, Any]], target: str, *, today: date
) -> list[Reassessment]:
    """``reassess`` for each payload, in the order given."""
    return [reassess(payload, target, today=today) for payload in payloads]
