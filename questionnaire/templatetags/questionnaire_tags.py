"""Template helpers of the questionnaire: the parsed-value echo of number inputs."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.forms import BoundField

from questionnaire import presentation
from questionnaire.scoring.numbers import format_human, parse_number
from questionnaire.wizard.forms import STEP_TITLES

register = template.Library()


@register.filter
def is_quantity(field: BoundField) -> bool:
    return "data-quantity" in field.field.widget.attrs


@register.filter
def echo(field: BoundField) -> str:
    """``= 4.05 × 10^11`` for a field holding ``405B``; empty when there is nothing to echo."""
    raw = field.value()
    if raw in (None, ""):
        return ""
    try:
        value = parse_number(raw)
    except ValueError:
        return "not a number yet"
    return f"= {presentation.format_echo(value)}"


@register.filter
def flop(value: Decimal | str | None) -> str:
    """``3.2 × 10^24 FLOP`` from an exact value or a result document's ``3.2e24``."""
    if value is None or value == "":
        return "not given"
    return f"{format_human(Decimal(value))} FLOP"


@register.filter
def classification_label(value: str) -> str:
    return presentation.CLASSIFICATION_LABELS.get(value, value)


@register.filter
def flag_label(value: str) -> str:
    return presentation.flag_label(value)


@register.filter
def obligation_ids(obligations: list[dict[str, object]]) -> list[object]:
    return [obligation["id"] for obligation in obligations]


@register.filter
def step_title(step: str) -> str:
    return STEP_TITLES.get(step, "Not started")
