"""The answers and result documents of shared/spec/assess-json.md, as types.

These describe the JSON that crosses every boundary (the wizard builds answers, the command
line reads them, records sign both, pages and reports print them). Keys that the contract
marks optional are ``NotRequired``; numbers in answers may be JSON numbers or text in any
notation of the contract.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

__all__ = [
    "AnswersDocument",
    "CheckFigures",
    "ComputeFigures",
    "FiguresDocument",
    "NoteDocument",
    "ObligationDocument",
    "QuestionItem",
    "ResultDocument",
    "ThresholdFigures",
]

Number = str | int | float


class PeriodDocument(TypedDict, total=False):
    chips: Number
    hours: Number
    accelerator: str
    peak_flops: Number
    utilisation: Number


class ComputeDocument(TypedDict, total=False):
    method: str
    flop: Number
    parameters: Number
    tokens: Number
    mixture_of_experts: bool
    chips: Number
    hours: Number
    accelerator: str
    peak_flops: Number
    utilisation: Number
    periods: list[PeriodDocument]
    check: ComputeDocument


class ModificationDocument(TypedDict, total=False):
    original_flop: Number | None
    original_systemic_risk: bool
    earlier_modifications_flop: list[Number]


class OpenSourceDocument(TypedDict):
    licence_permits_all: bool
    weights_public: bool
    architecture_public: bool
    usage_public: bool
    monetised: bool


class AnswersDocument(TypedDict, total=False):
    schema: int
    model_name: str
    role: str
    upstream_excluded_eu: bool
    placement: str
    placed_on: str | None
    established_in_eu: bool | None
    generates: list[str]
    generality: str
    compute: ComputeDocument
    synthetic_data_flop: Number
    threshold_known_on: str | None
    modification: ModificationDocument | None
    open_source: OpenSourceDocument | None
    parameters: Number
    training_tokens: Number
    high_impact_capabilities: str
    eu_business_users: Number | None
    commission_designated: bool
    ruleset: str
    assessed_on: str
    designated_on: str
    notified_on: str
    high_impact_known_on: str
    inherited_flop: Number
    business_users_scope: str
    own_ai_system: bool


class NoteDocument(TypedDict):
    id: str
    text: str
    cite: str
    params: dict[str, Any]


class QuestionItem(TypedDict):
    id: str
    text: str
    params: dict[str, Any]


class ObligationDocument(TypedDict):
    id: str
    article: str
    due: str | None
    title: str
    scope: NotRequired[str]
    status: NotRequired[str]


class CheckFigures(TypedDict):
    method: str
    flop: str
    description: str


class ComputeFigures(TypedDict):
    method: str
    description: str
    """How the figure was obtained, in words a reader can check by hand."""
    entered: dict[str, Any]
    """The compute block of the answers, exactly as entered ("405B" stays "405B")."""
    checks: list[CheckFigures]


class ThresholdFigures(TypedDict):
    id: str
    """``gpai``, ``systemic_risk`` or ``modification``."""
    flop: str
    """The threshold, exact: for ``modification`` the base times the fraction, to 20
    significant figures (a third has no exact decimal); ``base`` and ``fraction`` say it
    exactly."""
    compared_with: str
    """Which figure the engine compared with it: ``training``, ``cumulative`` or
    ``modification`` (the modification's compute with the earlier modifications)."""
    value: str
    """That figure, exact."""
    base: NotRequired[str]
    fraction: NotRequired[str]


class FiguresDocument(TypedDict):
    """Exact figures (decimal strings at full precision) and what the chart needs."""

    training_flop: str | None
    cumulative_flop: str | None
    compute: ComputeFigures | None
    thresholds: list[ThresholdFigures]
    estimate_margin: str


class ResultDocument(TypedDict):
    schema: int
    ruleset: str
    classification: str
    provider: bool
    training_flop: str | None
    cumulative_flop: str | None
    compute_method: str | None
    flags: list[str]
    obligations: list[ObligationDocument]
    notification_due: str | None
    reasons: list[NoteDocument]
    open_questions: list[str]
    open_question_items: list[QuestionItem]
    notes: list[NoteDocument]
    figures: NotRequired[FiguresDocument]
    ruleset_sha256: NotRequired[str]
    assessed_on: NotRequired[str]
