"""Words and pictures for a result document: one sentence per classification, an
explanation per flag, the obligations with their status in words, the chart. Shared by the
result page, the review step, the record page and reports.

Everything here speaks of the result as a filed document does: of "the provider", "the
modifier", never "you" (rules §10.11).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar, cast

from django.utils import translation
from django.utils.translation import gettext_noop

from questionnaire.charts import ComputeChart, chart_from_figures
from questionnaire.scoring import DEFAULT_RULESET, RuleSet, load
from questionnaire.scoring import texts as engine_texts
from questionnaire.scoring.documents import FiguresDocument, ThresholdFigures
from questionnaire.scoring.numbers import format_human, localise_number, parse_number, to_text
from questionnaire.scoring.vocabulary import (
    Classification,
    Flag,
    ObligationId,
    ObligationStatus,
    Placement,
)

CLASSIFICATION_LABELS = {
    "out_of_scope": gettext_noop("Out of scope"),
    "not_gpai": gettext_noop("Not a general-purpose AI model"),
    "gpai": gettext_noop("General-purpose AI model"),
    "gpai_open_source": gettext_noop("General-purpose AI model, open-source exemption"),
    "gpai_systemic_risk": gettext_noop("General-purpose AI model with systemic risk"),
}
FLAG_LABELS = {
    "borderline": "Borderline estimate",
    "methods_disagree": "Estimates disagree",
    "moe_assumption": "Mixture-of-experts assumption",
    "generality_rebuttal": "Generality rebuttal",
    "designation_risk": "Designation risk",
    "modification_limited": "Duties limited to the modification",
    "notification_date_unknown": "Notification date unknown",
    "planned_date_passed": "Planned placing date has passed",
    "compute_lower_bound": "Cumulative compute is a lower bound",
    "notification_recommended": "Notification recommended",
}


VERDICTS = {
    "out_of_scope": gettext_noop(
        "The GPAI rules of the AI Act do not apply to the organisation assessed for this "
        "model, on these answers."
    ),
    "not_gpai": gettext_noop(
        "This model is not a general-purpose AI model, so the GPAI obligations do not apply."
    ),
    "gpai": gettext_noop(
        "This model is a general-purpose AI model: the provider obligations of Art. 53 "
        "(and Art. 54 outside the EU) apply."
    ),
    "gpai_open_source": gettext_noop(
        "This model is a general-purpose AI model released as open source: most documentation "
        "duties are lifted, but the copyright policy and the training summary still apply."
    ),
    "gpai_systemic_risk": gettext_noop(
        "This model is a general-purpose AI model with systemic risk: the Art. 53 and Art. 55 "
        "obligations apply, and the Commission may need to be notified."
    ),
}

NOT_PROVIDER = gettext_noop(
    "The modifier is not the provider of the modified model; the original model's provider "
    "keeps the Art. 53/54 obligations (and Art. 52/55 if it has systemic risk)."
)
"""The verdict of a modifier below the threshold (rules §10.11), in the rules' own words."""

ORIGINAL_SHOWN = gettext_noop(
    "The classification shown is the original model's, as far as the answers tell."
)

