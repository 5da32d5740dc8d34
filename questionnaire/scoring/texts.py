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
from datetime import date
from decimal import Decimal, InvalidOperation, getcontext
from functools import lru_cache

from .numbers import format_human, localise_number
from .texts_de import (
    DESCRIPTION_DE,
    FLAG_EXPLANATIONS_DE,
    FLAG_LABELS_DE,
    MONTHS_DE,
    OBLIGATION_TITLES_DE,
    PARAM_WORDS_DE,
    TEXTS_DE,
    UNMET_CONDITIONS_DE,
)
from .texts_fr import (
    DESCRIPTION_FR,
    FLAG_EXPLANATIONS_FR,
    FLAG_LABELS_FR,
    MONTHS_FR,
    OBLIGATION_TITLES_FR,
    PARAM_WORDS_FR,
    TEXTS_FR,
    UNMET_CONDITIONS_FR,
)

__all__ = [
    "CATALOGUES",
    "LANGUAGES",
    "TEXTS",
    "UNMET_CONDITIONS",
    "compute_description",
    "flag_label",
    "flag_text",
    "format_count",
    "format_date",
    "format_percent",
    "obligation_title",
    "render",
]

TEXTS: dict[str, str] = {
    # ------------------------------------------------------------------ scope
    "scope.research_only": (
        "The model is used only for research, development or prototyping and is not placed "
        "on the market, so it falls outside the definition of a general-purpose AI model. "
        "Re-assess before any placing on the market, including testing in real-world "
        "conditions, which the exclusion does not cover."
    ),
    "scope.excluded_eu": (
        "The answering party has clearly and unequivocally excluded distribution and use of "
        "the model in the Union, including its integration into systems for the Union, so it "
        "is not the model's provider for the Union."
    ),
    "scope.integrator": (
        "Integrating another provider's model into a system without changing its weights "
        "does not make the integrator the provider of the model. The integrator may be the "
        "provider of the AI system, and system-level duties of the AI Act may apply to it."
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
        "The model is developed with a view to placing it on the market. Its Art. 53 and "
        "Art. 54 obligations fall due when it is placed, and the documentation must cover its "
        "whole lifecycle, which starts with the large pre-training run; the Art. 52 "
        "notification can fall due before placing, even before training ends."
    ),
    "scope.placed": "The model is placed on the Union market.",
    "scope.integrator_provider": (
        "The upstream provider is outside the Union and has excluded EU distribution and "
        "use, so the integrator, building the model into a system placed on the Union market, "
        "becomes the provider of the model and is assessed like its developer."
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
        "The provider states that the model is nonetheless narrow (like speech transcription, "
        "text-to-speech, image upscaling, inpainting or music generation). The criterion "
        "is rebuttable, exceptionally: it is not a general-purpose AI model, and the provider "
        "must be able to justify this to the AI Office."
    ),
    "gpai.rebuttal_wide": (
        "The provider states that the model displays significant generality and competently "
        "performs a wide range of distinct tasks: the definition in Art. 3(63) governs, "
        "so it is a general-purpose AI model although it misses the indicative criterion."
    ),
    "gpai.high_impact_shows_generality": (
        "The provider's evaluations show capabilities matching the most advanced general-purpose "
        "models, which shows significant generality: it is treated as a general-purpose AI "
        "model although it misses the indicative criterion."
    ),
    # ------------------------------------------------------------------ systemic risk
    "systemic.designated": (
        "The Commission has designated the model as having systemic risk; the provider is "
        "bound from the moment it was informed, and no notification is needed for the "
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
        "The provider's own evaluations show high-impact capabilities: on the Act's wording "
        "the model then has systemic risk whatever its compute, so the Art. 55 duties are "
        "listed."
    ),
    "systemic.reach": (
        "It is made available to {users:human} registered business users established in the "
        "Union, at least {threshold:count}: Annex XIII presumes high impact for designation. "
        "This is not a classification by itself."
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
        "The modifier is not the provider of the modified model; the original model's provider "
        "keeps the Art. 53/54 obligations (and Art. 52/55 if it has systemic risk)."
    ),
    "modifier.below_crossing": (
        "The original's compute plus the modifications, {value:flop}, is above "
        "{threshold:flop}: the Commission could treat the modified model as having systemic "
        "risk."
    ),
    "modifier.provider": (
        "The modifier is considered, on the Guidelines' indicative criterion, to become the "
        "provider of the modified model. Its documentation duties (Art. 53(1)(a) and (b)) "
        "cover the modification only, and the copyright policy and training summary cover the "
        "modification's data only."
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
        "The provider's own evaluations show high-impact capabilities: on the Act's wording "
        "the modified model has systemic risk, so the Art. 55 duties are listed."
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
        "With the notification the provider may argue that the model exceptionally does not "
        "present systemic risk. This is an option, not an exemption: it suspends nothing."
    ),
    "note.fines": (
        "From {fines_from} the Commission can fine providers of general-purpose AI models up "
        "to 3% of annual worldwide turnover or EUR 15 million, whichever is higher."
    ),
    "note.code_of_practice": (
        "Adherence to a code of practice that the Commission has assessed as adequate (the "
        "GPAI Code of Practice: 1 August 2025) can demonstrate compliance (Art. 53(4), "
        "55(2)); for this model its {chapters:list} chapters concern the classification, and "
        "opting out of a chapter loses that for it (Guidelines §5.1). Since Regulation (EU) "
        "2026/1744 the Commission assesses codes, taking utmost account of the Board's "
        "opinion, with no approval by implementing act (Art. 56(6) as replaced). A code gives "
        "no presumption of conformity."
    ),
    # ------------------------------------------------------------------ open questions
    "question.internal_essential": (
        "Is the internal use essential to a product or service the provider offers to third "
        "parties, "
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
        "Generality: the answer was 'unsure', but also that the model's capabilities match "
        "the most advanced models; it is treated as general-purpose. Confirm."
    ),
    "question.generality_unsure_met": (
        "Does the model display significant generality and competently perform a wide range "
        "of distinct tasks? The answer was 'unsure', so the indicative criterion was followed "
        "(met). A narrow model above the criterion, or a broadly capable one below it, can "
        "rebut it exceptionally (Guidelines §2.1)."
    ),
    "question.generality_unsure_not_met": (
        "Does the model display significant generality and competently perform a wide range "
        "of distinct tasks? The answer was 'unsure', so the indicative criterion was followed "
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
        "Do the provider's evaluations show capabilities that match or exceed those of the "
        "most advanced models? If so, the model has systemic risk on the Act's wording "
        "(Art. 51(1)(a)); the answer was 'unsure'."
    ),
    "question.designation_risk": (
        "Designation risk below the compute threshold: the Commission may designate the "
        "model as having systemic risk on the Annex XIII criteria (reach, benchmarks, "
        "capabilities). Monitor these and be ready to comply with Art. 55."
    ),
    "question.modification_missing": (
        "Give the modification's training compute and the original model's compute and "
        "systemic-risk status: without them it cannot be said whether the modifier becomes "
        "the provider of the modified model (Guidelines §3.2)."
    ),
    "question.cumulative_modifications": (
        "Cumulative modifications: the Guidelines do not say how successive modifications add "
        "up. This assessment compares the sum of this modification and the earlier ones listed "
        "with the threshold."
    ),
    "question.weights_control": (
        "Control over the weights: if the fine-tuning ran through another provider's API, "
        "does the modifier control the resulting weights? (Guidelines §3.2, footnote 12)"
    ),
    "question.original_keeps_obligations": (
        "Below the threshold, the original provider is taken to keep the obligations for "
        "the model (the engine's reading); confirm with the original provider."
    ),
    "question.modifier_crosses_systemic": (
        "The original model has no systemic risk, but with the modification the cumulative "
        "compute crosses the threshold. The Guidelines (§3.2) have no rule for this case; "
        "the presumption of Art. 51(2) is applied."
    ),
    "question.open_source_licence": (
        "Open-source licence and monetisation: check that no licence clause restricts use "
        "(research-only, non-commercial, user caps, separate commercial licences) and that "
        "there is no indirect monetisation: paid hosting as the only access, mandatory paid "
        "support, or \u201cthe use of personal data for reasons other than exclusively for "
        "improving the security, compatibility or interoperability of the software\u201d "
        "(Recital 103; Guidelines §4.2.2)."
    ),
    "question.established_unknown": (
        "Is the provider established in the Union? If not, it needs an authorised "
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
    # ------------------------------------------------------------------ rule set 2026.1
    "modifier.systemic_original_provider": (
        "The modifier is presumed to become the provider of the modified model, as the "
        "modification of a model with systemic risk is above the indicative criterion "
        "(Guidelines §3.2.2). Its documentation duties (Art. 53(1)(a) and (b)) cover the "
        "modification only, and the copyright policy and training summary cover the "
        "modification's data only."
    ),
    "modifier.designated_provider": (
        "The Commission has designated the modified model as having systemic risk: the "
        "modifier is its provider, whatever the one-third test says."
    ),
    "modifier.lower_bound": (
        "The original model's compute is unknown, so the cumulative compute reported, "
        "{value:flop}, leaves it out: the model's cumulative compute is at least that."
    ),
    "modifier.lower_bound_above": (
        "Even without the original model's compute, the cumulative compute is at least "
        "{value:flop}, greater than {threshold:flop}: the modified model is presumed to have "
        "systemic risk."
    ),
    "compute.inherited": (
        "The compute of other weights the model was initialised from or merged with, "
        "{value:flop}, counts towards its cumulative compute."
    ),
    "scope.internal_supplied": (
        "The model is supplied to registered business users who are third parties: "
        "supplying a model to third parties, paid or free, is placing it on the market, so "
        "it is assessed as placed, from the first supply to a business user."
    ),
    "systemic.high_impact_recommended": (
        "On the Act's wording, Art. 51(1)(a) with Art. 52(1), high-impact capabilities "
        "require notifying the Commission; the Commission reads the Act as having, until a "
        "delegated act specifies benchmarks, only two notification triggers (the compute "
        "threshold and the modification of a model with systemic risk). The notification is "
        "therefore listed as recommended, not as required."
    ),
    "notification.recommended_due": (
        "The evaluations showed high-impact capabilities on {known_on}: a notification is "
        "recommended by {due}."
    ),
    "notification.latest": (
        "The answers give no date when it became known that the threshold would be met; the "
        "notification was due at the latest two weeks after the model was placed: {due}."
    ),
    "notification.earliest_trigger": (
        "The notification is due two weeks after the earliest of its triggers: {due}."
    ),
    "notification.notified": "The Commission was notified on {notified_on}.",
    "notification.notified_late": (
        "The Commission was notified on {notified_on}, after the due date {due}."
    ),
    "dates.planned_passed": (
        "The planned placing date, {placed_on}, has passed: the obligations stay upcoming "
        "until the model is placed."
    ),
    "dates.art55_planned": (
        "The Art. 55 duties are given the placing-based date; the Commission reads them as "
        "applying from the moment the model meets the systemic-risk condition, which can be "
        "before placing."
    ),
    "dates.art55_designation": (
        "Systemic risk rests on the designation alone: the Art. 55 duties are due from the "
        "date the provider was informed of the designation decision, {designated_on}."
    ),
    "dates.art55_designation_legacy": (
        "Systemic risk rests on the designation alone, for a model placed before "
        "{apply_from}: the Art. 55 duties are due on the later of the designation, "
        "{designated_on}, and {comply_by}."
    ),
    "note.fines_overdue": (
        "From {fines_from} the Commission may fine a provider that it finds intentionally or "
        "negligently infringed the Regulation, up to 3% of its annual total worldwide "
        "turnover in the preceding financial year or EUR 15 million, whichever is higher "
        "(Art. 101(1)(a)); the lower caps for SMEs (Art. 99(6)) do not apply to Art. 101."
    ),
    "note.reassessment_request": (
        "The provider may ask the Commission to reassess the designation at the earliest six "
        "months after the designation decision, from {earliest}, with objective, detailed and "
        "new reasons, and again six months after a decision that maintains it."
    ),
    "note.ai_system_transparency": (
        "For an AI system built on the model: the transparency obligations of Art. 50(1) "
        "apply from {transparency_from}; the marking of generated content under Art. 50(2), "
        "for generative AI systems placed on the market before {transparency_from}, is due "
        "by {marking_by} (Art. 111(4), inserted by Regulation (EU) 2026/1744)."
    ),
    "note.ai_office_competence": (
        "The AI Office is exclusively competent for AI systems based on a general-purpose AI "
        "model developed by the same provider or undertaking, except products under Annex I, "
        "Annex III points 2 and 8 and bodies under Art. 74(6) (Art. 75(1)(a) as replaced by "
        "Regulation (EU) 2026/1744)."
    ),
    "question.inherited": (
        "Inherited weights: the compute of other weights the model was initialised from or "
        "merged with counts towards cumulative compute only; leaving it out of the "
        "indicative criterion of a general-purpose AI model is the engine's reading."
    ),
    "question.planned_passed": (
        "The planned placing date has passed: has the model been placed on the market? If "
        "so, answer 'placed' with the date, and the obligations apply."
    ),
    "question.designation_date_unknown": (
        "When was the provider informed of the designation decision? The Art. 55 duties are "
        "due from then; without the date they keep the placing-based date."
    ),
    "question.modifier_designated": (
        "The modified model is designated: the modifier is taken to be its provider whatever "
        "the one-third test says, as the designation concerns the modified model."
    ),
    "question.lower_bound": (
        "The original model's compute is unknown: the cumulative compute is only a lower "
        "bound, so crossing {threshold:flop} is not excluded. Find out the original's compute "
        "(model card, technical documentation, the original provider)."
    ),
    "question.business_users_scope_unknown": (
        "Who are the registered business users: third parties, companies of the provider's "
        "group, or people working for the provider? The answers do not say; they are taken "
        "to be third parties, the cautious reading."
    ),
    "question.group_users": (
        "The business users are within the provider's group or work for it, so the use is "
        "treated as internal. Group companies are separate legal persons and the law is "
        "unsettled: supplying the model to them may be placing it on the market."
    ),
    "question.internal_relevant_obligations": (
        "A model with systemic risk used internally keeps \u201cthe relevant obligations\u201d "
        "(Recital 97): which of Art. 53(1)(b) and (d) matter when nobody downstream receives "
        "the model is open."
    ),
    "question.moe_upper_bound": (
        "Mixture of experts: the estimate counts active parameters. Counted with all "
        "{total:human} parameters (the Guidelines' 'total parameters'), it would be at most "
        "{upper:flop}, which changes nothing here. A hardware estimate is recommended as a "
        "cross-check."
    ),
    "question.moe_upper_bound_systemic": (
        "Mixture of experts: the estimate counts active parameters. Counted with all "
        "{total:human} parameters (the Guidelines' 'total parameters'), it would be at most "
        "{upper:flop}, above {threshold:flop}: the model would be presumed to have systemic "
        "risk, and the open-source exemption would not apply. A hardware estimate is "
        "recommended as a cross-check."
    ),
    "question.moe_upper_bound_gpai": (
        "Mixture of experts: the estimate counts active parameters. Counted with all "
        "{total:human} parameters (the Guidelines' 'total parameters'), it would be at most "
        "{upper:flop}, above {threshold:flop}, the indicative criterion of a general-purpose "
        "AI model. A hardware estimate is recommended as a cross-check."
    ),
    "question.moe_total_unknown": (
        "Mixture of experts: the estimate counts active parameters. The total parameters are "
        "not given; counted with them (the Guidelines' 'total parameters'), the estimate "
        "would be higher. Give them to see the upper bound; a hardware estimate is "
        "recommended as a cross-check."
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


def render(text_id: str, params: Mapping[str, Param] | None = None, language: str = "en") -> str:
    """The text of ``text_id`` with ``params`` filled in, in ``language`` (English, the
    canonical text of the result documents, unless asked; an unknown language is English);
    ``KeyError`` for an unknown id or a missing param (a programming error, caught by the
    tests)."""
    if language != "en" and language in CATALOGUES:
        return _render_local(text_id, params, language)
    pieces, tail = _parsed(TEXTS[text_id])
    if not pieces:
        return tail
    values = params or {}
    out = []
    for literal, name, kind in pieces:
        out.append(literal)
        value = values[name]
        if kind is None:
            out.append(str(value))
        elif isinstance(value, str | int):
            context = getcontext()
            out.append(
                _formatted(kind, value, type(value).__name__, context.prec, context.rounding)
            )
        elif (
            kind in _LISTS
            and isinstance(value, list | tuple)
            and all(isinstance(item, str) for item in value)
        ):
            out.append(_formatted(kind, tuple(value), "tuple", 0, ""))
        else:
            out.append(_FORMATS[kind](value))
    out.append(tail)
    return "".join(out)


@lru_cache(maxsize=256)
def _parsed(template: str) -> tuple[tuple[tuple[str, str, str | None], ...], str]:
    """A template cut at its placeholders: (text before, param name, format) for each, and
    the text after the last one."""
    pieces = []
    start = 0
    for match in _PLACEHOLDER.finditer(template):
        pieces.append((template[start : match.start()], match.group(1), match.group(2)))
        start = match.end()
    return tuple(pieces), template[start:]


# Formats of lists of words: no arithmetic, so no context (a list is keyed as a tuple).
_LISTS = frozenset({"list", "unmet"})


@lru_cache(maxsize=4096)
def _formatted(
    kind: str, value: str | int | tuple[str, ...], _type: str, _prec: int, _rounding: str
) -> str:
    """A figure written as ``kind`` says, remembered: a result writes the same thresholds and
    estimates many times. The value's type (``True`` is ``1`` to a cache) and the current
    context's precision and rounding (the decimal arithmetic reads them) are in the key."""
    return _FORMATS[kind](value)


# ---------------------------------------------------------------------- other languages
# The reader's language: the same ids and params, the words of the official language
# version of the AI Act (shared/spec/terminology.md), figures and dates in local notation.
# The English text stays the canonical one, written into every JSON document.

CATALOGUES: dict[str, dict[str, str]] = {"en": TEXTS, "de": TEXTS_DE, "fr": TEXTS_FR}
"""Templates by language, then by id: every language has every id of ``TEXTS``, with the
placeholders (names and formats) of the English template."""

LANGUAGES = tuple(CATALOGUES)

UNMET_BY_LANGUAGE: dict[str, dict[str, str]] = {
    "en": UNMET_CONDITIONS,
    "de": UNMET_CONDITIONS_DE,
    "fr": UNMET_CONDITIONS_FR,
}
CONJUNCTIONS = {"en": "and", "de": "und", "fr": "et"}
"""The word before the last item of a list."""

PARAM_WORDS: dict[str, dict[str, dict[str, str]]] = {
    "en": {},
    "de": PARAM_WORDS_DE,
    "fr": PARAM_WORDS_FR,
}
"""Words the engine passes as params (a method, "greater than", chapter names), by language
and param name; a value not listed is inserted as is."""

_DESCRIPTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (),
    "de": DESCRIPTION_DE,
    "fr": DESCRIPTION_FR,
}

OBLIGATION_TITLES: dict[str, dict[str, str]] = {
    "de": OBLIGATION_TITLES_DE,
    "fr": OBLIGATION_TITLES_FR,
}
"""Titles of the obligations by language and obligation id; English titles are the rule
set's ("title" of each obligation), which stay the titles of the result documents."""

FLAG_LABELS: dict[str, dict[str, str]] = {"de": FLAG_LABELS_DE, "fr": FLAG_LABELS_FR}
FLAG_EXPLANATIONS: dict[str, dict[str, str]] = {
    "de": FLAG_EXPLANATIONS_DE,
    "fr": FLAG_EXPLANATIONS_FR,
}
"""Flag labels and explanations by language and flag. The English ones live with the
presentation (``questionnaire.presentation.FLAG_LABELS``/``FLAG_EXPLANATIONS``); the
templates have the same placeholders ({margin}, {disagree_margin}, {reach}, {apply_from},
{comply_by}), to be filled with ``format_percent``, ``format_count`` and ``format_date`` of
the same language."""

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": MONTHS_DE,
    "fr": MONTHS_FR,
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _language(language: str) -> str:
    return language if language in CATALOGUES else "en"


def obligation_title(obligation_id: str, language: str, default: str) -> str:
    """The title of an obligation in ``language``; ``default`` (the rule set's English
    title, as shown today) for English, an unknown language or an unknown id."""
    return OBLIGATION_TITLES.get(language, {}).get(obligation_id, default)


def flag_label(flag: str, language: str, default: str) -> str:
    """The label of a flag in ``language``; ``default`` (the English label) otherwise. The
    label of ``legacy_model`` has the placeholder ``{apply_from}``."""
    return FLAG_LABELS.get(language, {}).get(flag, default)


def flag_text(flag: str, language: str, default: str) -> str:
    """The explanation template of a flag in ``language``; ``default`` (the English
    explanation) for English, an unknown language or an unknown flag."""
    return FLAG_EXPLANATIONS.get(language, {}).get(flag, default)


def format_date(day: date, language: str = "en") -> str:
    """``29 November 2026``, ``29. November 2026``, ``29 novembre 2026`` (``1er`` for the
    first of a month in French)."""
    language = _language(language)
    month = MONTHS[language][day.month - 1]
    if language == "de":
        return f"{day.day}. {month} {day.year}"
    if language == "fr" and day.day == 1:
        return f"1er {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_percent(value: Param, language: str = "en") -> str:
    """``0.25`` → ``25%`` (English, as ``{value:percent}``), ``25 %`` (German, French, with
    a no-break space); a fraction of a percent keeps its decimals (``2.5 %`` → ``2,5 %``)."""
    language = _language(language)
    percent = _decimal(value) * 100
    if language == "en":
        return _percent(value)
    digits = (
        f"{percent:.0f}" if percent == percent.to_integral_value() else f"{percent.normalize():f}"
    )
    return f"{localise_number(digits, language)}\u00a0%"


def format_count(value: Param, language: str = "en") -> str:
    """``12000`` → ``12,000``, ``12.000``, ``12 000`` (narrow no-break space)."""
    return localise_number(_count(value), _language(language))


def _local_flop(value: Param, language: str) -> str:
    if value is None:
        return {"de": "unbekannt", "fr": "inconnu"}.get(language, "unknown")
    return f"{localise_number(format_human(_decimal(value)), language)} FLOP"


def _local_listing(items: Sequence[str], language: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {CONJUNCTIONS[language]} " + items[-1]


def _words(name: str, value: str, language: str) -> str:
    return PARAM_WORDS[language].get(name, {}).get(value, value)


def _bare(name: str, value: Param, language: str) -> str:
    """A param inserted as is in English: an ISO date as the reader writes dates, a word the
    engine passes in the reader's language, a compute description with its phrases and
    figures translated."""
    if isinstance(value, str):
        if _ISO_DATE.fullmatch(value):
            return format_date(date.fromisoformat(value), language)
        if name == "description":
            return _description(value, language)
        return _words(name, value, language)
    return str(value)


_ENGLISH_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+\.\d+")


def compute_description(text: str, language: str = "en") -> str:
    """The engine's description of a compute estimate (``16,384 × NVIDIA H100 SXM ...``) in
    ``language``: its phrases translated, its figures in local notation; chip names stay."""
    language = _language(language)
    return text if language == "en" else _description(text, language)


def _description(text: str, language: str) -> str:
    for english, local in _DESCRIPTIONS[language]:
        text = text.replace(english, local)
    return _ENGLISH_NUMBER.sub(lambda match: localise_number(match.group(), language), text)


def _local(kind: str, name: str, value: Param, language: str) -> str:
    if kind == "flop":
        return _local_flop(value, language)
    if kind == "human":
        return localise_number(format_human(_decimal(value)), language)
    if kind == "percent":
        return format_percent(value, language)
    if kind == "count":
        return format_count(value, language)
    if kind == "list":
        return _local_listing([_words(name, item, language) for item in _items(value)], language)
    if kind == "unmet":
        unmet = UNMET_BY_LANGUAGE[language]
        return _local_listing([unmet.get(item, item) for item in _items(value)], language)
    raise KeyError(kind)


def _render_local(text_id: str, params: Mapping[str, Param] | None, language: str) -> str:
    """``render`` in a language other than English."""
    pieces, tail = _parsed_local(CATALOGUES[language][text_id])
    values = params or {}
    out = []
    for literal, name, kind in pieces:
        out.append(literal)
        value = values[name]
        out.append(
            _bare(name, value, language) if kind is None else _local(kind, name, value, language)
        )
    out.append(tail)
    return "".join(out)


_parsed_local = lru_cache(maxsize=512)(_parsed.__wrapped__)
"""``_parsed`` for the other languages, a cache of its own: English keeps all its templates
cached however many texts other languages render."""
