"""gpai-rules.md §4 (systemic risk, designation, high-impact capabilities, reach,
notification) and assess-json.md "Designation risk" / "Dates" (Art. 52)."""

from typing import Any

import pytest

from tests.scoring.answers_factory import (
    ALL_53,
    ALL_55,
    Document,
    asked,
    developer,
    direct,
    flags,
    obligation_ids,
    obligations,
    open_source,
    run,
)

SYSTEMIC_ALL = ALL_53 | ALL_55 | {"art52_notify"}


def systemic(**overrides: Any) -> Document:
    kw: Document = {"compute": direct("5e25"), "threshold_known_on": "2026-01-10"}
    kw.update(overrides)
    return developer(**kw)


# --- presumption by compute --------------------------------------------------------------


def test_it_presumes_systemic_risk_above_1e25_cumulative_compute():
    result = run(systemic())
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    expected = dict.fromkeys(ALL_53 | ALL_55, "2026-03-01")
    expected["art52_notify"] = "2026-01-24"
    assert obligations(result) == expected
    assert result["notification_due"] == "2026-01-24"


def test_it_adds_the_authorised_representative_for_a_systemic_provider_outside_the_eu():
    result = run(systemic(established_in_eu=False))
    assert obligation_ids(result) == SYSTEMIC_ALL | {"art54_rep"}
    assert obligations(result)["art54_rep"] == "2026-03-01"


def test_it_treats_cumulative_compute_exactly_at_1e25_as_not_crossing():
    result = run(systemic(compute=direct("1e25")))
    assert result["classification"] == "gpai"
    assert obligation_ids(result) == ALL_53
    assert result["notification_due"] is None
    assert "borderline" in flags(result)


def test_it_treats_training_plus_synthetic_data_exactly_at_1e25_as_not_crossing():
    result = run(systemic(compute=direct("6e24"), synthetic_data_flop="4e24"))
    assert result["cumulative_flop"] == "1.0e25"
    assert result["classification"] == "gpai"


def test_it_treats_cumulative_compute_just_above_1e25_as_crossing():
    result = run(systemic(compute=direct("1.0000001e25")))
    assert result["classification"] == "gpai_systemic_risk"


def test_it_compares_1e25_with_the_full_precision_estimate_not_the_rounded_figure():
    below = run(systemic(compute=direct("9.96e24")))
    assert below["cumulative_flop"] == "1.0e25"
    assert below["classification"] == "gpai"
    above = run(systemic(compute=direct("1.04e25")))
    assert above["cumulative_flop"] == "1.0e25"
    assert above["classification"] == "gpai_systemic_risk"


def test_it_never_gives_a_not_systemic_gpai_model_notification_or_art55_duties():
    result = run(developer(compute=direct("5e24"), threshold_known_on="2026-01-10"))
    assert result["classification"] == "gpai"
    assert obligation_ids(result) == ALL_53
    assert result["notification_due"] is None
    assert "notification_date_unknown" not in flags(result)


# --- notification date --------------------------------------------------------------------


@pytest.mark.parametrize(
    "known, due",
    [
        ("2026-01-10", "2026-01-24"),
        ("2025-03-01", "2025-08-16"),  # max(date known, 2025-08-02) + 14
        ("2025-08-02", "2025-08-16"),
        ("2025-08-03", "2025-08-17"),
        ("2026-12-25", "2027-01-08"),
        ("2028-02-20", "2028-03-05"),  # leap year
    ],
)
def test_it_sets_notification_due_fourteen_days_after_the_later_of_date_known_and_2025_08_02(
    known, due
):
    result = run(systemic(threshold_known_on=known, placement="planned", placed_on="2029-01-01"))
    assert result["notification_due"] == due
    assert obligations(result)["art52_notify"] == due
    assert "notification_date_unknown" not in flags(result)


def test_it_lets_notification_fall_due_before_placing_for_a_planned_model():
    result = run(systemic(placement="planned", placed_on=None, threshold_known_on="2026-05-20"))
    assert result["classification"] == "gpai_systemic_risk"
    due = obligations(result)
    assert due["art52_notify"] == "2026-06-03"
    assert result["notification_due"] == "2026-06-03"
    assert all(due[i] is None for i in ALL_53 | ALL_55)


def test_it_lists_notification_with_unknown_date_and_flags_it_when_no_date_is_known():
    result = run(systemic(placement="planned", placed_on=None, threshold_known_on=None))
    assert result["classification"] == "gpai_systemic_risk"
    due = obligations(result)
    assert "art52_notify" in due
    assert due["art52_notify"] is None
    assert result["notification_due"] is None
    assert "notification_date_unknown" in flags(result)


def test_it_applies_the_art52_date_rule_to_a_model_placed_before_2025_08_02():
    result = run(systemic(placed_on="2024-06-01", threshold_known_on="2024-01-15"))
    assert result["classification"] == "gpai_systemic_risk"
    expected = dict.fromkeys(ALL_53 | ALL_55, "2027-08-02")
    expected["art52_notify"] = "2025-08-16"
    assert obligations(result) == expected
    assert result["notification_due"] == "2025-08-16"
    assert "legacy_model" in flags(result)
    assert "question.legacy_notification" in asked(result)


