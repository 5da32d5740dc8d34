"""The words of the wizard's questions: reading them all at once, filling in the rule set's
figures, and changing them with a record of who changed what.

The key of a question and its choice values are logic (the answers contract); only the words
around them change here.

Placeholders
------------
Figures and dates of the law live in the rule set (``questionnaire/scoring/rulesets``), never
in the words: a label, help text or choice label writes ``{systemic_threshold}`` where the
rule set's figure belongs, and the wizard shows the current rule set's value, written as the
engine writes figures (``PLACEHOLDERS`` lists them all). The admin shows and edits the text
with its placeholders; the wizard, the review page and every completed assessment hold the
filled text, the words the person actually read.

Filling never fails: a placeholder nobody knows, or a stray brace typed by an admin, is left
as typed (the admin form refuses unknown placeholders before they are saved).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from questionnaire.models import Question, QuestionRevision
from questionnaire.scoring import RuleSet, load
from questionnaire.scoring.numbers import format_human

PLACEHOLDERS: dict[str, str] = {
    "gpai_threshold": "the training compute of the GPAI indicative criterion, in FLOP",
    "systemic_threshold": "the cumulative compute of the systemic-risk presumption, in FLOP",
    "modification_fraction": "the share of the original's compute that makes a modifier a "
    "provider, in words",
    "estimate_margin": "the accuracy required of a compute estimate, as a percentage",
    "methods_margin": "how far two estimation methods may differ, as a percentage",
    "architecture_factor": "the factor of the estimate from parameters and training tokens",
    "reach_business_users": "the EU business users that create a presumption of high impact",
    "obligations_apply_from": "the date the obligations apply from",
    "legacy_compliance_by": "the date by which a model placed before then must comply",
}
"""Every placeholder the words may use, with what it stands for (shown in the admin)."""

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_FRACTION_WORDS = {
    2: ("half", "halves"),
    3: ("third", "thirds"),
    4: ("quarter", "quarters"),
    5: ("fifth", "fifths"),
    10: ("tenth", "tenths"),
}


def wording_placeholders(rules: RuleSet | None = None) -> dict[str, str]:
    """Each placeholder's text for ``rules`` (the default rule set when not given):
    ``{"estimate_margin": "25%", ...}``, figures as ``format_human`` writes them."""
    rules = rules if rules is not None else load()
    return {
        "gpai_threshold": f"{format_human(rules.gpai_training_flop)} FLOP",
        "systemic_threshold": f"{format_human(rules.systemic_risk_cumulative_flop)} FLOP",
        "modification_fraction": fraction_in_words(
            rules.modification_numerator, rules.modification_denominator
        ),
        "estimate_margin": percentage(rules.estimate_margin),
        "methods_margin": percentage(rules.methods_disagree_margin),
        "architecture_factor": format_human(Decimal(rules.architecture_factor)),
        "reach_business_users": format_human(Decimal(rules.reach_eu_business_users)),
        "obligations_apply_from": date_in_words(rules.obligations_apply_from),
        "legacy_compliance_by": date_in_words(rules.legacy_compliance_by),
    }


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{name}`` of ``values`` replaced by its value. Anything else,
    unknown names and stray braces included, stays as typed: this never raises."""
    if not text or "{" not in text:
        return text
    return _PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), text)


def unknown_placeholders(text: str) -> list[str]:
    """The ``{name}`` placeholders of ``text`` that are not in ``PLACEHOLDERS``, in order,
    each once. A brace that does not enclose a name is no placeholder and is not listed."""
    found = [match[0] for match in _PLACEHOLDER.finditer(text or "")]
    return list(dict.fromkeys(name for name in found if name[1:-1] not in PLACEHOLDERS))


def fill_wording(wording: Mapping[str, Any], values: Mapping[str, str]) -> dict[str, Any]:
    """One question's ``{"label", "help_text", "choice_labels"}`` with placeholders filled."""
    return {
        "label": fill(wording["label"], values),
        "help_text": fill(wording["help_text"], values),
        "choice_labels": {
            value: fill(text, values)
            for value, text in (wording.get("choice_labels") or {}).items()
        },
    }


