"""gpai-rules.md §2 (training compute, estimation methods, accelerator table) and
assess-json.md "Hardware" / "Cross-check" / parameters+training_tokens."""

import pytest

from tests.scoring.answers_factory import (
    ABSENT,
    architecture,
    developer,
    direct,
    error_paths,
    flags,
    hardware,
    period,
    problems,
    run,
)

# --- direct ------------------------------------------------------------------------------


def test_it_uses_a_directly_stated_flop_figure():
    result = run(developer(compute=direct("3.8e24")))
    assert result["training_flop"] == "3.8e24"
    assert result["cumulative_flop"] == "3.8e24"
    assert result["compute_method"] == "direct"


# --- architecture ------------------------------------------------------------------------


def test_it_estimates_architecture_compute_as_six_times_parameters_times_tokens():
    result = run(developer(compute=architecture("70B", "15T")))
    assert result["training_flop"] == "6.3e24"  # 6 * 70e9 * 15e12
    assert result["compute_method"] == "architecture"


def test_it_flags_the_moe_assumption_when_active_parameters_are_used():
    result = run(developer(compute=architecture("37B", "14.8T", moe=True)))
    assert result["training_flop"] == "3.3e24"  # 6 * 37e9 * 14.8e12 = 3.2856e24
    assert "moe_assumption" in flags(result)


def test_it_does_not_flag_the_moe_assumption_for_a_dense_model():
    result = run(developer(compute=architecture("37B", "14.8T", moe=False)))
    assert "moe_assumption" not in flags(result)
    result = run(developer(compute=architecture("37B", "14.8T")))
    assert "moe_assumption" not in flags(result)


# --- hardware ----------------------------------------------------------------------------


def test_it_estimates_hardware_compute_as_chips_hours_3600_peak_and_utilisation():
    # 1000 H100 x 2000 h x 3600 s x 989e12 x 0.4 = 2.84832e24
    result = run(developer(compute=hardware(1000, 2000, 0.4, accelerator="h100")))
    assert result["training_flop"] == "2.8e24"
    assert result["compute_method"] == "hardware"


@pytest.mark.parametrize(
    "key, expected",
    [
        ("v100", "1.8e23"),  # 125e12
        ("a100", "4.5e23"),  # 312e12
        ("h100", "1.4e24"),  # 989e12
        ("h800", "1.4e24"),  # 989e12
        ("h200", "1.4e24"),  # 989e12
        ("b200", "3.2e24"),  # 2.25e15
        ("tpu-v4", "4.0e23"),  # 275e12 -> 3.96e23
        ("tpu-v5e", "2.8e23"),  # 197e12 -> 2.8368e23
        ("tpu-v5p", "6.6e23"),  # 459e12 -> 6.6096e23
    ],
)
def test_it_uses_the_peak_of_each_accelerator_in_the_rules_table(key, expected):
    result = run(developer(compute=hardware(1000, 1000, "0.4", accelerator=key)))
    assert result["training_flop"] == expected


@pytest.mark.parametrize("key", ["H100", "Tpu-V5P", "A100", "TPU-V4"])
def test_it_matches_accelerator_keys_case_insensitively(key):
    lower = run(developer(compute=hardware(1000, 1000, "0.4", accelerator=key.lower())))
    mixed = run(developer(compute=hardware(1000, 1000, "0.4", accelerator=key)))
    assert mixed["training_flop"] == lower["training_flop"]


def test_it_lets_peak_flops_given_beside_an_accelerator_win():
    # h100 would give 1.4e24; peak 2e15 gives 1000*1000*3600*2e15*0.4 = 2.88e24
    result = run(
        developer(compute=hardware(1000, 1000, "0.4", accelerator="h100", peak_flops="2e15"))
    )
    assert result["training_flop"] == "2.9e24"


def test_it_accepts_a_users_own_peak_figure_instead_of_a_catalogue_key():
    result = run(developer(compute=hardware(1000, 1000, "0.4", peak_flops="1.5e15")))
    assert result["training_flop"] == "2.2e24"  # 2.16e24


def test_it_rejects_an_unknown_accelerator_key_naming_compute_accelerator():
    assert "compute.accelerator" in error_paths(
        developer(compute=hardware(1000, 1000, "0.4", accelerator="mi300x"))
    )


def test_it_sums_hardware_periods_computed_separately():
    # 1000 A100 x 100 h x 0.4 = 4.4928e22 ; 512 x 200 h x 989e12 x 0.35 = 1.27604736e23
    compute = {
        "method": "hardware",
        "periods": [
            period(1000, 100, "0.4", accelerator="a100"),
            period(512, 200, "0.35", peak_flops="989e12"),
        ],
    }
    result = run(developer(compute=compute))
    assert result["training_flop"] == "1.7e23"
    assert result["compute_method"] == "hardware"


