"""assess-json.md "Required keys", "Errors", number rules, and the key tables."""

import math

import pytest

from tests.scoring.answers_factory import (
    ABSENT,
    architecture,
    developer,
    direct,
    error_paths,
    hardware,
    modifier,
    period,
    problems,
    run,
)

# --- required keys -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["schema", "role", "placement"])
def test_it_always_requires_schema_role_and_placement(key):
    assert key in error_paths(developer(**{key: ABSENT}))


@pytest.mark.parametrize("key", ["schema", "role", "placement"])
def test_it_requires_schema_role_and_placement_even_out_of_scope(key):
    doc = {"schema": 1, "role": "developer", "placement": "research_only"}
    del doc[key]
    assert key in error_paths(doc)


@pytest.mark.parametrize(
    "key, value",
    [("schema", 2), ("schema", "one"), ("role", "user"), ("placement", "sold"), ("role", None)],
)
def test_it_rejects_unknown_values_of_schema_role_and_placement(key, value):
    assert key in error_paths(developer(**{key: value}))


@pytest.mark.parametrize("key", ["established_in_eu", "compute"])
def test_it_requires_establishment_and_compute_in_scope(key):
    assert key in error_paths(developer(**{key: ABSENT}))


def test_it_requires_placed_on_for_a_placed_model():
    assert "placed_on" in error_paths(developer(placed_on=ABSENT))


def test_it_does_not_require_placed_on_for_a_planned_model():
    assert run(developer(placement="planned", placed_on=ABSENT))["classification"] == "gpai"


@pytest.mark.parametrize("key", ["generates", "generality"])
def test_it_requires_generates_and_generality_from_a_developer_in_scope(key):
    assert key in error_paths(developer(**{key: ABSENT}))


@pytest.mark.parametrize("placement", ["research_only", "excluded_eu", "internal_only"])
def test_it_does_not_require_compute_or_establishment_out_of_scope(placement):
    doc = developer(
        placement=placement,
        compute=ABSENT,
        established_in_eu=ABSENT,
        placed_on=ABSENT,
        generates=ABSENT,
        generality=ABSENT,
    )
    assert run(doc)["classification"] == "out_of_scope"


def test_it_does_not_require_compute_from_an_integrator():
    doc = {
        "schema": 1,
        "role": "integrator",
        "placement": "placed",
        "placed_on": "2026-03-01",
        "established_in_eu": True,
    }
    assert run(doc)["classification"] == "out_of_scope"


@pytest.mark.parametrize("key", ["compute", "generates", "generality", "established_in_eu"])
def test_it_requires_what_a_developer_needs_from_an_integrator_whose_upstream_excluded_the_eu(key):
    doc = developer(role="integrator", upstream_excluded_eu=True, **{key: ABSENT})
    assert key in error_paths(doc)


def test_it_requires_modification_from_a_modifier_in_scope():
    assert "modification" in error_paths(modifier("1e24", "3e24", False, modification=ABSENT))


def test_it_requires_the_originals_systemic_risk_answer_from_a_modifier():
    doc = modifier("1e24", "3e24", False)
    del doc["modification"]["original_systemic_risk"]
    assert "modification.original_systemic_risk" in error_paths(doc)


def test_it_accepts_an_unknown_original_compute_from_a_modifier():
    doc = modifier("1e24", None, False)
    assert run(doc)["provider"] is True


@pytest.mark.parametrize(
    "value, path",
    [
        ("-3e24", "modification.original_flop"),
        ("lots", "modification.original_flop"),
        (0, "modification.original_flop"),
    ],
)
def test_it_validates_the_originals_compute(value, path):
    assert path in error_paths(modifier("1e24", value, False))


def test_it_validates_earlier_modifications_with_their_index():
    doc = modifier("1e24", "3e24", False, earlier=["1e23", "-5e22"])
    assert "modification.earlier_modifications_flop[1]" in error_paths(doc)


def test_it_ignores_a_valid_modification_block_for_a_developer():
    doc = developer(modification={"original_flop": "1e26", "original_systemic_risk": True})
    result = run(doc)
    assert result["classification"] == "gpai"
    assert result["training_flop"] == result["cumulative_flop"] == "5.0e23"


def test_it_ignores_unknown_keys():
    assert run(developer(favourite_colour="teal", notes={"x": 1}))["classification"] == "gpai"


def test_it_validates_a_known_key_that_is_present_though_not_required():
    doc = developer(placement="research_only", compute=direct("-5e23"))
    assert "compute.flop" in error_paths(doc)
    doc = developer(role="integrator", compute=hardware(0, 100, "0.5", accelerator="h100"))
    assert "compute.chips" in error_paths(doc)


# --- value checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "generates, path",
    [
        (["text", "smell"], "generates[1]"),
        (["taste"], "generates[0]"),
        ("text", "generates"),
    ],
)
def test_it_rejects_unknown_generated_outputs_by_index(generates, path):
    assert path in error_paths(developer(generates=generates))


def test_it_accepts_an_empty_generates_list():
    assert run(developer(generates=[], generality="unsure"))["classification"] == "not_gpai"


