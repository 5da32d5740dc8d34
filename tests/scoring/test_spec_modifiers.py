"""gpai-rules.md §5 (downstream modifiers) and assess-json.md "Modifiers"."""

import pytest

from tests.scoring.answers_factory import (
    ALL_53,
    ALL_55,
    Result,
    asked,
    error_paths,
    flags,
    modifier,
    obligation_ids,
    obligations,
    open_source,
    run,
)


def assert_not_provider(result: Result, classification: str) -> None:
    assert result["provider"] is False
    assert result["obligations"] == []
    assert result["notification_due"] is None
    assert result["classification"] == classification
    assert "modification_limited" not in flags(result)


# --- the one-third criterion ------------------------------------------------------------------


def test_it_makes_a_modifier_above_one_third_of_the_original_the_provider_with_limited_duties():
    result = run(modifier("1.5e24", "3e24", False))
    assert result["classification"] == "gpai"
    assert result["provider"] is True
    assert flags(result) == {"modification_limited"}
    assert obligations(result) == dict.fromkeys(ALL_53, "2026-03-01")
    assert result["notification_due"] is None


def test_it_reports_the_modifications_own_compute_and_adds_the_original_to_cumulative():
    result = run(modifier("1.5e24", "3e24", False))
    assert result["training_flop"] == "1.5e24"
    assert result["cumulative_flop"] == "4.5e24"
    assert result["compute_method"] == "direct"


def test_it_adds_earlier_modifications_and_synthetic_data_to_a_modifiers_cumulative_compute():
    result = run(
        modifier("1.5e24", "3e24", False, earlier=["2e23", "3e23"], synthetic_data_flop="5e23")
    )
    assert result["training_flop"] == "1.5e24"
    assert result["cumulative_flop"] == "5.5e24"


def test_it_leaves_an_unknown_original_out_of_a_modifiers_cumulative_compute():
    result = run(modifier("4e22", None, False, earlier=["1e22"]))
    assert result["training_flop"] == "4.0e22"
    assert result["cumulative_flop"] == "5.0e22"


def test_it_adds_the_authorised_representative_for_a_modifier_outside_the_eu():
    result = run(modifier("1.5e24", "3e24", False, established_in_eu=False))
    assert obligations(result) == dict.fromkeys(ALL_53 | {"art54_rep"}, "2026-03-01")


def test_it_treats_a_modification_of_exactly_one_third_as_not_crossing():
    result = run(modifier("1e24", "3e24", False))
    assert_not_provider(result, "gpai")


def test_it_treats_a_modification_just_above_one_third_as_crossing():
    result = run(modifier("1.0000001e24", "3e24", False))
    assert result["provider"] is True
    assert "modification_limited" in flags(result)


def test_it_gives_a_modifier_below_one_third_no_duties_and_the_originals_classification():
    result = run(modifier("5e23", "3e24", False, established_in_eu=False))
    assert_not_provider(result, "gpai")


def test_it_gives_a_modifier_below_the_threshold_of_a_systemic_original_its_classification():
    result = run(modifier("5e24", "3e25", True, threshold_known_on="2026-01-10"))
    assert_not_provider(result, "gpai_systemic_risk")


def test_it_uses_the_systemic_originals_compute_for_the_one_third_threshold():
    # original 3e25 with systemic risk: one third = 1e25
    assert run(modifier("1e25", "3e25", True))["provider"] is False
    assert run(modifier("1.1e25", "3e25", True))["provider"] is True


@pytest.mark.parametrize(
    "mod_flop, is_provider", [("3.4e22", True), ("3.3e22", False), ("3.3333333e22", False)]
)
def test_it_uses_one_third_of_1e23_when_a_non_systemic_originals_compute_is_unknown(
    mod_flop, is_provider
):
    result = run(modifier(mod_flop, None, False))
    assert result["provider"] is is_provider
    assert result["classification"] == "gpai"
    assert ("modification_limited" in flags(result)) is is_provider


@pytest.mark.parametrize(
    "mod_flop, is_provider", [("3.4e24", True), ("3.3e24", False), ("3.3333333e24", False)]
)
def test_it_uses_one_third_of_1e25_when_a_systemic_originals_compute_is_unknown(
    mod_flop, is_provider
):
    result = run(modifier(mod_flop, None, True, threshold_known_on="2026-02-01"))
    assert result["provider"] is is_provider
    assert result["classification"] == "gpai_systemic_risk"


