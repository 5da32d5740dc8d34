"""Result documents of the 2026.1 shape, built by hand for the display tests: every
obligation with a ``status`` (rules §10.7), an ``assessed_on``, and the new flags. The
display reads statuses from the document; it never runs the engine to get them.

They name rule set 2025.1 unless told otherwise: a record of a rule set before
``assessed_on`` is signed with the assessment's result as it is, so a record made from
one of these keeps it word for word.
"""

from __future__ import annotations

import copy
from typing import Any

from questionnaire.scoring import load

RULESET = "eu-aia-gpai-2025.1"

ART53 = ("art53_1a", "art53_1b", "art53_1c", "art53_1d")
ART55 = ("art55_1a", "art55_1b", "art55_1c", "art55_1d")

THIRD_PERSON_REASONS = [
    {
        "text": "The training compute is estimated at 4.7 × 10^25 FLOP by the hardware method.",
        "cite": "Guidelines Annex A.2",
    },
    {
        "text": "The model's cumulative training compute is above the threshold: it is presumed "
        "to have systemic risk, and the provider must notify the Commission.",
        "cite": "Art. 51(2)",
    },
]


def obligation(
    obligation_id: str, due: str | None, status: str | None, **extra: Any
) -> dict[str, Any]:
    rule = load(RULESET).obligations[obligation_id]
    document: dict[str, Any] = {
        "id": obligation_id,
        "article": rule.article,
        "title": rule.title,
        "due": due,
    }
    if status is not None:
        document["status"] = status
    document.update(extra)
    return document


def systemic_result(
    *,
    assessed_on: str = "2026-03-10",
    placed_on: str | None = "2026-03-01",
    duties: str = "applies",
    notify_due: str | None = "2026-02-15",
    notify_status: str = "overdue",
    flags: tuple[str, ...] = (),
    ruleset: str = RULESET,
) -> dict[str, Any]:
    """A developer's model above the systemic-risk threshold, placed on ``placed_on``, with
    its Art. 52 notification in ``notify_status``."""
    return {
        "schema": 1,
        "ruleset": ruleset,
        "classification": "gpai_systemic_risk",
        "provider": True,
        "training_flop": "4.7e25",
        "cumulative_flop": "4.7e25",
        "compute_method": "hardware",
        "flags": list(flags),
        "obligations": [
            *(obligation(key, placed_on, duties) for key in ART53),
            obligation("art52_notify", notify_due, notify_status),
            *(obligation(key, placed_on, duties) for key in ART55),
        ],
        "notification_due": notify_due,
        "reasons": copy.deepcopy(THIRD_PERSON_REASONS),
        "open_questions": [
            "When do the Art. 55 duties start? They attach from the moment the model meets the "
            "systemic-risk condition (Guidelines §2.3)."
        ],
        "notes": [],
        "assessed_on": assessed_on,
    }


def without_statuses(result: dict[str, Any]) -> dict[str, Any]:
    """The same result as a rule set before statuses wrote it."""
    old = copy.deepcopy(result)
    old.pop("assessed_on", None)
    for item in old["obligations"]:
        item.pop("status", None)
    return old
