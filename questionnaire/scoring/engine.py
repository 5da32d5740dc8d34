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
from .documents import (
    CheckFigures,
    ComputeFigures,
    FiguresDocument,
    ResultDocument,
    ThresholdFigures,
)
from .numbers import to_text
from .result import Note, Obligation, Question, Result
from .rulesets import DEFAULT_RULESET, RuleSet, load
from .texts import Param
from .vocabulary import (
    Classification,
    Flag,
    Generality,
    HighImpact,
    Method,
    ObligationId,
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


def assess(document: Mapping[str, Any], ruleset: str = DEFAULT_RULESET) -> ResultDocument:
    """Validate an answers document and return the result document.

    Raises ``AnswersError`` (with every problem and its key path) for invalid answers.
    """
    rules = load(ruleset)
    with localcontext(_EXACT):
        return evaluate(parse_answers(document, rules), rules, entered=document).as_document()


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
        if (
            a.parameters is not None
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
        return found

    def _cumulative(self) -> Decimal | None:
        training = self.estimates.training
        return None if training is None else self._cumulative_of(training)

    def _cumulative_of(self, training: Decimal) -> Decimal:
        """Training compute plus non-public synthetic data (Annex A.1); for a modifier, the
        original's compute (when known) and earlier modifications are added as well."""
        total = training + self.a.synthetic_data_flop
        if self.a.role == Role.MODIFIER and self.a.modification is not None:
            modification = self.a.modification
            total += sum(modification.earlier_modifications_flop, Decimal(0))
            if modification.original_flop is not None:
                total += modification.original_flop
        return total

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
            return self._internal_use()
        return self._in_scope(internal=False)

    def _out_of_scope(self, text_id: str, cite: str, question: str | None = None) -> Result:
        found = _Findings(self.estimates)
        found.reason(text_id, cite)
        if question:
            found.ask(question)
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

    def _in_scope(self, *, internal: bool) -> Result:
        found = _Findings(self.estimates)
        a, rules = self.a, self.rules
        if internal:
            found.reason("scope.internal_systemic", rules.cite("internal_only"))
            found.ask("question.internal_date")
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
            found.reason("systemic.designated", rules.cite("systemic_designation"))
        if is_gpai and above:
            systemic = notify = True
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
        if is_gpai and not above and a.high_impact_capabilities == HighImpact.YES:
            systemic = True
            found.reason("systemic.high_impact", rules.cite("systemic_high_impact"))
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
        original_systemic = modification.original_systemic_risk or a.commission_designated
        if not significant:
            found.reason("modifier.below", rules.cite("modifier_below"))
            found.ask("question.original_keeps_obligations")
            if not original_systemic:
                crossing = cumulative if modification.original_flop is not None else None
                self._designation_risk(found, crossing)
                if crossing is not None and crossing > self.sr_threshold:
                    found.reason(
                        "modifier.below_crossing",
                        rules.cite("modifier_cumulative"),
                        value=to_text(crossing),
                        threshold=to_text(self.sr_threshold),
                    )
            classification = (
                Classification.GPAI_SYSTEMIC_RISK if original_systemic else Classification.GPAI
            )
            return self._result(found, classification, provider=False, cumulative=cumulative)

        found.flag(Flag.MODIFICATION_LIMITED)
        found.reason("modifier.provider", rules.cite("modifier_limited"))
        systemic = notify = False
        if modification.original_systemic_risk:
            systemic = notify = True
            found.reason("modifier.systemic_original", rules.cite("modifier_systemic"))
        elif cumulative > self.sr_threshold:
            systemic = notify = True
            found.reason(
                "modifier.systemic_cumulative",
                rules.cite("modifier_cumulative"),
                value=to_text(cumulative),
                threshold=to_text(self.sr_threshold),
            )
            found.ask("question.modifier_crosses_systemic")
        if a.commission_designated:
            systemic = True
            found.reason("modifier.designated", rules.cite("systemic_designation"))
        if not systemic and a.high_impact_capabilities == HighImpact.YES:
            systemic = True
            found.reason("modifier.high_impact", rules.cite("systemic_high_impact"))
            found.ask("question.high_impact_notification_modified")
        if notify:
            found.note("note.rebuttal", rules.cite("rebuttal"))
        if not systemic:
            self._designation_risk(found, None)
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
            found.ask("question.art55_start")
        found.note("note.fines", rules.cite("fines"), fines_from=rules.fines_apply_from.isoformat())
        found.note("note.code_of_practice", rules.cite("code_of_practice"))
        return obligations

    def _due(self, found: _Findings) -> date | None:
        """Due date of the Art. 53, 54 and 55 duties (Art. 111(3), Art. 113(b))."""
        a, rules = self.a, self.rules
        start = rules.obligations_apply_from
        if a.placed_on is None:
            return None
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

    def _notification(self, found: _Findings) -> Obligation:
        a, rules = self.a, self.rules
        rule = rules.obligations[ObligationId.ART52_NOTIFY]
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
        notification = next(
            (o for o in obligations or () if o.id == ObligationId.ART52_NOTIFY), None
        )
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
            figures=self._figures(cumulative),
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


def _exact(value: Decimal | None) -> str | None:
    return None if value is None else to_text(value)
