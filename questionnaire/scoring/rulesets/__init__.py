"""Versioned rule sets: the thresholds, dates, accelerator table and citations of the law.

A rule set is data, one JSON file per version beside this module. The Commission may move
the 1e25 threshold by delegated act (Art. 51(3)) and the Guidelines' criteria change when
the Guidelines do: a new version is a new file, and every result names the rule set that
produced it, so an old assessment can be re-read under the rules it was made with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = ["DEFAULT_RULESET", "Accelerator", "ObligationRule", "RuleSet", "available", "load"]

DEFAULT_RULESET = "eu-aia-gpai-2025.1"
_FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Accelerator:
    key: str
    name: str
    peak_flops: Decimal


@dataclass(frozen=True, slots=True)
class ObligationRule:
    id: str
    article: str
    basis: str
    title: str


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    title: str
    answers_schema: int
    gpai_training_flop: Decimal
    systemic_risk_cumulative_flop: Decimal
    modification_numerator: int
    modification_denominator: int
    estimate_margin: Decimal
    methods_disagree_margin: Decimal
    reach_eu_business_users: int
    architecture_factor: int
    obligations_apply_from: date
    legacy_compliance_by: date
    fines_apply_from: date
    notification_days: int
    generative_outputs: frozenset[str]
    accelerators: MappingProxyType[str, Accelerator]
    obligations: MappingProxyType[str, ObligationRule]
    citations: MappingProxyType[str, str]

    def cite(self, key: str) -> str:
        return self.citations[key]


def available() -> list[str]:
    """The ids of every rule set shipped, oldest first."""
    return sorted(path.stem for path in _FOLDER.glob("*.json"))


@cache
def load(ruleset_id: str = DEFAULT_RULESET) -> RuleSet:
    """The rule set with this id; ``KeyError`` when there is none."""
    if ruleset_id not in available():
        raise KeyError(f"unknown rule set {ruleset_id!r}; known: {', '.join(available())}")
    data: dict[str, Any] = json.loads((_FOLDER / f"{ruleset_id}.json").read_text("utf-8"))
    thresholds = data["thresholds"]
    dates = data["dates"]
    fraction = thresholds["modification_fraction"]
    return RuleSet(
        id=data["id"],
        title=data["title"],
        answers_schema=data["answers_schema"],
        gpai_training_flop=Decimal(thresholds["gpai_training_flop"]),
        systemic_risk_cumulative_flop=Decimal(thresholds["systemic_risk_cumulative_flop"]),
        modification_numerator=fraction["numerator"],
        modification_denominator=fraction["denominator"],
        estimate_margin=Decimal(thresholds["estimate_margin"]),
        methods_disagree_margin=Decimal(thresholds["methods_disagree_margin"]),
        reach_eu_business_users=thresholds["reach_eu_business_users"],
        architecture_factor=data["architecture_factor"],
        obligations_apply_from=date.fromisoformat(dates["obligations_apply_from"]),
        legacy_compliance_by=date.fromisoformat(dates["legacy_compliance_by"]),
        fines_apply_from=date.fromisoformat(dates["fines_apply_from"]),
        notification_days=data["notification_days"],
        generative_outputs=frozenset(data["generative_outputs"]),
        accelerators=MappingProxyType(
            {
                key: Accelerator(key=key, name=chip["name"], peak_flops=Decimal(chip["peak_flops"]))
                for key, chip in data["accelerators"].items()
            }
        ),
        obligations=MappingProxyType(
            {key: ObligationRule(id=key, **rule) for key, rule in data["obligations"].items()}
        ),
        citations=MappingProxyType(dict(data["citations"])),
    )
