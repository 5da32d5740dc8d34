"""From an answers document back to the wizard's step data: the inverse of
``wizard.answers.build_answers``, so that a signed record's answers open as a draft
(re-assessment) in which only the questions new to the rule set remain to answer.

The step data is what the wizard stores (``wizard.storage.DraftStorage``): per step, the
step's prefixed field names (``compute-period1_chips``) with the list of values a browser
would post. Answers the questionnaire cannot hold (more training periods than its rows, more
earlier modifications than its fields, two figures where it has one field) are refused with
``PrefillRefused`` naming the answer: never truncated. As a last guard, the step data is
read back through the forms and ``build_answers``, and the answers it gives must mean what
the record's answers mean (``parse_answers`` of both agree); otherwise it is refused too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext, gettext_noop

from questionnaire.i18n.answers import message_text
from questionnaire.scoring import AnswersError, RuleSet, load, parse_answers
from questionnaire.scoring.answers import Answers, Compute, Problem
from questionnaire.scoring.numbers import parse_number
from questionnaire.scoring.vocabulary import (
    HighImpact,
    Method,
    asks_capabilities,
    asks_modification,
    asks_provider_questions,
    asks_upstream,
)
from questionnaire.wizard.answers import STEP_OF_PATH, build_answers, step_of
from questionnaire.wizard.fields import CUSTOM_PEAK
from questionnaire.wizard.forms import (
    OPEN_SOURCE_FIELDS,
    PERIOD_ROWS,
    STEP_FORMS,
    ComputeForm,
    ModificationForm,
    WordedForm,
)
from questionnaire.wizard.steps import Scope
from questionnaire.wizard.storage import SUBMITTED

__all__ = ["FILLED_FIELDS", "Prefill", "PrefillRefused", "step_data_for"]

StepData = dict[str, dict[str, list[str]]]

EARLIER_FIELDS = tuple(name for name in ModificationForm.base_fields if name.startswith("earlier_"))
"""The questionnaire's fields for earlier modifications (``earlier_1`` …), in order."""

FILLED_FIELDS: dict[str, frozenset[str]] = {
    "model": frozenset({"model_name", "role"}),
    "upstream": frozenset({"upstream_excluded_eu"}),
    "market": frozenset({"placement", "placed_on", "established_in_eu"}),
    "capabilities": frozenset({"generates", "generality"}),
    "modification": frozenset(
        {
            "original_name",
            "original_flop_known",
            "original_flop",
            "original_systemic_risk",
            *EARLIER_FIELDS,
        }
    ),
    "compute": frozenset(
        {
            "method",
            "flop",
            "parameters",
            "training_tokens",
            "mixture_of_experts",
            "active_parameters",
            "check_method",
            "synthetic_data_flop",
            "inherited_flop",
            "threshold_known_on",
            *(
                name
                for row in range(1, PERIOD_ROWS + 1)
                for name in ComputeForm.period_field_names(row).values()
            ),
        }
    ),
    "release": frozenset({"released_openly", *OPEN_SOURCE_FIELDS}),
    "reach": frozenset(
        {
            "eu_business_users",
            "business_users_scope",
            "high_impact_capabilities",
            "high_impact_known_on",
            "commission_designated",
            "designated_on",
            "notified_on",
            "own_ai_system",
        }
    ),
    "review": frozenset({"supersedes"}),
}
"""Every field this module fills, per step: a test holds it equal to the forms' fields, so a
question added to the wizard is added here too."""


class PrefillRefused(ValueError):
    """The questionnaire cannot hold an answer of the document: ``path`` names it.

    ``reason`` is a template of the catalogues filled with ``params`` (or the answers
    contract's ``problem``): ``str()`` says it in English (logs, the command line),
    ``text()`` in the active language (pages)."""

    def __init__(
        self, path: str, reason: str, *, problem: Problem | None = None, **params: object
    ) -> None:
        self.path = path
        self.template = reason
        self.params = params
        self.problem = problem
        self.reason = reason % params if params else reason
        super().__init__(f"the questionnaire cannot hold the answer {path}: {self.reason}")

    def text(self) -> str:
        """What ``str()`` says, in the active language."""
        if self.problem is not None:
            reason = message_text(self.problem)
        else:
            reason = gettext(self.template)
            reason = reason % self.params if self.params else reason
        return gettext("the questionnaire cannot hold the answer %(path)s: %(reason)s") % {
            "path": self.path,
            "reason": reason,
        }


