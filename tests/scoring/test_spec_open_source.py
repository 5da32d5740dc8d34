"""gpai-rules.md §6 (open-source exemption, Art. 53(2), Art. 54(6))."""

import pytest

from tests.scoring.answers_factory import (
    ALL_53,
    developer,
    direct,
    error_paths,
    flags,
    obligations,
    open_source,
    run,
)

OPEN_SOURCE_DUE = {"art53_1c": "2026-03-01", "art53_1d": "2026-03-01"}


def test_it_exempts_open_source_models_from_documentation_duties():
    result = run(developer(open_source=open_source()))
    assert result["classification"] == "gpai_open_source"
    assert result["provider"] is True
    assert obligations(result) == OPEN_SOURCE_DUE


def test_it_exempts_open_source_models_outside_the_eu_from_the_authorised_representative():
    result = run(developer(open_source=open_source(), established_in_eu=False))
    assert result["classification"] == "gpai_open_source"
    assert obligations(result) == OPEN_SOURCE_DUE


@pytest.mark.parametrize(
    "failing",
    [
        {"licence_permits_all": False},
        {"weights_public": False},
        {"architecture_public": False},
        {"usage_public": False},
        {"monetised": True},
    ],
)
def test_it_refuses_the_exemption_unless_every_condition_holds(failing):
    result = run(developer(open_source=open_source(**failing), established_in_eu=False))
    assert result["classification"] == "gpai"
    assert obligations(result) == dict.fromkeys(ALL_53 | {"art54_rep"}, "2026-03-01")


def test_it_gives_no_exemption_when_the_model_is_not_released_openly():
    result = run(developer(open_source=None))
    assert result["classification"] == "gpai"
    assert set(obligations(result)) == ALL_53


def test_it_keeps_the_open_source_exemption_for_a_wide_model_below_1e23():
    result = run(developer(open_source=open_source(), compute=direct("5e22")))
    assert result["classification"] == "gpai_open_source"
    assert obligations(result) == OPEN_SOURCE_DUE


def test_it_does_not_turn_a_not_gpai_model_into_an_open_source_gpai_model():
    result = run(developer(open_source=open_source(), generality="narrow"))
    assert result["classification"] == "not_gpai"
    assert result["provider"] is False
    assert result["obligations"] == []


def test_it_keeps_the_exemption_for_an_open_source_model_with_designation_risk():
    result = run(developer(open_source=open_source(), eu_business_users=20000))
    assert result["classification"] == "gpai_open_source"
    assert "designation_risk" in flags(result)
    assert obligations(result) == OPEN_SOURCE_DUE


def test_it_gives_legacy_open_source_models_the_2027_date_for_the_remaining_duties():
    result = run(developer(open_source=open_source(), placed_on="2024-11-01"))
    assert result["classification"] == "gpai_open_source"
    assert obligations(result) == {"art53_1c": "2027-08-02", "art53_1d": "2027-08-02"}
    assert "legacy_model" in flags(result)


def test_it_denies_the_exemption_just_above_1e25():
    result = run(
        developer(
            open_source=open_source(), compute=direct("1.01e25"), threshold_known_on="2026-01-10"
        )
    )
    assert result["classification"] == "gpai_systemic_risk"
    assert {"art53_1a", "art53_1b"} <= set(obligations(result))


def test_it_keeps_the_exemption_exactly_at_1e25():
    result = run(developer(open_source=open_source(), compute=direct("1e25")))
    assert result["classification"] == "gpai_open_source"
    assert obligations(result) == OPEN_SOURCE_DUE


@pytest.mark.parametrize(
    "missing",
    ["licence_permits_all", "weights_public", "architecture_public", "usage_public", "monetised"],
)
def test_it_requires_all_five_open_source_booleans(missing):
    os_ = open_source()
    del os_[missing]
    assert f"open_source.{missing}" in error_paths(developer(open_source=os_))


@pytest.mark.parametrize(
    "key, value", [("weights_public", "yes"), ("monetised", 0), ("usage_public", None)]
)
def test_it_rejects_open_source_values_that_are_not_booleans(key, value):
    assert f"open_source.{key}" in error_paths(developer(open_source=open_source(**{key: value})))
