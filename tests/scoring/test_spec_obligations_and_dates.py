"""gpai-rules.md §7 (obligation ids), §8 (dates) and assess-json.md "Dates" / result keys."""

import pytest

from tests.scoring.answers_factory import (
    ALL_53,
    ALL_55,
    ALL_FLAGS,
    ALL_OBLIGATION_IDS,
    developer,
    direct,
    flags,
    modifier,
    obligation_ids,
    obligations,
    open_source,
    run,
)

ARTICLES = {
    "art53_1a": "Art. 53(1)(a)",
    "art53_1b": "Art. 53(1)(b)",
    "art53_1c": "Art. 53(1)(c)",
    "art53_1d": "Art. 53(1)(d)",
    "art54_rep": "Art. 54",
    "art52_notify": "Art. 52(1)",
    "art55_1a": "Art. 55(1)(a)",
    "art55_1b": "Art. 55(1)(b)",
    "art55_1c": "Art. 55(1)(c)",
    "art55_1d": "Art. 55(1)(d)",
}


def test_it_names_each_obligation_with_its_article():
    result = run(
        developer(compute=direct("5e25"), threshold_known_on="2026-01-10", established_in_eu=False)
    )
    assert obligation_ids(result) == ALL_OBLIGATION_IDS
    for entry in result["obligations"]:
        assert ARTICLES[entry["id"]] in entry["article"]
        assert "due" in entry


def test_it_omits_the_authorised_representative_for_a_provider_established_in_the_eu():
    assert "art54_rep" not in obligation_ids(run(developer(established_in_eu=True)))


def test_it_requires_an_authorised_representative_from_a_provider_outside_the_eu():
    result = run(developer(established_in_eu=False))
    assert obligations(result) == dict.fromkeys(ALL_53 | {"art54_rep"}, "2026-03-01")


def test_it_dates_obligations_of_a_model_placed_after_2025_08_02_at_placing():
    result = run(developer(placed_on="2026-11-30", established_in_eu=False))
    assert set(obligations(result).values()) == {"2026-11-30"}
    assert "legacy_model" not in flags(result)


def test_it_treats_a_model_placed_on_2025_08_02_as_not_legacy():
    result = run(developer(placed_on="2025-08-02"))
    assert obligations(result) == dict.fromkeys(ALL_53, "2025-08-02")
    assert "legacy_model" not in flags(result)


@pytest.mark.parametrize("placed_on", ["2025-08-01", "2024-03-15", "2020-06-11"])
def test_it_gives_a_model_placed_before_2025_08_02_until_2027_08_02(placed_on):
    result = run(developer(placed_on=placed_on, established_in_eu=False))
    assert obligations(result) == dict.fromkeys(ALL_53 | {"art54_rep"}, "2027-08-02")
    assert "legacy_model" in flags(result)
    assert result["notification_due"] is None


def test_it_dates_a_planned_models_obligations_at_the_planned_placing_date():
    result = run(developer(placement="planned", placed_on="2027-01-15", established_in_eu=False))
    assert obligations(result) == dict.fromkeys(ALL_53 | {"art54_rep"}, "2027-01-15")
    assert "legacy_model" not in flags(result)


def test_it_gives_a_planned_model_without_a_date_obligations_due_before_placing_as_null():
    result = run(developer(placement="planned", placed_on=None, established_in_eu=False))
    assert obligations(result) == dict.fromkeys(ALL_53 | {"art54_rep"})
    assert "legacy_model" not in flags(result)


def test_it_gives_a_planned_model_without_a_placed_on_key_obligations_due_as_null():
    doc = developer(placement="planned")
    del doc["placed_on"]
    assert obligations(run(doc)) == dict.fromkeys(ALL_53)


def test_it_gives_legacy_systemic_models_art55_until_2027_but_notification_by_the_art52_rule():
    result = run(
        developer(placed_on="2025-01-20", compute=direct("3e25"), threshold_known_on="2025-09-01")
    )
    due = obligations(result)
    assert {due[i] for i in ALL_53 | ALL_55} == {"2027-08-02"}
    assert due["art52_notify"] == "2025-09-15"
    assert result["notification_due"] == "2025-09-15"
    assert "legacy_model" in flags(result)


def test_it_gives_art52_notify_the_notification_due_date():
    result = run(developer(compute=direct("3e25"), threshold_known_on="2025-10-20"))
    assert obligations(result)["art52_notify"] == result["notification_due"] == "2025-11-03"


def test_it_gives_a_modifier_above_the_threshold_obligations_dated_at_placing():
    result = run(modifier("1.5e24", "3e24", False, placed_on="2026-07-01"))
    assert obligations(result) == dict.fromkeys(ALL_53, "2026-07-01")


def test_it_gives_a_legacy_modifier_provider_the_2027_date():
    result = run(modifier("1.5e24", "3e24", False, placed_on="2025-05-01"))
    assert obligations(result) == dict.fromkeys(ALL_53, "2027-08-02")
    assert "legacy_model" in flags(result)


# --- result shape ------------------------------------------------------------------------------

SCENARIOS = {
    "gpai": developer(),
    "gpai_open_source": developer(open_source=open_source()),
    "systemic": developer(
        compute=direct("5e25"), threshold_known_on="2026-01-10", established_in_eu=False
    ),
    "not_gpai": developer(generality="narrow"),
    "out_of_scope": developer(placement="research_only"),
    "integrator": developer(role="integrator"),
    "modifier_below": modifier("5e23", "3e24", False),
    "modifier_above": modifier("1.5e24", "3e24", False),
    "designated": developer(commission_designated=True),
    "legacy": developer(placed_on="2024-01-01"),
    "planned_unknown": developer(placement="planned", placed_on=None, compute=direct("5e25")),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_it_gives_every_reason_a_non_empty_cite(name):
    result = run(SCENARIOS[name])
    assert result["reasons"], "a result carries the reasons for its decision"
    for reason in result["reasons"]:
        assert isinstance(reason["cite"], str) and reason["cite"].strip()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_it_returns_every_contract_key_with_known_values_only(name):
    result = run(SCENARIOS[name])
    for key in (
        "schema",
        "ruleset",
        "classification",
        "provider",
        "training_flop",
        "cumulative_flop",
        "compute_method",
        "flags",
        "obligations",
        "notification_due",
        "reasons",
        "open_questions",
    ):
        assert key in result
    assert result["classification"] in {
        "out_of_scope",
        "not_gpai",
        "gpai",
        "gpai_open_source",
        "gpai_systemic_risk",
    }
    assert flags(result) <= ALL_FLAGS
    assert obligation_ids(result) <= ALL_OBLIGATION_IDS
    assert isinstance(result["provider"], bool)
    assert isinstance(result["open_questions"], list)


@pytest.mark.parametrize("name", ["not_gpai", "out_of_scope", "integrator", "modifier_below"])
def test_it_gives_non_providers_no_obligations(name):
    result = run(SCENARIOS[name])
    assert result["provider"] is False
    assert result["obligations"] == []
    assert result["notification_due"] is None