def test_it_gives_the_same_figure_for_one_period_as_for_single_period_keys():
    single = run(developer(compute=hardware(1000, 2000, "0.4", accelerator="h100")))
    periods = run(
        developer(
            compute={
                "method": "hardware",
                "periods": [period(1000, 2000, "0.4", accelerator="h100")],
            }
        )
    )
    assert periods["training_flop"] == single["training_flop"] == "2.8e24"


def test_it_matches_accelerator_keys_case_insensitively_inside_periods():
    compute = {"method": "hardware", "periods": [period(1000, 2000, "0.4", accelerator="H100")]}
    assert run(developer(compute=compute))["training_flop"] == "2.8e24"


def test_it_rejects_an_unknown_accelerator_inside_a_period_naming_its_index():
    compute = {
        "method": "hardware",
        "periods": [
            period(1000, 100, "0.4", accelerator="a100"),
            period(512, 200, "0.35", accelerator="gaudi9"),
        ],
    }
    assert "compute.periods[1].accelerator" in error_paths(developer(compute=compute))


def test_it_rejects_periods_together_with_single_period_keys():
    compute = hardware(1000, 2000, "0.4", accelerator="h100")
    compute["periods"] = [period(1000, 2000, "0.4", accelerator="h100")]
    paths = error_paths(developer(compute=compute))
    assert any(p == "compute" or p.startswith("compute.") for p in paths)


def test_it_never_assumes_a_utilisation():
    compute = hardware(1000, 2000, "0.4", accelerator="h100")
    del compute["utilisation"]
    assert "compute.utilisation" in error_paths(developer(compute=compute))


def test_it_requires_a_peak_from_an_accelerator_key_or_peak_flops():
    compute = hardware(1000, 2000, "0.4")
    paths = error_paths(developer(compute=compute))
    assert any(p.startswith("compute") for p in paths)


def test_it_accepts_utilisation_of_exactly_one():
    result = run(developer(compute=hardware(1000, 1000, 1, peak_flops="1e15")))
    assert result["training_flop"] == "3.6e24"


# --- cross-check -------------------------------------------------------------------------


@pytest.mark.parametrize("check_flop", ["1.3e24", "7e23", "1.29e24", "1e24"])
def test_it_does_not_flag_methods_disagree_within_30_percent_of_the_primary(check_flop):
    doc = developer(compute=dict(direct("1e24"), check=direct(check_flop)))
    assert "methods_disagree" not in flags(run(doc))


@pytest.mark.parametrize("check_flop", ["1.31e24", "6.9e23", "5e24"])
def test_it_flags_methods_disagree_beyond_30_percent_of_the_primary(check_flop):
    doc = developer(compute=dict(direct("1e24"), check=direct(check_flop)))
    assert "methods_disagree" in flags(run(doc))


def test_it_measures_disagreement_relative_to_the_primary_estimate():
    # |1.0e24 - 1.4e24| = 4e23 <= 0.3 * 1.4e24 = 4.2e23: not a disagreement,
    # although 4e23 > 0.3 * 1.0e24.
    doc = developer(compute=dict(direct("1.4e24"), check=direct("1.0e24")))
    assert "methods_disagree" not in flags(run(doc))
    doc = developer(compute=dict(direct("1.0e24"), check=direct("1.4e24")))
    assert "methods_disagree" in flags(run(doc))


def test_it_uses_the_primary_estimate_when_methods_disagree():
    doc = developer(compute=dict(direct("2e24"), check=architecture("7B", "2T")))
    result = run(doc)
    assert "methods_disagree" in flags(result)
    assert result["training_flop"] == "2.0e24"
    assert result["compute_method"] == "direct"


def test_it_accepts_a_hardware_check_of_an_architecture_estimate():
    # primary 6 * 7e9 * 2e12 = 8.4e22 ; check 100 H100 x 400 h x 989e12 x 0.6 = 8.54496e22
    check = hardware(100, 400, "0.6", accelerator="h100")
    result = run(developer(compute=dict(architecture("7B", "2T"), check=check)))
    assert result["training_flop"] == "8.4e22"
    assert result["compute_method"] == "architecture"
    assert "methods_disagree" not in flags(result)


