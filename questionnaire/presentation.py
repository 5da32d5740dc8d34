"""Words and pictures for a result document: one sentence per classification, an
explanation per flag, the chart. Shared by the result page, the review step and reports."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from questionnaire.charts import ComputeChart, compute_chart
from questionnaire.scoring import AnswersError, evaluate, load, parse_answers

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
    "legacy_model": "Model placed before 2 August 2025",
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
        "The compute estimate is within 30% of a legal threshold. The Guidelines require an "
        "estimate accurate within 30%, so a small change in the inputs could change the outcome."
    ),
    "methods_disagree": (
        "Two estimation methods differ by more than 30%. The primary one was used; check the "
        "inputs of both."
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
        "10,000 EU business users, capabilities, or compute). Monitor the Annex XIII criteria."
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
        "Placed on the market before 2 August 2025: the model must comply by 2 August 2027."
    ),
}


def verdict(result: dict[str, Any]) -> str:
    text = VERDICTS.get(result["classification"], result["classification"])
    if result["classification"] != "out_of_scope" and not result["provider"]:
        return f"{NOT_PROVIDER} {text}"
    return text


def flags_explained(result: dict[str, Any]) -> list[dict[str, str]]:
    return [{"flag": flag, "text": FLAG_EXPLANATIONS.get(flag, flag)} for flag in result["flags"]]


def chart_for_result(answers: dict[str, Any], result: dict[str, Any]) -> ComputeChart | None:
    """The compute chart at full precision: the result document only keeps two figures."""
    try:
        rules = load(result["ruleset"])
        exact = evaluate(parse_answers(answers, rules), rules)
    except (AnswersError, KeyError):
        return None
    if exact.training_flop is None:
        return None
    cumulative = exact.cumulative_flop
    return compute_chart(
        estimate=Decimal(exact.training_flop),
        rules=rules,
        cumulative=cumulative if cumulative != exact.training_flop else None,
    )


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