@dataclasses.dataclass(frozen=True, slots=True)
class Prefill:
    """Step data for a draft, where it resumes, and what is left to answer."""

    steps: StepData
    first_step: str
    """The first step with a question left to answer (or an answer to fix), else the review."""
    unanswered: tuple[str, ...]
    """Answers keys new to the rule set that these answers do not give, and the wizard asks."""
    attention: tuple[str, ...]
    """Steps whose stored answers the form does not accept as they are."""

    def state(self, *, supersedes_pk: int | None = None) -> dict[str, Any]:
        """The draft's stored state (formtools' storage data). With ``supersedes_pk`` the
        review's "Does this correct an earlier record?" comes preselected with that record."""
        steps = {step: dict(fields) for step, fields in self.steps.items()}
        if supersedes_pk is not None:
            steps["review"] = {"review-supersedes": [str(supersedes_pk)]}
        return {
            "step": self.first_step,
            "step_data": steps,
            "step_files": {},
            # Every step offers the way straight back to the review, as after a first visit;
            # a step whose answers the rule set refuses says why when it opens, as if
            # submitted, while the questions new to the rule set wait, unjudged.
            "extra_data": {
                "reviewed": True,
                SUBMITTED: dict.fromkeys(self.attention, True),
            },
        }


# ------------------------------------------------------------------ values as typed


def _typed(value: object) -> str | None:
    """A figure, date or choice as the wizard's text input holds it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _yes_no(value: object) -> str | None:
    if value is None:
        return None
    return "yes" if value else "no"


def _number(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return parse_number(str(value))
    except ValueError:
        return None


class _Step:
    """One step's fields as the wizard stores them, prefixed by the step."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.data: dict[str, list[str]] = {}

    def put(self, name: str, value: object) -> None:
        if name not in FILLED_FIELDS[self.step]:
            raise KeyError(f"{self.step}.{name} is not a field this module fills")
        if isinstance(value, list | tuple):
            values = [str(item) for item in value]
        else:
            text = _typed(value)
            if text is None:
                return
            values = [text]
        self.data[f"{self.step}-{name}"] = values


# ------------------------------------------------------------------ the steps


def step_data_for(
    answers: Mapping[str, Any], *, new_keys: Iterable[str] = (), to_fix: Iterable[str] = ()
) -> Prefill:
    """The wizard's step data for this answers document, for the steps the wizard asks of
    its role and placement. ``new_keys`` are the answers keys new to the rule set the draft
    will be assessed under (``records.reassess.new_answer_keys``): those the answers do not
    give remain unanswered. ``to_fix`` are key paths of answers that rule set refuses as they
    stand. The draft resumes at the first step with either.

    Raises ``PrefillRefused`` for an answer the questionnaire cannot hold."""
    role = answers.get("role")
    placement = answers.get("placement")
    upstream = bool(answers.get("upstream_excluded_eu"))
    scope = Scope(
        role=role if isinstance(role, str) else None,
        placement=placement if isinstance(placement, str) else None,
        upstream_excluded_eu=upstream,
    )
    steps: list[_Step] = [_model(answers)]
    if asks_upstream(scope.role):
        step = _Step("upstream")
        step.put("upstream_excluded_eu", _yes_no(upstream))
        steps.append(step)
    steps.append(_market(answers))
    if asks_capabilities(scope.role, scope.placement, upstream):
        steps.append(_capabilities(answers))
    if asks_modification(scope.role, scope.placement):
        steps.append(_modification(answers))
    if asks_provider_questions(scope.role, scope.placement, upstream):
        steps += [_compute(answers), _release(answers), _reach(answers)]
    data: StepData = {step.step: step.data for step in steps}

    forms = _bound_forms(data, scope)
    attention = tuple(step for step, form in forms.items() if not form.is_valid())
    if not attention:
        _check_nothing_lost(answers, forms)
    unanswered = tuple(
        key for key in new_keys if answers.get(key) in (None, "") and _asked(key, forms, data)
    )
    order = [step for step, _ in STEP_FORMS]
    waiting = (
        set(attention)
        | {STEP_OF_PATH[key] for key in unanswered}
        | {step for step in map(step_of, to_fix) if step in data}
    )
    first = next((step for step in order if step in waiting), "review")
    return Prefill(steps=data, first_step=first, unanswered=unanswered, attention=attention)