FLAG_EXPLANATIONS = {
    "borderline": (
        "The compute estimate is within {margin} of a legal threshold. The Guidelines require an "
        "estimate accurate within {margin}, so a small change in the inputs could change the "
        "outcome."
    ),
    "methods_disagree": (
        "Two estimation methods differ by more than {disagree_margin}. The primary one was used; "
        "the inputs of both need checking."
    ),
    "moe_assumption": (
        "For a mixture-of-experts model, active parameters were counted. The Guidelines speak of "
        "total parameters for dense transformers; this reading follows the general rule."
    ),
    "generality_rebuttal": (
        "The model meets the indicative criterion but the provider states that it is narrow. "
        "This rebuttal is exceptional: the provider keeps the evidence to justify it to the "
        "AI Office."
    ),
    "designation_risk": (
        "The Commission could designate the model as having systemic risk (reach of at least "
        "{reach} EU business users, capabilities, or compute). The provider monitors the "
        "Annex XIII criteria."
    ),
    "modification_limited": (
        "The modifier is the provider of the modified model; documentation and the copyright "
        "and training-data duties cover the modification only."
    ),
    "notification_date_unknown": (
        "No date was given for when it became known that the threshold would be met, so the "
        "exact Art. 52 notification deadline is unknown; a date shown is the latest possible "
        "one. It may already have passed."
    ),
    "legacy_model": (
        "Placed on the market before {apply_from}: the model must comply by {comply_by}."
    ),
    "planned_date_passed": (
        "The planned placing date is before the date of the assessment. If the model has been "
        "placed on the market, the assessment is to be made again as placed, with the actual "
        "date; until then its Art. 53 and Art. 54 duties stay upcoming."
    ),
    "compute_lower_bound": (
        "The original model's compute is unknown, so the cumulative compute reported leaves it "
        "out: the cumulative compute is at least the figure shown."
    ),
    "notification_recommended": (
        "The provider's own evaluations show high-impact capabilities. On the Act's wording "
        "(Art. 52(1)) the Commission is to be notified; the Commission's Guidelines (§2.3.2, "
        "footnotes 6–7) read it as triggered only by the compute threshold and the "
        "modification of a model with systemic risk until a delegated act specifies "
        "benchmarks. Notifying is recommended."
    ),
}


LANGUAGE_CODES = ("en", "de", "fr")
"""The languages of the pages (settings.LANGUAGES); results are documents in English."""


def normalised_language(language: str | None) -> str:
    """``de``, ``fr`` or ``en`` from a language code such as ``de-at``; English for any
    other."""
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGE_CODES else "en"


def page_language() -> str:
    """The language of the page being rendered (``translation.get_language()``), as
    en/de/fr."""
    return normalised_language(translation.get_language())


def in_language(text: str, language: str) -> str:
    """``text`` (an English msgid of the catalogues) in ``language``; as is in English."""
    if language == "en":
        return text
    with translation.override(language):
        return translation.gettext(text)


def classification_label(classification: str, language: str = "en") -> str:
    """The name of a classification in ``language``: ``General-purpose AI model with
    systemic risk``, ``KI-Modell mit allgemeinem Verwendungszweck mit systemischem Risiko``."""
    english = CLASSIFICATION_LABELS.get(classification)
    return in_language(english, language) if english else classification


def local_date(day: date | str | None, language: str) -> str:
    """A date for a reader: ISO in English pages (as they always showed it), ``29. November
    2026`` / ``29 novembre 2026`` in German and French; a text that is not an ISO date as
    given."""
    if day is None:
        return ""
    if isinstance(day, str):
        parsed = _day(day)
        if parsed is None or language == "en":
            return day
        day = parsed
    return day.isoformat() if language == "en" else engine_texts.format_date(day, language)


def verdict(result: Mapping[str, Any], language: str = "en") -> str:
    """One sentence for the classification. A party without provider obligations for a
    general-purpose AI model is a modifier below the threshold: the rules' sentence for it,
    and the original's classification named as such (a developer's non-GPAI model and an
    out-of-scope answer need no such clause)."""
    classification = str(result["classification"])
    text = VERDICTS.get(classification)
    if (
        classification not in (Classification.OUT_OF_SCOPE, Classification.NOT_GPAI)
        and not result["provider"]
    ):
        return f"{in_language(NOT_PROVIDER, language)} {in_language(ORIGINAL_SHOWN, language)}"
    return in_language(text, language) if text else classification


def long_date(day: date, language: str = "en") -> str:
    """``1 March 2026``: a date as a reader writes it (``1. März 2026``, ``1er mars 2026``)."""
    if language != "en":
        return engine_texts.format_date(day, language)
    return f"{day.day} {day:%B %Y}"