def date_in_words(day: date) -> str:
    """``9 January 2031``: the day, the month in words, the year."""
    return f"{day.day} {day:%B %Y}"


def percentage(fraction: Decimal) -> str:
    """``0.25`` as ``25%``, ``0.125`` as ``12.5%``."""
    return f"{(fraction * 100).normalize():f}%"


def fraction_in_words(numerator: int, denominator: int) -> str:
    """``one third``, ``two thirds``, ``one half``; ``3/7`` when there are no plain words."""
    words = _FRACTION_WORDS.get(denominator)
    if words is None or not 1 <= numerator <= min(len(_NUMBER_WORDS), denominator - 1):
        return f"{numerator}/{denominator}"
    return f"{_NUMBER_WORDS[numerator - 1]} {words[0] if numerator == 1 else words[1]}"


_cached: tuple[tuple[object, ...], dict[str, dict[str, Any]]] | None = None


def wording_for(*, stamp: tuple[object, object]) -> dict[str, dict[str, Any]]:
    """``wording_map()`` for the state of the wording ``stamp`` names (as
    ``selectors.wording_stamp`` read it with the draft): from this process's copy when the
    stamp and the rule set's placeholder values are the ones it was filled with, else read
    afresh and kept. One copy per process, replaced whole. Saves every wizard request a
    query and the filling of every question's placeholders (issue 11: "caching of question
    wording")."""
    global _cached
    values = wording_placeholders()
    key = (*stamp, *sorted(values.items()))
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    stored = wording_map(raw=True)
    fresh = {key: fill_wording(wording, values) for key, wording in stored.items()}
    _cached = (key, fresh)
    return fresh


def wording_map(*, rules: RuleSet | None = None, raw: bool = False) -> dict[str, dict[str, Any]]:
    """Every question's wording, ``{key: {"label", "help_text", "choice_labels"}}``, read in
    one query: as the wizard shows it, placeholders filled from ``rules`` (the default rule
    set when not given), or with ``raw=True`` as stored, placeholders and all."""
    rows = Question.objects.values("key", "label", "help_text", "choice_labels")
    stored = {
        row["key"]: {
            "label": row["label"],
            "help_text": row["help_text"],
            "choice_labels": dict(row["choice_labels"] or {}),
        }
        for row in rows
    }
    if raw:
        return stored
    values = wording_placeholders(rules)
    return {key: fill_wording(wording, values) for key, wording in stored.items()}


@transaction.atomic
def question_update_wording(
    *,
    question: Question,
    label: str,
    help_text: str,
    choice_labels: Mapping[str, str],
    changed_by: AbstractBaseUser | None,
) -> QuestionRevision | None:
    """Give ``question`` new words and record the change as a ``QuestionRevision``.

    The words before the change are read from the database (locked for the transaction), so a
    form that has already changed the instance in memory still yields the right "before".
    Nothing is written, and ``None`` returned, when the words are unchanged.

    Raises ``ValueError`` when ``choice_labels`` does not label exactly the question's fixed
    choice values: choice values are logic and never change here.
    """
    stored = Question.objects.select_for_update().get(pk=question.pk)
    fixed_values = list(stored.choice_labels)
    if set(choice_labels) != set(fixed_values):
        raise ValueError(
            f"Question {stored.key!r} has the fixed choice values {sorted(fixed_values)}; "
            f"got labels for {sorted(choice_labels)}."
        )
    before = stored.wording()
    after = {
        "label": label,
        "help_text": help_text,
        "choice_labels": {value: choice_labels[value] for value in fixed_values},
    }
    question.label = label
    question.help_text = help_text
    question.choice_labels = dict(after["choice_labels"])
    if after == before:
        return None
    stored.label = label
    stored.help_text = help_text
    stored.choice_labels = dict(after["choice_labels"])
    stored.save(update_fields=["label", "help_text", "choice_labels", "updated_at"])
    question.updated_at = stored.updated_at
    return QuestionRevision.objects.create(
        question=stored,
        changed_by_id=changed_by.pk if changed_by is not None else None,
        before=before,
        after=after,
    )
