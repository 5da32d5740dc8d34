"""gpai-rules.md §3 (is it a GPAI model?) and assess-json.md "Not GPAI stays not GPAI"."""

import pytest

from tests.scoring.answers_factory import ALL_53, asked, developer, direct, flags, obligations, run


@pytest.mark.parametrize(
    "generates",
    [
        ["text"],
        ["audio"],
        ["image"],
        ["video"],
        ["other", "image"],
        ["text", "audio", "image", "video"],
    ],
)
def test_it_meets_the_indicative_criterion_above_1e23_with_language_image_or_video(generates):
    result = run(developer(generality="unsure", generates=generates, compute=direct("5e23")))
    assert result["classification"] == "gpai"
    assert result["provider"] is True


@pytest.mark.parametrize("generates", [["other"], []])
def test_it_misses_the_criterion_when_the_model_generates_no_language_image_or_video(generates):
    result = run(developer(generality="unsure", generates=generates, compute=direct("5e23")))
    assert result["classification"] == "not_gpai"
    assert result["provider"] is False
    assert result["obligations"] == []


def test_it_misses_the_criterion_at_or_below_1e23_when_generality_is_unsure():
    result = run(developer(generality="unsure", compute=direct("5e22")))
    assert result["classification"] == "not_gpai"
    assert result["provider"] is False


def test_it_treats_training_compute_exactly_at_1e23_as_not_crossing():
    result = run(developer(generality="unsure", compute=direct("1e23")))
    assert result["classification"] == "not_gpai"


def test_it_treats_training_compute_just_above_1e23_as_crossing():
    result = run(developer(generality="unsure", compute=direct("1.0000001e23")))
    assert result["classification"] == "gpai"


def test_it_asks_generality_unsure_as_an_open_question():
    result = run(developer(generality="unsure"))
    assert result["classification"] == "gpai"
    assert "question.generality_unsure_met" in asked(result)


def test_it_rebuts_the_criterion_for_a_narrow_model_that_meets_it():
    result = run(developer(generality="narrow", generates=["audio"], compute=direct("5e23")))
    assert result["classification"] == "not_gpai"
    assert result["provider"] is False
    assert result["obligations"] == []
    assert "generality_rebuttal" in flags(result)


def test_it_does_not_flag_a_rebuttal_for_a_narrow_model_below_1e23():
    result = run(developer(generality="narrow", compute=direct("5e22")))
    assert result["classification"] == "not_gpai"
    assert "generality_rebuttal" not in flags(result)


def test_it_does_not_flag_a_rebuttal_for_a_narrow_model_exactly_at_1e23():
    result = run(developer(generality="narrow", compute=direct("1e23")))
    assert result["classification"] == "not_gpai"
    assert "generality_rebuttal" not in flags(result)


def test_it_does_not_flag_a_rebuttal_for_a_model_that_generates_nothing_covered():
    # chess, weather: they simply miss the criterion, no rebuttal is involved
    result = run(developer(generality="narrow", generates=["other"], compute=direct("5e23")))
    assert result["classification"] == "not_gpai"
    assert "generality_rebuttal" not in flags(result)


def test_it_classifies_a_wide_model_below_1e23_as_gpai():
    result = run(developer(generality="wide", compute=direct("5e22")))
    assert result["classification"] == "gpai"
    assert result["provider"] is True
    assert obligations(result) == dict.fromkeys(ALL_53, "2026-03-01")
    assert "generality_rebuttal" not in flags(result)


def test_it_keeps_a_narrow_model_above_1e25_not_gpai():
    result = run(
        developer(
            generality="narrow",
            generates=["audio"],
            compute=direct("5e25"),
            threshold_known_on="2026-01-10",
        )
    )
    assert result["classification"] == "not_gpai"
    assert result["provider"] is False
    assert result["obligations"] == []
    assert result["notification_due"] is None
    assert result["cumulative_flop"] == "5.0e25"
    assert "generality_rebuttal" in flags(result)
    assert "question.narrow_above_systemic" in asked(result)


def test_it_lets_a_commission_designation_override_not_gpai_for_a_narrow_model_above_1e25():
    result = run(
        developer(
            generality="narrow",
            generates=["audio"],
            compute=direct("5e25"),
            commission_designated=True,
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True


def test_it_lets_a_commission_designation_override_not_gpai_for_a_model_below_1e23():
    result = run(developer(generality="unsure", compute=direct("5e22"), commission_designated=True))
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True


def test_it_reports_training_compute_for_a_not_gpai_model():
    result = run(developer(generality="narrow", generates=["other"], compute=direct("4.4e23")))
    assert result["training_flop"] == "4.4e23"
