"""The result of an assessment, and its schema-1 JSON document."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .numbers import format_flop

__all__ = ["CLASSIFICATIONS", "FLAGS", "Note", "Obligation", "Result"]

CLASSIFICATIONS = ("out_of_scope", "not_gpai", "gpai", "gpai_open_source", "gpai_systemic_risk")
FLAGS = (
    "borderline",
    "methods_disagree",
    "moe_assumption",
    "generality_rebuttal",
    "designation_risk",
    "modification_limited",
    "notification_date_unknown",
    "legacy_model",
)


@dataclass(frozen=True, slots=True)
class Note:
    """A sentence that explains the result, with the article or section that supports it."""

    text: str
    cite: str

    def as_document(self) -> dict[str, str]:
        return {"text": self.text, "cite": self.cite}


@dataclass(frozen=True, slots=True)
class Obligation:
    id: str
    article: str
    title: str
    due: date | None
    """None: before placing on the market (or, for internal use, now)."""
    scope: str | None = None
    """A limit on what the duty covers, such as "the modification only"."""

    def as_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "id": self.id,
            "article": self.article,
            "due": self.due.isoformat() if self.due else None,
            "title": self.title,
        }
        if self.scope:
            document["scope"] = self.scope
        return document


@dataclass(slots=True)
class Result:
    ruleset: str
    classification: str
    provider: bool
    training_flop: Decimal | None
    cumulative_flop: Decimal | None
    compute_method: str | None
    flags: list[str] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    notification_due: date | None = None
    reasons: list[Note] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    """Context that is not a reason for the classification: fines, the Code of Practice,
    the Art. 52(2) argument. An optional key of the result document."""

    def as_document(self) -> dict[str, Any]:
        """The schema-1 result document of shared/spec/assess-json.md."""
        return {
            "schema": 1,
            "ruleset": self.ruleset,
            "classification": self.classification,
            "provider": self.provider,
            "training_flop": format_flop(self.training_flop)
            if self.training_flop is not None
            else None,
            "cumulative_flop": (
                format_flop(self.cumulative_flop) if self.cumulative_flop is not None else None
            ),
            "compute_method": self.compute_method,
            "flags": list(self.flags),
            "obligations": [obligation.as_document() for obligation in self.obligations],
            "notification_due": self.notification_due.isoformat()
            if self.notification_due
            else None,
            "reasons": [reason.as_document() for reason in self.reasons],
            "open_questions": list(self.open_questions),
            "notes": [note.as_document() for note in self.notes],
        }
