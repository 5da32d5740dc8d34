"""Which wizard steps apply (the step conditions), and which questions within a step.

Conditions read the raw stored data, not cleaned data: cleaning would validate every
earlier step on every request (formtools issues #220, #266). Who is asked what is the
engine's scope rule (``questionnaire.scoring.vocabulary``): these only read the answers
the rule needs and hand them over, so the wizard asks exactly what the parser requires.

``Scope`` carries the same three answers to the forms, which leave out the questions that
do not concern the party (``WordedForm.omitted``) and word the compute questions for a
modifier (``Scope.wording_variant``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product

from formtools.wizard.views import WizardView

from questionnaire.scoring import vocabulary

MODIFIER_VARIANT = "modifier"
"""The wording variant of the compute questions for a modifier: the question keys end in
``.modifier`` (``compute.flop.modifier``)."""


@dataclass(frozen=True, slots=True)
class Scope:
    """The answers that decide who is asked what: role, placement, upstream exclusion."""

    role: str | None = None
    placement: str | None = None
    upstream_excluded_eu: bool = False

    @property
    def wording_variant(self) -> str | None:
        """A modifier's compute questions ask about the modification's own compute."""
        return MODIFIER_VARIANT if vocabulary.words_compute_as_modification(self.role) else None


def scope(wizard: WizardView) -> Scope:
    """The scope answers as typed so far."""
    role, placement, upstream = _scope(wizard)
    return Scope(role=role, placement=placement, upstream_excluded_eu=upstream)


def _raw(wizard: WizardView, step: str, field: str) -> str | None:
    data = wizard.storage.get_step_data(step)
    return None if data is None else data.get(f"{step}-{field}")


def _scope(wizard: WizardView) -> tuple[str | None, str | None, bool]:
    """Role, placement and whether the upstream provider excluded the Union, as typed."""
    return (
        _raw(wizard, "model", "role"),
        _raw(wizard, "market", "placement"),
        _raw(wizard, "upstream", "upstream_excluded_eu") == "yes",
    )


StepRule = Callable[[str | None, str | None, bool], bool]
"""Whether a step is asked, from role, placement and upstream exclusion."""

STEP_RULES: dict[str, StepRule] = {
    "upstream": lambda role, placement, upstream: vocabulary.asks_upstream(role),
    "capabilities": vocabulary.asks_capabilities,
    "compute": vocabulary.asks_provider_questions,
    "modification": lambda role, placement, upstream: vocabulary.asks_modification(role, placement),
    "release": vocabulary.asks_provider_questions,
    "reach": vocabulary.asks_provider_questions,
}
"""The steps asked only of some: every other step is asked of everyone."""


def _condition(step: str) -> Callable[[WizardView], bool]:
    rule = STEP_RULES[step]
    return lambda wizard: rule(*_scope(wizard))


CONDITIONS: dict[str, Callable[[WizardView], bool]] = {
    step: _condition(step) for step in STEP_RULES
}


# ------------------------------------------------------------------ progress


@dataclass(frozen=True, slots=True)
class Plan:
    """The steps a draft may still ask, for the progress shown on every step.

    ``total`` is the length of the longest way through the questionnaire that the answers
    given so far leave open, so the count never grows behind the person's back: it changes
    only when they answer (or change) a question that decides which steps follow (role,
    upstream exclusion, placement), and then never goes up. ``exact`` once those answers
    leave one way only. ``possible`` are the steps of any way still open, in order;
    ``undecided`` those of them that depend on an answer not given yet."""

    total: int
    exact: bool
    possible: tuple[str, ...]
    undecided: frozenset[str]


def plan(
    order: Sequence[str], role: str | None, placement: str | None, upstream: str | None
) -> Plan:
    """The ways through the steps ``order`` that the typed answers leave open: an answer not
    given (or not one of the choices) may still be any of them."""
    roles = [role] if role in set(vocabulary.Role) else list(vocabulary.Role)
    placements = (
        [placement] if placement in set(vocabulary.Placement) else list(vocabulary.Placement)
    )
    upstreams = [upstream == "yes"] if upstream in ("yes", "no") else [True, False]
    ways = {
        tuple(
            step
            for step in order
            if step not in STEP_RULES or STEP_RULES[step](each_role, each_placement, excluded)
        )
        for each_role, each_placement, excluded in product(roles, placements, upstreams)
    }
    everywhere = set.intersection(*(set(way) for way in ways))
    possible = tuple(step for step in order if any(step in way for way in ways))
    return Plan(
        total=max(len(way) for way in ways),
        exact=len(ways) == 1,
        possible=possible,
        undecided=frozenset(step for step in possible if step not in everywhere),
    )


def draft_plan(wizard: WizardView, order: Sequence[str]) -> Plan:
    """The plan for the answers typed in this draft so far."""
    return plan(
        order,
        _raw(wizard, "model", "role"),
        _raw(wizard, "market", "placement"),
        _raw(wizard, "upstream", "upstream_excluded_eu"),
    )
