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

from collections.abc import Callable
from dataclasses import dataclass

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


def _upstream(wizard: WizardView) -> bool:
    return vocabulary.asks_upstream(_scope(wizard)[0])


def _capabilities(wizard: WizardView) -> bool:
    return vocabulary.asks_capabilities(*_scope(wizard))


def _provider_questions(wizard: WizardView) -> bool:
    return vocabulary.asks_provider_questions(*_scope(wizard))


def _modification(wizard: WizardView) -> bool:
    role, placement, _ = _scope(wizard)
    return vocabulary.asks_modification(role, placement)


CONDITIONS: dict[str, Callable[[WizardView], bool]] = {
    "upstream": _upstream,
    "capabilities": _capabilities,
    "compute": _provider_questions,
    "modification": _modification,
    "release": _provider_questions,
    "reach": _provider_questions,
}
