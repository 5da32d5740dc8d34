"""CSV cells are quoted where a spreadsheet would read them as a formula, and left alone
everywhere else."""

from __future__ import annotations

import pytest

from questionnaire.lib.spreadsheet import cell_safe


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert cell_safe(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["alice", "203.0.113.7", "::1", "2026-05-01T12:30:00+00:00", '{"n": 1}', "a=b", ""]
)
def test_an_ordinary_cell_is_left_as_it_is(text):
    assert cell_safe(text) == text


def test_none_is_an_empty_cell_and_other_values_are_text():
    assert cell_safe(None) == ""
    assert cell_safe(42) == "42"