def _model(answers: Mapping[str, Any]) -> _Step:
    step = _Step("model")
    step.put("model_name", answers.get("model_name"))
    step.put("role", answers.get("role"))
    return step


def _market(answers: Mapping[str, Any]) -> _Step:
    step = _Step("market")
    step.put("placement", answers.get("placement"))
    step.put("placed_on", answers.get("placed_on"))
    step.put("established_in_eu", _yes_no(answers.get("established_in_eu")))
    return step


def _capabilities(answers: Mapping[str, Any]) -> _Step:
    step = _Step("capabilities")
    generates = answers.get("generates")
    step.put("generates", list(generates) if isinstance(generates, list) else [])
    step.put("generality", answers.get("generality"))
    return step


def _modification(answers: Mapping[str, Any]) -> _Step:
    step = _Step("modification")
    modification = answers.get("modification")
    data: Mapping[str, Any] = modification if isinstance(modification, Mapping) else {}
    step.put("original_name", data.get("original_name"))
    original = data.get("original_flop")
    step.put("original_flop_known", "unknown" if original is None else "known")
    step.put("original_flop", original)
    step.put("original_systemic_risk", _yes_no(data.get("original_systemic_risk")))
    earlier = data.get("earlier_modifications_flop") or []
    if not isinstance(earlier, list):
        raise PrefillRefused(
            "modification.earlier_modifications_flop", gettext_noop("it is not a list")
        )
    if len(earlier) > len(EARLIER_FIELDS):
        raise PrefillRefused(
            "modification.earlier_modifications_flop",
            gettext_noop(
                "it lists %(count)s earlier modifications and the questionnaire has "
                "%(fields)s fields for them"
            ),
            count=len(earlier),
            fields=len(EARLIER_FIELDS),
        )
    for name, value in zip(EARLIER_FIELDS, earlier, strict=False):
        step.put(name, value)
    return step


def _compute(answers: Mapping[str, Any]) -> _Step:
    step = _Step("compute")
    block = answers.get("compute")
    step.put("synthetic_data_flop", answers.get("synthetic_data_flop"))
    step.put("inherited_flop", answers.get("inherited_flop"))
    step.put("threshold_known_on", answers.get("threshold_known_on"))
    if not isinstance(block, Mapping):
        # Not given (allowed where compute is optional): the step asks for it.
        step.put("parameters", answers.get("parameters"))
        step.put("training_tokens", answers.get("training_tokens"))
        return step
    method = block.get("method")
    step.put("method", method)
    estimates: list[tuple[str, Mapping[str, Any]]] = [("compute", block)]
    check = block.get("check")
    if isinstance(check, Mapping):
        if check.get("method") == method:
            raise PrefillRefused(
                "compute.check",
                gettext_noop(
                    "its cross-check uses the same method as the main estimate, and the "
                    "questionnaire takes a cross-check by another method only"
                ),
            )
        step.put("check_method", check.get("method"))
        estimates.append(("compute.check", check))
    else:
        step.put("check_method", "none")
    architecture = False
    for path, estimate in estimates:
        kind = estimate.get("method")
        if kind == Method.DIRECT:
            step.put("flop", estimate.get("flop"))
        elif kind == Method.ARCHITECTURE:
            architecture = True
            _architecture(step, path, estimate, answers)
        elif kind == Method.HARDWARE:
            _hardware(step, path, estimate)
    if not architecture:
        step.put("parameters", answers.get("parameters"))
        step.put("training_tokens", answers.get("training_tokens"))
    return step


