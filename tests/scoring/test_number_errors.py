"""``parse_number`` raises ``NumberError``: its ``str`` is the English message of the answers
contract, word for word as before; its ``template`` and ``params`` are that message as a
catalogue msgid, so that a page can say it in its reader's language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from questionnaire.scoring import AnswersError, load
from questionnaire.scoring.answers import parse_compute
from questionnaire.scoring.numbers import ERROR_TEMPLATES, NumberError, parse_number

ACCEPTED = "write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"
RANGE = "is out of range: a figure must lie between 10^-1000 and 10^1000, such as 3.2e24"

# Each kind of error with the English text the parser has always given (the API's).
KINDS = [
    pytest.param("lots", f"'lots' is not a number; {ACCEPTED}", "lots", id="invalid"),
    pytest.param("it's", f'"it\'s" is not a number; {ACCEPTED}', "it's", id="invalid-quote"),
    pytest.param(
        "x" * 60, f"'{'x' * 37}...' is not a number; {ACCEPTED}", "x" * 37 + "...", id="long"
    ),
    pytest.param("3.2x10^1e5", f"'3.2x10^1e5' is not a number; {ACCEPTED}", "3.2x10^1e5"),
    pytest.param("", f"is empty; {ACCEPTED}", None, id="empty"),
    pytest.param("   ", f"is empty; {ACCEPTED}", None, id="blank"),
    pytest.param(True, "must be a number, not true", None, id="true"),
    pytest.param(False, "must be a number, not false", None, id="false"),
    pytest.param(float("nan"), "must be a finite number", None, id="nan"),
    pytest.param(float("inf"), "must be a finite number", None, id="inf"),
    pytest.param(None, f"must be a number; {ACCEPTED}", None, id="null"),
    pytest.param([1], f"must be a number; {ACCEPTED}", None, id="list"),
    pytest.param("1e2000", RANGE, None, id="range-text"),
    pytest.param("10^-2000", RANGE, None, id="range-power"),
    pytest.param(10**1200, RANGE, None, id="range-integer"),
]


@pytest.mark.parametrize(("value", "english", "typed"), KINDS)
def test_each_error_says_the_english_message_as_before(value, english, typed):
    with pytest.raises(NumberError) as raised:
        parse_number(value)
    error = raised.value
    assert isinstance(error, ValueError)
    assert str(error) == english
    assert error.template in ERROR_TEMPLATES
    assert (error.template % error.params if error.params else error.template) == english
    assert error.typed == typed


def test_a_failed_text_is_not_remembered_and_reads_again():
    for _ in range(2):
        with pytest.raises(NumberError, match="is not a number"):
            parse_number("lots")
    assert parse_number("7B") == Decimal("7E9")


def test_an_answers_problem_keeps_the_parsers_error():
    with pytest.raises(AnswersError) as raised:
        parse_compute({"method": "direct", "flop": "lots"}, load(), path="compute")
    problem = raised.value.problems[0]
    assert problem.path == "compute.flop"
    assert problem.message == f"'lots' is not a number; {ACCEPTED}"
    assert isinstance(problem.number_error, NumberError)
    assert problem.number_error.params == {"text": "'lots'"}
