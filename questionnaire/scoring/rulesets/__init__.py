"""Versioned rule sets: the thresholds, dates, accelerator table and citations of the law.

A rule set is data, one JSON file per version beside this module. The Commission may move
the systemic-risk threshold by delegated act (Art. 51(3)) and the Guidelines' criteria change
when the Guidelines do: a new version is a new file, and every result names the rule set that
produced it, so an old assessment can be re-read under the rules it was made with.

Each file holds the *decision data* (thresholds, dates, the accelerator table, the readings
that differ between versions, the obligations' articles) and, beside it, what does not
decide anything: a title, the date it takes effect, the date its sources were last checked,
a changelog, obligation titles and citations. ``sha256`` hashes the decision data alone,
canonically serialised, so a record pins exactly the rules it was decided under; released
hashes are pinned in a test, so a change of decisions must become a new rule set.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "DECISION_KEYS",
    "DEFAULT_RULESET",
    "Accelerator",
    "ObligationRule",
    "RuleSet",
    "available",
    "decision_sha256",
    "load",
]

_FOLDER = Path(__file__).resolve().parent
DECISION_KEYS = (
    "answers_schema",
    "thresholds",
    "architecture_factor",
    "dates",
    "notification_days",
    "generative_outputs",
    "accelerators",
    "readings",
    "reassessment_request_months",
)
"""The keys of a rule set file that decide outcomes; with the obligations' articles they
are what ``sha256`` covers."""


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
    effective_from: date
    verified_on: date
    """The date its sources were last checked."""
    changelog: tuple[MappingProxyType[str, Any], ...]
    readings: MappingProxyType[str, Any]
    """The readings that differ between versions, by name (see the rule set files)."""
    sha256: str
    """SHA-256 of the decision data, canonically serialised."""
    transparency_apply_from: date | None = None
    marking_transition_by: date | None = None
    reassessment_request_months: int | None = None
    ledger_warning_fraction: Decimal | None = None
    """Not decision data: the compute ledger warns when a model's compute reaches this
    fraction of a threshold (``ledger`` in the file); None: no early warning."""
    ledger_implausible_flop: Decimal | None = None
    """Not decision data: a ledger figure above this is refused as a typing accident."""

    def cite(self, key: str) -> str:
        return self.citations[key]

    @property
    def answers_keys_2026(self) -> bool:
        """Whether the answers keys that 2026.1 introduced are read (an earlier rule set
        accepts and ignores them)."""
        return self.reads("obligation_statuses")

    def reads(self, name: str) -> bool:
        """Whether this rule set takes the reading ``name`` (false where it predates it)."""
        return bool(self.readings.get(name))


def available() -> list[str]:
    """The ids of every rule set shipped, oldest first."""
    return list(_shipped())


@cache
def _shipped() -> tuple[str, ...]:
    # Read once: the files ship with the code, and every answers document that names its
    # rule set is checked against this list (a folder listing each time cost more than
    # the assessment itself).
    return tuple(sorted((path.stem for path in _FOLDER.glob("*.json")), key=_version))


def _version(ruleset_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in ruleset_id.rsplit("-", 1)[-1].split("."))


def decision_sha256(data: Mapping[str, Any]) -> str:
    """SHA-256 of a rule set file's decision data: the ``DECISION_KEYS`` present and each
    obligation's article, as canonical JSON (sorted keys, no spaces, UTF-8)."""
    decision = {key: data[key] for key in DECISION_KEYS if key in data}
    decision["obligations"] = {key: rule["article"] for key, rule in data["obligations"].items()}
    canonical = json.dumps(decision, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


DEFAULT_RULESET = available()[-1]
"""The newest rule set: what new assessments use."""


@cache
def load(ruleset_id: str | None = None) -> RuleSet:
    """The rule set with this id (the newest when none is named); ``KeyError`` when there
    is none."""
    ruleset_id = ruleset_id or DEFAULT_RULESET
    if ruleset_id not in available():
        raise KeyError(f"unknown rule set {ruleset_id!r}; known: {', '.join(available())}")
    data: dict[str, Any] = json.loads((_FOLDER / f"{ruleset_id}.json").read_text("utf-8"))
    thresholds = data["thresholds"]
    dates = data["dates"]
    fraction = thresholds["modification_fraction"]
    ledger = data.get("ledger", {})
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
        effective_from=date.fromisoformat(data["effective_from"]),
        verified_on=date.fromisoformat(data["verified_on"]),
        changelog=tuple(MappingProxyType(dict(entry)) for entry in data.get("changelog", [])),
        readings=MappingProxyType(dict(data.get("readings", {}))),
        sha256=decision_sha256(data),
        transparency_apply_from=_optional_date(dates.get("transparency_apply_from")),
        marking_transition_by=_optional_date(dates.get("marking_transition_by")),
        reassessment_request_months=data.get("reassessment_request_months"),
        ledger_warning_fraction=_optional_decimal(ledger.get("warning_fraction")),
        ledger_implausible_flop=_optional_decimal(ledger.get("implausible_flop")),
    )


def _optional_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _optional_decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
