"""gpai-rules.md §1 (scope) and assess-json.md "Internal use" / integrator keys."""

import pytest

from tests.scoring.answers_factory import (
    ABSENT,
    ALL_53,
    ALL_55,
    RULESET,
    Result,
    asked,
    developer,
    direct,
    flags,
    modifier,
    obligation_ids,
    obligations,
    run,
)


def assert_out_of_scope(result: Result) -> None:
    assert result["classification"] == "out_of_scope"
    assert result["provider"] is False
    assert result["obligations"] == []
    assert result["notification_due"] is None


def test_it_returns_schema_1_and_names_the_ruleset():
    result = run(developer())
    assert result["schema"] == 1
    assert result["ruleset"] == RULESET


def test_it_treats_a_placed_wide_text_model_above_1e23_as_a_plain_gpai_provider():
    result = run(developer())
    assert result["classification"] == "gpai"
    assert result["provider"] is True
    assert flags(result) == set()
    assert obligations(result) == dict.fromkeys(ALL_53, "2026-03-01")
    assert result["notification_due"] is None


@pytest.mark.parametrize("placement", ["research_only", "excluded_eu", "internal_only"])
def test_it_puts_research_only_excluded_eu_and_internal_only_models_out_of_scope(placement):
    result = run(developer(placement=placement))
    assert_out_of_scope(result)


@pytest.mark.parametrize("placement", ["research_only", "excluded_eu", "internal_only"])
def test_it_needs_only_schema_role_and_placement_for_out_of_scope_placements(placement):
    result = run({"schema": 1, "role": "developer", "placement": placement})
    assert_out_of_scope(result)
    assert result["training_flop"] is None
    assert result["cumulative_flop"] is None


def test_it_puts_a_research_only_model_out_of_scope_even_with_compute_above_1e25():
    result = run(
        developer(
            placement="research_only", compute=direct("5e25"), threshold_known_on="2026-01-10"
        )
    )
    assert_out_of_scope(result)


def test_it_reports_compute_given_anyway_for_an_out_of_scope_model():
    result = run(developer(placement="research_only", compute=direct("4.2e23")))
    assert_out_of_scope(result)
    assert result["training_flop"] == "4.2e23"


def test_it_treats_a_planned_model_as_in_scope_not_research():
    result = run(developer(placement="planned", placed_on=None))
    assert result["classification"] == "gpai"
    assert result["provider"] is True
    assert obligations(result) == dict.fromkeys(ALL_53)


def test_it_puts_a_plain_integrator_out_of_scope():
    result = run(
        {
            "schema": 1,
            "role": "integrator",
            "placement": "placed",
            "placed_on": "2026-03-01",
            "established_in_eu": False,
        }
    )
    assert_out_of_scope(result)


def test_it_puts_an_integrator_out_of_scope_even_when_the_model_has_systemic_risk_compute():
    result = run(
        developer(
            role="integrator",
            compute=direct("5e25"),
            threshold_known_on="2026-01-10",
            established_in_eu=False,
        )
    )
    assert_out_of_scope(result)


def test_it_puts_an_integrator_out_of_scope_when_upstream_has_not_excluded_the_eu():
    result = run(developer(role="integrator", upstream_excluded_eu=False))
    assert_out_of_scope(result)


def test_it_reports_an_integrators_compute_given_anyway():
    result = run(developer(role="integrator", compute=direct("6.1e23")))
    assert_out_of_scope(result)
    assert result["training_flop"] == "6.1e23"


def test_it_assesses_an_integrator_like_a_developer_when_upstream_excluded_the_eu():
    result = run(developer(role="integrator", upstream_excluded_eu=True, established_in_eu=False))
    assert result["classification"] == "gpai"
    assert result["provider"] is True
    assert obligations(result) == dict.fromkeys(ALL_53 | {"art54_rep"}, "2026-03-01")


