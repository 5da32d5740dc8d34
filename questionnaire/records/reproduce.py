"""Re-running a signed record: its answers, under the rule set it names, must give the
decision it signed (assess-json.md, "Rule sets").

Pure functions over payloads (the signed content as a mapping): ``manage.py verify_records
--reproduce`` runs ``reproduce_all`` over every record, and the re-assessment
(``records.reassess``) compares a record with another rule set through the same
``decision_changes``.

What counts as the decision: the classification, whether the answering party is the
provider, the obligations (by id) with their due dates, and the Art. 52 notification date.
Statuses, titles, reasons, notes and wording are not decisions: they follow the day and
the texts, which are not versioned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from questionnaire.scoring import AnswersError, assess, load
from questionnaire.scoring.rulesets import available
from questionnaire.scoring.vocabulary import ObligationId

__all__ = [
    "Changes",
    "DueChange",
    "as_mapping",
    "decision_changes",
    "reproduce",
    "reproduce_all",
]


def as_mapping(value: object) -> Mapping[str, Any]:
    """``value`` when it is a mapping, else an empty one: a damaged payload reads as empty."""
    return value if isinstance(value, Mapping) else {}


def _obligations(result: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    listed = result.get("obligations")
    if not isinstance(listed, list):
        return {}
    return {
        str(item.get("id")): item
        for item in listed
        if isinstance(item, Mapping) and item.get("id") is not None
    }


def _text(value: object) -> str | None:
    """A date or id as the result holds it; absent and null are the same (canonical JSON
    leaves null members out)."""
    return None if value is None or value == "" else str(value)


@dataclass(frozen=True, slots=True)
class DueChange:
    """An obligation listed before and after, with another due date (``None``: no date)."""

    id: str
    article: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class Changes:
    """How one result's decision differs from another's; each field empty (``None`` or
    ``()``) where they agree."""

    classification: tuple[str | None, str | None] | None = None
    provider: tuple[bool | None, bool | None] | None = None
    added: tuple[Mapping[str, Any], ...] = ()
    """Obligations of the second result that the first does not list."""
    removed: tuple[Mapping[str, Any], ...] = ()
    """Obligations of the first result that the second does not list."""
    due: tuple[DueChange, ...] = ()
    notification_due: tuple[str | None, str | None] | None = None

    @property
    def due_besides_notification(self) -> tuple[DueChange, ...]:
        """The due dates changed, leaving out the notification's when ``notification_due``
        already says it (the notification's due date is ``notification_due``)."""
        if self.notification_due is None:
            return self.due
        return tuple(change for change in self.due if change.id != ObligationId.ART52_NOTIFY)

    def __bool__(self) -> bool:
        return bool(
            self.classification
            or self.provider
            or self.added
            or self.removed
            or self.due
            or self.notification_due
        )

    def sentences(self) -> list[str]:
        """Each change in a few words, for the command line and the logs."""
        found = []
        if self.classification:
            before, after = self.classification
            found.append(f"classification {before} → {after}")
        if self.provider:
            before_p, after_p = self.provider
            found.append(f"provider {_yes_no(before_p)} → {_yes_no(after_p)}")
        if self.added:
            found.append("obligations added: " + ", ".join(str(o.get("id")) for o in self.added))
        if self.removed:
            found.append(
                "obligations removed: " + ", ".join(str(o.get("id")) for o in self.removed)
            )
        for change in self.due:
            found.append(
                f"{change.id} due {change.before or 'no date'} → {change.after or 'no date'}"
            )
        if self.notification_due:
            before_n, after_n = self.notification_due
            found.append(f"notification due {before_n or 'no date'} → {after_n or 'no date'}")
        return found


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _provider(result: Mapping[str, Any]) -> bool | None:
    value = result.get("provider")
    return value if isinstance(value, bool) else None


def decision_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """How the decision of result ``after`` differs from that of result ``before``:
    classification, provider, obligations added and removed, due dates changed, the
    notification date. A change of status, title or wording is not a change."""
    classification = (_text(before.get("classification")), _text(after.get("classification")))
    provider = (_provider(before), _provider(after))
    notification = (_text(before.get("notification_due")), _text(after.get("notification_due")))
    listed_before, listed_after = _obligations(before), _obligations(after)
    due = tuple(
        DueChange(
            id=key,
            article=str(listed_after[key].get("article") or listed_before[key].get("article", "")),
            before=_text(listed_before[key].get("due")),
            after=_text(listed_after[key].get("due")),
        )
        for key in listed_after
        if key in listed_before
        and _text(listed_before[key].get("due")) != _text(listed_after[key].get("due"))
    )
    return Changes(
        classification=classification if classification[0] != classification[1] else None,
        provider=provider if provider[0] != provider[1] else None,
        added=tuple(item for key, item in listed_after.items() if key not in listed_before),
        removed=tuple(item for key, item in listed_before.items() if key not in listed_after),
        due=due,
        notification_due=notification if notification[0] != notification[1] else None,
    )


def reproduce(payload: Mapping[str, Any]) -> list[str]:
    """Why re-running this record's signed answers under the rule set its signed result
    names does not give the signed decision; empty when it does. Also checks that the rule
    set's decision data still has the hash the result pinned (``ruleset_sha256``; results
    signed before the hash existed have none, and are checked on their decisions alone)."""
    signed = as_mapping(payload.get("result"))
    answers = payload.get("answers")
    if not signed or not isinstance(answers, Mapping):
        return ["the signed payload holds no answers and result to re-run"]
    ruleset = signed.get("ruleset")
    if not isinstance(ruleset, str) or ruleset not in available():
        return [f"its rule set {ruleset!r} is not registered here: it cannot be re-run"]
    problems = []
    pinned = signed.get("ruleset_sha256")
    current = load(ruleset).sha256
    if pinned is not None and pinned != current:
        problems.append(
            f"rule set {ruleset} no longer has the decision data it was signed under "
            f"(signed hash {str(pinned)[:12]}…, now {current[:12]}…)"
        )
    try:
        again = assess(answers, ruleset)
    except AnswersError as error:
        listed = "; ".join(str(problem) for problem in error.problems)
        return [*problems, f"its signed answers are not valid under {ruleset}: {listed}"]
    except Exception as error:  # an engine failure on one record must not stop the others
        return [*problems, f"re-running it under {ruleset} failed: {type(error).__name__}: {error}"]
    changes = decision_changes(signed, again)
    if changes:
        problems.append(
            f"re-run under {ruleset}, its answers give another decision: "
            + "; ".join(changes.sentences())
        )
    return problems


def reproduce_all(
    payloads: Iterable[tuple[str, Mapping[str, Any] | None]],
) -> tuple[int, list[tuple[str, str]]]:
    """Re-run every ``(record id, payload)``; the number checked and the failures as
    ``(record id, reason)``. A payload that is no longer JSON (``None``) cannot be re-run."""
    checked = 0
    failures = []
    for record_id, payload in payloads:
        checked += 1
        if payload is None:
            failures.append((record_id, "payload is not JSON: it cannot be re-run"))
            continue
        problems = reproduce(payload)
        if problems:
            failures.append((record_id, "; ".join(problems)))
    return checked, failures