def test_it_gives_art55_duties_the_placing_based_date():
    result = run(systemic(placed_on="2026-09-15", threshold_known_on="2026-02-01"))
    due = obligations(result)
    assert {due[i] for i in ALL_55} == {"2026-09-15"}
    assert due["art52_notify"] == "2026-02-15"


# --- designation -----------------------------------------------------------------------------


def test_it_classifies_a_designated_model_as_systemic_without_notification():
    result = run(developer(commission_designated=True, compute=direct("5e23")))
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    assert obligations(result) == dict.fromkeys(ALL_53 | ALL_55, "2026-03-01")
    assert result["notification_due"] is None
    assert "notification_date_unknown" not in flags(result)


def test_it_does_not_flag_designation_risk_for_a_designated_model():
    result = run(developer(commission_designated=True, eu_business_users=50000))
    assert "designation_risk" not in flags(result)


# --- high-impact capabilities ----------------------------------------------------------------


def test_it_makes_high_impact_capabilities_below_1e25_systemic_without_mandatory_notification():
    result = run(
        developer(
            high_impact_capabilities="yes", compute=direct("5e23"), threshold_known_on="2026-01-10"
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    assert obligations(result) == dict.fromkeys(ALL_53 | ALL_55, "2026-03-01")
    assert result["notification_due"] is None
    assert "notification_date_unknown" not in flags(result)
    assert "question.high_impact_notification" in asked(result)


def test_it_requires_notification_for_high_impact_capabilities_above_1e25():
    result = run(systemic(high_impact_capabilities="yes"))
    assert result["classification"] == "gpai_systemic_risk"
    assert obligations(result)["art52_notify"] == "2026-01-24"
    assert result["notification_due"] == "2026-01-24"


def test_it_flags_designation_risk_when_high_impact_capabilities_are_unsure():
    result = run(developer(high_impact_capabilities="unsure"))
    assert result["classification"] == "gpai"
    assert "designation_risk" in flags(result)
    assert obligation_ids(result) == ALL_53


def test_it_treats_absent_high_impact_capabilities_as_no():
    doc = developer()
    del doc["high_impact_capabilities"]
    result = run(doc)
    assert result["classification"] == "gpai"
    assert flags(result) == set()


def test_it_does_not_flag_designation_risk_for_unsure_capabilities_when_already_systemic():
    result = run(systemic(high_impact_capabilities="unsure"))
    assert result["classification"] == "gpai_systemic_risk"
    assert "designation_risk" not in flags(result)


# --- reach -------------------------------------------------------------------------------------


@pytest.mark.parametrize("users", [10000, "10,000", 250000])
def test_it_flags_designation_risk_from_at_least_10000_eu_business_users(users):
    result = run(developer(eu_business_users=users))
    assert result["classification"] == "gpai"  # not a classification by itself
    assert "designation_risk" in flags(result)
    assert obligation_ids(result) == ALL_53


@pytest.mark.parametrize("users", [9999, 0, None])
def test_it_does_not_flag_designation_risk_below_10000_eu_business_users(users):
    result = run(developer(eu_business_users=users))
    assert "designation_risk" not in flags(result)


def test_it_does_not_flag_designation_risk_from_reach_when_already_systemic():
    assert "designation_risk" not in flags(run(systemic(eu_business_users=50000)))
    assert "designation_risk" not in flags(
        run(developer(high_impact_capabilities="yes", eu_business_users=50000))
    )


# --- open source never exempts systemic risk -------------------------------------------------


def test_it_never_grants_the_open_source_exemption_to_a_systemic_risk_model():
    result = run(systemic(open_source=open_source(), established_in_eu=False))
    assert result["classification"] == "gpai_systemic_risk"
    assert obligation_ids(result) == SYSTEMIC_ALL | {"art54_rep"}


def test_it_never_grants_the_open_source_exemption_to_a_designated_model():
    result = run(developer(commission_designated=True, open_source=open_source()))
    assert result["classification"] == "gpai_systemic_risk"
    assert obligation_ids(result) == ALL_53 | ALL_55


def test_it_never_grants_the_open_source_exemption_with_high_impact_capabilities():
    result = run(developer(high_impact_capabilities="yes", open_source=open_source()))
    assert result["classification"] == "gpai_systemic_risk"
    assert obligation_ids(result) == ALL_53 | ALL_55


def test_it_treats_the_notification_date_as_unknown_for_a_placed_model_without_threshold_known_on():
    # "date known" is threshold_known_on; the placing date is not a substitute
    result = run(systemic(threshold_known_on=None))
    due = obligations(result)
    assert due["art52_notify"] is None
    assert result["notification_due"] is None
    assert "notification_date_unknown" in flags(result)
    assert {due[i] for i in ALL_53 | ALL_55} == {"2026-03-01"}


def test_it_requires_no_notification_for_high_impact_capabilities_exactly_at_1e25():
    result = run(
        developer(
            high_impact_capabilities="yes", compute=direct("1e25"), threshold_known_on="2026-01-10"
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert "art52_notify" not in obligation_ids(result)
    assert result["notification_due"] is None


def test_it_flags_designation_risk_from_reach_for_a_model_that_is_not_gpai():
    # "Set when the model does not already have systemic risk and EU business users >= 10,000"
    result = run(developer(generality="narrow", eu_business_users=20000))
    assert result["classification"] == "not_gpai"
    assert "designation_risk" in flags(result)