def _rule_values(ruleset_id: str, language: str = "en") -> dict[str, str]:
    """The rule set's values that flag explanations quote, written for a reader."""
    try:
        rules = load(ruleset_id)
    except KeyError:
        rules = load()
    if language != "en":
        return {
            "margin": engine_texts.format_percent(to_text(rules.estimate_margin), language),
            "disagree_margin": engine_texts.format_percent(
                to_text(rules.methods_disagree_margin), language
            ),
            "reach": engine_texts.format_count(rules.reach_eu_business_users, language),
            "apply_from": long_date(rules.obligations_apply_from, language),
            "comply_by": long_date(rules.legacy_compliance_by, language),
        }
    return {
        "margin": percent(rules.estimate_margin),
        "disagree_margin": percent(rules.methods_disagree_margin),
        "reach": f"{rules.reach_eu_business_users:,}",
        "apply_from": long_date(rules.obligations_apply_from),
        "comply_by": long_date(rules.legacy_compliance_by),
    }


def flag_label(flag: str, ruleset_id: str | None = None, language: str = "en") -> str:
    """A flag's label in ``language`` (the engine's catalogues, ``texts.flag_label``)."""
    if flag == Flag.LEGACY_MODEL:
        values = _rule_values(ruleset_id or DEFAULT_RULESET, language)
        english = "Model placed before {apply_from}"
        return engine_texts.flag_label(flag, language, english).format(**values)
    return engine_texts.flag_label(flag, language, FLAG_LABELS.get(flag, flag))


def flag_explanation(flag: str, ruleset_id: str | None = None, language: str = "en") -> str:
    """A flag's explanation in ``language``, with the rule set's values written for a
    reader of that language; the flag itself for a flag without one."""
    if flag not in FLAG_EXPLANATIONS:
        return flag
    values = _rule_values(ruleset_id or DEFAULT_RULESET, language)
    return engine_texts.flag_text(flag, language, FLAG_EXPLANATIONS[flag]).format(**values)


def flags_explained(result: Mapping[str, Any], language: str = "en") -> list[dict[str, str]]:
    """Each flag of ``result`` with its label and explanation in ``language``."""
    return [
        {
            "flag": flag,
            "label": flag_label(flag, result.get("ruleset"), language),
            "text": flag_explanation(flag, result.get("ruleset"), language),
        }
        for flag in result["flags"]
    ]


def figures_of(result: Mapping[str, Any]) -> FiguresDocument | None:
    """The figures a stored result is displayed from. Results made before results carried
    their exact figures fall back to the reported two-figure values and the thresholds of
    their own rule set: read from the document and the rule set's data, never recomputed."""
    figures = result.get("figures")
    if figures is not None:
        return cast(FiguresDocument, figures)
    training, cumulative = result.get("training_flop"), result.get("cumulative_flop")
    if training is None:
        return None
    try:
        rules = load(result["ruleset"])
    except KeyError:
        return None
    thresholds: list[ThresholdFigures] = [
        {
            "id": "gpai",
            "flop": to_text(rules.gpai_training_flop),
            "compared_with": "training",
            "value": str(training),
        }
    ]
    if cumulative is not None:
        thresholds.append(
            {
                "id": "systemic_risk",
                "flop": to_text(rules.systemic_risk_cumulative_flop),
                "compared_with": "cumulative",
                "value": str(cumulative),
            }
        )
    return {
        "training_flop": str(training),
        "cumulative_flop": None if cumulative is None else str(cumulative),
        "compute": None,
        "thresholds": thresholds,
        "estimate_margin": to_text(rules.estimate_margin),
    }


def chart_for_result(
    result: Mapping[str, Any], *, chart_id: str | None = None, language: str = "en"
) -> ComputeChart | None:
    """The compute chart of a result document, drawn from its own figures, its powers of
    ten written as superscripts, its words and figures in ``language``."""
    figures = figures_of(result)
    if figures is None:
        return None
    if chart_id is None:
        chart = chart_from_figures(figures, language=language)
    else:
        chart = chart_from_figures(figures, chart_id=chart_id, language=language)
    return None if chart is None else superscripted(chart)


def percent(fraction: Decimal) -> str:
    """``0.25`` → ``25%``."""
    return f"{(fraction * 100).normalize():f}%"