def _architecture(
    step: _Step, path: str, estimate: Mapping[str, Any], answers: Mapping[str, Any]
) -> None:
    """The architecture estimate shares its fields with the model facts: the wizard writes
    the tokens (and, without mixture of experts, the parameters) as both. Where the answers
    give two different figures for one field, the questionnaire cannot hold them."""
    tokens = estimate.get("tokens")
    _one_figure(f"{path}.tokens", tokens, "training_tokens", answers.get("training_tokens"))
    step.put("training_tokens", tokens)
    if estimate.get("mixture_of_experts"):
        step.put("mixture_of_experts", "on")
        step.put("active_parameters", estimate.get("parameters"))
        step.put("parameters", answers.get("parameters"))
    else:
        parameters = estimate.get("parameters")
        _one_figure(f"{path}.parameters", parameters, "parameters", answers.get("parameters"))
        step.put("parameters", parameters)


def _one_figure(path: str, value: object, other_path: str, other: object) -> None:
    if other is None or _number(other) == _number(value):
        return
    raise PrefillRefused(
        other_path,
        gettext_noop(
            "it is %(other)s while %(field)s is %(value)s, and the questionnaire has one field "
            "for both"
        ),
        other=other,
        field=path,
        value=value,
    )


def _hardware(step: _Step, path: str, estimate: Mapping[str, Any]) -> None:
    listed = estimate.get("periods")
    periods: list[Mapping[str, Any]]
    if isinstance(listed, list):
        periods = [period for period in listed if isinstance(period, Mapping)]
    else:
        periods = [estimate]
    if len(periods) > PERIOD_ROWS:
        raise PrefillRefused(
            f"{path}.periods",
            gettext_noop(
                "it lists %(count)s training periods and the questionnaire has rows for %(rows)s"
            ),
            count=len(periods),
            rows=PERIOD_ROWS,
        )
    chips = load().accelerators
    for row, period in enumerate(periods, start=1):
        names = ComputeForm.period_field_names(row)
        step.put(names["chips"], period.get("chips"))
        step.put(names["hours"], period.get("hours"))
        step.put(names["utilisation"], period.get("utilisation"))
        step.put(names["peak_flops"], period.get("peak_flops"))
        accelerator = period.get("accelerator")
        if accelerator is None:
            step.put(names["accelerator"], CUSTOM_PEAK)
            continue
        key = str(accelerator).strip().lower()
        if key not in chips:
            raise PrefillRefused(
                f"{path}.periods[{row - 1}].accelerator",
                gettext_noop("the chip %(chip)s is not in the current rule set's table"),
                chip=repr(accelerator),
            )
        step.put(names["accelerator"], key)


def _release(answers: Mapping[str, Any]) -> _Step:
    step = _Step("release")
    open_source = answers.get("open_source")
    if not isinstance(open_source, Mapping):
        step.put("released_openly", "no")
        return step
    step.put("released_openly", "yes")
    for name in OPEN_SOURCE_FIELDS:
        step.put(name, _yes_no(open_source.get(name)))
    return step


def _reach(answers: Mapping[str, Any]) -> _Step:
    step = _Step("reach")
    step.put("eu_business_users", answers.get("eu_business_users"))
    step.put("business_users_scope", answers.get("business_users_scope"))
    # Absent reads as "no" in the contract; the questionnaire asks it explicitly.
    step.put("high_impact_capabilities", answers.get("high_impact_capabilities") or HighImpact.NO)
    step.put("high_impact_known_on", answers.get("high_impact_known_on"))
    step.put("commission_designated", _yes_no(bool(answers.get("commission_designated"))))
    step.put("designated_on", answers.get("designated_on"))
    step.put("notified_on", answers.get("notified_on"))
    step.put("own_ai_system", _yes_no(answers.get("own_ai_system")))
    return step


