"""Which wizard steps apply: the step conditions.

Conditions read the raw stored data, not cleaned data: cleaning would validate every
earlier step on every request (formtools issues #220, #266). Who is asked what is the
engine's scope rule (``questionnaire.scoring.vocabulary``): these only read the answers
the rule needs and hand them over, so the wizard asks exactly what the parser requires.
"""

from __future__ import annotations

from collections.abc import Callable

from formtools.wizard.views import WizardView

from questionnaire.scoring import vocabulary


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
