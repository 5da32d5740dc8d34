"""assess-json.md number notations and the result's FLOP figures (two significant figures,
rounded half up, `3.8e25` style); gpai-rules.md "Precision" and full-precision thresholds."""

from decimal import Decimal

import pytest

from questionnaire.scoring.numbers import format_flop, parse_number  # noqa: E402
from tests.scoring.answers_factory import architecture, developer, direct, hardware, run

THIN = "\u2009"


# --- notations accepted in answers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "3.2e24",
        "3.2E+24",
        "3.2 × 10^24",
        "3.2x10^24",
        "3.2*10**24",
        "3.2E24",
        "3200000000000000000000000",
        "3,200,000,000,000,000,000,000,000",
    ],
)
def test_it_reads_scientific_and_written_out_notations_of_the_same_figure(text):
    result = run(developer(compute=direct(text)))
    assert result["training_flop"] == "3.2e24"


@pytest.mark.parametrize(
    "text, value",
    [
        ("3.2e24", "3.2e24"),
        ("3.2E+24", "3.2e24"),
        ("3.2 × 10^24", "3.2e24"),
        ("3.2x10^24", "3.2e24"),
        ("3.2*10**24", "3.2e24"),
        ("405B", "405e9"),
        ("15.6T", "15.6e12"),
        ("7B", "7e9"),
        ("2T", "2e12"),
        ("500K", "500e3"),
        ("1.5M", "1.5e6"),
        ("1,000,000", "1000000"),
        ("1 000 000", "1000000"),
        (f"1{THIN}000{THIN}000", "1000000"),
        ("0.35", "0.35"),
        ("42", "42"),
    ],
)
def test_it_parses_every_documented_number_notation(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("bad", ["five", "", "3.2e"])
def test_it_refuses_to_parse_unreadable_numbers(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


def test_it_reads_suffixed_parameters_and_tokens():
    # Llama 3.1 405B on 15.6T tokens: 6 * 405e9 * 15.6e12 = 3.7908e25
    result = run(developer(compute=architecture("405B", "15.6T"), threshold_known_on="2026-01-10"))
    assert result["training_flop"] == "3.8e25"
    assert result["classification"] == "gpai_systemic_risk"


def test_it_reads_thousands_separators_in_hardware_figures():
    # 1,000 chips x 2 000 hours x 989e12 x 0.4 = 2.84832e24
    with_commas = run(
        developer(compute=hardware("1,000", f"2{THIN}000", "0.4", accelerator="h100"))
    )
    with_spaces = run(developer(compute=hardware("1 000", "2 000", "0.4", accelerator="h100")))
    assert with_commas["training_flop"] == with_spaces["training_flop"] == "2.8e24"


def test_it_reads_json_numbers_and_strings_alike():
    as_numbers = run(developer(compute=architecture(7e9, 2e12)))
    as_strings = run(developer(compute=architecture("7B", "2T")))
    assert as_numbers["training_flop"] == as_strings["training_flop"] == "8.4e22"


def test_it_reads_eu_business_users_with_thousands_separators():
    result = run(developer(eu_business_users="10 000"))
    assert "designation_risk" in set(result["flags"])


# --- reporting to two significant figures --------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [
        ("3.15e23", "3.2e23"),
        ("7.524e22", "7.5e22"),
        ("2.45e24", "2.5e24"),  # half up, not half even
        ("1.25e25", "1.3e25"),
        ("2.25e23", "2.3e23"),
        ("7.449e22", "7.4e22"),
        ("9.96e22", "1.0e23"),  # rounding carries into the exponent
        ("9.95e24", "1.0e25"),
        ("3e23", "3.0e23"),  # one decimal in the mantissa
        ("1e25", "1.0e25"),
        ("3.8e25", "3.8e25"),
        ("4.05e24", "4.1e24"),
    ],
)
def test_it_formats_flop_to_two_significant_figures_rounded_half_up(value, text):
    assert format_flop(Decimal(value)) == text


