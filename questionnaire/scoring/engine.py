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
from .answers import Answers, AnswersError, Compute, Problem, parse_answers
from .documents import (
    CheckFigures,
    ComputeFigures,
    FiguresDocument,
    ResultDocument,
    ThresholdFigures,
)
from .numbers import to_text
from .result import Note, Obligation, Question, Result
from .rulesets import DEFAULT_RULESET, RuleSet, available, load
from .texts import Param
from .vocabulary import (
    BusinessUsersScope,
    Classification,
    Flag,
    Generality,
    HighImpact,
    Method,
    ObligationId,
    ObligationStatus,
    Placement,
    Role,
)

__all__ = ["assess", "evaluate"]

# Exact arithmetic for every product of the estimators: 60 digits hold any realistic input
# without rounding, so a figure that lands exactly on a threshold stays on it.
_EXACT = Context(prec=60)
# A third has no exact decimal: the modification threshold is displayed to 20 digits, while
# the decision compares without dividing (see _modifier).
_TWENTY_DIGITS = Context(prec=20)

_DOCUMENTATION = (ObligationId.ART53_1A, ObligationId.ART53_1B)
_TRANSPARENCY = (ObligationId.ART53_1C, ObligationId.ART53_1D)
_SYSTEMIC = (
    ObligationId.ART55_1A,
    ObligationId.ART55_1B,
    ObligationId.ART55_1C,
    ObligationId.ART55_1D,
)


def assess(document: Mapping[str, Any], ruleset: str | None = None) -> ResultDocument:
    """Validate an answers document and return the result document.

    The rule set is ``ruleset`` when given, else the one the answers name in their optional
    ``ruleset`` key, else the newest. Raises ``AnswersError`` (with every problem and its key
    path) for invalid answers.
    """
    rules = load(ruleset_for(document, ruleset))
    with localcontext(_EXACT):
        return evaluate(parse_answers(document, rules), rules, entered=document).as_document()


def ruleset_for(document: object, ruleset: str | None = None) -> str:
    """The id of the rule set that decides ``document``; ``AnswersError`` naming the
    ``ruleset`` key when the answers name one that is not registered."""
    if ruleset is not None:
        if ruleset not in available():
            raise AnswersError([Problem("ruleset", f"must be one of {', '.join(available())}")])
        return ruleset
    named = document.get("ruleset") if isinstance(document, Mapping) else None
    if named is None:
        return DEFAULT_RULESET
    if not isinstance(named, str) or named not in available():
        raise AnswersError([Problem("ruleset", f"must be one of {', '.join(available())}")])
    return named


def evaluate(
    answers: Answers, rules: RuleSet, *, entered: Mapping[str, Any] | None = None
) -> Result:
    """The result for validated answers. ``entered`` is the answers document as given, so
    the result's figures can show each input as it was typed."""
    with localcontext(_EXACT):
        return _Assessment(answers, rules, entered or {}).run()


@dataclass
class _Estimates:
    training: Decimal | None = None
    cumulative: Decimal | None = None
    method: str | None = None
    description: str = ""
    checks: list[CheckFigures] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    reasons: list[Note] = field(default_factory=list)


class _Findings:
    """What one pass of the rules has found so far."""

    def __init__(self, estimates: _Estimates) -> None:
        self.flags: list[str] = list(estimates.flags)
        self.reasons: list[Note] = list(estimates.reasons)
        self.notes: list[Note] = []
        self.questions: list[Question] = []

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)

    def reason(self, text_id: str, cite: str, **params: Param) -> None:
        self.reasons.append(Note(text_id, cite, params))

    def note(self, text_id: str, cite: str, **params: Param) -> None:
        self.notes.append(Note(text_id, cite, params))

    def ask(self, text_id: str, **params: Param) -> None:
        question = Question(text_id, params)
        if question not in self.questions:
            self.questions.append(question)