def test_it_uses_parameters_and_training_tokens_as_the_cross_check_of_a_direct_estimate():
    # 6 * 7e9 * 2e12 = 8.4e22 vs 2e23 -> disagreement
    result = run(developer(compute=direct("2e23"), parameters="7B", training_tokens="2T"))
    assert "methods_disagree" in flags(result)
    assert result["training_flop"] == "2.0e23"


def test_it_finds_no_disagreement_when_parameters_and_tokens_agree_with_the_direct_figure():
    result = run(developer(compute=direct("8.4e22"), parameters="7B", training_tokens="2T"))
    assert "methods_disagree" not in flags(result)


def test_it_uses_parameters_and_training_tokens_as_the_cross_check_of_a_hardware_estimate():
    # hardware 2.84832e24 vs 6 * 7e9 * 2e12 = 8.4e22
    result = run(
        developer(
            compute=hardware(1000, 2000, "0.4", accelerator="h100"),
            parameters="7B",
            training_tokens="2T",
        )
    )
    assert "methods_disagree" in flags(result)
    assert result["training_flop"] == "2.8e24"


def test_it_does_not_cross_check_with_parameters_when_the_method_is_architecture():
    result = run(
        developer(compute=architecture("7B", "2T"), parameters="70B", training_tokens="15T")
    )
    assert "methods_disagree" not in flags(result)
    assert result["training_flop"] == "8.4e22"


def test_it_does_not_cross_check_with_parameters_when_the_check_is_architecture():
    compute = dict(direct("8.4e22"), check=architecture("7B", "2T"))
    result = run(developer(compute=compute, parameters="70B", training_tokens="15T"))
    assert "methods_disagree" not in flags(result)


def test_it_does_not_cross_check_with_only_one_of_parameters_and_training_tokens():
    assert "methods_disagree" not in flags(run(developer(compute=direct("1e24"), parameters="7B")))
    assert "methods_disagree" not in flags(
        run(developer(compute=direct("1e24"), training_tokens="2T"))
    )


# --- cumulative compute -------------------------------------------------------------------


def test_it_counts_non_public_synthetic_data_towards_systemic_risk():
    result = run(
        developer(
            compute=direct("5e24"), synthetic_data_flop="6e24", threshold_known_on="2026-01-10"
        )
    )
    assert result["cumulative_flop"] == "1.1e25"
    assert result["classification"] == "gpai_systemic_risk"


def test_it_uses_training_compute_not_cumulative_compute_for_the_gpai_test():
    # training 9e22 (misses 1e23) + synthetic 5e22 -> cumulative 1.4e23
    result = run(developer(generality="unsure", compute=direct("9e22"), synthetic_data_flop="5e22"))
    assert result["training_flop"] == "9.0e22"
    assert result["cumulative_flop"] == "1.4e23"
    assert result["classification"] == "not_gpai"


def test_it_accepts_a_missing_synthetic_data_figure_as_none():
    result = run(developer(synthetic_data_flop=ABSENT, compute=direct("3e24")))
    assert result["cumulative_flop"] == "3.0e24"


def test_it_reports_a_compute_error_with_the_check_prefix():
    doc = developer(compute=dict(direct("1e24"), check=direct("-1e24")))
    assert "compute.check.flop" in error_paths(doc)


def test_it_gives_each_problem_a_path_and_message_in_its_string_form():
    for p in problems(developer(compute=direct("-1"))):
        assert p.path
        assert p.message
        assert str(p) == f"{p.path}: {p.message}"


def test_it_adds_non_public_synthetic_data_to_cumulative_but_not_training_compute():
    result = run(developer(compute=direct("5e23"), synthetic_data_flop="2e23"))
    assert result["training_flop"] == "5.0e23"
    assert result["cumulative_flop"] == "7.0e23"


def test_it_reports_errors_inside_a_checks_periods_with_their_index():
    check = {
        "method": "hardware",
        "periods": [
            period(100, 10, "0.4", accelerator="h100"),
            period(100, 0, "0.4", accelerator="h100"),
        ],
    }
    doc = developer(compute=dict(direct("1e24"), check=check))
    assert "compute.check.periods[1].hours" in error_paths(doc)


def test_it_requires_a_method_for_the_check():
    doc = developer(compute=dict(direct("1e24"), check={"flop": "1e24"}))
    assert "compute.check.method" in error_paths(doc)


def test_it_rejects_a_non_boolean_mixture_of_experts_answer():
    doc = developer(compute=architecture("7B", "2T", moe="sometimes"))
    assert "compute.mixture_of_experts" in error_paths(doc)


def test_it_reads_json_floats_as_figures():
    assert run(developer(compute=direct(3.2e24)))["training_flop"] == "3.2e24"