def entered_and_read(value: object, language: str = "en") -> str:
    """A figure as the person typed it, with the value read beside it when they differ:
    ``405B (= 4.05 × 10¹¹)``; the text as given when it is not a number. What was typed
    stays as typed; only the value read is written with a superscript exponent, in the
    notation of ``language`` (``4,05 × 10¹¹`` in German and French)."""
    if value is None:
        return ""
    try:
        number = parse_number(value)
    except ValueError:
        return str(value)
    read = localise_number(format_echo(number), language)
    typed = typed_in(str(value).strip(), language)
    return typed if typed == read else f"{typed} (= {superscript_exponents(read)})"


_CONTRACT_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<whole>\d*)(?:(?P<point>\.)(?P<decimals>\d*))?(?P<exponent>[eE][+-]?\d+)?"
)
_THOUSANDS = re.compile(r"\B(?=(?:\d{3})+$)")
_GROUPED_DIGITS = 30
"""Longer runs of digits (an answers document may hold any) are left as typed."""


def typed_in(typed: str, language: str) -> str:
    """A figure as typed. On a German or French page a figure kept in the contract's
    notation (``405000000000``, ``3.2e24``: so kept where English would read the local
    notation otherwise) is written in the language's notation (``405.000.000.000``,
    ``3,2e24``): only its separators change, its digits, sign and exponent stay as typed.
    Anything else as typed."""
    if language not in ("de", "fr"):
        return typed
    found = _CONTRACT_NUMBER.fullmatch(typed)
    if found is None or not (found["whole"] or found["decimals"]):
        return typed
    whole = found["whole"]
    if not found["exponent"] and not whole.startswith("0") and len(whole) <= _GROUPED_DIGITS:
        whole = _THOUSANDS.sub(",", whole)  # 405000000000 → 405,000,000,000
    english = (
        f"{found['sign']}{whole}{found['point'] or ''}{found['decimals'] or ''}"
        f"{found['exponent'] or ''}"
    )
    return localise_number(english, language)


def format_echo(value: Decimal) -> str:
    """Three significant figures, enough to recognise what was typed: ``4.05 × 10^11``;
    up to a million plainly: ``1,000,000``."""
    if abs(value) <= 1_000_000:
        return f"{value.normalize():,f}"
    exponent = value.adjusted()
    mantissa = value.scaleb(-exponent).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if abs(mantissa) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    text = f"{mantissa.normalize():f}"
    return f"10^{exponent}" if text == "1" else f"{text} × 10^{exponent}"


