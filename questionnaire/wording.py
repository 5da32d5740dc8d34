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

Languages
---------
English is the ``Question`` itself; German and French are ``QuestionTranslation`` rows, edited
in the same admin page, each with its own history (``QuestionRevision.language``). A question
with no German (or French) wording, or a part of it left empty, is shown in English
(``missing_languages`` says which). Placeholders are filled in the language's notation
(``wording_placeholders(language=...)``: ``3,2 × 10^24 FLOP`` with a decimal comma, ``25 %``,
``2. August 2025``, ``ein Drittel``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import FilteredRelation, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from questionnaire.models import Question, QuestionRevision, QuestionTranslation
from questionnaire.scoring import RuleSet, load
from questionnaire.scoring.numbers import format_flop_local, format_human, localise_number
from questionnaire.scoring.texts import format_date

LANGUAGES = ("en", "de", "fr")
"""The languages of the wording: English (the ``Question``), German and French."""
TRANSLATED = ("de", "fr")

PLACEHOLDERS: dict[str, str] = {
    "gpai_threshold": gettext_noop(
        "the training compute of the GPAI indicative criterion, in FLOP"
    ),
    "systemic_threshold": gettext_noop(
        "the cumulative compute of the systemic-risk presumption, in FLOP"
    ),
    "modification_fraction": gettext_noop(
        "the share of the original's compute that makes a modifier a provider, in words"
    ),
    "estimate_margin": gettext_noop("the accuracy required of a compute estimate, as a percentage"),
    "methods_margin": gettext_noop("how far two estimation methods may differ, as a percentage"),
    "architecture_factor": gettext_noop(
        "the factor of the estimate from parameters and training tokens"
    ),
    "reach_business_users": gettext_noop(
        "the EU business users that create a presumption of high impact"
    ),
    "obligations_apply_from": gettext_noop("the date the obligations apply from"),
    "legacy_compliance_by": gettext_noop(
        "the date by which a model placed before then must comply"
    ),
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


def wording_language(language: str | None = None) -> str:
    """``language`` (the active language when not given) as one of ``LANGUAGES``:
    ``de-at`` is ``de``; anything unknown is ``en``."""
    code = (language or translation.get_language() or "en").lower().split("-")[0]
    return code if code in LANGUAGES else "en"


_NUMBER_WORDS_LOCAL = {
    "de": ("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"),
    "fr": ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
}
_FRACTION_WORDS_LOCAL = {
    "de": {
        2: ("Halb", "Halbe"),
        3: ("Drittel", "Drittel"),
        4: ("Viertel", "Viertel"),
        5: ("Fünftel", "Fünftel"),
        10: ("Zehntel", "Zehntel"),
    },
    "fr": {
        2: ("demi", "demis"),
        3: ("tiers", "tiers"),
        4: ("quart", "quarts"),
        5: ("cinquième", "cinquièmes"),
        10: ("dixième", "dixièmes"),
    },
}


def wording_placeholders(rules: RuleSet | None = None, *, language: str = "en") -> dict[str, str]:
    """Each placeholder's text for ``rules`` (the default rule set when not given):
    ``{"estimate_margin": "25%", ...}``, figures as ``format_human`` writes them; for German
    and French in their notation (``3,2 × 10^24 FLOP`` with a decimal comma where it has
    decimals, ``25 %``, ``2. August 2025`` / ``2 août 2025``, ``ein Drittel`` / ``un tiers``)."""
    rules = rules if rules is not None else load()
    language = wording_language(language)
    if language != "en":
        return {
            "gpai_threshold": format_flop_local(rules.gpai_training_flop, language),
            "systemic_threshold": format_flop_local(rules.systemic_risk_cumulative_flop, language),
            "modification_fraction": fraction_in_words(
                rules.modification_numerator, rules.modification_denominator, language=language
            ),
            "estimate_margin": percentage(rules.estimate_margin, language=language),
            "methods_margin": percentage(rules.methods_disagree_margin, language=language),
            "architecture_factor": localise_number(
                format_human(Decimal(rules.architecture_factor)), language
            ),
            "reach_business_users": localise_number(
                format_human(Decimal(rules.reach_eu_business_users)), language
            ),
            "obligations_apply_from": format_date(rules.obligations_apply_from, language),
            "legacy_compliance_by": format_date(rules.legacy_compliance_by, language),
        }
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


def percentage(fraction: Decimal, *, language: str = "en") -> str:
    """``0.25`` as ``25%``, ``0.125`` as ``12.5%``; German and French ``25 %``, ``12,5 %``
    (with a no-break space)."""
    digits = f"{(fraction * 100).normalize():f}"
    if wording_language(language) == "en":
        return f"{digits}%"
    return f"{localise_number(digits, language)}\u00a0%"


def fraction_in_words(numerator: int, denominator: int, *, language: str = "en") -> str:
    """``one third``, ``two thirds``, ``one half``; ``3/7`` when there are no plain words.
    German ``ein Drittel``, ``zwei Drittel``; French ``un tiers``, ``deux tiers``."""
    language = wording_language(language)
    numbers = _NUMBER_WORDS_LOCAL.get(language, _NUMBER_WORDS)
    words = _FRACTION_WORDS_LOCAL.get(language, _FRACTION_WORDS).get(denominator)
    if words is None or not 1 <= numerator <= min(len(numbers), denominator - 1):
        return f"{numerator}/{denominator}"
    if language == "de" and denominator == 2:
        return "die Hälfte" if numerator == 1 else f"{numbers[numerator - 1]} Halbe"
    if language == "fr" and denominator == 2 and numerator == 1:
        return "la moitié"
    return f"{numbers[numerator - 1]} {words[0] if numerator == 1 else words[1]}"


_cached: dict[str, tuple[tuple[object, ...], dict[str, dict[str, Any]]]] = {}
"""This process's filled wording, one copy per language, each replaced whole."""


def wording_for(
    *, stamp: tuple[object, object], language: str | None = None
) -> dict[str, dict[str, Any]]:
    """``wording_map()`` in ``language`` (the active one when not given) for the state of
    the wording ``stamp`` names (as ``selectors.wording_stamp`` read it with the draft):
    from this process's copy for that language when the stamp and the rule set's
    placeholder values are the ones it was filled with, else read afresh and kept. One copy
    per language and process, replaced whole. Saves every wizard request a query and the
    filling of every question's placeholders (issue 11: "caching of question wording").
    A change of German or French wording touches its question's ``updated_at``, so the
    stamp changes with it."""
    language = wording_language(language)
    values = wording_placeholders(language=language)
    key = (language, *stamp, *sorted(values.items()))
    cached = _cached.get(language)
    if cached is not None and cached[0] == key:
        return cached[1]
    stored = wording_map(raw=True, language=language)
    fresh = {key: fill_wording(wording, values) for key, wording in stored.items()}
    _cached[language] = (key, fresh)
    return fresh


def wording_map(
    *, rules: RuleSet | None = None, raw: bool = False, language: str | None = None
) -> dict[str, dict[str, Any]]:
    """Every question's wording, ``{key: {"label", "help_text", "choice_labels"}}``, read in
    one query, in ``language`` (the active language when not given; a missing German or
    French part falls back to English): as the wizard shows it, placeholders filled from
    ``rules`` (the default rule set when not given), or with ``raw=True`` as stored,
    placeholders and all."""
    language = wording_language(language)
    if language == "en":
        rows = Question.objects.values("key", "label", "help_text", "choice_labels")
        stored = {
            row["key"]: {
                "label": row["label"],
                "help_text": row["help_text"],
                "choice_labels": dict(row["choice_labels"] or {}),
            }
            for row in rows
        }
    else:
        translated = Question.objects.annotate(
            tr=FilteredRelation("translations", condition=Q(translations__language=language))
        ).values(
            "key",
            "label",
            "help_text",
            "choice_labels",
            "tr__label",
            "tr__help_text",
            "tr__choice_labels",
        )
        stored = {
            row["key"]: with_fallback(
                {
                    "label": row["label"],
                    "help_text": row["help_text"],
                    "choice_labels": dict(row["choice_labels"] or {}),
                },
                None
                if row["tr__label"] is None
                else {
                    "label": row["tr__label"],
                    "help_text": row["tr__help_text"],
                    "choice_labels": dict(row["tr__choice_labels"] or {}),
                },
            )
            for row in translated
        }
    if raw:
        return stored
    values = wording_placeholders(rules, language=language)
    return {key: fill_wording(wording, values) for key, wording in stored.items()}


def with_fallback(english: Mapping[str, Any], local: Mapping[str, Any] | None) -> dict[str, Any]:
    """A translation with each missing part (no row, an empty label or help text, a choice
    value without a label) taken from the English wording."""
    local = local or {}
    local_choices = local.get("choice_labels") or {}
    return {
        "label": local.get("label") or english["label"],
        "help_text": local.get("help_text") or english["help_text"],
        "choice_labels": {
            value: local_choices.get(value) or text
            for value, text in (english.get("choice_labels") or {}).items()
        },
    }


def translation_missing(english: Mapping[str, Any], local: Mapping[str, Any] | None) -> bool:
    """Whether any part of a question's German or French wording is missing, so that the
    wizard shows English for it."""
    if local is None or not local.get("label"):
        return True
    if english.get("help_text") and not local.get("help_text"):
        return True
    local_choices = local.get("choice_labels") or {}
    return any(not local_choices.get(value) for value in english.get("choice_labels") or {})


def missing_languages(question: Question) -> list[str]:
    """The languages (``de``, ``fr``) in which ``question`` is shown, wholly or in part, in
    English. Uses ``question.translations`` (prefetch it for a list)."""
    by_language = {row.language: row.wording() for row in question.translations.all()}
    return [
        language
        for language in TRANSLATED
        if translation_missing(question.wording(), by_language.get(language))
    ]


@transaction.atomic
def question_update_wording(
    *,
    question: Question,
    label: str,
    help_text: str,
    choice_labels: Mapping[str, str],
    changed_by: AbstractBaseUser | None,
    language: str = "en",
) -> QuestionRevision | None:
    """Give ``question`` new words in ``language`` and record the change as a
    ``QuestionRevision`` of that language.

    English words are the ``Question``'s own; German and French words its
    ``QuestionTranslation`` of that language (created on the first save), whose change also
    touches the question's ``updated_at`` so cached wording is read afresh. The words before
    the change are read from the database (locked for the transaction), so a form that has
    already changed the instance in memory still yields the right "before". Nothing is
    written, and ``None`` returned, when the words are unchanged.

    Raises ``ValueError`` when ``choice_labels`` does not label exactly the question's fixed
    choice values: choice values are logic and never change here. A translation may leave a
    choice label empty (shown in English), but never name another value.
    """
    stored = Question.objects.select_for_update().get(pk=question.pk)
    fixed_values = list(stored.choice_labels)
    if set(choice_labels) != set(fixed_values):
        raise ValueError(
            f"Question {stored.key!r} has the fixed choice values {sorted(fixed_values)}; "
            f"got labels for {sorted(choice_labels)}."
        )
    after = {
        "label": label,
        "help_text": help_text,
        "choice_labels": {value: choice_labels[value] for value in fixed_values},
    }
    if language != "en":
        if language not in TRANSLATED:
            raise ValueError(f"No wording in the language {language!r}.")
        row = (
            QuestionTranslation.objects.select_for_update()
            .filter(question=stored, language=language)
            .first()
        )
        before = (
            row.wording()
            if row is not None
            else {"label": "", "help_text": "", "choice_labels": dict.fromkeys(fixed_values, "")}
        )
        if after == before:
            return None
        if row is None:
            row = QuestionTranslation(question=stored, language=language)
        row.label = label
        row.help_text = help_text
        row.choice_labels = dict(after["choice_labels"])
        row.save()
        stored.updated_at = timezone.now()
        stored.save(update_fields=["updated_at"])
        question.updated_at = stored.updated_at
        return QuestionRevision.objects.create(
            question=stored,
            language=language,
            changed_by_id=changed_by.pk if changed_by is not None else None,
            before=before,
            after=after,
        )
    before = stored.wording()
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
        language="en",
        changed_by_id=changed_by.pk if changed_by is not None else None,
        before=before,
        after=after,
    )
