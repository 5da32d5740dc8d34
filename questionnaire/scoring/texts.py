"""Every sentence the engine writes, by a stable id, with the values filled into it.

A reason, note or open question of a result is ``{id, params}``; its text is rendered from
the template below. Decisions live in ``engine.py`` and never depend on these words, so a
text can be corrected, tested by its id and translated without touching a decision. Texts
are not versioned with the rule sets: a wording correction applies to every rule set.

Params are JSON values: figures as exact decimal strings, dates as ISO dates, lists of
strings. A template names how a param is written: ``{value:flop}`` (``3.2 × 10^24 FLOP``),
``{value:human}`` (``3.2 × 10^24``), ``{value:percent}`` (``0.25`` → ``25%``),
``{value:count}`` (``12000`` → ``12,000``), ``{items:list}`` (``a, b and c``),
``{items:unmet}`` (open-source conditions in words); a bare ``{value}`` is inserted as is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from .numbers import format_human

__all__ = ["TEXTS", "UNMET_CONDITIONS", "render"]

TEXTS: dict[str, str] = {
    # ------------------------------------------------------------------ scope
    "scope.research_only": (
        "The model is used only for research, development or prototyping and is not placed "
        "on the market, so it falls outside the definition of a general-purpose AI model. "
        "Re-assess before any placing on the market, including testing in real-world "
        "conditions, which the exclusion does not cover."
    ),
    "scope.excluded_eu": (
        "You have clearly and unequivocally excluded distribution and use of the model in "
        "the Union, including its integration into systems for the Union, so you are not "
        "its provider for the EU."
    ),
    "scope.integrator": (
        "Integrating another provider's model into a system without changing its weights "
        "does not make you the provider of the model. You may be the provider of the AI "
        "system, and system-level duties of the AI Act may apply to it."
    ),
    "scope.internal_only": (
        "Use of the model for purely internal processes, not essential to a product or "
        "service offered to third parties and not affecting the rights of natural persons, "
        "is not placing on the market."
    ),
    "scope.internal_systemic": (
        "The model is used internally only, but the answers show systemic risk: Recital 97 "
        "keeps a model with systemic risk subject to the obligations, so it is assessed as "
        "if placed on the market, from the date internal use began."
    ),
    "scope.planned": (
        "The model is developed with a view to placing it on the market, so the obligations "
        "already apply to its lifecycle, which starts with the large pre-training run; the "
        "Art. 52 notification can fall due before training ends."
    ),
    "scope.placed": "The model is placed on the Union market.",
    "scope.integrator_provider": (
        "The upstream provider is outside the Union and has excluded EU distribution and "
        "use, so you, integrating the model into a system placed on the Union market, "
        "become the provider of the model and are assessed like its developer."
    ),
    # ------------------------------------------------------------------ compute
    "compute.estimate": (
        "The training compute is estimated at {value:flop} by the {method} method ({description})."
    ),
    "compute.estimate_modification": (
        "This modification's own training compute is estimated at {value:flop} by the "
        "{method} method ({description})."
    ),
    "compute.methods_disagree": (
        "A second estimate by the {method} method gives {value:flop}, more than "
        "{disagree_margin:percent} away from the primary estimate; the primary estimate is "
        "used. Check the inputs: an estimate must be accurate within {estimate_margin:percent}."
    ),
    "compute.moe": (
        "For a mixture-of-experts model the estimate counts active parameters: this "
        "follows the general rule (operations actually performed) but departs from the "
        "Guidelines' 'total parameters' for dense transformers."
    ),
    # ------------------------------------------------------------------ generality
    "gpai.criterion_met": (
        "Its training compute is above {threshold:flop} and it can generate {outputs:list}, so "
        "it meets the indicative criterion of a general-purpose AI model."
    ),
    "gpai.criterion_met_outputs_unknown": (
        "Its training compute is above {threshold:flop} and it can generate language, images "
        "or video, so it meets the indicative criterion of a general-purpose AI model."
    ),
    "gpai.criterion_not_above": (
        "Its training compute is not above {threshold:flop}, so it does not meet the "
        "indicative criterion of a general-purpose AI model."
    ),
    "gpai.criterion_compute_unknown": (
        "Its training compute is not known, so it does not meet the indicative criterion of a "
        "general-purpose AI model."
    ),
    "gpai.criterion_no_output": (
        "It cannot generate language (text or audio), images or video, so it does not meet "
        "the indicative criterion of a general-purpose AI model; no rebuttal is involved."
    ),
    "gpai.rebuttal_narrow": (
        "You state that the model is nonetheless narrow (like speech transcription, "
        "text-to-speech, image upscaling, inpainting or music generation). The criterion "
        "is rebuttable, exceptionally: it is not a general-purpose AI model, and you "
        "must be able to justify this to the AI Office."
    ),
    "gpai.rebuttal_wide": (
        "You state that the model displays significant generality and competently "
        "performs a wide range of distinct tasks: the definition in Art. 3(63) governs, "
        "so it is a general-purpose AI model although it misses the indicative criterion."
    ),
    "gpai.high_impact_shows_generality": (
        "Your evaluations show capabilities matching the most advanced general-purpose "
        "models, which shows significant generality: it is treated as a general-purpose AI "
        "model although it misses the indicative criterion."
    ),
    # ------------------------------------------------------------------ systemic risk
    "systemic.designated": (
        "The Commission has designated the model as having systemic risk; you are bound "
        "from the moment you were informed, and no notification is needed for the "
        "designation."
    ),
    "systemic.presumed": (
        "Its cumulative training compute of {value:flop} is greater than {threshold:flop}: it "
        "is presumed to have high-impact capabilities and so systemic risk."
    ),
    "systemic.requires_gpai": (
        "Its cumulative compute is above {threshold:flop}, but systemic risk is a category of "
        "general-purpose AI models, and this model is not one."
    ),
    "systemic.high_impact": (
        "Your own evaluations show high-impact capabilities: on the Act's wording the model "
        "then has systemic risk whatever its compute, so the Art. 55 duties are listed."
    ),
    "systemic.reach": (
        "It has {users:human} registered business users in the Union, at least "
        "{threshold:count}: Annex XIII presumes high impact for designation. This is not a "
        "classification by itself."
    ),
    # ------------------------------------------------------------------ modifiers
    "modifier.compared": (
        "The modification's compute, {value:flop}, is {relation} {fraction} of the original "
        "model's compute of {base:flop}."
    ),
    "modifier.compared_with_earlier": (
        "The modification's compute together with the earlier modifications, {value:flop}, "
        "is {relation} {fraction} of the original model's compute of {base:flop}."
    ),
    "modifier.compared_fallback": (
        "The modification's compute, {value:flop}, is {relation} {fraction} of {base:flop}, "
        "the fallback when the original's compute is unknown and it {original} systemic risk."
    ),
    "modifier.compared_fallback_with_earlier": (
        "The modification's compute together with the earlier modifications, {value:flop}, "
        "is {relation} {fraction} of {base:flop}, the fallback when the original's compute is "
        "unknown and it {original} systemic risk."
    ),
    "modifier.below": (
        "Below this indicative criterion the modification does not significantly change "
        "the model, so you do not become its provider and carry no GPAI-provider "
        "obligations for it."
    ),
    "modifier.below_crossing": (
        "The original's compute plus the modifications, {value:flop}, is above "
        "{threshold:flop}: the Commission could treat the modified model as having systemic "
        "risk."
    ),
    "modifier.provider": (
        "You become the provider of the modified model. Your documentation duties "
        "(Art. 53(1)(a) and (b)) cover the modification only, and the copyright policy and "
        "training summary cover the modification's data only."
    ),
    "modifier.systemic_original": (
        "The original model has systemic risk, so the modified model is presumed to have it "
        "too (rebuttable under Art. 52(2)): Art. 52 notification and Art. 55 apply in full, "
        "not limited to the modification."
    ),
    "modifier.systemic_cumulative": (
        "The modified model's cumulative compute, including the original's, is {value:flop}, "
        "greater than {threshold:flop}: it is presumed to have systemic risk."
    ),
    "modifier.designated": "The Commission has designated the model as having systemic risk.",
    "modifier.high_impact": (
        "Your own evaluations show high-impact capabilities: on the Act's wording the "
        "modified model has systemic risk, so the Art. 55 duties are listed."
    ),
    # ------------------------------------------------------------------ open source
    "open_source.not_met": "The open-source exemption does not apply: {unmet:unmet}.",
    "open_source.applies": (
        "The model is released under a free and open-source licence with its weights, "
        "architecture and usage information public and is not monetised: Art. 53(1)(a) and (b) "
        "and Art. 54 do not apply; the copyright policy and the training summary still do."
    ),
    "open_source.no_representative": (
        "As an open-source model, no authorised representative is required (Art. 54(6))."
    ),
    "open_source.never_systemic": (
        "The open-source exemption never applies to a model with systemic risk."
    ),
    # ------------------------------------------------------------------ dates
    "dates.legacy": (
        "Placed on the market before {apply_from}: the model must comply by {comply_by}, "
        "throughout its lifecycle; where retraining or unlearning is impossible, this must be "
        "disclosed and justified."
    ),
    "notification.date_unknown": (
        "Notify the Commission without delay and at the latest two weeks after the "
        "threshold is met or it becomes known that it will be met. The answers give no "
        "date, so the deadline cannot be computed: it may already have passed."
    ),
    "notification.due": (
        "It became known on {known_on} that the threshold would be met: notify the Commission "
        "by {due}."
    ),
    # ------------------------------------------------------------------ notes
    "note.rebuttal": (
        "With the notification you may argue that the model exceptionally does not present "
        "systemic risk. This is an option, not an exemption: it suspends nothing."
    ),
    "note.fines": (
        "From {fines_from} the Commission can fine providers of general-purpose AI models up "
        "to 3% of annual worldwide turnover or EUR 15 million, whichever is higher."
    ),
    "note.code_of_practice": (
        "The GPAI Code of Practice (Transparency, Copyright, Safety and Security chapters) is a "
        "voluntary way to demonstrate compliance; unlike harmonised standards it gives no "
        "presumption of conformity."
    ),
    # ------------------------------------------------------------------ open questions
    "question.internal_essential": (
        "Is the internal use essential to a product or service you offer to third parties, "
        "or does it affect the rights of natural persons in the Union? If so, it counts as "
        "placing on the market (Guidelines §3.1.2) and this assessment must be redone with "
        "placement 'placed'."
    ),
    "question.internal_date": (
        "Internal use: the obligations are assessed as if the model were placed on the "
        "market from the date internal use began. Confirm that date and whether the use is "
        "essential to a product or service offered to third parties."
    ),
    "question.compute_items": (
        "Which compute items were counted? Training compute covers pre-training, fine-tuning, "
        "reinforcement learning and other weight updates; cumulative compute adds non-public "
        "synthetic data generation (discarded samples included) and the compute of weights "
        "the model was merged with or initialised from (Guidelines Annex A.1)."
    ),
    "question.synthetic_public": (
        "Is the synthetic data used for training publicly available? Only the generation of "
        "synthetic data that is not publicly available counts towards cumulative compute."
    ),
    "question.generates_unknown": (
        "What can the model generate? The answers do not say; the model is treated as able "
        "to generate language, images or video, the cautious reading."
    ),
    "question.generality_unknown": (
        "Is the model general-purpose (significant generality, a wide range of distinct "
        "tasks)? The answers do not say; as they show signs of systemic risk, it is "
        "treated as general-purpose, the cautious reading."
    ),
    "question.generality_unsure_high_impact": (
        "Generality: you answered 'unsure', but also that the model's capabilities match "
        "the most advanced models; it is treated as general-purpose. Confirm."
    ),
    "question.generality_unsure_met": (
        "Does the model display significant generality and competently perform a wide range "
        "of distinct tasks? You answered 'unsure', so the indicative criterion was followed "
        "(met). A narrow model above the criterion, or a broadly capable one below it, can "
        "rebut it exceptionally (Guidelines §2.1)."
    ),
    "question.generality_unsure_not_met": (
        "Does the model display significant generality and competently perform a wide range "
        "of distinct tasks? You answered 'unsure', so the indicative criterion was followed "
        "(not met). A narrow model above the criterion, or a broadly capable one below it, "
        "can rebut it exceptionally (Guidelines §2.1)."
    ),
    "question.narrow_above_systemic": (
        "The model is treated as not general-purpose although its compute is above "
        "{threshold:flop}. The AI Office may disagree with the narrowness argument; keep the "
        "evidence for it, and expect scrutiny."
    ),
    "question.high_impact_notification": (
        "High-impact capabilities below the compute threshold: on the Act's wording "
        "(Art. 51(1)(a)) the model has systemic risk; the Commission reads the Act as having, "
        "until a delegated act sets benchmarks, only two notification triggers (the compute "
        "threshold and modifying a systemic-risk model), so no Art. 52 notification is listed "
        "as mandatory. Decide whether to notify voluntarily."
    ),
    "question.high_impact_notification_modified": (
        "High-impact capabilities below the compute threshold: on the Act's wording "
        "(Art. 51(1)(a)) the model has systemic risk; the Commission reads the Act as having, "
        "until a delegated act sets benchmarks, only two notification triggers, so no "
        "Art. 52 notification is listed as mandatory. Decide whether to notify voluntarily."
    ),
    "question.high_impact_unsure": (
        "Do your evaluations show capabilities that match or exceed those of the most "
        "advanced models? If so, the model has systemic risk on the Act's wording "
        "(Art. 51(1)(a)); you answered 'unsure'."
    ),
    "question.designation_risk": (
        "Designation risk below the compute threshold: the Commission may designate the "
        "model as having systemic risk on the Annex XIII criteria (reach, benchmarks, "
        "capabilities). Monitor these and be ready to comply with Art. 55."
    ),
    "question.modification_missing": (
        "Give the modification's training compute and the original model's compute and "
        "systemic-risk status: without them it cannot be said whether you become the "
        "provider of the modified model (Guidelines §3.2)."
    ),
    "question.cumulative_modifications": (
        "Cumulative modifications: the Guidelines do not say how successive modifications add "
        "up. This assessment compares the sum of this modification and the earlier ones listed "
        "with the threshold."
    ),
    "question.weights_control": (
        "Control over the weights: if the fine-tuning ran through another provider's API, do "
        "you control the resulting weights? (Guidelines §3.2, footnote 12)"
    ),
    "question.original_keeps_obligations": (
        "Below the threshold, the original provider is taken to keep the obligations for "
        "the model (the engine's reading); confirm with the original provider."
    ),
    "question.modifier_crosses_systemic": (
        "The original model has no systemic risk, but with your modification the cumulative "
        "compute crosses the threshold. The Guidelines (§3.2) have no rule for this case; "
        "the presumption of Art. 51(2) is applied."
    ),
    "question.open_source_licence": (
        "Open-source licence and monetisation: check that no licence clause restricts use "
        "(research-only, non-commercial, user caps, separate commercial licences) and that "
        "there is no indirect monetisation (paid hosting as the only access, mandatory paid "
        "support, personal data processed beyond the model's security)."
    ),
    "question.established_unknown": (
        "Are you established in the Union? If not, you need an authorised "
        "representative (Art. 54); the answers do not say, so it is listed."
    ),
    "question.art55_start": (
        "When do the Art. 55 duties start? They attach from the moment the model meets the "
        "systemic-risk condition, which can be before placing on the market; the due date "
        "shown is the placing-based one (Guidelines §2.3)."
    ),
    "question.legacy_notification": (
        "Notification of a model placed before {apply_from}: the Art. 52 deadline is applied "
        "as written (the cautious reading); on the wording of Art. 111(3) it could instead "
        "be {comply_by}."
    ),
    "question.borderline_training": (
        "The estimate is within {margin:percent} of the {threshold:flop} threshold for "
        "training compute: the Guidelines require an estimate accurate within that margin, so "
        "the outcome could change. Check the inputs and keep the evidence."
    ),
    "question.borderline_cumulative": (
        "The estimate is within {margin:percent} of the {threshold:flop} threshold for "
        "cumulative compute: the Guidelines require an estimate accurate within that margin, "
        "so the outcome could change. Check the inputs and keep the evidence."
    ),
    "question.borderline_modification": (
        "The estimate is within {margin:percent} of the {fraction} threshold: the Guidelines "
        "require an estimate accurate within that margin, so the outcome could change. Check "
        "the inputs and keep the evidence."
    ),
}

UNMET_CONDITIONS = {
    "licence_permits_all": (
        "the licence does not grant access, use, modification and distribution to all"
    ),
    "weights_public": "the weights are not public",
    "architecture_public": "the architecture information is not public",
    "usage_public": "the usage information is not public",
    "monetised": "the model is monetised",
}

Param = str | int | bool | Sequence[str] | None
_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _decimal(value: Param) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None


def _flop(value: Param) -> str:
    return "unknown" if value is None else f"{format_human(_decimal(value))} FLOP"


def _percent(value: Param) -> str:
    return f"{_decimal(value) * 100:.0f}%"


def _count(value: Param) -> str:
    return f"{int(_decimal(value)):,}"


def _listing(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _items(value: Param) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence):
        return [str(item) for item in value]
    return [] if value is None else [str(value)]


def _list(value: Param) -> str:
    return _listing(_items(value))


def _unmet(value: Param) -> str:
    return _listing([UNMET_CONDITIONS.get(name, name) for name in _items(value)])


_FORMATS: dict[str, Callable[[Param], str]] = {
    "flop": _flop,
    "human": lambda value: format_human(_decimal(value)),
    "percent": _percent,
    "count": _count,
    "list": _list,
    "unmet": _unmet,
}


def render(text_id: str, params: Mapping[str, Param] | None = None) -> str:
    """The English text of ``text_id`` with ``params`` filled in; ``KeyError`` for an
    unknown id or a missing param (a programming error, caught by the tests)."""
    template = TEXTS[text_id]
    values = params or {}

    def fill(match: re.Match[str]) -> str:
        name, kind = match.group(1), match.group(2)
        value = values[name]
        if kind is None:
            return str(value)
        return _FORMATS[kind](value)

    return _PLACEHOLDER.sub(fill, template)
