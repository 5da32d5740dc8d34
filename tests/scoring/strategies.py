"""Hypothesis strategies for answers documents (schema 1)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from questionnaire.scoring import load
from questionnaire.scoring.answers import (
    EARLIEST_DATE,
    GENERALITY,
    HIGH_IMPACT,
    LATEST_DATE,
    OUTPUTS,
    ROLES,
)
from questionnaire.scoring.rulesets import available

ACCELERATORS = ["v100", "a100", "H100", "h800", "h200", "b200", "tpu-v4", "TPU-v5e", "tpu-v5p"]


def positive_number(low: int = 0, high: int = 27) -> st.SearchStrategy[Any]:
    """A positive quantity in one of the notations of the contract."""
    mantissa = st.integers(min_value=1, max_value=999)
    exponent = st.integers(min_value=low, max_value=high)
    return st.one_of(
        st.builds(lambda m, e: f"{m}e{e}", mantissa, exponent),
        st.builds(lambda m, e: f"{m / 100} × 10^{e}", mantissa, exponent),
        st.builds(lambda m, e: m * 10**e, mantissa, exponent),
        st.builds(lambda m, s: f"{m}{s}", mantissa, st.sampled_from("KMBT")),
    )


utilisation = st.one_of(
    st.integers(min_value=1, max_value=100).map(lambda p: p / 100), st.just(1), st.just("0.5")
)
period = st.fixed_dictionaries(
    {
        "chips": st.integers(min_value=1, max_value=100_000),
        "hours": positive_number(0, 5),
        "utilisation": utilisation,
    },
    optional={"accelerator": st.sampled_from(ACCELERATORS)},
).map(lambda p: p if "accelerator" in p else {**p, "peak_flops": "1e15"})


def compute_block(nested: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    direct = st.fixed_dictionaries({"method": st.just("direct"), "flop": positive_number(15, 27)})
    architecture = st.fixed_dictionaries(
        {
            "method": st.just("architecture"),
            "parameters": positive_number(6, 13),
            "tokens": positive_number(9, 14),
        },
        optional={"mixture_of_experts": st.booleans()},
    )
    hardware = st.one_of(
        period.map(lambda p: {"method": "hardware", **p}),
        st.lists(period, min_size=1, max_size=3).map(
            lambda ps: {"method": "hardware", "periods": ps}
        ),
    )
    block = st.one_of(direct, architecture, hardware)
    if nested:
        return block
    return st.one_of(
        block, st.tuples(block, compute_block(nested=True)).map(lambda b: {**b[0], "check": b[1]})
    )


dates = st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE).map(lambda d: d.isoformat())
open_source = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            key: st.booleans()
            for key in (
                "licence_permits_all",
                "weights_public",
                "architecture_public",
                "usage_public",
                "monetised",
            )
        }
    ),
)
modification = st.fixed_dictionaries(
    {
        "original_flop": st.one_of(st.none(), positive_number(18, 27)),
        "original_systemic_risk": st.booleans(),
    },
    optional={"earlier_modifications_flop": st.lists(positive_number(15, 25), max_size=3)},
)


@st.composite
def answers(draw: st.DrawFn, /, **fixed: Any) -> dict[str, Any]:
    """A schema-valid answers document; keyword arguments pin keys to values or strategies."""

    def pick(key: str, strategy: st.SearchStrategy[Any]) -> Any:
        value = fixed.get(key, strategy)
        return draw(value) if isinstance(value, st.SearchStrategy) else value

    role = pick("role", st.sampled_from(ROLES))
    placement = pick(
        "placement",
        st.sampled_from(["placed", "planned", "research_only", "excluded_eu", "internal_only"]),
    )
    document: dict[str, Any] = {
        "schema": 1,
        "model_name": pick("model_name", st.text(max_size=20)),
        "role": role,
        "placement": placement,
        "placed_on": pick(
            "placed_on", dates if placement == "placed" else st.one_of(st.none(), dates)
        ),
        "established_in_eu": pick("established_in_eu", st.booleans()),
        "generates": pick("generates", st.lists(st.sampled_from(OUTPUTS), max_size=5)),
        "generality": pick("generality", st.sampled_from(GENERALITY)),
        "compute": pick("compute", compute_block()),
        "synthetic_data_flop": pick(
            "synthetic_data_flop", st.one_of(st.just("0"), positive_number(15, 25))
        ),
        "threshold_known_on": pick("threshold_known_on", st.one_of(st.none(), dates)),
        "open_source": pick("open_source", open_source),
        "high_impact_capabilities": pick("high_impact_capabilities", st.sampled_from(HIGH_IMPACT)),
        "eu_business_users": pick(
            "eu_business_users", st.one_of(st.none(), st.integers(0, 100_000))
        ),
        "commission_designated": pick("commission_designated", st.booleans()),
    }
    if role == "integrator":
        document["upstream_excluded_eu"] = pick("upstream_excluded_eu", st.booleans())
    if role == "modifier":
        document["modification"] = pick("modification", modification)
    if draw(st.booleans()):
        document["parameters"] = draw(positive_number(6, 13))
        document["training_tokens"] = draw(positive_number(9, 14))
    document["ruleset"] = pick("ruleset", st.sampled_from(available()))
    if load(document["ruleset"]).answers_keys_2026:
        _later_keys(draw, pick, document)
    return document


def _later_keys(draw: st.DrawFn, pick: Any, document: dict[str, Any]) -> None:
    """The answers of rule set 2026.1, consistent with its checks between dates: a planned
    date never before the obligations applied, a placing date never after the assessment,
    a notification never after it, a designation never before the obligations applied."""
    start = load(document["ruleset"]).obligations_apply_from
    later_dates = st.dates(min_value=start, max_value=LATEST_DATE)
    assessed = pick("assessed_on", later_dates.map(lambda d: d.isoformat()))
    document["assessed_on"] = assessed
    placed_on = document.get("placed_on")
    if document["placement"] == "planned" and placed_on and placed_on < start.isoformat():
        document["placed_on"] = None
    if document["placement"] == "placed" and placed_on and placed_on > assessed:
        document["placed_on"] = assessed
    not_after_assessment = st.dates(
        min_value=EARLIEST_DATE, max_value=date.fromisoformat(assessed)
    ).map(lambda d: d.isoformat())
    optional = {
        "designated_on": later_dates.map(lambda d: d.isoformat()),
        "notified_on": not_after_assessment,
        "high_impact_known_on": dates,
        "inherited_flop": st.one_of(st.just("0"), positive_number(15, 25)),
        "business_users_scope": st.sampled_from(
            ["third_parties", "group_only", "provider_contractors"]
        ),
        "own_ai_system": st.booleans(),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            document[key] = pick(key, strategy)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