def group_by_step(rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive questions of one step under the step's title, in the order asked."""
    groups: list[dict[str, Any]] = []
    for row in rows:
        title = row.get("step_title") or row.get("step") or ""
        if not groups or groups[-1]["title"] != title:
            groups.append({"title": title, "rows": []})
        groups[-1]["rows"].append(row)
    return groups


# ------------------------------------------------------------------ powers of ten

SUPERSCRIPT_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_POWER_OF_TEN = re.compile(r"(?<![\d.])10\^(-?\d+)(?!\d)")


def superscript_exponents(text: str) -> str:
    """``3.2 × 10^24`` → ``3.2 × 10²⁴``: the powers of ten of a figure written for a reader.
    For figures this layer writes; what a person typed is shown as typed. The fonts of the
    PDF carry these characters (static/fonts/README.md), so its text still reads 10²⁴."""
    return _POWER_OF_TEN.sub(lambda match: "10" + match[1].translate(SUPERSCRIPT_DIGITS), text)


def flop_text(value: object, language: str = "en") -> str:
    """``3.2 × 10²⁴ FLOP`` from an exact value or a result document's ``3.2e24``
    (``3,2 × 10²⁴ FLOP`` in German and French); ``not given`` for nothing."""
    if value is None or value == "":
        return in_language(gettext_noop("not given"), language)
    human = localise_number(format_human(parse_number(value)), language)
    return f"{superscript_exponents(human)} FLOP"


_T = TypeVar("_T")


def superscripted(item: _T) -> _T:
    """A copy of a frozen dataclass (a chart and its parts) with every text in it written
    with superscript exponents; numbers, colours and coordinates are left as they are."""
    if isinstance(item, str):
        return cast(_T, superscript_exponents(item))
    if isinstance(item, tuple):
        return cast(_T, tuple(superscripted(part) for part in item))
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        changes = {
            field.name: superscripted(getattr(item, field.name))
            for field in dataclasses.fields(item)
        }
        return dataclasses.replace(item, **changes)
    return item


# ------------------------------------------------------------------ obligations and statuses

UPCOMING = ObligationStatus.UPCOMING
APPLIES = ObligationStatus.APPLIES
OVERDUE = ObligationStatus.OVERDUE
DONE = ObligationStatus.DONE
RECOMMENDED = ObligationStatus.RECOMMENDED

FINES = gettext_noop(
    "From {fines_from} the Commission may fine a provider that it finds intentionally or "
    "negligently infringed the Regulation, up to 3% of its annual total worldwide turnover "
    "in the preceding financial year or EUR 15 million, whichever is higher "
    "(Art. 101(1)(a)); the lower caps for SMEs (Art. 99(6)) do not apply to Art. 101."
)
"""Rules §10.7, word for word; the date is the rule set's."""

RECOMMENDED_WHY = gettext_noop(
    "Recommended, not required on the Commission's reading: until a delegated act specifies "
    "benchmarks, the Guidelines (§2.3.2, footnotes 6–7) treat only the compute threshold and "
    "the modification of a model with systemic risk as triggering the notification. On the "
    "Act's wording (Art. 52(1)) high-impact capabilities require it."
)

NOTIFY_NOW_WORDS = gettext_noop("notify the AI Office now")
NOTIFY_NOW = f" — {NOTIFY_NOW_WORDS}"

SCOPES = (gettext_noop("the modification only"),)
"""The scopes the engine gives a limited duty (``scope`` of an obligation), in English:
marked for the catalogues, translated on the pages."""


def _rules_of(result: Mapping[str, Any]) -> RuleSet:
    """The rule set a result names; the default one for a result whose rule set this code
    does not know."""
    try:
        return load(str(result.get("ruleset") or DEFAULT_RULESET))
    except KeyError:
        return load()


def fines_text(result: Mapping[str, Any], language: str = "en") -> str:
    """What an overdue notification risks (rules §10.7), with the date of the result's rule
    set."""
    return in_language(FINES, language).format(
        fines_from=long_date(_rules_of(result).fines_apply_from, language)
    )


def _day(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def status_on(
    obligation: Mapping[str, Any], day: date, *, planned: bool, legacy: bool
) -> str | None:
    """The status of a signed obligation on ``day``, by the rules of §10.7, without running
    the engine: the statuses of a record's day are in its signed result, and this gives
    today's beside them from the same due dates.

    ``planned``: the answers place the model later (``placement: planned``); ``legacy``: the
    result carries flag ``legacy_model``. ``None`` for an obligation that has no status (a
    result of a rule set before statuses). On the result's own ``assessed_on`` it gives the
    signed status back.

    - ``done`` and ``recommended`` stay as signed: they rest on answers, not on the date;
    - the Art. 52 notification: ``applies`` for a legacy model (never overdue), else
      ``overdue`` when due strictly before ``day``, else ``upcoming`` (a notification with
      no date keeps its signed status);
    - any other duty: ``upcoming`` for a planned model (its duties fall due on placing);
      else ``applies`` when due on or before ``day``, or due "now" (no date), else
      ``upcoming``.
    """
    signed = obligation.get("status")
    if signed is None:
        return None
    if signed in (DONE, RECOMMENDED):
        return str(signed)
    due = _day(obligation.get("due"))
    if obligation.get("id") == ObligationId.ART52_NOTIFY:
        if legacy:
            return APPLIES.value
        if due is None:
            return str(signed)
        return OVERDUE.value if due < day else UPCOMING.value
    if planned:
        return UPCOMING.value
    if due is None or due <= day:
        return APPLIES.value
    return UPCOMING.value


@dataclass(frozen=True, slots=True)
class StatusWords:
    """An obligation's status as a reader reads it: ``lead``, then the date (if any), then
    ``tail``. Pages wrap the date in a ``<time>`` element; ``text`` is the plain sentence."""

    lead: str
    day: str | None = None
    tail: str = ""
    day_text: str | None = None
    """The date as the page's reader writes it (``29. November 2026``); ``None``: ``day``
    as is (English pages show ISO dates)."""

    @property
    def shown_day(self) -> str | None:
        return self.day_text or self.day

    @property
    def text(self) -> str:
        day = self.shown_day
        return f"{self.lead} {day}{self.tail}" if day else f"{self.lead}{self.tail}"


def status_words(
    obligation: Mapping[str, Any],
    status: str | None,
    *,
    notified_on: str | None = None,
    language: str = "en",
) -> StatusWords:
    """The words for an obligation in ``status``, in ``language``. ``None``, for a result
    without statuses, gives its due date as such results always showed it."""
    due = obligation.get("due") or None
    notification = obligation.get("id") == ObligationId.ART52_NOTIFY

    def words(lead: str, day: str | None = None, tail: str = "") -> StatusWords:
        if language == "en":
            return StatusWords(lead, day, tail)
        local_day = local_date(day, language) if day else None
        return StatusWords(
            in_language(lead, language),
            day,
            f" — {in_language(NOTIFY_NOW_WORDS, language)}" if tail else "",
            local_day if local_day != day else None,
        )

    if status is None or status == UPCOMING:
        if due:
            return words(gettext_noop("Due:") if status is None else gettext_noop("Due"), due)
        if notification:
            return words(gettext_noop("Due: date unknown — notify without delay"))
        if status is None:
            return words(gettext_noop("Due: before placing on the market"))
        return words(gettext_noop("Due before placing on the market"))
    if status == APPLIES:
        return (
            words(gettext_noop("Applies since"), due) if due else words(gettext_noop("Applies now"))
        )
    if status == OVERDUE:
        return (
            words(gettext_noop("Overdue since"), due, NOTIFY_NOW)
            if due
            else words(gettext_noop("Overdue"), None, NOTIFY_NOW)
        )
    if status == DONE:
        if notified_on:
            return words(gettext_noop("Done: notified on"), notified_on)
        return words(gettext_noop("Done: the Commission has been notified"))
    if status == RECOMMENDED:
        return (
            words(gettext_noop("Recommended by"), due)
            if due
            else words(gettext_noop("Recommended"))
        )
    return StatusWords(str(status))


@dataclass(frozen=True, slots=True)
class ObligationLine:
    """One duty of a result, with its status of the result's day and, for a stored result
    read later, its status today."""

    id: str
    title: str
    article: str
    scope: str
    status: str | None
    """As in the result (the signed one, for a record); ``None`` before statuses."""
    words: StatusWords
    why: str
    """Why a recommended notification is only recommended; empty otherwise."""
    today_status: str | None = None
    today_words: StatusWords | None = None

    @property
    def current(self) -> str | None:
        """The status a reader must act on: today's when it is known, else the result's."""
        return self.today_status if self.today_words is not None else self.status

    @property
    def current_words(self) -> StatusWords:
        return self.today_words if self.today_words is not None else self.words

    @property
    def changed(self) -> bool:
        return self.today_words is not None and self.today_status != self.status

    @property
    def overdue(self) -> bool:
        return self.current == OVERDUE


@dataclass(frozen=True, slots=True)
class ObligationsView:
    """A result's obligations as pages and reports show them."""

    lines: tuple[ObligationLine, ...]
    assessed_on: str | None
    """The day the statuses speak for; ``None`` for a result without statuses."""
    label: str
    """``Statuses as attested on 2026-11-28`` (a record), ``… as assessed on …`` (a result);
    empty for a result without statuses."""
    today: str | None
    """Today's date when today's statuses are shown beside the result's, else ``None``."""
    overdue: tuple[ObligationLine, ...]
    fines: str
    """The fines text of an overdue notification; empty when nothing is overdue."""
    notification: StatusWords | None
    """The Art. 52 notification's current words, or ``None`` when the result lists none."""

    @property
    def has_statuses(self) -> bool:
        return self.assessed_on is not None


def obligations_view(
    result: Mapping[str, Any],
    *,
    answers: Mapping[str, Any] | None = None,
    today: date | None = None,
    attested: bool = False,
    language: str = "en",
) -> ObligationsView:
    """The obligations of ``result`` in words. With ``answers`` and ``today`` (a stored
    result read on a later day) each line also gets today's status (``status_on``); a
    result without statuses (rule sets before them) shows its due dates as it always did.
    ``attested``: the result is a record's, signed on its ``assessed_on``. ``language``:
    the words (status words, titles, label, fines) and dates for a reader of that
    language; the ids, statuses and ISO dates stay as in the result."""
    obligations: Sequence[Mapping[str, Any]] = result.get("obligations") or []
    with_statuses = any(o.get("status") for o in obligations)
    assessed_on = str(result.get("assessed_on") or "") or None
    if not with_statuses:
        assessed_on = None
    answers = answers or {}
    notified = answers.get("notified_on") or None
    later = (
        today
        if today is not None
        and with_statuses
        and answers
        and _day(assessed_on) is not None
        and today != _day(assessed_on)
        else None
    )
    planned = answers.get("placement") == Placement.PLANNED
    legacy = Flag.LEGACY_MODEL in (result.get("flags") or [])
    lines = []
    for obligation in obligations:
        status = obligation.get("status")
        notified_on = obligation.get("notified_on") or notified
        today_status = (
            status_on(obligation, later, planned=planned, legacy=legacy) if later else None
        )
        lines.append(
            ObligationLine(
                id=str(obligation.get("id", "")),
                title=engine_texts.obligation_title(
                    str(obligation.get("id", "")),
                    language,
                    str(obligation.get("title") or obligation.get("id", "")),
                ),
                article=str(obligation.get("article", "")),
                scope=in_language(str(obligation.get("scope") or ""), language)
                if obligation.get("scope")
                else "",
                status=status,
                words=status_words(obligation, status, notified_on=notified_on, language=language),
                why=in_language(RECOMMENDED_WHY, language) if status == RECOMMENDED else "",
                today_status=today_status,
                today_words=status_words(
                    obligation, today_status, notified_on=notified_on, language=language
                )
                if later
                else None,
            )
        )
    overdue = tuple(line for line in lines if line.overdue)
    notification = next(
        (line.current_words for line in lines if line.id == ObligationId.ART52_NOTIFY), None
    )
    label = ""
    if assessed_on:
        label = in_language(
            gettext_noop("Statuses as attested on %(date)s")
            if attested
            else gettext_noop("Statuses as assessed on %(date)s"),
            language,
        ) % {"date": local_date(assessed_on, language)}
    return ObligationsView(
        lines=tuple(lines),
        assessed_on=assessed_on,
        label=label,
        today=local_date(later, language) if later else None,
        overdue=overdue,
        fines=fines_text(result, language) if overdue else "",
        notification=notification,
    )


MONTHS = engine_texts.MONTHS["en"]
"""In English whatever the server's locale (``%B`` follows it)."""


@dataclass(frozen=True)
class Moment:
    """A signed UTC time, for people and for machines."""

    iso: str
    """``2026-11-29T14:05:00Z``: valid in a ``<time datetime>`` attribute."""
    text: str
    """``29 November 2026, 14:05 UTC``."""


def utc_moment(value: object, language: str = "en") -> Moment | None:
    """A record's ISO time (``2026-11-29T14:05:00Z``) in words and as a machine-readable
    UTC time; ``None`` when it is not an ISO time with a zone (shown as given, then)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    moment = moment.astimezone(UTC)
    day = (
        f"{moment.day} {MONTHS[moment.month - 1]} {moment:%Y}"
        if language == "en"
        else engine_texts.format_date(moment.date(), language)
    )
    return Moment(iso=moment.strftime("%Y-%m-%dT%H:%M:%SZ"), text=f"{day}, {moment:%H:%M} UTC")
