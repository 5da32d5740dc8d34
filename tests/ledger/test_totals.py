"""How a model's compute adds up (rules §2, §5, §10.6): each kind of entry, each kind of
lineage, actual against planned, and the thresholds from the default rule set."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from questionnaire.ledger.selectors import Threshold, Totals, model_totals
from questionnaire.ledger.services import ledger_entry_put, registered_model_create
from questionnaire.models import LedgerEntry, ModelLineage, RegisteredModel
from questionnaire.scoring import load
from tests.ledger.conftest import direct


def put(model: RegisteredModel, key: str, flop: str, **kwargs: Any) -> tuple[LedgerEntry, str]:
    return ledger_entry_put(model=model, key=key, data=direct(flop, **kwargs), source="api")


def threshold(totals: Totals, key: str) -> Threshold:
    found = totals.threshold(key)
    assert found is not None
    return found


def test_own_runs_count_to_training_and_cumulative(model):
    put(model, "pre", "2e22")
    put(model, "ft", "1e21", kind="fine_tuning")
    put(model, "rl", "1e21", kind="reinforcement_learning", status="running")
    put(model, "cpt", "3e21", kind="continued_pre_training", status="planned")
    totals = model_totals(model)
    assert totals.training_actual == Decimal("2.2e22")
    assert totals.training_planned == Decimal("2.5e22")
    assert totals.cumulative_actual == totals.training_actual
    assert totals.cumulative_planned == totals.training_planned


def test_synthetic_data_and_inherited_weights_count_to_cumulative_only(model):
    put(model, "pre", "1e22")
    put(model, "synth", "4e21", kind="synthetic_data")
    put(model, "inh", "5e21", kind="inherited")
    totals = model_totals(model)
    assert totals.training_actual == Decimal("1e22")
    assert totals.cumulative_actual == Decimal("1.9e22")


def test_initialised_and_merged_weights_add_to_cumulative(model, acme, owner):
    put(model, "pre", "1e22")
    ModelLineage.objects.create(
        model=model,
        kind="merged_from",
        external_name="Enc",
        external_provider="X",
        external_flop="3e21",
    )
    ModelLineage.objects.create(
        model=model,
        kind="initialised_from",
        external_name="Vision",
        external_provider="Y",
        external_flop="2e21",
    )
    totals = model_totals(model)
    assert totals.training_actual == Decimal("1e22")
    assert totals.cumulative_actual == Decimal("1.5e22")
    assert not totals.modification


def test_own_register_parent_continues_the_lifecycle(model, acme, owner):
    base = registered_model_create(organisation=acme, name="Base", user=owner)
    put(base, "pre", "6e22")
    put(model, "cpt", "1e22", kind="continued_pre_training")
    ModelLineage.objects.create(model=model, kind="initialised_from", parent=base)
    totals = model_totals(model)
    assert totals.training_actual == Decimal("7e22")
    assert totals.cumulative_actual == Decimal("7e22")


def test_a_distillation_parent_counts_nothing(model, acme, owner):
    teacher = registered_model_create(organisation=acme, name="Teacher", user=owner)
    put(teacher, "pre", "5e25")
    put(model, "pre", "1e22")
    ModelLineage.objects.create(model=model, kind="distilled_from", parent=teacher)
    ModelLineage.objects.create(
        model=model,
        kind="distilled_from",
        external_name="Big",
        external_provider="Z",
        external_flop="9e25",
    )
    totals = model_totals(model)
    assert totals.cumulative_planned == Decimal("1e22")


def test_fine_tuning_another_providers_model_is_a_modification_with_a_third(model):
    put(model, "ft", "1e24", kind="fine_tuning")
    ModelLineage.objects.create(
        model=model,
        kind="fine_tuned_from",
        external_name="Orig",
        external_provider="Other AI",
        external_flop="3e24",
    )
    totals = model_totals(model)
    rules = load()
    assert totals.modification
    assert totals.training_actual == Decimal("1e24")  # the modification's own
    assert totals.cumulative_actual == Decimal("4e24")  # the original's weights count
    third = threshold(totals, "modification")
    assert (
        third.flop * rules.modification_denominator
        == Decimal("3e24") * rules.modification_numerator
    )
    assert not third.crossed_actual  # exactly a third is not above it
    put(model, "ft2", "1e22", kind="fine_tuning")
    assert threshold(model_totals(model), "modification").crossed_actual


def test_thresholds_band_and_warning_come_from_the_rule_set(model):
    rules = load()
    totals = model_totals(model)
    systemic = threshold(totals, "systemic_risk")
    assert rules.ledger_warning_fraction is not None
    assert systemic.flop == rules.systemic_risk_cumulative_flop
    assert (
        systemic.warning_flop == rules.systemic_risk_cumulative_flop * rules.ledger_warning_fraction
    )
    assert systemic.band_low == systemic.flop * (1 - rules.estimate_margin)
    assert threshold(totals, "gpai").flop == rules.gpai_training_flop
    assert totals.threshold("modification") is None
    document = totals.as_document()
    assert document["thresholds"][1]["key"] == "systemic_risk"
    assert document["cumulative"] == {"actual": "0", "planned": "0"}


def test_the_warning_fraction_is_not_decision_data():
    rules = load()
    assert rules.ledger_warning_fraction == Decimal("0.7")
    for ruleset_id in ("eu-aia-gpai-2025.1", "eu-aia-gpai-2026.1"):
        assert load(ruleset_id).ledger_warning_fraction is not None