@pytest.mark.parametrize(
    "value, text",
    [
        ("3.15e23", "3.2e23"),
        ("2.45e24", "2.5e24"),
        ("1.25e25", "1.3e25"),
        ("9.96e22", "1.0e23"),
        ("3e23", "3.0e23"),
        ("12345678901234567890123", "1.2e22"),
    ],
)
def test_it_reports_training_flop_to_two_significant_figures_rounded_half_up(value, text):
    result = run(developer(compute=direct(value)))
    assert result["training_flop"] == text
    assert "+" not in result["training_flop"]


def test_it_rounds_an_exact_half_of_a_product_up():
    # 6 * 175e9 * 300e9 = 3.15e23 exactly: half up gives 3.2e23 (binary floats give 3.1e23)
    assert run(developer(compute=architecture("175B", "300B")))["training_flop"] == "3.2e23"
    assert run(developer(compute=architecture(175e9, 300e9)))["training_flop"] == "3.2e23"
    assert (
        run(developer(compute=architecture(175000000000, 300000000000)))["training_flop"]
        == "3.2e23"
    )


# --- thresholds at full precision ----------------------------------------------------------------


def test_it_compares_1e23_with_the_full_precision_estimate_not_the_rounded_figure():
    below = run(developer(generality="unsure", compute=direct("9.96e22")))
    assert below["training_flop"] == "1.0e23"
    assert below["classification"] == "not_gpai"
    above = run(developer(generality="unsure", compute=direct("1.04e23")))
    assert above["training_flop"] == "1.0e23"
    assert above["classification"] == "gpai"


@pytest.mark.parametrize(
    "value", ["8e22", "1e23", "1.2e23", "9.96e22", "1.04e23", "7.7e22", "1.428e23"]
)
def test_it_flags_borderline_when_1e23_is_within_30_percent_of_a_developers_compute(value):
    result = run(developer(generality="unsure", compute=direct(value)))
    assert "borderline" in set(result["flags"])


@pytest.mark.parametrize("value", ["7.6e22", "1.43e23", "5e23", "1e22"])
def test_it_does_not_flag_borderline_when_1e23_is_further_than_30_percent(value):
    result = run(developer(generality="unsure", compute=direct(value)))
    assert "borderline" not in set(result["flags"])


def test_it_decides_borderline_at_full_precision_below_the_threshold():
    # 7.66e22 reports as 7.7e22; 1.3 * 7.7e22 >= 1e23 but 1.3 * 7.66e22 = 9.958e22 < 1e23
    result = run(developer(compute=direct("7.66e22")))
    assert result["training_flop"] == "7.7e22"
    assert "borderline" not in set(result["flags"])


def test_it_decides_borderline_at_full_precision_above_the_threshold():
    # 1.4349e23 reports as 1.4e23; 0.7 * 1.4e23 <= 1e23 but 0.7 * 1.4349e23 > 1e23
    result = run(developer(compute=direct("1.4349e23")))
    assert result["training_flop"] == "1.4e23"
    assert "borderline" not in set(result["flags"])


@pytest.mark.parametrize("value", ["9e24", "1e25", "1.2e25", "7.7e24", "1.428e25"])
def test_it_flags_borderline_when_1e25_is_within_30_percent_of_cumulative_compute(value):
    result = run(developer(compute=direct(value), threshold_known_on="2026-01-10"))
    assert "borderline" in set(result["flags"])


@pytest.mark.parametrize("value", ["7.6e24", "1.43e25", "5e25"])
def test_it_does_not_flag_borderline_when_1e25_is_further_than_30_percent(value):
    result = run(developer(compute=direct(value), threshold_known_on="2026-01-10"))
    assert "borderline" not in set(result["flags"])


def test_it_flags_borderline_from_synthetic_data_bringing_cumulative_compute_near_1e25():
    # training 5e24 alone is far from 1e25; cumulative 9e24 is not
    assert "borderline" not in set(run(developer(compute=direct("5e24")))["flags"])
    result = run(developer(compute=direct("5e24"), synthetic_data_flop="4e24"))
    assert result["cumulative_flop"] == "9.0e24"
    assert "borderline" in set(result["flags"])