# --- systemic risk of the modified model -----------------------------------------------------


def test_it_gives_a_modifier_of_a_systemic_original_notification_and_art55_in_full():
    result = run(modifier("1.2e25", "3e25", True, threshold_known_on="2026-02-01"))
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    expected = dict.fromkeys(ALL_53 | ALL_55, "2026-03-01")
    expected["art52_notify"] = "2026-02-15"
    assert obligations(result) == expected
    assert result["notification_due"] == "2026-02-15"
    assert "modification_limited" in flags(result)


def test_it_flags_an_unknown_notification_date_for_a_planned_modification_of_a_systemic_original():
    result = run(
        modifier(
            "1.2e25", "3e25", True, placement="planned", placed_on=None, threshold_known_on=None
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    due = obligations(result)
    assert set(due) == ALL_53 | ALL_55 | {"art52_notify"}
    assert all(d is None for d in due.values())
    assert result["notification_due"] is None
    assert "notification_date_unknown" in flags(result)


def test_it_presumes_systemic_risk_when_original_plus_modifications_exceed_1e25():
    # original 9e24 without systemic risk; modification 3.1e24 > 3e24 -> provider;
    # cumulative 1.21e25 > 1e25 -> Art. 51(2) presumption
    result = run(modifier("3.1e24", "9e24", False, threshold_known_on="2026-02-01"))
    assert result["provider"] is True
    assert result["classification"] == "gpai_systemic_risk"
    assert result["cumulative_flop"] == "1.2e25"
    expected = dict.fromkeys(ALL_53 | ALL_55, "2026-03-01")
    expected["art52_notify"] = "2026-02-15"
    assert obligations(result) == expected
    assert "modification_limited" in flags(result)
    assert "question.modifier_crosses_systemic" in asked(result)


def test_it_only_flags_designation_risk_when_a_small_modification_pushes_the_total_above_1e25():
    # 9e24 + 2e24 = 1.1e25 > 1e25, but 2e24 <= 3e24
    result = run(modifier("2e24", "9e24", False))
    assert_not_provider(result, "gpai")
    assert "designation_risk" in flags(result)


def test_it_does_not_flag_designation_risk_for_a_modifier_below_one_third_with_a_small_total():
    result = run(modifier("1e24", "6e24", False))
    assert_not_provider(result, "gpai")
    assert "designation_risk" not in flags(result)


# --- cumulative modifications ------------------------------------------------------------------


def test_it_compares_the_sum_of_this_and_earlier_modifications_with_the_threshold():
    # 4e23 alone < 1e24, but 4e23 + 6e23 + 5e23 = 1.5e24 > 1e24
    result = run(modifier("4e23", "3e24", False, earlier=["6e23", "5e23"]))
    assert result["provider"] is True
    assert "modification_limited" in flags(result)
    assert result["training_flop"] == "4.0e23"
    assert result["cumulative_flop"] == "4.5e24"
    assert "question.cumulative_modifications" in asked(result)


def test_it_treats_summed_modifications_exactly_at_one_third_as_not_crossing():
    result = run(modifier("5e23", "3e24", False, earlier=["5e23"]))
    assert_not_provider(result, "gpai")


def test_it_is_not_a_provider_without_earlier_modifications_when_this_one_alone_is_below():
    result = run(modifier("4e23", "3e24", False, earlier=[]))
    assert_not_provider(result, "gpai")


# --- no re-test of generality ------------------------------------------------------------------


def test_it_does_not_need_generates_or_generality_from_a_modifier():
    doc = modifier("1.5e24", "3e24", False)
    assert "generates" not in doc and "generality" not in doc
    assert run(doc)["classification"] == "gpai"


def test_it_does_not_retest_generality_or_the_indicative_criterion_for_a_modifier():
    result = run(modifier("4e22", "1e23", False, generality="narrow", generates=["other"]))
    assert result["provider"] is True
    assert result["classification"] == "gpai"
    assert "generality_rebuttal" not in flags(result)


# --- open source -------------------------------------------------------------------------------


def test_it_grants_the_open_source_exemption_to_a_modifier_that_meets_its_conditions():
    result = run(
        modifier("1.5e24", "3e24", False, established_in_eu=False, open_source=open_source())
    )
    assert result["classification"] == "gpai_open_source"
    assert result["provider"] is True
    assert obligations(result) == {"art53_1c": "2026-03-01", "art53_1d": "2026-03-01"}
    assert "modification_limited" in flags(result)


def test_it_refuses_the_open_source_exemption_to_a_modifier_of_a_systemic_original():
    result = run(
        modifier(
            "1.2e25",
            "3e25",
            True,
            threshold_known_on="2026-02-01",
            open_source=open_source(),
            established_in_eu=False,
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert obligation_ids(result) == ALL_53 | ALL_55 | {"art52_notify", "art54_rep"}


# --- borderline --------------------------------------------------------------------------------


def test_it_flags_borderline_when_one_third_lies_within_30_percent_of_the_modification():
    result = run(modifier("1.2e24", "3e24", False))  # T = 1e24, E = 1.2e24
    assert "borderline" in flags(result)


def test_it_includes_the_upper_edge_of_the_borderline_band_for_a_modifier():
    result = run(modifier("1e24", "3.9e24", False))  # T = 1.3e24 = 1.3 * E
    assert result["provider"] is False
    assert "borderline" in flags(result)


def test_it_includes_the_lower_edge_of_the_borderline_band_for_a_modifier():
    result = run(modifier("1e24", "2.1e24", False))  # T = 7e23 = 0.7 * E
    assert result["provider"] is True
    assert "borderline" in flags(result)


def test_it_does_not_flag_borderline_just_outside_the_band_for_a_modifier():
    assert "borderline" not in flags(run(modifier("1e24", "3.93e24", False)))  # T = 1.31e24
    assert "borderline" not in flags(run(modifier("1e24", "2.07e24", False)))  # T = 6.9e23


def test_it_uses_the_summed_modification_compute_for_a_modifiers_borderline():
    # this modification 5e23 alone: T = 1e24 is outside [0.7E, 1.3E]; summed 1.1e24: inside
    result = run(modifier("5e23", "3e24", False, earlier=["6e23"]))
    assert "borderline" in flags(result)


def test_it_does_not_compare_a_modifications_compute_with_1e23():
    # modification 1.05e23 is close to 1e23, but 1e23 is compared only with a developer's
    # training compute; one third of 6e23 = 2e23 is outside the band; cumulative 7.05e23
    result = run(modifier("1.05e23", "6e23", False))
    assert "borderline" not in flags(result)


def test_it_flags_borderline_when_a_modifier_providers_cumulative_compute_is_near_1e25():
    # T = 2e24 vs E = 3e24: outside; cumulative 9e24 vs 1e25: inside
    result = run(modifier("3e24", "6e24", False))
    assert result["provider"] is True
    assert result["classification"] == "gpai"
    assert "borderline" in flags(result)


def test_it_does_not_flag_designation_risk_when_a_small_modification_totals_exactly_1e25():
    result = run(modifier("2e24", "8e24", False))  # one third = 2.67e24; total = 1e25
    assert_not_provider(result, "gpai")
    assert "designation_risk" not in flags(result)


def test_it_does_not_flag_designation_risk_when_the_modified_model_already_has_systemic_risk():
    result = run(
        modifier("3.1e24", "9e24", False, threshold_known_on="2026-02-01", eu_business_users=50000)
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert "designation_risk" not in flags(result)


def test_it_flags_designation_risk_from_reach_for_a_modifier_provider():
    result = run(modifier("1.5e24", "3e24", False, eu_business_users=10000))
    assert result["classification"] == "gpai"
    assert "designation_risk" in flags(result)


def test_it_rejects_a_non_boolean_original_systemic_risk_answer():
    doc = modifier("1e24", "3e24", "perhaps")
    assert "modification.original_systemic_risk" in error_paths(doc)


def test_it_rejects_earlier_modifications_that_are_not_a_list():
    doc = modifier("1e24", "3e24", False, earlier="5e23")
    assert "modification.earlier_modifications_flop" in error_paths(doc)