# ------------------------------------------------------------------ reading it back


def _bound_forms(data: StepData, scope: Scope) -> dict[str, WordedForm]:
    """The step forms as the wizard binds them to the stored data."""
    return {
        step: form_class(data=MultiValueDict(data[step]), prefix=step, scope=scope)
        for step, form_class in STEP_FORMS
        if step in data and step != "review"
    }


def _asked(key: str, forms: Mapping[str, WordedForm], data: StepData) -> bool:
    """Whether the wizard puts the question of answers key ``key`` to these answers: its
    step applies, the form has it for the party, and the answer it follows was given."""
    step = STEP_OF_PATH.get(key)
    form = forms.get(step or "")
    if step is None or form is None or key not in form.fields:
        return False
    follows, value = form.follow_ups.get(key, ("", ""))
    return not follows or data[step].get(f"{step}-{follows}") == [value]


def _check_nothing_lost(answers: Mapping[str, Any], forms: Mapping[str, WordedForm]) -> None:
    """The step data, read back as the wizard reads it, must give answers that mean what
    ``answers`` mean, under the rule set the draft is assessed with (or, where the answers
    are not valid under it, the one they name)."""
    rebuilt = build_answers({step: form.cleaned_data for step, form in forms.items()})
    for rules in _rule_sets(answers):
        try:
            original = _essence(parse_answers(answers, rules))
        except AnswersError:
            continue
        try:
            again = _essence(parse_answers(rebuilt, rules))
        except AnswersError as error:
            first = error.problems[0]
            raise PrefillRefused(first.path, first.message, problem=first) from None
        lost = [
            item.name
            for item in dataclasses.fields(Answers)
            if getattr(original, item.name) != getattr(again, item.name)
        ]
        if lost:
            raise PrefillRefused(
                ", ".join(lost), gettext_noop("the questionnaire's fields do not hold it as given")
            )
        return


def _rule_sets(answers: Mapping[str, Any]) -> list[RuleSet]:
    found = [load()]
    named = answers.get("ruleset")
    if isinstance(named, str) and named != found[0].id:
        try:
            found.append(load(named))
        except KeyError:
            pass
    return found


def _essence(answers: Answers) -> Answers:
    """What decides, of parsed answers: figures that a method does not read are left out
    (the questionnaire keeps only the chosen methods' fields), so are the capabilities where
    the scope rule does not ask them, and the date of the assessment (the wizard gives its
    own); the architecture figures the wizard writes twice (as the estimate and as the model
    facts) count once."""
    compute = _compute_essence(answers.compute)
    parameters, tokens = answers.parameters, answers.training_tokens
    generates, generality = answers.generates, answers.generality
    if not asks_capabilities(answers.role, answers.placement, answers.upstream_excluded_eu):
        # Not asked of this party (a modifier's original is a GPAI model: not re-tested).
        generates, generality = None, None
    for estimate in (compute, compute.check if compute else None):
        if estimate is not None and estimate.method == Method.ARCHITECTURE:
            tokens = tokens if tokens is not None else estimate.tokens
            if not estimate.mixture_of_experts and parameters is None:
                parameters = estimate.parameters
    return dataclasses.replace(
        answers,
        compute=compute,
        parameters=parameters,
        training_tokens=tokens,
        generates=generates,
        generality=generality,
        assessed_on=None,
    )


def _compute_essence(compute: Compute | None) -> Compute | None:
    if compute is None:
        return None
    check = _compute_essence(compute.check)
    if compute.method == Method.DIRECT:
        return Compute(method=compute.method, flop=compute.flop, check=check)
    if compute.method == Method.ARCHITECTURE:
        return Compute(
            method=compute.method,
            parameters=compute.parameters,
            tokens=compute.tokens,
            mixture_of_experts=compute.mixture_of_experts,
            check=check,
        )
    return Compute(method=compute.method, periods=compute.periods, check=check)
