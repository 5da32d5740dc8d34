"""Properties that must hold for every input, checked with hypothesis."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from questionnaire.scoring import AnswersError, assess
from questionnaire.scoring.numbers import format_flop, parse_number
from tests.scoring.strategies import answers, json_values, positive_number

RANK = {"out_of_scope": 0, "not_gpai": 1, "gpai": 2, "gpai_open_source": 2, "gpai_systemic_risk": 3}
QUALIFYING_RELEASE = {
    "licence_permits_all": True,
    "weights_public": True,
    "architecture_public": True,
    "usage_public": True,
    "monetised": False,
}

decimals = st.builds(
    lambda mantissa, exponent: Decimal(mantissa).scaleb(exponent),
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=-12, max_value=30),
)


@given(decimals)
def test_a_reported_figure_reads_back_as_the_same_figure(value: Decimal) -> None:
    reported = format_flop(value)
    assert format_flop(parse_number(reported)) == reported
    assert abs(parse_number(reported) - value) <= value * Decimal("0.05")


@given(st.integers(min_value=10, max_value=99), st.integers(min_value=0, max_value=30))
def test_every_scientific_notation_of_the_contract_reads_the_same(
    digits: int, exponent: int
) -> None:
    mantissa = f"{digits // 10}.{digits % 10}"
    expected = Decimal(mantissa).scaleb(exponent)
    for text in (
        f"{mantissa}e{exponent}",
        f"{mantissa}E+{exponent}",
        f"{mantissa} × 10^{exponent}",
        f"{mantissa}x10^{exponent}",
        f"{mantissa}*10**{exponent}",
    ):
        assert parse_number(text) == expected, text


@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separators_are_read_as_plain_digits(number: int) -> None:
    with_commas = f"{number:,}"
    assert parse_number(with_commas) == number
    assert parse_number(with_commas.replace(",", " ")) == number
    assert parse_number(with_commas.replace(",", "\u2009")) == number


@settings(max_examples=300)
@given(answers())
def test_any_schema_valid_answers_give_a_result(document: dict[str, Any]) -> None:
    result = assess(document)
    assert result["classification"] in RANK
    assert all(reason["cite"] for reason in result["reasons"])
    if not result["provider"]:
        assert result["obligations"] == []


@settings(max_examples=200)
@given(
    answers(),
    st.integers(min_value=15, max_value=27),
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=3),
)
def test_more_compute_never_lowers_the_classification(
    document: dict[str, Any], exponent: int, mantissa: int, extra: int
) -> None:
    lower = Decimal(mantissa).scaleb(exponent)
    higher = lower * 10**extra + 1
    smaller = assess({**document, "compute": {"method": "direct", "flop": str(lower)}})
    larger = assess({**document, "compute": {"method": "direct", "flop": str(higher)}})
    assert RANK[larger["classification"]] >= RANK[smaller["classification"]]


@settings(max_examples=200)
@given(answers())
def test_meeting_the_open_source_conditions_never_adds_an_obligation(
    document: dict[str, Any],
) -> None:
    without = assess({**document, "open_source": None})
    partial = assess(document)
    released = assess({**document, "open_source": QUALIFYING_RELEASE})
    ids = {
        name: {o["id"] for o in r["obligations"]}
        for name, r in (("without", without), ("partial", partial), ("released", released))
    }
    assert ids["released"] <= ids["partial"] <= ids["without"]


@settings(max_examples=300)
@given(json_values)
def test_arbitrary_json_gives_a_result_or_key_path_errors(document: Any) -> None:
    _result_or_problems(document)


@settings(max_examples=300)
@given(answers(), st.data())
def test_a_valid_document_with_one_value_replaced_gives_a_result_or_key_path_errors(
    document: dict[str, Any], data: st.DataObject
) -> None:
    damaged = copy.deepcopy(document)
    target = damaged
    if isinstance(damaged.get("compute"), dict) and data.draw(st.booleans()):
        target = damaged["compute"]
    assume(target)
    key = data.draw(st.sampled_from(sorted(target)))
    target[key] = data.draw(json_values | positive_number().map(lambda n: f"-{n}"))
    _result_or_problems(damaged)


def _result_or_problems(document: Any) -> None:
    try:
        result = assess(document)
    except AnswersError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path and problem.message
            assert str(problem).startswith(f"{problem.path}: ")
    else:
        assert result["classification"] in RANK