@pytest.mark.parametrize(
    "key, value",
    [
        ("generality", "broad"),
        ("high_impact_capabilities", "maybe"),
        ("established_in_eu", "no"),
        ("commission_designated", "yes"),
        ("placed_on", "2026-13-01"),
        ("placed_on", "1 March 2026"),
        ("threshold_known_on", "yesterday"),
        ("eu_business_users", "-5"),
        ("eu_business_users", "many"),
        ("synthetic_data_flop", "-1e22"),
        ("parameters", "-7B"),
        ("parameters", 0),
        ("training_tokens", "0"),
        ("open_source", "yes"),
    ],
)
def test_it_rejects_invalid_values_of_top_level_keys(key, value):
    assert key in error_paths(developer(**{key: value}))


@pytest.mark.parametrize(
    "key, value",
    [
        ("synthetic_data_flop", "0"),
        ("synthetic_data_flop", 0),
        ("eu_business_users", 0),
        ("eu_business_users", "0"),
    ],
)
def test_it_allows_zero_synthetic_data_and_zero_eu_business_users(key, value):
    assert run(developer(**{key: value}))["classification"] == "gpai"


def test_it_rejects_an_unknown_compute_method():
    assert "compute.method" in error_paths(developer(compute={"method": "guess", "flop": "1e24"}))


def test_it_requires_a_compute_method():
    assert "compute.method" in error_paths(developer(compute={"flop": "1e24"}))


@pytest.mark.parametrize(
    "compute, path",
    [
        ({"method": "direct"}, "compute.flop"),
        ({"method": "architecture", "tokens": "2T"}, "compute.parameters"),
        ({"method": "architecture", "parameters": "7B"}, "compute.tokens"),
        (
            {"method": "hardware", "hours": 10, "utilisation": 0.5, "accelerator": "h100"},
            "compute.chips",
        ),
        (
            {"method": "hardware", "chips": 10, "utilisation": 0.5, "accelerator": "h100"},
            "compute.hours",
        ),
        (
            {"method": "hardware", "chips": 10, "hours": 10, "accelerator": "h100"},
            "compute.utilisation",
        ),
    ],
)
def test_it_requires_the_inputs_of_the_chosen_method(compute, path):
    assert path in error_paths(developer(compute=compute))


@pytest.mark.parametrize(
    "compute, path",
    [
        (direct(0), "compute.flop"),
        (direct("0"), "compute.flop"),
        (architecture(0, "2T"), "compute.parameters"),
        (architecture("7B", "0"), "compute.tokens"),
        (hardware(0, 100, 0.5, accelerator="h100"), "compute.chips"),
        (hardware(10, 0, 0.5, accelerator="h100"), "compute.hours"),
        (hardware(10, 100, 0.5, peak_flops=0), "compute.peak_flops"),
    ],
)
def test_it_rejects_zero_for_every_compute_quantity(compute, path):
    assert path in error_paths(developer(compute=compute))


@pytest.mark.parametrize(
    "bad",
    [
        "-1e24",
        -1e24,
        "NaN",
        "nan",
        math.nan,
        "inf",
        "Infinity",
        "-inf",
        math.inf,
        "lots",
        "",
        "1e24e3",
        True,
    ],
)
def test_it_rejects_negative_nan_infinite_and_unreadable_figures(bad):
    assert "compute.flop" in error_paths(developer(compute=direct(bad)))


@pytest.mark.parametrize("utilisation", [0, "0", -0.3, 1.01, "1.5", 50, math.nan])
def test_it_rejects_utilisation_outside_zero_to_one(utilisation):
    doc = developer(compute=hardware(10, 100, utilisation, accelerator="h100"))
    assert "compute.utilisation" in error_paths(doc)


@pytest.mark.parametrize("utilisation", [1, "1", "0.001", 0.5])
def test_it_accepts_utilisation_inside_zero_exclusive_to_one_inclusive(utilisation):
    doc = developer(compute=hardware(10, 100, utilisation, accelerator="h100"))
    assert run(doc)["compute_method"] == "hardware"


def test_it_names_the_period_index_in_hardware_errors():
    compute = {
        "method": "hardware",
        "periods": [
            period(0, 100, "0.4", accelerator="a100"),
            period(512, 200, "2", accelerator="h100"),
        ],
    }
    paths = error_paths(developer(compute=compute))
    assert "compute.periods[0].chips" in paths
    assert "compute.periods[1].utilisation" in paths


def test_it_rejects_an_empty_list_of_periods():
    problems(developer(compute={"method": "hardware", "periods": []}))


def test_it_reports_several_problems_at_once():
    doc = developer(
        generates=["text", "smell"],
        generality="broad",
        compute=hardware(0, "-5", "1.5", accelerator="mi300x"),
        eu_business_users="-1",
    )
    paths = error_paths(doc)
    assert {
        "generates[1]",
        "generality",
        "compute.chips",
        "compute.hours",
        "compute.utilisation",
        "compute.accelerator",
        "eu_business_users",
    } <= paths


def test_it_reports_problems_from_several_sections_at_once():
    doc = developer(
        role="developer", established_in_eu=ABSENT, placed_on=ABSENT, compute=direct("-1")
    )
    assert {"established_in_eu", "placed_on", "compute.flop"} <= error_paths(doc)


def test_it_formats_each_problem_as_path_colon_message():
    for p in problems(developer(compute=architecture("-7B", "2T"))):
        assert str(p) == f"{p.path}: {p.message}"
        assert p.message


def test_it_reports_a_non_object_document_at_the_root():
    assert "answers" in error_paths(["not", "an", "object"])


def test_it_rejects_a_non_boolean_upstream_excluded_eu_answer():
    doc = developer(role="integrator", upstream_excluded_eu="probably")
    assert "upstream_excluded_eu" in error_paths(doc)