class _Assessment:
    def __init__(self, answers: Answers, rules: RuleSet, entered: Mapping[str, Any]) -> None:
        self.a = answers
        self.rules = rules
        self.entered = entered
        self.modification_basis: tuple[Decimal, Decimal] | None = None
        """For a modifier: the base of the fraction test and the summed modification compute."""
        self.bases: set[str] = set()
        """What systemic risk rests on: compute, modification, designation, high_impact."""
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
        found.description = estimators.describe(primary, rules)
        found.reasons.append(
            Note(
                "compute.estimate_modification" if a.role == Role.MODIFIER else "compute.estimate",
                rules.cite("compute_estimation"),
                {
                    "value": to_text(found.training),
                    "method": primary.method,
                    "description": found.description,
                },
            )
        )
        checks: list[Compute] = [primary.check] if primary.check else []
        moe_total = rules.reads("moe_total_not_a_check") and any(
            c.method == Method.ARCHITECTURE and c.mixture_of_experts for c in (primary, *checks)
        )
        if (
            not moe_total
            and a.parameters is not None
            and a.training_tokens is not None
            and Method.ARCHITECTURE
            not in (primary.method, primary.check.method if primary.check else None)
        ):
            checks.append(
                Compute(
                    method=Method.ARCHITECTURE, parameters=a.parameters, tokens=a.training_tokens
                )
            )
        for check in checks:
            value = estimators.estimate(check, rules)
            found.checks.append(
                {
                    "method": check.method,
                    "flop": to_text(value),
                    "description": estimators.describe(check, rules),
                }
            )
            if estimators.disagree(found.training, value, rules):
                if Flag.METHODS_DISAGREE not in found.flags:
                    found.flags.append(Flag.METHODS_DISAGREE)
                found.reasons.append(
                    Note(
                        "compute.methods_disagree",
                        rules.cite("compute_estimation"),
                        {
                            "method": check.method,
                            "value": to_text(value),
                            "disagree_margin": to_text(rules.methods_disagree_margin),
                            "estimate_margin": to_text(rules.estimate_margin),
                        },
                    )
                )
        if any(
            c.method == Method.ARCHITECTURE and c.mixture_of_experts for c in (primary, *checks)
        ):
            found.flags.append(Flag.MOE_ASSUMPTION)
            found.reasons.append(Note("compute.moe", rules.cite("moe")))
        if a.inherited_flop > 0:
            found.reasons.append(
                Note(
                    "compute.inherited",
                    rules.cite("inherited"),
                    {"value": to_text(a.inherited_flop)},
                )
            )
        return found

    def _cumulative(self) -> Decimal | None:
        training = self.estimates.training
        return None if training is None else self._cumulative_of(training)

    def _cumulative_of(self, training: Decimal) -> Decimal:
        """Training compute plus non-public synthetic data (Annex A.1); for a modifier, the
        original's compute (when known) and earlier modifications are added as well."""
        total = training + self.a.synthetic_data_flop + self.a.inherited_flop
        if self.a.role == Role.MODIFIER and self.a.modification is not None:
            modification = self.a.modification
            total += sum(modification.earlier_modifications_flop, Decimal(0))
            if modification.original_flop is not None:
                total += modification.original_flop
        return total

    def _moe_question(self, found: _Findings) -> None:
        """The open question on counting a mixture-of-experts model's parameters, with the
        total-parameter figure as an upper bound and what it would change (rules §10.9)."""
        a, rules = self.a, self.rules
        primary = a.compute
        if not rules.reads("moe_total_not_a_check") or primary is None:
            return
        if not (primary.method == Method.ARCHITECTURE and primary.mixture_of_experts):
            return
        if a.parameters is None or primary.tokens is None:
            found.ask("question.moe_total_unknown")
            return
        training = self.estimates.training or Decimal(0)
        upper = rules.architecture_factor * a.parameters * primary.tokens
        cumulative = self._cumulative() or Decimal(0)
        upper_cumulative = cumulative - training + upper
        params: dict[str, Param] = {"total": to_text(a.parameters), "upper": to_text(upper)}
        if cumulative <= self.sr_threshold < upper_cumulative:
            found.ask(
                "question.moe_upper_bound_systemic",
                **params,
                threshold=to_text(self.sr_threshold),
            )
        elif a.role != Role.MODIFIER and training <= self.gpai_threshold < upper:
            found.ask(
                "question.moe_upper_bound_gpai", **params, threshold=to_text(self.gpai_threshold)
            )
        else:
            found.ask("question.moe_upper_bound", **params)

    # ---------------------------------------------------------------- scope

    def run(self) -> Result:
        a, rules = self.a, self.rules
        if a.placement == Placement.RESEARCH_ONLY:
            return self._out_of_scope("scope.research_only", rules.cite("research_only"))
        if a.placement == Placement.EXCLUDED_EU:
            return self._out_of_scope("scope.excluded_eu", rules.cite("excluded_eu"))
        if a.role == Role.INTEGRATOR and not a.upstream_excluded_eu:
            return self._out_of_scope("scope.integrator", rules.cite("integrator"))
        if a.placement == Placement.INTERNAL_ONLY:
            if self._supplied_to_business_users():
                return self._in_scope(internal=False, supplied=True)
            return self._internal_use()
        return self._in_scope(internal=False)

    def _supplied_to_business_users(self) -> bool:
        """Internal use that supplies the model to third-party business users is placing on
        the market (rules §10.8); an unknown scope is taken as third parties."""
        a = self.a
        if not self.rules.reads("internal_business_users"):
            return False
        if a.eu_business_users is None or a.eu_business_users < 1:
            return False
        return a.business_users_scope in (None, BusinessUsersScope.THIRD_PARTIES)

    def _out_of_scope(self, text_id: str, cite: str, question: str | None = None) -> Result:
        found = _Findings(self.estimates)
        found.reason(text_id, cite)
        if question:
            found.ask(question)
        if (
            self.rules.reads("internal_business_users")
            and self.a.placement == Placement.INTERNAL_ONLY
            and self.a.business_users_scope
            in (BusinessUsersScope.GROUP_ONLY, BusinessUsersScope.PROVIDER_CONTRACTORS)
            and (self.a.eu_business_users or 0) >= 1
        ):
            found.ask("question.group_users")
        return self._result(found, Classification.OUT_OF_SCOPE, provider=False)

    def _internal_use(self) -> Result:
        """Purely internal use is not placing on the market, except for a model with
        systemic risk, which Recital 97 keeps subject to the obligations."""
        cumulative = self._cumulative()
        shows_systemic_risk = (
            self.a.commission_designated
            or self.a.high_impact_capabilities == HighImpact.YES
            or (cumulative is not None and cumulative > self.sr_threshold)
            or (self.a.modification is not None and self.a.modification.original_systemic_risk)
        )
        if shows_systemic_risk:
            result = self._in_scope(internal=True)
            if result.classification == Classification.GPAI_SYSTEMIC_RISK and result.provider:
                return result
        return self._out_of_scope(
            "scope.internal_only",
            self.rules.cite("internal_only"),
            question="question.internal_essential",
        )

    def _in_scope(self, *, internal: bool, supplied: bool = False) -> Result:
        found = _Findings(self.estimates)
        a, rules = self.a, self.rules
        if internal:
            found.reason("scope.internal_systemic", rules.cite("internal_only"))
            found.ask("question.internal_date")
            if rules.reads("internal_business_users"):
                found.ask("question.internal_relevant_obligations")
        elif supplied:
            found.reason("scope.internal_supplied", rules.cite("internal_business_users"))
            if a.business_users_scope is None:
                found.ask("question.business_users_scope_unknown")
        elif a.placement == Placement.PLANNED:
            found.reason("scope.planned", rules.cite("planned"))
        else:
            found.reason("scope.placed", rules.cite("placing_on_market"))
        if a.role == Role.INTEGRATOR:
            found.reason("scope.integrator_provider", rules.cite("integrator_becomes_provider"))
        if self.estimates.training is not None:
            found.ask("question.compute_items")
        if a.synthetic_data_flop > 0:
            found.ask("question.synthetic_public")
        if a.inherited_flop > 0:
            found.ask("question.inherited")
        self._moe_question(found)
        if a.role == Role.MODIFIER:
            return self._modifier(found)
        return self._developer(found)

    # ---------------------------------------------------------------- developers

    def _developer(self, found: _Findings) -> Result:
        training = self.estimates.training
        cumulative = self._cumulative()
        if training is not None:
            self._borderline(found, self.gpai_threshold, training, "question.borderline_training")
        if cumulative is not None:
            self._borderline(found, self.sr_threshold, cumulative, "question.borderline_cumulative")

        is_gpai = self._generality(found, training)
        systemic, notify = self._systemic_risk(found, is_gpai, cumulative)
        if systemic:
            classification = Classification.GPAI_SYSTEMIC_RISK
        elif not is_gpai:
            return self._result(
                found, Classification.NOT_GPAI, provider=False, cumulative=cumulative
            )
        elif self._open_source(found):
            classification = Classification.GPAI_OPEN_SOURCE
        else:
            classification = Classification.GPAI
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
            found.ask("question.generates_unknown")
        else:
            meets = above and bool(generative)
        threshold = to_text(self.gpai_threshold)
        cite = rules.cite("gpai_criterion")
        if meets and generative:
            found.reason("gpai.criterion_met", cite, threshold=threshold, outputs=generative)
        elif meets:
            found.reason("gpai.criterion_met_outputs_unknown", cite, threshold=threshold)
        elif not above and training is not None:
            found.reason("gpai.criterion_not_above", cite, threshold=threshold)
        elif not above:
            found.reason("gpai.criterion_compute_unknown", cite)
        else:
            found.reason("gpai.criterion_no_output", cite)

        if a.generality == Generality.NARROW:
            if meets:
                found.flag(Flag.GENERALITY_REBUTTAL)
                found.reason("gpai.rebuttal_narrow", rules.cite("gpai_criterion"))
            return False
        if a.generality == Generality.WIDE:
            if not meets:
                found.reason("gpai.rebuttal_wide", rules.cite("gpai_definition"))
            return True
        if a.generality is None:
            # Only reachable for internal use with signs of systemic risk, where generality
            # was not asked: the cautious reading treats the model as general-purpose.
            found.ask("question.generality_unknown")
            return True
        if (
            a.generality == Generality.UNSURE
            and not meets
            and a.high_impact_capabilities == HighImpact.YES
        ):
            found.reason("gpai.high_impact_shows_generality", rules.cite("gpai_definition"))
            found.ask("question.generality_unsure_high_impact")
            return True
        if a.generality == Generality.UNSURE:
            found.ask(
                "question.generality_unsure_met" if meets else "question.generality_unsure_not_met"
            )
        return meets

    def _systemic_risk(
        self, found: _Findings, is_gpai: bool, cumulative: Decimal | None
    ) -> tuple[bool, bool]:
        """Whether the model has systemic risk, and whether Art. 52 notification is due."""
        a, rules = self.a, self.rules
        above = cumulative is not None and cumulative > self.sr_threshold
        systemic = notify = False
        threshold = to_text(self.sr_threshold)
        if a.commission_designated:
            systemic = True
            self.bases.add("designation")
            found.reason("systemic.designated", rules.cite("systemic_designation"))
        if is_gpai and above:
            systemic = notify = True
            self.bases.add("compute")
            found.reason(
                "systemic.presumed",
                rules.cite("systemic_presumption"),
                value=_exact(cumulative),
                threshold=threshold,
            )
        elif above and not a.commission_designated:
            found.reason(
                "systemic.requires_gpai", rules.cite("systemic_requires_gpai"), threshold=threshold
            )
            found.ask("question.narrow_above_systemic", threshold=threshold)
        if is_gpai and a.high_impact_capabilities == HighImpact.YES:
            self.bases.add("high_impact")
        if is_gpai and not above and a.high_impact_capabilities == HighImpact.YES:
            systemic = True
            found.reason("systemic.high_impact", rules.cite("systemic_high_impact"))
            if not self._recommends_notification():
                found.ask("question.high_impact_notification")
        if notify:
            found.note("note.rebuttal", rules.cite("rebuttal"))
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
                "systemic.reach",
                rules.cite("reach"),
                users=to_text(a.eu_business_users),
                threshold=rules.reach_eu_business_users,
            )
        if a.high_impact_capabilities == HighImpact.UNSURE:
            risky = True
            found.ask("question.high_impact_unsure")
        if crossing is not None and crossing > self.sr_threshold:
            risky = True
        if risky:
            found.flag(Flag.DESIGNATION_RISK)
            found.ask("question.designation_risk")

    # ---------------------------------------------------------------- modifiers

    def _modifier(self, found: _Findings) -> Result:
        a, rules = self.a, self.rules
        modification = a.modification
        if modification is None or self.estimates.training is None:
            # Only reachable for internal use, where neither is required.
            found.ask("question.modification_missing")
            systemic = bool(modification and modification.original_systemic_risk)
            return self._result(
                found,
                Classification.GPAI_SYSTEMIC_RISK if systemic else Classification.GPAI,
                provider=False,
            )
        own = self.estimates.training
        summed = own + sum(modification.earlier_modifications_flop, Decimal(0))
        cumulative = self._cumulative_of(own)
        n, d = rules.modification_numerator, rules.modification_denominator
        fraction = "one third" if (n, d) == (1, 3) else f"{n}/{d}"
        if modification.original_flop is not None:
            base = modification.original_flop
            cite = rules.cite("modifier_criterion")
        else:
            base = self.sr_threshold if modification.original_systemic_risk else self.gpai_threshold
            cite = rules.cite("modifier_fallback")
        self.modification_basis = (base, summed)
        # summed > base × n / d, compared without dividing so that exactly a third stays equal
        significant = summed * d > base * n
        if estimators.within_margin(base * n, summed * d, rules):
            self._flag_borderline(found, "question.borderline_modification", fraction=fraction)
        self._borderline(found, self.sr_threshold, cumulative, "question.borderline_cumulative")
        earlier = "_with_earlier" if modification.earlier_modifications_flop else ""
        comparison: dict[str, Param] = {
            "value": to_text(summed),
            "relation": "greater than" if significant else "not greater than",
            "fraction": fraction,
            "base": to_text(base),
        }
        if modification.original_flop is not None:
            found.reason(f"modifier.compared{earlier}", cite, **comparison)
        else:
            found.reason(
                f"modifier.compared_fallback{earlier}",
                cite,
                **comparison,
                original="has" if modification.original_systemic_risk else "does not have",
            )
        found.ask("question.cumulative_modifications")
        found.ask("question.weights_control")
        lower_bound = modification.original_flop is None and rules.reads("modifier_lower_bound")
        if lower_bound:
            found.flag(Flag.COMPUTE_LOWER_BOUND)
            found.reason(
                "modifier.lower_bound", rules.cite("lower_bound"), value=to_text(cumulative)
            )
        original_systemic = modification.original_systemic_risk or a.commission_designated
        designated_provider = a.commission_designated and rules.reads("designation_dates")
        if not significant and designated_provider:
            found.reason("modifier.designated_provider", rules.cite("modifier_designated"))
            found.ask("question.modifier_designated")
        elif not significant:
            found.reason("modifier.below", rules.cite("modifier_below"))
            found.ask("question.original_keeps_obligations")
            if not original_systemic:
                known = modification.original_flop is not None
                crossing = cumulative if known or lower_bound else None
                self._designation_risk(found, crossing)
                if crossing is not None and crossing > self.sr_threshold:
                    found.reason(
                        "modifier.below_crossing",
                        rules.cite("modifier_cumulative"),
                        value=to_text(crossing),
                        threshold=to_text(self.sr_threshold),
                    )
                elif lower_bound:
                    found.flag(Flag.DESIGNATION_RISK)
                    found.ask("question.lower_bound", threshold=to_text(self.sr_threshold))
            classification = (
                Classification.GPAI_SYSTEMIC_RISK if original_systemic else Classification.GPAI
            )
            return self._result(found, classification, provider=False, cumulative=cumulative)

        found.flag(Flag.MODIFICATION_LIMITED)
        if significant and modification.original_systemic_risk:
            found.reason("modifier.systemic_original_provider", rules.cite("modifier_systemic"))
        elif significant:
            found.reason("modifier.provider", rules.cite("modifier_limited"))
        systemic = notify = False
        if modification.original_systemic_risk:
            systemic = notify = True
            self.bases.add("modification")
            found.reason("modifier.systemic_original", rules.cite("modifier_systemic"))
        elif cumulative > self.sr_threshold:
            systemic = notify = True
            self.bases.add("compute")
            found.reason(
                "modifier.lower_bound_above" if lower_bound else "modifier.systemic_cumulative",
                rules.cite("lower_bound" if lower_bound else "modifier_cumulative"),
                value=to_text(cumulative),
                threshold=to_text(self.sr_threshold),
            )
            found.ask("question.modifier_crosses_systemic")
        if a.commission_designated:
            systemic = True
            self.bases.add("designation")
            found.reason("modifier.designated", rules.cite("systemic_designation"))
        if a.high_impact_capabilities == HighImpact.YES:
            self.bases.add("high_impact")
        if not systemic and a.high_impact_capabilities == HighImpact.YES:
            systemic = True
            found.reason("modifier.high_impact", rules.cite("systemic_high_impact"))
            if not self._recommends_notification():
                found.ask("question.high_impact_notification_modified")
        if notify:
            found.note("note.rebuttal", rules.cite("rebuttal"))
        if not systemic:
            self._designation_risk(found, None)
            if lower_bound:
                found.flag(Flag.DESIGNATION_RISK)
                found.ask("question.lower_bound", threshold=to_text(self.sr_threshold))
            classification = (
                Classification.GPAI_OPEN_SOURCE if self._open_source(found) else Classification.GPAI
            )
        else:
            classification = Classification.GPAI_SYSTEMIC_RISK
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
            found.reason("open_source.not_met", cite, unmet=list(release.unmet_conditions))
            return False
        found.reason("open_source.applies", cite)
        found.ask("question.open_source_licence")
        return True

    def _obligations(
        self, found: _Findings, classification: str, *, notify: bool, limited: bool = False
    ) -> list[Obligation]:
        a, rules = self.a, self.rules
        due = self._due(found)
        ids: list[str] = []
        if classification != Classification.GPAI_OPEN_SOURCE:
            ids += _DOCUMENTATION
        ids += _TRANSPARENCY
        if classification != Classification.GPAI_OPEN_SOURCE and a.established_in_eu is not True:
            ids.append(ObligationId.ART54_REP)
            if a.established_in_eu is None:
                found.ask("question.established_unknown")
        elif classification == Classification.GPAI_OPEN_SOURCE and a.established_in_eu is False:
            found.reason("open_source.no_representative", rules.cite("open_source"))
        if (
            classification == Classification.GPAI_SYSTEMIC_RISK
            and a.open_source
            and a.open_source.qualifies
        ):
            found.reason("open_source.never_systemic", rules.cite("open_source_systemic"))
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
        if classification == Classification.GPAI_SYSTEMIC_RISK:
            recommended = not notify and self._recommends_notification()
            if notify or recommended:
                obligations.append(self._notification(found, recommended=recommended))
            systemic_due = self._systemic_due(found, due)
            obligations += [
                Obligation(
                    id=key,
                    article=rules.obligations[key].article,
                    title=rules.obligations[key].title,
                    due=systemic_due,
                )
                for key in _SYSTEMIC
            ]
            found.ask("question.art55_start")
        found.note("note.fines", rules.cite("fines"), fines_from=rules.fines_apply_from.isoformat())
        chapters = ["Copyright"]
        if classification != Classification.GPAI_OPEN_SOURCE:
            chapters.insert(0, "Transparency")
        if classification == Classification.GPAI_SYSTEMIC_RISK:
            chapters.append("Safety and Security")
        found.note("note.code_of_practice", rules.cite("code_of_practice"), chapters=chapters)
        return obligations

    def _recommends_notification(self) -> bool:
        """High-impact capabilities give a recommended notification (rules §10.1)."""
        return (
            self.rules.readings.get("high_impact_notification") == "recommended"
            and "high_impact" in self.bases
        )

    def _systemic_due(self, found: _Findings, due: date | None) -> date | None:
        """Due date of the Art. 55 duties: the placing-based one, or, where systemic risk
        rests on a designation alone, the date the provider was informed (rules §10.4)."""
        a, rules = self.a, self.rules
        if a.placement == Placement.PLANNED and rules.reads("planned_never_legacy"):
            found.reason("dates.art55_planned", rules.cite("art55_planned"))
        if not rules.reads("designation_dates") or self.bases != {"designation"}:
            return due
        if a.designated_on is None:
            found.ask("question.designation_date_unknown")
            return due
        months = rules.reassessment_request_months or 0
        found.note(
            "note.reassessment_request",
            rules.cite("reassessment_request"),
            earliest=_add_months(a.designated_on, months).isoformat(),
        )
        start = rules.obligations_apply_from
        if a.placed_on is not None and a.placed_on < start and a.placement != Placement.PLANNED:
            found.reason(
                "dates.art55_designation_legacy",
                rules.cite("designation_dates"),
                designated_on=a.designated_on.isoformat(),
                apply_from=start.isoformat(),
                comply_by=rules.legacy_compliance_by.isoformat(),
            )
            return max(a.designated_on, rules.legacy_compliance_by)
        found.reason(
            "dates.art55_designation",
            rules.cite("designation_dates"),
            designated_on=a.designated_on.isoformat(),
        )
        return a.designated_on

    def _due(self, found: _Findings) -> date | None:
        """Due date of the Art. 53, 54 and 55 duties (Art. 111(3), Art. 113(b))."""
        a, rules = self.a, self.rules
        start = rules.obligations_apply_from
        if a.placed_on is None:
            return None
        planned = a.placement == Placement.PLANNED and rules.reads("planned_never_legacy")
        if planned:
            if a.assessed_on is not None and a.placed_on < a.assessed_on:
                found.flag(Flag.PLANNED_DATE_PASSED)
                found.reason(
                    "dates.planned_passed",
                    rules.cite("planned_passed"),
                    placed_on=a.placed_on.isoformat(),
                )
                found.ask("question.planned_passed")
            return max(a.placed_on, start)
        if a.placed_on < start:
            found.flag(Flag.LEGACY_MODEL)
            found.reason(
                "dates.legacy",
                rules.cite("dates_legacy"),
                apply_from=start.isoformat(),
                comply_by=rules.legacy_compliance_by.isoformat(),
            )
            return rules.legacy_compliance_by
        return max(a.placed_on, start)

    def _notification(self, found: _Findings, *, recommended: bool = False) -> Obligation:
        a, rules = self.a, self.rules
        rule = rules.obligations[ObligationId.ART52_NOTIFY]
        if rules.reads("notification_latest_date"):
            return self._notification_2026(found, rule.id, recommended=recommended)
        due = None
        if a.threshold_known_on is None:
            found.flag(Flag.NOTIFICATION_DATE_UNKNOWN)
            found.reason("notification.date_unknown", rules.cite("notification"))
        else:
            due = max(a.threshold_known_on, rules.obligations_apply_from) + timedelta(
                days=rules.notification_days
            )
            found.reason(
                "notification.due",
                rules.cite("notification"),
                known_on=a.threshold_known_on.isoformat(),
                due=due.isoformat(),
            )
        if a.placed_on is not None and a.placed_on < rules.obligations_apply_from:
            found.ask(
                "question.legacy_notification",
                apply_from=rules.obligations_apply_from.isoformat(),
                comply_by=rules.legacy_compliance_by.isoformat(),
            )
        return Obligation(id=rule.id, article=rule.article, title=rule.title, due=due)

    def _notification_2026(self, found: _Findings, key: str, *, recommended: bool) -> Obligation:
        """The Art. 52(1) notification of rule set 2026.1 (rules §10.1, §10.7): required from
        the earliest trigger, or recommended where high-impact capabilities alone trigger it;
        for a placed model whose date of knowledge is unknown, the latest possible date."""
        a, rules = self.a, self.rules
        rule = rules.obligations[key]
        start, days = rules.obligations_apply_from, timedelta(days=rules.notification_days)
        if recommended:
            found.flag(Flag.NOTIFICATION_RECOMMENDED)
            found.reason("systemic.high_impact_recommended", rules.cite("high_impact_notification"))
            due = None
            if a.high_impact_known_on is not None:
                due = max(a.high_impact_known_on, start) + days
                found.reason(
                    "notification.recommended_due",
                    rules.cite("high_impact_notification"),
                    known_on=a.high_impact_known_on.isoformat(),
                    due=due.isoformat(),
                )
            return Obligation(id=rule.id, article=rule.article, title=rule.title, due=due)
        candidates: list[date] = []
        if a.threshold_known_on is not None:
            candidates.append(max(a.threshold_known_on, start) + days)
            found.reason(
                "notification.due",
                rules.cite("notification"),
                known_on=a.threshold_known_on.isoformat(),
                due=candidates[0].isoformat(),
            )
        else:
            found.flag(Flag.NOTIFICATION_DATE_UNKNOWN)
            if a.placed_on is not None and a.placement != Placement.PLANNED:
                latest = max(a.placed_on, start) + days
                candidates.append(latest)
                found.reason(
                    "notification.latest", rules.cite("notification"), due=latest.isoformat()
                )
            else:
                found.reason("notification.date_unknown", rules.cite("notification"))
        if "high_impact" in self.bases and a.high_impact_known_on is not None:
            candidates.append(max(a.high_impact_known_on, start) + days)
        due = min(candidates) if candidates else None
        if len(candidates) > 1 and due is not None:
            found.reason(
                "notification.earliest_trigger", rules.cite("notification"), due=due.isoformat()
            )
        if a.placed_on is not None and a.placed_on < start and a.placement != Placement.PLANNED:
            found.ask(
                "question.legacy_notification",
                apply_from=start.isoformat(),
                comply_by=rules.legacy_compliance_by.isoformat(),
            )
        return Obligation(id=rule.id, article=rule.article, title=rule.title, due=due)

    def _with_statuses(self, found: _Findings, obligations: list[Obligation]) -> list[Obligation]:
        """Each obligation's status on ``assessed_on`` (rules §10.7)."""
        a, rules = self.a, self.rules
        if not rules.reads("obligation_statuses") or a.assessed_on is None:
            return obligations
        today = a.assessed_on
        planned = a.placement == Placement.PLANNED
        legacy = (
            not planned and a.placed_on is not None and a.placed_on < rules.obligations_apply_from
        )
        overdue = False
        with_status = []
        for obligation in obligations:
            if obligation.id == ObligationId.ART52_NOTIFY:
                status = self._notification_status(found, obligation, today, legacy=legacy)
                overdue = overdue or status == ObligationStatus.OVERDUE
            elif planned:
                status = ObligationStatus.UPCOMING
            elif obligation.due is None or obligation.due <= today:
                status = ObligationStatus.APPLIES
            else:
                status = ObligationStatus.UPCOMING
            # Every field copied by hand: dataclasses.replace() costs several times more.
            with_status.append(
                Obligation(
                    id=obligation.id,
                    article=obligation.article,
                    title=obligation.title,
                    due=obligation.due,
                    scope=obligation.scope,
                    status=status,
                )
            )
        if overdue:
            found.notes = [note for note in found.notes if note.id != "note.fines"]
            found.note(
                "note.fines_overdue",
                rules.cite("fines_overdue"),
                fines_from=rules.fines_apply_from.isoformat(),
            )
        return with_status

    def _notification_status(
        self, found: _Findings, obligation: Obligation, today: date, *, legacy: bool
    ) -> str:
        a, rules = self.a, self.rules
        due = obligation.due
        if a.notified_on is not None:
            late = due is not None and a.notified_on > due
            found.reason(
                "notification.notified_late" if late else "notification.notified",
                rules.cite("notified"),
                notified_on=a.notified_on.isoformat(),
                **({"due": due.isoformat()} if late and due else {}),
            )
            return ObligationStatus.DONE
        if Flag.NOTIFICATION_RECOMMENDED in found.flags:
            return ObligationStatus.RECOMMENDED
        if legacy:
            return ObligationStatus.APPLIES
        if due is not None and due < today:
            return ObligationStatus.OVERDUE
        return ObligationStatus.UPCOMING

    def _system_notes(self, found: _Findings) -> None:
        """Notes for a provider of an AI system built on the model (rules §10.12)."""
        a, rules = self.a, self.rules
        if not rules.reads("ai_system_notes"):
            return
        if not (a.own_ai_system or a.role == Role.INTEGRATOR):
            return
        if rules.transparency_apply_from and rules.marking_transition_by:
            found.note(
                "note.ai_system_transparency",
                rules.cite("ai_system_transparency"),
                transparency_from=rules.transparency_apply_from.isoformat(),
                marking_by=rules.marking_transition_by.isoformat(),
            )
        found.note("note.ai_office_competence", rules.cite("ai_office_competence"))

    # ---------------------------------------------------------------- helpers

    def _borderline(
        self, found: _Findings, threshold: Decimal, value: Decimal, question: str
    ) -> None:
        if estimators.within_margin(threshold, value, self.rules):
            self._flag_borderline(found, question, threshold=to_text(threshold))

    def _flag_borderline(self, found: _Findings, question: str, **params: Param) -> None:
        found.flag(Flag.BORDERLINE)
        found.ask(question, margin=to_text(self.rules.estimate_margin), **params)

    def _result(
        self,
        found: _Findings,
        classification: str,
        *,
        provider: bool,
        cumulative: Decimal | None = None,
        obligations: list[Obligation] | None = None,
    ) -> Result:
        self._system_notes(found)
        obligations = self._with_statuses(found, obligations or [])
        notification = next((o for o in obligations if o.id == ObligationId.ART52_NOTIFY), None)
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
            obligations=obligations,
            notification_due=notification.due if notification else None,
            reasons=found.reasons,
            open_questions=found.questions,
            notes=found.notes,
            figures=self._figures(cumulative),
            ruleset_sha256=self.rules.sha256,
            assessed_on=self.a.assessed_on if self.rules.answers_keys_2026 else None,
        )

    def _figures(self, cumulative: Decimal | None) -> FiguresDocument:
        """The exact figures and the thresholds they were compared with, for display."""
        found, rules = self.estimates, self.rules
        compute: ComputeFigures | None = None
        if found.method is not None:
            entered = self.entered.get("compute")
            compute = {
                "method": found.method,
                "description": found.description,
                "entered": dict(entered) if isinstance(entered, Mapping) else {},
                "checks": list(found.checks),
            }
        thresholds: list[ThresholdFigures] = []
        if self.modification_basis is not None:
            base, summed = self.modification_basis
            n, d = rules.modification_numerator, rules.modification_denominator
            thresholds.append(
                {
                    "id": "modification",
                    "flop": to_text(_TWENTY_DIGITS.create_decimal(base * n / d)),
                    "compared_with": "modification",
                    "value": to_text(summed),
                    "base": to_text(base),
                    "fraction": f"{n}/{d}",
                }
            )
        elif found.training is not None:
            thresholds.append(
                {
                    "id": "gpai",
                    "flop": to_text(self.gpai_threshold),
                    "compared_with": "training",
                    "value": to_text(found.training),
                }
            )
        if cumulative is not None:
            thresholds.append(
                {
                    "id": "systemic_risk",
                    "flop": to_text(self.sr_threshold),
                    "compared_with": "cumulative",
                    "value": to_text(cumulative),
                }
            )
        return {
            "training_flop": _exact(found.training),
            "cumulative_flop": _exact(cumulative),
            "compute": compute,
            "thresholds": thresholds,
            "estimate_margin": to_text(rules.estimate_margin),
        }


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day where it has fewer days."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _exact(value: Decimal | None) -> str | None:
    return None if value is None else to_text(value)