def test_it_gives_an_integrator_whose_upstream_excluded_the_eu_systemic_risk_duties_above_1e25():
    result = run(
        developer(
            role="integrator",
            upstream_excluded_eu=True,
            compute=direct("5e25"),
            threshold_known_on="2026-01-10",
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    assert obligation_ids(result) == ALL_53 | ALL_55 | {"art52_notify"}


def test_it_applies_the_generality_test_to_an_integrator_assessed_like_a_developer():
    result = run(
        developer(
            role="integrator", upstream_excluded_eu=True, generality="narrow", generates=["audio"]
        )
    )
    assert result["classification"] == "not_gpai"
    assert result["provider"] is False
    assert "generality_rebuttal" in flags(result)


def test_it_ignores_the_modification_key_for_an_integrator():
    doc = developer(
        role="integrator", modification={"original_flop": "1e24", "original_systemic_risk": True}
    )
    assert_out_of_scope(run(doc))


def test_it_puts_a_research_only_modifier_out_of_scope_without_needing_modification():
    result = run({"schema": 1, "role": "modifier", "placement": "research_only"})
    assert_out_of_scope(result)


def test_it_puts_an_excluded_eu_modifier_out_of_scope():
    result = run(modifier("5e24", "3e24", False, placement="excluded_eu"))
    assert_out_of_scope(result)


def test_it_shows_an_open_question_for_internal_use_out_of_scope():
    result = run(developer(placement="internal_only"))
    assert_out_of_scope(result)
    assert asked(result) == {"question.internal_essential"}


def test_it_keeps_internal_use_out_of_scope_with_only_reach_or_unsure_capabilities():
    result = run(
        developer(
            placement="internal_only", eu_business_users=50000, high_impact_capabilities="unsure"
        )
    )
    assert_out_of_scope(result)


def test_it_assesses_internal_use_with_systemic_risk_compute_as_placed():
    result = run(
        developer(
            placement="internal_only",
            placed_on="2026-02-01",
            compute=direct("5e25"),
            threshold_known_on="2025-12-01",
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    expected = dict.fromkeys(ALL_53 | ALL_55, "2026-02-01")
    expected["art52_notify"] = "2025-12-15"
    assert obligations(result) == expected
    assert result["notification_due"] == "2025-12-15"
    assert "question.internal_date" in asked(result)


def test_it_gives_internal_use_with_systemic_risk_and_no_start_date_obligations_due_now_as_null():
    result = run(
        developer(
            placement="internal_only",
            placed_on=ABSENT,
            compute=direct("5e25"),
            threshold_known_on="2025-12-01",
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    due = obligations(result)
    assert set(due) == ALL_53 | ALL_55 | {"art52_notify"}
    assert all(due[i] is None for i in ALL_53 | ALL_55)
    assert due["art52_notify"] == "2025-12-15"


def test_it_assesses_a_designated_internal_use_model_as_placed():
    result = run(
        developer(placement="internal_only", placed_on="2026-02-01", commission_designated=True)
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    assert obligations(result) == dict.fromkeys(ALL_53 | ALL_55, "2026-02-01")


def test_it_assesses_an_internal_use_model_with_high_impact_capabilities_as_placed():
    result = run(
        developer(placement="internal_only", placed_on="2026-02-01", high_impact_capabilities="yes")
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    assert ALL_55 <= obligation_ids(result)


def test_it_keeps_an_internal_use_model_exactly_at_1e25_out_of_scope():
    result = run(
        developer(
            placement="internal_only", compute=direct("1e25"), threshold_known_on="2025-12-01"
        )
    )
    assert_out_of_scope(result)


def test_it_does_not_flag_borderline_for_an_out_of_scope_model():
    result = run(developer(placement="research_only", compute=direct("9e22")))
    assert_out_of_scope(result)
    assert "borderline" not in flags(result)


def test_it_puts_an_integrator_whose_upstream_excluded_the_eu_out_of_scope_when_research_only():
    result = run(developer(role="integrator", upstream_excluded_eu=True, placement="research_only"))
    assert_out_of_scope(result)


def test_it_grants_the_open_source_exemption_to_an_integrator_assessed_like_a_developer():
    os_ = {
        "licence_permits_all": True,
        "weights_public": True,
        "architecture_public": True,
        "usage_public": True,
        "monetised": False,
    }
    result = run(
        developer(
            role="integrator", upstream_excluded_eu=True, established_in_eu=False, open_source=os_
        )
    )
    assert result["classification"] == "gpai_open_source"
    assert obligations(result) == {"art53_1c": "2026-03-01", "art53_1d": "2026-03-01"}
