"""parse_number over the shared table of number-parsing cases (tests/shared/number_cases.json).

The same table runs through the JavaScript parser of static/js/wizard.js in
tests/web/test_wizard_js.py: the live echo must read a figure as the server does.
"""

from collections import Counter
from decimal import Decimal

import pytest

from questionnaire.scoring.numbers import parse_number
from tests.shared.number_cases import CASES, ERRORS, PYTHON_ERRORS, case_id, expected


def test_the_table_is_well_formed():
    assert len(CASES) >= 150
    for case in CASES:
        assert isinstance(case["input"], str), case
        assert set(case) - {"note"} in ({"input", "value"}, {"input", "error"}), case
        if "value" in case:
            assert Decimal(case["value"]).is_finite(), case
        else:
            assert case["error"] in ERRORS, case
    repeated = [text for text, count in Counter(c["input"] for c in CASES).items() if count > 1]
    assert not repeated, f"cases given twice: {repeated}"
    assert {case["error"] for case in CASES if "error" in case} == set(ERRORS)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_parse_number_reads_each_case_as_the_table_says(case):
    want = expected(case)

    if isinstance(want, Decimal):
        assert parse_number(case["input"]) == want
    else:
        with pytest.raises(ValueError, match=PYTHON_ERRORS[want]):
            parse_number(case["input"])
