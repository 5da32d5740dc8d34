"""An assessment of a registered model, prefilled from the register and its ledger.

The answers it gives are those the ledger knows (the model's name, its role, its compute,
non-public synthetic data, inherited weights, the date the systemic-risk crossing became
known); the wizard's ``step_data_for`` turns them into a draft that resumes at the first
question still to answer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from questionnaire import services
from questionnaire.models import Draft, LedgerEntry, RegisteredModel, ThresholdEvent
from questionnaire.scoring.numbers import parse_number, to_text
from questionnaire.scoring.vocabulary import ANSWERS_SCHEMA, Method, Placement, Role
from questionnaire.wizard.prefill import PrefillRefused, step_data_for

from .selectors import CUMULATIVE_ONLY_KINDS, ledger_entries_of, model_totals

__all__ = ["PrefillRefused", "answers_from_ledger", "model_draft_create"]


def _flop(text: str) -> Decimal:
    try:
        return parse_number(text)
    except ValueError:
        return Decimal(0)


def answers_from_ledger(*, model: RegisteredModel, today: date) -> dict[str, Any]:
    """A partial answers document (schema 1) from what the register and ledger know: every
    entry counts, planned ones too (the Guidelines ask for an estimate before the run)."""
    totals = model_totals(model)
    entries = list(ledger_entries_of(model=model))
    runs = [entry for entry in entries if entry.kind not in CUMULATIVE_ONLY_KINDS]
    synthetic = sum(
        (_flop(e.flop) for e in entries if e.kind == LedgerEntry.Kind.SYNTHETIC_DATA), Decimal(0)
    )
    released = sorted(
        version.released_on
        for version in model.versions.all()
        if version.released_on is not None and version.released_on <= today
    )
    answers: dict[str, Any] = {
        "schema": ANSWERS_SCHEMA,
        "model_name": model.name,
        "role": Role.MODIFIER if totals.modification else Role.DEVELOPER,
        "placement": Placement.PLACED if released else Placement.PLANNED,
        "assessed_on": today.isoformat(),
    }
    if released:
        answers["placed_on"] = released[0].isoformat()
    if len(runs) == 1 and totals.training_planned == _flop(runs[0].flop):
        # One run and nothing inherited into training: its own estimate, inputs and all.
        answers["compute"] = dict(runs[0].compute)
    elif totals.training_planned > 0:
        answers["compute"] = {"method": Method.DIRECT, "flop": to_text(totals.training_planned)}
    if synthetic:
        answers["synthetic_data_flop"] = to_text(synthetic)
    inherited = totals.cumulative_planned - totals.training_planned - synthetic
    if totals.modification:
        answers["modification"] = {
            "original_flop": (
                None if totals.original_flop is None else to_text(totals.original_flop)
            ),
            "original_systemic_risk": totals.original_systemic_risk,
        }
        inherited -= totals.original_flop or 0
    if inherited > 0:
        answers["inherited_flop"] = to_text(inherited)
    crossing = (
        ThresholdEvent.objects.filter(
            model=model, threshold="systemic_risk", kind=ThresholdEvent.Kind.CROSSED
        )
        .order_by("known_on")
        .first()
    )
    if crossing is not None:
        answers["threshold_known_on"] = crossing.known_on.isoformat()
    return answers


def model_draft_create(*, model: RegisteredModel, user: User, today: date) -> Draft | None:
    """A draft assessing the model, prefilled from the ledger; None when the user has as
    many drafts open as one may. Raises ``PrefillRefused`` for what the wizard cannot hold."""
    answers = answers_from_ledger(model=model, today=today)
    prefill = step_data_for(answers)
    opened = services.drafts_create(
        user=user,
        organisation=model.organisation,
        seeds=[
            services.DraftSeed(
                state=prefill.state(),
                current_step=prefill.first_step,
                model_name=model.name,
                registered_model=model,
            )
        ],
    )
    return opened[0] if opened else None
