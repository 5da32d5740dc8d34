"""gpai-rules.md "Worked examples from the Guidelines (Annex A.3)" and the example
answers/result pair of assess-json.md."""

import copy

import pytest

from tests.samples import CONTRACT_EXAMPLE
from tests.scoring.answers_factory import architecture, developer, flags, hardware, obligations, run


@pytest.mark.parametrize(
    "case, parameters, tokens, expected",
    [
        ("A", "3.8e9", "3.3e12", "7.5e22"),
        ("C", "0.6e9", "36e12", "1.3e23"),
        ("E", "1.7e9", "36e12", "3.7e23"),
        ("G", "2.6e9", "10e12", "1.6e23"),
        ("GPT-3", "175e9", "300e9", "3.2e23"),
    ],
)
def test_it_reproduces_the_guidelines_architecture_examples(case, parameters, tokens, expected):
    result = run(developer(compute=architecture(parameters, tokens)))
    assert result["training_flop"] == expected
    assert result["cumulative_flop"] == expected
    assert result["compute_method"] == "architecture"


@pytest.mark.parametrize(
    "parameters, tokens", [("3.8B", "3.3T"), (3.8e9, 3.3e12), ("3,800,000,000", "3.3 × 10^12")]
)
def test_it_reproduces_example_a_whatever_the_number_notation(parameters, tokens):
    assert run(developer(compute=architecture(parameters, tokens)))["training_flop"] == "7.5e22"


def test_it_reproduces_example_b_200000_a100_hours_at_300_tflops_and_half_utilisation():
    # 200,000 A100-hours x 3600 x 300e12 x 0.5 = 1.08e23
    result = run(developer(compute=hardware("200,000", 1, "0.5", peak_flops="300e12")))
    assert result["training_flop"] == "1.1e23"
    assert result["compute_method"] == "hardware"
    result = run(developer(compute=hardware(1, 200000, 0.5, peak_flops=300e12)))
    assert result["training_flop"] == "1.1e23"


def test_it_reproduces_example_h_370000_h100_hours_at_half_utilisation():
    # 370,000 H100-hours x 3600 x 989e12 x 0.5 = 6.58674e23
    result = run(developer(compute=hardware(370000, 1, "0.5", accelerator="h100")))
    assert result["training_flop"] == "6.6e23"
    result = run(developer(compute=hardware(1000, 370, "0.5", accelerator="H100")))
    assert result["training_flop"] == "6.6e23"


def test_it_classifies_example_a_below_the_criterion_and_example_c_above_it():
    a = run(developer(generality="unsure", compute=architecture("3.8e9", "3.3e12")))
    assert a["classification"] == "not_gpai"
    assert "borderline" not in flags(a)  # 1.3 * 7.524e22 = 9.78e22 < 1e23
    c = run(developer(generality="unsure", compute=architecture("0.6e9", "36e12")))
    assert c["classification"] == "gpai"
    assert "borderline" in flags(c)  # 0.7 * 1.296e23 = 9.07e22 <= 1e23


def test_it_reproduces_the_example_result_of_the_json_spec():
    answers = copy.deepcopy(CONTRACT_EXAMPLE)
    result = run(answers)
    assert result["schema"] == 1
    assert result["ruleset"] == "eu-aia-gpai-2025.1"
    assert result["classification"] == "gpai_open_source"
    assert result["provider"] is True
    assert result["training_flop"] == "8.4e22"
    assert result["cumulative_flop"] == "8.4e22"
    assert result["compute_method"] == "architecture"
    assert flags(result) == {"borderline"}
    assert obligations(result) == {"art53_1c": "2026-03-01", "art53_1d": "2026-03-01"}
    assert result["notification_due"] is None
    assert all(r["cite"] for r in result["reasons"])
