"""Answers at the edges the contract leaves to the engine: implausible dates and names,
and internal use whose only sign of systemic risk is the provider's own evaluation."""

import pytest

from questionnaire.scoring import AnswersError, assess

SYSTEMIC = {
    "schema": 1,
    "role": "developer",
    "placement": "placed",
    "placed_on": "2026-01-01",
    "established_in_eu": True,
    "generates": ["text"],
    "generality": "wide",
    "compute": {"method": "direct", "flop": "2e25"},
}


@pytest.mark.parametrize("day", ["9999-12-25", "1900-01-01"])
def test_it_refuses_a_date_outside_plausible_years_naming_the_field(day):
    with pytest.raises(AnswersError) as error:
        assess({**SYSTEMIC, "threshold_known_on": day})
    assert [str(problem) for problem in error.value.problems] == [
        "threshold_known_on: must lie between 1950-01-01 and 2199-12-31"
    ]


def test_it_computes_the_notification_deadline_at_the_last_accepted_date():
    result = assess({**SYSTEMIC, "threshold_known_on": "2199-12-31"})
    assert result["notification_due"] == "2200-01-14"


def test_it_refuses_a_model_name_longer_than_200_characters():
    with pytest.raises(AnswersError) as error:
        assess({**SYSTEMIC, "model_name": "x" * 201})
    assert [problem.path for problem in error.value.problems] == ["model_name"]


def test_internal_use_with_high_impact_capabilities_is_assessed_as_placed_the_cautious_way():
    result = assess(
        {
            "schema": 1,
            "role": "developer",
            "placement": "internal_only",
            "high_impact_capabilities": "yes",
        },
        "eu-aia-gpai-2025.1",
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    assert "art52_notify" not in {o["id"] for o in result["obligations"]}
    assert any("general-purpose" in question for question in result["open_questions"])
