"""The result of an assessment, and its schema-1 JSON document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .documents import (
    FiguresDocument,
    NoteDocument,
    ObligationDocument,
    QuestionItem,
    ResultDocument,
)
from .numbers import format_flop
from .texts import Param, obligation_title, render
from .vocabulary import Classification, Flag, values

__all__ = ["CLASSIFICATIONS", "FLAGS", "Note", "Obligation", "Question", "Result"]

CLASSIFICATIONS = values(Classification)
FLAGS = values(Flag)


def _params(params: Mapping[str, Param]) -> dict[str, Any]:
    return {
        key: list(value) if isinstance(value, tuple) else value for key, value in params.items()
    }


@dataclass(frozen=True, slots=True)
class Question:
    """An open question: a point the law leaves open, with the reading the engine took."""

    id: str
    params: Mapping[str, Param] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return render(self.id, self.params)

    def text_in(self, language: str) -> str:
        """The text in the reader's language; ``text`` stays the canonical English one."""
        return render(self.id, self.params, language)

    def as_item(self) -> QuestionItem:
        return {"id": self.id, "text": self.text, "params": _params(self.params)}


@dataclass(frozen=True, slots=True)
class Note:
    """A sentence that explains the result, with the article or section that supports it."""

    id: str
    cite: str
    params: Mapping[str, Param] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return render(self.id, self.params)

    def text_in(self, language: str) -> str:
        """The text in the reader's language; ``text`` stays the canonical English one."""
        return render(self.id, self.params, language)

    def as_document(self) -> NoteDocument:
        return {"id": self.id, "text": self.text, "cite": self.cite, "params": _params(self.params)}


@dataclass(frozen=True, slots=True)
class Obligation:
    id: str
    article: str
    title: str
    due: date | None
    """None: before placing on the market (or, for internal use, now)."""
    scope: str | None = None
    """A limit on what the duty covers, such as "the modification only"."""
    status: str | None = None
    """From rule set 2026.1: upcoming, applies, and for the notification also overdue,
    done or recommended, on the assessment date."""

    def title_in(self, language: str) -> str:
        """The title in the reader's language; ``title`` stays the rule set's English one."""
        return obligation_title(self.id, language, self.title)

    def as_document(self) -> ObligationDocument:
        document: ObligationDocument = {
            "id": self.id,
            "article": self.article,
            "due": self.due.isoformat() if self.due else None,
            "title": self.title,
        }
        if self.scope:
            document["scope"] = self.scope
        if self.status:
            document["status"] = self.status
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
    open_questions: list[Question] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    """Context that is not a reason for the classification: fines, the Code of Practice,
    the Art. 52(2) argument. An optional key of the result document."""
    figures: FiguresDocument | None = None
    ruleset_sha256: str | None = None
    assessed_on: date | None = None
    """The exact figures behind the result and what its chart needs, so that a stored result
    is displayed from its own document and never recomputed."""

    def as_document(self) -> ResultDocument:
        """The schema-1 result document of shared/spec/assess-json.md."""
        questions = [question.as_item() for question in self.open_questions]
        document: ResultDocument = {
            "schema": 1,
            "ruleset": self.ruleset,
            "classification": self.classification,
            "provider": self.provider,
            "training_flop": _reported(self.training_flop),
            "cumulative_flop": _reported(self.cumulative_flop),
            "compute_method": self.compute_method,
            "flags": list(self.flags),
            "obligations": [obligation.as_document() for obligation in self.obligations],
            "notification_due": self.notification_due.isoformat()
            if self.notification_due
            else None,
            "reasons": [reason.as_document() for reason in self.reasons],
            "open_questions": [item["text"] for item in questions],
            "open_question_items": questions,
            "notes": [note.as_document() for note in self.notes],
        }
        if self.figures is not None:
            document["figures"] = self.figures
        if self.ruleset_sha256 is not None:
            document["ruleset_sha256"] = self.ruleset_sha256
        if self.assessed_on is not None:
            document["assessed_on"] = self.assessed_on.isoformat()
        return document


def _reported(value: Decimal | None) -> str | None:
    return format_flop(value) if value is not None else None
