"""Words and pictures for a result document: one sentence per classification, an
explanation per flag, the chart. Shared by the result page, the review step and reports."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from questionnaire.charts import ComputeChart, chart_from_figures
from questionnaire.scoring import DEFAULT_RULESET, load
from questionnaire.scoring.documents import FiguresDocument, ThresholdFigures
from questionnaire.scoring.numbers import parse_number, to_text
from questionnaire.scoring.vocabulary import Classification, Flag

CLASSIFICATION_LABELS = {
    "out_of_scope": "Out of scope",
    "not_gpai": "Not a general-purpose AI model",
    "gpai": "General-purpose AI model",
    "gpai_open_source": "General-purpose AI model, open-source exemption",
    "gpai_systemic_risk": "General-purpose AI model with systemic risk",
}
FLAG_LABELS = {
    "borderline": "Borderline estimate",
    "methods_disagree": "Estimates disagree",
    "moe_assumption": "Mixture-of-experts assumption",
    "generality_rebuttal": "Generality rebuttal",
    "designation_risk": "Designation risk",
    "modification_limited": "Duties limited to the modification",
    "notification_date_unknown": "Notification date unknown",
}


VERDICTS = {
    "out_of_scope": (
        "The GPAI rules of the AI Act do not apply to you for this model, on these answers."
    ),
    "not_gpai": "This model is not a general-purpose AI model, so the GPAI obligations do not apply.",
    "gpai": (
        "This model is a general-purpose AI model: the provider obligations of Art. 53 "
        "(and Art. 54 outside the EU) apply."
    ),
    "gpai_open_source": (
        "This model is a general-purpose AI model released as open source: most documentation "
        "duties are lifted, but the copyright policy and the training summary still apply."
    ),
    "gpai_systemic_risk": (
        "This model is a general-purpose AI model with systemic risk: the Art. 53 and Art. 55 "
        "obligations apply, and the Commission may need to be notified."
    ),
}

NOT_PROVIDER = (
    "You do not carry the GPAI provider obligations for this model; the model's own "
    "classification is shown for context."
)

FLAG_EXPLANATIONS = {
    "borderline": (
        "The compute estimate is within {margin} of a legal threshold. The Guidelines require an "
        "estimate accurate within {margin}, so a small change in the inputs could change the "
        "outcome."
    ),
    "methods_disagree": (
        "Two estimation methods differ by more than {disagree_margin}. The primary one was used; "
        "check the inputs of both."
    ),
    "moe_assumption": (
        "For a mixture-of-experts model, active parameters were counted. The Guidelines speak of "
        "total parameters for dense transformers; this reading follows the general rule."
    ),
    "generality_rebuttal": (
        "The model meets the indicative criterion but you state it is narrow. This rebuttal is "
        "exceptional: keep the evidence to justify it to the AI Office."
    ),
    "designation_risk": (
        "The Commission could designate the model as having systemic risk (reach of at least "
        "{reach} EU business users, capabilities, or compute). Monitor the Annex XIII criteria."
    ),
    "modification_limited": (
        "You are the provider of the modified model; documentation and the copyright and "
        "training-data duties cover your modification only."
    ),
    "notification_date_unknown": (
        "No date was given for when it became known that the threshold would be met, so the "
        "Art. 52 notification deadline cannot be computed. It may already have passed."
    ),
    "legacy_model": (
        "Placed on the market before {apply_from}: the model must comply by {comply_by}."
    ),
}


def verdict(result: Mapping[str, Any]) -> str:
    classification = str(result["classification"])
    text = VERDICTS.get(classification, classification)
    if classification != Classification.OUT_OF_SCOPE and not result["provider"]:
        return f"{NOT_PROVIDER} {text}"
    return text


def long_date(day: date) -> str:
    """``1 March 2026``: a date as a reader writes it."""
    return f"{day.day} {day:%B %Y}"


def _rule_values(ruleset_id: str) -> dict[str, str]:
    """The rule set's values that flag explanations quote, written for a reader."""
    try:
        rules = load(ruleset_id)
    except KeyError:
        rules = load()
    return {
        "margin": percent(rules.estimate_margin),
        "disagree_margin": percent(rules.methods_disagree_margin),
        "reach": f"{rules.reach_eu_business_users:,}",
        "apply_from": long_date(rules.obligations_apply_from),
        "comply_by": long_date(rules.legacy_compliance_by),
    }


def flag_label(flag: str, ruleset_id: str | None = None) -> str:
    if flag == Flag.LEGACY_MODEL:
        return f"Model placed before {_rule_values(ruleset_id or DEFAULT_RULESET)['apply_from']}"
    return FLAG_LABELS.get(flag, flag)


def flags_explained(result: Mapping[str, Any]) -> list[dict[str, str]]:
    values = _rule_values(result.get("ruleset") or DEFAULT_RULESET)
    return [
        {
            "flag": flag,
            "label": flag_label(flag, result.get("ruleset")),
            "text": FLAG_EXPLANATIONS[flag].format(**values) if flag in FLAG_EXPLANATIONS else flag,
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
    result: Mapping[str, Any], *, chart_id: str | None = None
) -> ComputeChart | None:
    """The compute chart of a result document, drawn from its own figures."""
    figures = figures_of(result)
    if figures is None:
        return None
    if chart_id is None:
        return chart_from_figures(figures)
    return chart_from_figures(figures, chart_id=chart_id)


def percent(fraction: Decimal) -> str:
    """``0.25`` → ``25%``."""
    return f"{(fraction * 100).normalize():f}%"


def entered_and_read(value: object) -> str:
    """A figure as the person typed it, with the value read beside it when they differ:
    ``405B (= 4.05 × 10^11)``; the text as given when it is not a number."""
    if value is None:
        return ""
    try:
        number = parse_number(value)
    except ValueError:
        return str(value)
    read = format_echo(number)
    typed = str(value).strip()
    return read if typed == read else f"{typed} (= {read})"


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
