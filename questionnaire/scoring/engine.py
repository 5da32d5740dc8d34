"""The scoring engine: answers in, classification, obligations and their reasons out.

Every decision names the article or section that justifies it (shared/spec/gpai-rules.md).
Where the law leaves a point open, the engine takes the cautious reading and says so in
``open_questions`` instead of deciding silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Context, Decimal, localcontext
from typing import Any

from . import compute as estimators
from .answers import Answers, Compute, parse_answers
from .numbers import format_human
from .result import Note, Obligation, Result
from .rulesets import DEFAULT_RULESET, RuleSet, load

__all__ = ["assess", "evaluate"]

# Exact arithmetic for every product of the estimators: 60 digits hold any realistic input
# without rounding, so a figure that lands exactly on a threshold stays on it.
_EXACT = Context(prec=60)

_DOCUMENTATION = ("art53_1a", "art53_1b")
_TRANSPARENCY = ("art53_1c", "art53_1d")
_SYSTEMIC = ("art55_1a", "art55_1b", "art55_1c", "art55_1d")


def assess(document: Mapping[str, Any], ruleset: str = DEFAULT_RULESET) -> dict[str, Any]:
    """Validate an answers document and return the result document.

    Raises ``AnswersError`` (with every problem and its key path) for invalid answers.
    """
    rules = load(ruleset)
    with localcontext(_EXACT):
        return evaluate(parse_answers(document, rules), rules).as_document()


def evaluate(answers: Answers, rules: RuleSet) -> Result:
    """The result for validated answers."""
    with localcontext(_EXACT):
        return _Assessment(answers, rules).run()


@dataclass
class _Estimates:
    training: Decimal | None = None
    cumulative: Decimal | None = None
    method: str | None = None
    flags: list[str] = field(default_factory=list)
    reasons: list[Note] = field(default_factory=list)


class _Findings:
    """What one pass of the rules has found so far."""

    def __init__(self, estimates: _Estimates) -> None:
        self.flags: list[str] = list(estimates.flags)
        self.reasons: list[Note] = list(estimates.reasons)
        self.notes: list[Note] = []
        self.questions: list[str] = []

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)

    def reason(self, text: str, cite: str) -> None:
        self.reasons.append(Note(text, cite))

    def note(self, text: str, cite: str) -> None:
        self.notes.append(Note(text, cite))

    def ask(self, question: str) -> None:
        if question not in self.questions:
            self.questions.append(question)


class _Assessment:
    def __init__(self, answers: Answers, rules: RuleSet) -> None:
        self.a = answers
        self.rules = rules
        self.gpai_threshold = rules.gpai_training_flop
        self.sr_threshold = rules.systemic_risk_cumulative_flop
        self.estimates = self._estimate()

    # ---------------------------------------------------------------- compute

    def _estimate(self) -> _Estimates:
        a, rules = self.a, self.rules
        found = _Estimates()
        if a.compute is None:
            return found
        primary = a.compute
        found.method = primary.method
        found.training = estimators.estimate(primary, rules)
        what = (
            "This modification's own training compute"
            if a.role == "modifier"
            else "The training compute"
        )
        found.reasons.append(
            Note(
                f"{what} is estimated at {_flop(found.training)} by the {primary.method} method "
                f"({estimators.describe(primary, rules)}).",
                rules.cite("compute_estimation"),
            )
        )
        checks: list[Compute] = [primary.check] if primary.check else []
        if (
            a.parameters is not None
            and a.training_tokens is not None
            and "architecture"
            not in (primary.method, primary.check.method if primary.check else None)
        ):
            checks.append(
                Compute(method="architecture", parameters=a.parameters, tokens=a.training_tokens)
            )
        for check in checks:
            value = estimators.estimate(check, rules)
            if estimators.disagree(found.training, value, rules):
                if "methods_disagree" not in found.flags:
                    found.flags.append("methods_disagree")
                found.reasons.append(
                    Note(
                        f"A second estimate by the {check.method} method gives {_flop(value)}, more "
                        f"than {_percent(rules.methods_disagree_margin)} away from the primary "
                        "estimate; the primary estimate is used. Check the inputs: an estimate must "
                        f"be accurate within {_percent(rules.estimate_margin)}.",
                        rules.cite("compute_estimation"),
                    )
                )
        if any(c.method == "architecture" and c.mixture_of_experts for c in (primary, *checks)):
            found.flags.append("moe_assumption")
            found.reasons.append(
                Note(
                    "For a mixture-of-experts model the estimate counts active parameters: this "
                    "follows the general rule (operations actually performed) but departs from the "
                    "Guidelines' 'total parameters' for dense transformers.",
                    rules.cite("moe"),
                )
            )
        return found

    def _cumulative(self) -> Decimal | None:
        training = self.estimates.training
        return None if training is None else self._cumulative_of(training)

    def _cumulative_of(self, training: Decimal) -> Decimal:
        """Training compute plus non-public synthetic data (Annex A.1); for a modifier, the
        original's compute (when known) and earlier modifications are added as well."""
        total = training + self.a.synthetic_data_flop
        if self.a.role == "modifier" and self.a.modification is not None:
            modification = self.a.modification
            total += sum(modification.earlier_modifications_flop, Decimal(0))
            if modification.original_flop is not None:
                total += modification.original_flop
        return total

    # ---------------------------------------------------------------- scope

    def run(self) -> Result:
        a, rules = self.a, self.rules
        if a.placement == "research_only":
            return self._out_of_scope(
                "The model is used only for research, development or prototyping and is not placed "
                "on the market, so it falls outside the definition of a general-purpose AI model. "
                "Re-assess before any placing on the market, including testing in real-world "
                "conditions, which the exclusion does not cover.",
                rules.cite("research_only"),
            )
        if a.placement == "excluded_eu":
            return self._out_of_scope(
                "You have clearly and unequivocally excluded distribution and use of the model in "
                "the Union, including its integration into systems for the Union, so you are not "
                "its provider for the EU.",
                rules.cite("excluded_eu"),
            )
        if a.role == "integrator" and not a.upstream_excluded_eu:
            return self._out_of_scope(
                "Integrating another provider's model into a system without changing its weights "
                "does not make you the provider of the model. You may be the provider of the AI "
                "system, and system-level duties of the AI Act may apply to it.",
                rules.cite("integrator"),
            )
        if a.placement == "internal_only":
            return self._internal_use()
        return self._in_scope(internal=False)

    def _out_of_scope(self, text: str, cite: str, question: str | None = None) -> Result:
        found = _Findings(self.estimates)
        found.reason(text, cite)
        if question:
            found.ask(question)
        return self._result(found, "out_of_scope", provider=False)

    def _internal_use(self) -> Result:
        """Purely internal use is not placing on the market, except for a model with
        systemic risk, which Recital 97 keeps subject to the obligations."""
        essential = (
            "Is the internal use essential to a product or service you offer to third parties, "
            "or does it affect the rights of natural persons in the Union? If so, it counts as "
            "placing on the market (Guidelines §3.1.2) and this assessment must be redone with "
            "placement 'placed'."
        )
        cumulative = self._cumulative()
        shows_systemic_risk = (
            self.a.commission_designated
            or self.a.high_impact_capabilities == "yes"
            or (cumulative is not None and cumulative > self.sr_threshold)
            or (self.a.modification is not None and self.a.modification.original_systemic_risk)
        )
        if shows_systemic_risk:
            result = self._in_scope(internal=True)
            if result.classification == "gpai_systemic_risk" and result.provider:
                return result
        return self._out_of_scope(
            "Use of the model for purely internal processes, not essential to a product or "
            "service offered to third parties and not affecting the rights of natural persons, "
            "is not placing on the market.",
            self.rules.cite("internal_only"),
            question=essential,
        )

    def _in_scope(self, *, internal: bool) -> Result:
        found = _Findings(self.estimates)
        a, rules = self.a, self.rules
        if internal:
            found.reason(
                "The model is used internally only, but the answers show systemic risk: Recital 97 "
                "keeps a model with systemic risk subject to the obligations, so it is assessed as "
                "if placed on the market, from the date internal use began.",
                rules.cite("internal_only"),
            )
            found.ask(
                "Internal use: the obligations are assessed as if the model were placed on the "
                "market from the date internal use began. Confirm that date and whether the use is "
                "essential to a product or service offered to third parties."
            )
        elif a.placement == "planned":
            found.reason(
                "The model is developed with a view to placing it on the market, so the obligations "
                "already apply to its lifecycle, which starts with the large pre-training run; the "
                "Art. 52 notification can fall due before training ends.",
                rules.cite("planned"),
            )
        else:
            found.reason(
                "The model is placed on the Union market.", rules.cite("placing_on_market")
            )
        if a.role == "integrator":
            found.reason(
                "The upstream provider is outside the Union and has excluded EU distribution and "
                "use, so you, integrating the model into a system placed on the Union market, "
                "become the provider of the model and are assessed like its developer.",
                rules.cite("integrator_becomes_provider"),
            )
        if self.estimates.training is not None:
            found.ask(
                "Which compute items were counted? Training compute covers pre-training, fine-tuning, "
                "reinforcement learning and other weight updates; cumulative compute adds non-public "
                "synthetic data generation (discarded samples included) and the compute of weights "
                "the model was merged with or initialised from (Guidelines Annex A.1)."
            )
        if a.synthetic_data_flop > 0:
            found.ask(
                "Is the synthetic data used for training publicly available? Only the generation of "
                "synthetic data that is not publicly available counts towards cumulative compute."
            )
        if a.role == "modifier":
            return self._modifier(found)
        return self._developer(found)

    # ---------------------------------------------------------------- developers

    def _developer(self, found: _Findings) -> Result:
        training = self.estimates.training
        cumulative = self._cumulative()
        if training is not None:
            self._borderline(found, self.gpai_threshold, training, "training compute")
        if cumulative is not None:
            self._borderline(found, self.sr_threshold, cumulative, "cumulative compute")

        is_gpai = self._generality(found, training)
        systemic, notify = self._systemic_risk(found, is_gpai, cumulative)
        if systemic:
            classification = "gpai_systemic_risk"
        elif not is_gpai:
            return self._result(found, "not_gpai", provider=False, cumulative=cumulative)
        elif self._open_source(found):
            classification = "gpai_open_source"
        else:
            classification = "gpai"
        obligations = self._obligations(found, classification, notify=notify)
        return self._result(
            found, classification, provider=True, cumulative=cumulative, obligations=obligations
        )

    def _generality(self, found: _Findings, training: Decimal | None) -> bool:
        """The indicative criterion of Guidelines §2.1 and its rebuttals, both ways."""
        a, rules = self.a, self.rules
        generative = sorted((a.generates or frozenset()) & rules.generative_outputs)
        above = training is not None and training > self.gpai_threshold
        if a.generates is None:
            # Only reachable for internal use with systemic risk, where generation was not asked.
            meets = above
            found.ask(
                "What can the model generate? The answers do not say; the model is treated as able "
                "to generate language, images or video, the cautious reading."
            )
        else:
            meets = above and bool(generative)
        threshold = _flop(self.gpai_threshold)
        if meets:
            criterion = (
                f"Its training compute is above {threshold} and it can generate "
                f"{_and(generative) if generative else 'language, images or video'}, so it meets the "
                "indicative criterion of a general-purpose AI model."
            )
        elif not above:
            criterion = (
                f"Its training compute is not above {threshold}"
                if training is not None
                else "Its training compute is not known"
            ) + ", so it does not meet the indicative criterion of a general-purpose AI model."
        else:
            criterion = (
                "It cannot generate language (text or audio), images or video, so it does not meet "
                "the indicative criterion of a general-purpose AI model; no rebuttal is involved."
            )
        found.reason(criterion, rules.cite("gpai_criterion"))

        if a.generality == "narrow":
            if meets:
                found.flag("generality_rebuttal")
                found.reason(
                    "You state that the model is nonetheless narrow (like speech transcription, "
                    "text-to-speech, image upscaling, inpainting or music generation). The criterion "
                    "is rebuttable, exceptionally: it is not a general-purpose AI model, and you "
                    "must be able to justify this to the AI Office.",
                    rules.cite("gpai_criterion"),
                )
            return False
        if a.generality == "wide":
            if not meets:
                found.reason(
                    "You state that the model displays significant generality and competently "
                    "performs a wide range of distinct tasks: the definition in Art. 3(63) governs, "
                    "so it is a general-purpose AI model although it misses the indicative criterion.",
                    rules.cite("gpai_definition"),
                )
            return True
        if a.generality is None:
            # Only reachable for internal use with signs of systemic risk, where generality
            # was not asked: the cautious reading treats the model as general-purpose.
            found.ask(
                "Is the model general-purpose (significant generality, a wide range of distinct "
                "tasks)? The answers do not say; as they show signs of systemic risk, it is "
                "treated as general-purpose, the cautious reading."
            )
            return True
        if a.generality == "unsure" and not meets and a.high_impact_capabilities == "yes":
            found.reason(
                "Your evaluations show capabilities matching the most advanced general-purpose "
                "models, which shows significant generality: it is treated as a general-purpose AI "
                "model although it misses the indicative criterion.",
                rules.cite("gpai_definition"),
            )
            found.ask(
                "Generality: you answered 'unsure', but also that the model's capabilities match "
                "the most advanced models; it is treated as general-purpose. Confirm."
            )
            return True
        if a.generality == "unsure":
            found.ask(
                "Does the model display significant generality and competently perform a wide range "
                "of distinct tasks? You answered 'unsure', so the indicative criterion was followed "
                f"({'met' if meets else 'not met'}). A narrow model above the criterion, or a broadly "
                "capable one below it, can rebut it exceptionally (Guidelines §2.1)."
            )
        return meets

    def _systemic_risk(
        self, found: _Findings, is_gpai: bool, cumulative: Decimal | None
    ) -> tuple[bool, bool]:
        """Whether the model has systemic risk, and whether Art. 52 notification is due."""
        a, rules = self.a, self.rules
        above = cumulative is not None and cumulative > self.sr_threshold
        systemic = notify = False
        if a.commission_designated:
            systemic = True
            found.reason(
                "The Commission has designated the model as having systemic risk; you are bound "
                "from the moment you were informed, and no notification is needed for the "
                "designation.",
                rules.cite("systemic_designation"),
            )
        if is_gpai and above:
            systemic = notify = True
            found.reason(
                f"Its cumulative training compute of {_flop(cumulative)} is greater than "
                f"{_flop(self.sr_threshold)}: it is presumed to have high-impact capabilities and "
                "so systemic risk.",
                rules.cite("systemic_presumption"),
            )
        elif above and not a.commission_designated:
            found.reason(
                f"Its cumulative compute is above {_flop(self.sr_threshold)}, but systemic risk is "
                "a category of general-purpose AI models, and this model is not one.",
                rules.cite("systemic_requires_gpai"),
            )
            found.ask(
                "The model is treated as not general-purpose although its compute is above "
                f"{_flop(self.sr_threshold)}. The AI Office may disagree with the narrowness "
                "argument; keep the evidence for it, and expect scrutiny."
            )
        if is_gpai and not above and a.high_impact_capabilities == "yes":
            systemic = True
            found.reason(
                "Your own evaluations show high-impact capabilities: on the Act's wording the model "
                "then has systemic risk whatever its compute, so the Art. 55 duties are listed.",
                rules.cite("systemic_high_impact"),
            )
            found.ask(
                "High-impact capabilities below the compute threshold: on the Act's wording "
                "(Art. 51(1)(a)) the model has systemic risk; the Commission reads the Act as having, "
                "until a delegated act sets benchmarks, only two notification triggers (the compute "
                "threshold and modifying a systemic-risk model), so no Art. 52 notification is listed "
                "as mandatory. Decide whether to notify voluntarily."
            )
        if notify:
            found.note(
                "With the notification you may argue that the model exceptionally does not present "
                "systemic risk. This is an option, not an exemption: it suspends nothing.",
                rules.cite("rebuttal"),
            )
        if not systemic:
            self._designation_risk(found, None)
        return systemic, notify

    def _designation_risk(self, found: _Findings, crossing: Decimal | None) -> None:
        """Signs that the Commission could designate the model (Art. 51(1)(b), Annex XIII)."""
        a, rules = self.a, self.rules
        risky = False
        if a.eu_business_users is not None and a.eu_business_users >= rules.reach_eu_business_users:
            risky = True
            found.reason(
                f"It has {format_human(a.eu_business_users)} registered business users in the Union, "
                f"at least {rules.reach_eu_business_users:,}: Annex XIII presumes high impact for "
                "designation. This is not a classification by itself.",
                rules.cite("reach"),
            )
        if a.high_impact_capabilities == "unsure":
            risky = True
            found.ask(
                "Do your evaluations show capabilities that match or exceed those of the most "
                "advanced models? If so, the model has systemic risk on the Act's wording "
                "(Art. 51(1)(a)); you answered 'unsure'."
            )
        if crossing is not None and crossing > self.sr_threshold:
            risky = True
        if risky:
            found.flag("designation_risk")
            found.ask(
                "Designation risk below the compute threshold: the Commission may designate the "
                "model as having systemic risk on the Annex XIII criteria (reach, benchmarks, "
                "capabilities). Monitor these and be ready to comply with Art. 55."
            )

    # ---------------------------------------------------------------- modifiers

    def _modifier(self, found: _Findings) -> Result:
        a, rules = self.a, self.rules
        modification = a.modification
        if modification is None or self.estimates.training is None:
            # Only reachable for internal use, where neither is required.
            found.ask(
                "Give the modification's training compute and the original model's compute and "
                "systemic-risk status: without them it cannot be said whether you become the "
                "provider of the modified model (Guidelines §3.2)."
            )
            systemic = bool(modification and modification.original_systemic_risk)
            return self._result(found, "gpai_systemic_risk" if systemic else "gpai", provider=False)
        own = self.estimates.training
        summed = own + sum(modification.earlier_modifications_flop, Decimal(0))
        cumulative = self._cumulative_of(own)
        n, d = rules.modification_numerator, rules.modification_denominator
        fraction = "one third" if (n, d) == (1, 3) else f"{n}/{d}"
        if modification.original_flop is not None:
            base = modification.original_flop
            basis = f"{fraction} of the original model's compute of {_flop(base)}"
            cite = rules.cite("modifier_criterion")
        else:
            base = self.sr_threshold if modification.original_systemic_risk else self.gpai_threshold
            basis = (
                f"{fraction} of {_flop(base)}, the fallback when the original's compute is unknown "
                f"and it {'has' if modification.original_systemic_risk else 'does not have'} systemic risk"
            )
            cite = rules.cite("modifier_fallback")
        # summed > base × n / d, compared without dividing so that exactly a third stays equal
        significant = summed * d > base * n
        if estimators.within_margin(base * n, summed * d, rules):
            self._flag_borderline(found, f"{fraction} threshold")
        self._borderline(found, self.sr_threshold, cumulative, "cumulative compute")
        earlier = (
            " together with the earlier modifications"
            if modification.earlier_modifications_flop
            else ""
        )
        found.reason(
            f"The modification's compute{earlier}, {_flop(summed)}, is "
            f"{'greater than' if significant else 'not greater than'} {basis}.",
            cite,
        )
        found.ask(
            "Cumulative modifications: the Guidelines do not say how successive modifications add "
            "up. This assessment compares the sum of this modification and the earlier ones listed "
            "with the threshold."
        )
        found.ask(
            "Control over the weights: if the fine-tuning ran through another provider's API, do "
            "you control the resulting weights? (Guidelines §3.2, footnote 12)"
        )
        original_systemic = modification.original_systemic_risk or a.commission_designated
        if not significant:
            found.reason(
                "Below this indicative criterion the modification does not significantly change "
                "the model, so you do not become its provider and carry no GPAI-provider "
                "obligations for it.",
                rules.cite("modifier_below"),
            )
            found.ask(
                "Below the threshold, the original provider is taken to keep the obligations for "
                "the model (the engine's reading); confirm with the original provider."
            )
            if not original_systemic:
                crossing = cumulative if modification.original_flop is not None else None
                self._designation_risk(found, crossing)
                if crossing is not None and crossing > self.sr_threshold:
                    found.reason(
                        f"The original's compute plus the modifications, {_flop(crossing)}, is above "
                        f"{_flop(self.sr_threshold)}: the Commission could treat the modified model "
                        "as having systemic risk.",
                        rules.cite("modifier_cumulative"),
                    )
            classification = "gpai_systemic_risk" if original_systemic else "gpai"
            return self._result(found, classification, provider=False, cumulative=cumulative)

        found.flag("modification_limited")
        found.reason(
            "You become the provider of the modified model. Your documentation duties "
            "(Art. 53(1)(a) and (b)) cover the modification only, and the copyright policy and "
            "training summary cover the modification's data only.",
            rules.cite("modifier_limited"),
        )
        systemic = notify = False
        if modification.original_systemic_risk:
            systemic = notify = True
            found.reason(
                "The original model has systemic risk, so the modified model is presumed to have it "
                "too (rebuttable under Art. 52(2)): Art. 52 notification and Art. 55 apply in full, "
                "not limited to the modification.",
                rules.cite("modifier_systemic"),
            )
        elif cumulative > self.sr_threshold:
            systemic = notify = True
            found.reason(
                f"The modified model's cumulative compute, including the original's, is "
                f"{_flop(cumulative)}, greater than {_flop(self.sr_threshold)}: it is presumed to "
                "have systemic risk.",
                rules.cite("modifier_cumulative"),
            )
            found.ask(
                "The original model has no systemic risk, but with your modification the cumulative "
                "compute crosses the threshold. The Guidelines (§3.2) have no rule for this case; "
                "the presumption of Art. 51(2) is applied."
            )
        if a.commission_designated:
            systemic = True
            found.reason(
                "The Commission has designated the model as having systemic risk.",
                rules.cite("systemic_designation"),
            )
        if not systemic and a.high_impact_capabilities == "yes":
            systemic = True
            found.reason(
                "Your own evaluations show high-impact capabilities: on the Act's wording the "
                "modified model has systemic risk, so the Art. 55 duties are listed.",
                rules.cite("systemic_high_impact"),
            )
            found.ask(
                "High-impact capabilities below the compute threshold: on the Act's wording "
                "(Art. 51(1)(a)) the model has systemic risk; the Commission reads the Act as having, "
                "until a delegated act sets benchmarks, only two notification triggers, so no "
                "Art. 52 notification is listed as mandatory. Decide whether to notify voluntarily."
            )
        if notify:
            found.note(
                "With the notification you may argue that the model exceptionally does not present "
                "systemic risk. This is an option, not an exemption: it suspends nothing.",
                rules.cite("rebuttal"),
            )
        if not systemic:
            self._designation_risk(found, None)
            classification = "gpai_open_source" if self._open_source(found) else "gpai"
        else:
            classification = "gpai_systemic_risk"
        obligations = self._obligations(found, classification, notify=notify, limited=True)
        return self._result(
            found, classification, provider=True, cumulative=cumulative, obligations=obligations
        )

    # ---------------------------------------------------------------- exemption, duties, dates

    def _open_source(self, found: _Findings) -> bool:
        """Whether the open-source exemption applies to a GPAI model without systemic risk."""
        release = self.a.open_source
        if release is None:
            return False
        cite = self.rules.cite("open_source")
        if not release.qualifies:
            found.reason(
                "The open-source exemption does not apply: "
                + _and([_UNMET[condition] for condition in release.unmet_conditions])
                + ".",
                cite,
            )
            return False
        found.reason(
            "The model is released under a free and open-source licence with its weights, "
            "architecture and usage information public and is not monetised: Art. 53(1)(a) and (b) "
            "and Art. 54 do not apply; the copyright policy and the training summary still do.",
            cite,
        )
        found.ask(
            "Open-source licence and monetisation: check that no licence clause restricts use "
            "(research-only, non-commercial, user caps, separate commercial licences) and that "
            "there is no indirect monetisation (paid hosting as the only access, mandatory paid "
            "support, personal data processed beyond the model's security)."
        )
        return True

    def _obligations(
        self, found: _Findings, classification: str, *, notify: bool, limited: bool = False
    ) -> list[Obligation]:
        a, rules = self.a, self.rules
        due = self._due(found)
        ids: list[str] = []
        if classification != "gpai_open_source":
            ids += _DOCUMENTATION
        ids += _TRANSPARENCY
        if classification != "gpai_open_source" and a.established_in_eu is not True:
            ids.append("art54_rep")
            if a.established_in_eu is None:
                found.ask(
                    "Are you established in the Union? If not, you need an authorised "
                    "representative (Art. 54); the answers do not say, so it is listed."
                )
        elif classification == "gpai_open_source" and a.established_in_eu is False:
            found.reason(
                "As an open-source model, no authorised representative is required (Art. 54(6)).",
                rules.cite("open_source"),
            )
        if classification == "gpai_systemic_risk" and a.open_source and a.open_source.qualifies:
            found.reason(
                "The open-source exemption never applies to a model with systemic risk.",
                rules.cite("open_source_systemic"),
            )
        obligations = [
            Obligation(
                id=key,
                article=rules.obligations[key].article,
                title=rules.obligations[key].title,
                due=due,
                scope="the modification only"
                if limited and key in (*_DOCUMENTATION, *_TRANSPARENCY)
                else None,
            )
            for key in ids
        ]
        if classification == "gpai_systemic_risk":
            if notify:
                obligations.append(self._notification(found))
            obligations += [
                Obligation(
                    id=key,
                    article=rules.obligations[key].article,
                    title=rules.obligations[key].title,
                    due=due,
                )
                for key in _SYSTEMIC
            ]
            found.ask(
                "When do the Art. 55 duties start? They attach from the moment the model meets the "
                "systemic-risk condition, which can be before placing on the market; the due date "
                "shown is the placing-based one (Guidelines §2.3)."
            )
        found.note(
            f"From {rules.fines_apply_from.isoformat()} the Commission can fine providers of "
            "general-purpose AI models up to 3% of annual worldwide turnover or EUR 15 million, "
            "whichever is higher.",
            rules.cite("fines"),
        )
        found.note(
            "The GPAI Code of Practice (Transparency, Copyright, Safety and Security chapters) is a "
            "voluntary way to demonstrate compliance; unlike harmonised standards it gives no "
            "presumption of conformity.",
            rules.cite("code_of_practice"),
        )
        return obligations

    def _due(self, found: _Findings) -> date | None:
        """Due date of the Art. 53, 54 and 55 duties (Art. 111(3), Art. 113(b))."""
        a, rules = self.a, self.rules
        start = rules.obligations_apply_from
        if a.placed_on is None:
            return None
        if a.placed_on < start:
            found.flag("legacy_model")
            found.reason(
                f"Placed on the market before {start.isoformat()}: the model must comply by "
                f"{rules.legacy_compliance_by.isoformat()}, throughout its lifecycle; where "
                "retraining or unlearning is impossible, this must be disclosed and justified.",
                rules.cite("dates_legacy"),
            )
            return rules.legacy_compliance_by
        return max(a.placed_on, start)

    def _notification(self, found: _Findings) -> Obligation:
        a, rules = self.a, self.rules
        rule = rules.obligations["art52_notify"]
        due = None
        if a.threshold_known_on is None:
            found.flag("notification_date_unknown")
            found.reason(
                "Notify the Commission without delay and at the latest two weeks after the "
                "threshold is met or it becomes known that it will be met. The answers give no "
                "date, so the deadline cannot be computed: it may already have passed.",
                rules.cite("notification"),
            )
        else:
            due = max(a.threshold_known_on, rules.obligations_apply_from) + timedelta(
                days=rules.notification_days
            )
            found.reason(
                f"It became known on {a.threshold_known_on.isoformat()} that the threshold would be "
                f"met: notify the Commission by {due.isoformat()}.",
                rules.cite("notification"),
            )
        if a.placed_on is not None and a.placed_on < rules.obligations_apply_from:
            found.ask(
                "Notification of a model placed before 2025-08-02: the Art. 52 deadline is applied "
                "as written (the cautious reading); on the wording of Art. 111(3) it could instead "
                f"be {rules.legacy_compliance_by.isoformat()}."
            )
        return Obligation(id=rule.id, article=rule.article, title=rule.title, due=due)

    # ---------------------------------------------------------------- helpers

    def _borderline(self, found: _Findings, threshold: Decimal, value: Decimal, what: str) -> None:
        if estimators.within_margin(threshold, value, self.rules):
            self._flag_borderline(found, f"{_flop(threshold)} threshold for {what}")

    def _flag_borderline(self, found: _Findings, what: str) -> None:
        found.flag("borderline")
        found.ask(
            f"The estimate is within {_percent(self.rules.estimate_margin)} of the {what}: the "
            "Guidelines require an estimate accurate within that margin, so the outcome could "
            "change. Check the inputs and keep the evidence."
        )

    def _result(
        self,
        found: _Findings,
        classification: str,
        *,
        provider: bool,
        cumulative: Decimal | None = None,
        obligations: list[Obligation] | None = None,
    ) -> Result:
        notification = next((o for o in obligations or () if o.id == "art52_notify"), None)
        if cumulative is None:
            cumulative = self._cumulative()
        return Result(
            ruleset=self.rules.id,
            classification=classification,
            provider=provider,
            training_flop=self.estimates.training,
            cumulative_flop=cumulative,
            compute_method=self.estimates.method,
            flags=found.flags,
            obligations=obligations or [],
            notification_due=notification.due if notification else None,
            reasons=found.reasons,
            open_questions=found.questions,
            notes=found.notes,
        )


_UNMET = {
    "licence_permits_all": "the licence does not grant access, use, modification and distribution to all",
    "weights_public": "the weights are not public",
    "architecture_public": "the architecture information is not public",
    "usage_public": "the usage information is not public",
    "monetised": "the model is monetised",
}


def _flop(value: Decimal | None) -> str:
    return f"{format_human(value)} FLOP" if value is not None else "unknown"


def _percent(fraction: Decimal) -> str:
    return f"{fraction * 100:.0f}%"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
