"""Training compute estimators (Guidelines Annex A.2): direct, architecture, hardware."""

from __future__ import annotations

from decimal import Decimal

from .answers import Compute, Period
from .numbers import format_human
from .rulesets import RuleSet

__all__ = ["SECONDS_PER_HOUR", "describe", "disagree", "estimate", "period_flop", "within_margin"]

SECONDS_PER_HOUR = 3600


def period_flop(period: Period) -> Decimal:
    """C = N · L · H · U for one period: chips × seconds × peak FLOP/s × utilisation."""
    return period.chips * period.hours * SECONDS_PER_HOUR * period.peak_flops * period.utilisation


def estimate(compute: Compute, rules: RuleSet) -> Decimal:
    """The FLOP figure of one estimate, at full precision."""
    if compute.method == "direct" and compute.flop is not None:
        return compute.flop
    if compute.method == "architecture" and compute.parameters and compute.tokens:
        return rules.architecture_factor * compute.parameters * compute.tokens
    if compute.method == "hardware" and compute.periods:
        return sum((period_flop(period) for period in compute.periods), Decimal(0))
    # parse_answers never builds such an estimate; a caller that does gets told plainly.
    raise ValueError(f"the {compute.method} estimate lacks its figures")


def describe(compute: Compute, rules: RuleSet) -> str:
    """How the figure was obtained, in words a reader can check by hand."""
    if compute.method == "direct":
        return "stated directly by the provider"
    if compute.method == "architecture":
        kind = (
            "active parameters (mixture of experts)" if compute.mixture_of_experts else "parameters"
        )
        return (
            f"{rules.architecture_factor} × {format_human(compute.parameters or Decimal(0))} {kind} × "
            f"{format_human(compute.tokens or Decimal(0))} training tokens"
        )
    parts = []
    for period in compute.periods:
        chip = rules.accelerators[period.accelerator].name if period.accelerator else "a chip"
        parts.append(
            f"{format_human(period.chips)} × {chip} ({format_human(period.peak_flops)} FLOP/s peak) "
            f"× {format_human(period.hours)} h × 3,600 s × {format_human(period.utilisation)} utilisation"
        )
    return " + ".join(parts)


def disagree(primary: Decimal, check: Decimal, rules: RuleSet) -> bool:
    """Two estimates disagree when |check − primary| > margin × primary (assess-json.md)."""
    return abs(check - primary) > rules.methods_disagree_margin * primary


def within_margin(threshold: Decimal, estimate_value: Decimal, rules: RuleSet) -> bool:
    """Borderline: (1 − m) · E ≤ T ≤ (1 + m) · E, at full precision."""
    margin = rules.estimate_margin
    return (1 - margin) * estimate_value <= threshold <= (1 + margin) * estimate_value
