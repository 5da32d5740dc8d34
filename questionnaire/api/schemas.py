"""What the API reads and writes, as django-ninja (pydantic) schemas: they make the
OpenAPI description. Kinds and statuses are the ledger's (``LedgerEntry``); a test keeps
these lists equal to its choices."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import StrictInt, StrictStr, field_validator

Kind = Literal[
    "pre_training",
    "continued_pre_training",
    "fine_tuning",
    "reinforcement_learning",
    "synthetic_data",
    "inherited",
]
Status = Literal["planned", "running", "finished"]
Outcome = Literal["created", "updated", "unchanged"]

KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$"
"""A ledger key: the client's own name for an entry (a run id, say), 1 to 100 characters."""


class Error(Schema):
    detail: str = Field(description="What is wrong, in a sentence.")
    field: str | None = Field(
        None, description="The field at fault, as a dotted path (`compute.flop`), if any."
    )


class LedgerEntryIn(Schema):
    """A ledger entry as a pipeline files it. Filing the same key again with a higher
    revision updates the entry; with the same revision and content it changes nothing (a
    retried request); with the same revision and other content it is refused (409)."""

    kind: Kind
    status: Status
    revision: StrictInt = Field(ge=1, le=1_000_000)
    started_on: date | None = Field(None, description="ISO date, YYYY-MM-DD.")
    ended_on: date | None = Field(None, description="ISO date, YYYY-MM-DD.")
    compute: dict[str, Any] = Field(
        description="A compute document of the answers contract: `method` `direct` with "
        "`flop`, `architecture` with `parameters` and `tokens`, or `hardware` with `chips`, "
        "`hours`, `utilisation` and `accelerator` or `peak_flops` (or `periods` of those)."
    )
    description: StrictStr = Field("", max_length=2000)

    @field_validator("started_on", "ended_on", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        """Only a YYYY-MM-DD string (or null): pydantic would read a number as a Unix time."""
        if value is None or isinstance(value, date):
            return value
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError("Enter a date as YYYY-MM-DD.")
        return date.fromisoformat(value)

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "status": self.status,
            "revision": self.revision,
            "compute": self.compute,
            "description": self.description,
        }
        if self.started_on is not None:
            data["started_on"] = self.started_on
        if self.ended_on is not None:
            data["ended_on"] = self.ended_on
        return data


class LedgerEntryOut(Schema):
    key: str
    revision: int
    kind: str
    status: str
    source: str
    started_on: date | None
    ended_on: date | None
    compute: dict[str, Any]
    flop: str = Field(description="The engine's estimate of the entry's compute (FLOP).")
    description: str
    updated_at: str


class LedgerPutOut(Schema):
    outcome: Outcome
    entry: LedgerEntryOut
    totals: dict[str, Any] = Field(
        description="The model's training and cumulative compute, actual and planned, against "
        "the thresholds, with the warning and crossing dates and the Art. 52 deadline."
    )


class ModelOut(Schema):
    id: str
    name: str
    description: str


class ModelDetailOut(ModelOut):
    totals: dict[str, Any]


class LedgerOut(Schema):
    model: ModelOut
    entries: list[LedgerEntryOut]
