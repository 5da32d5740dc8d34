"""The rule set files are the only home of the law's values.

When the Commission moves a threshold or a date, a new rule set file must be the whole
change: no copy of a threshold, percentage, date or count in Python, templates, JavaScript or
the default question wording may keep saying the old value. This test reads every product
file (tests and benchmarks are not the product) and fails on any literal of a registered
rule set's values, in any common spelling.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from questionnaire.scoring import load
from questionnaire.scoring.rulesets import available

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("questionnaire", "config", "templates", "static/js", "static/css")
SUFFIXES = {".py", ".html", ".js", ".css", ".txt", ".json"}
RULESET_FOLDER = ROOT / "questionnaire" / "scoring" / "rulesets"
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _date_spellings(day: date) -> list[str]:
    return [day.isoformat(), f"{day.day} {day:%B %Y}", f"{day:%B} {day.day}, {day.year}"]


def _power_spellings(value: Decimal) -> list[str]:
    """``1e25`` as code, prose and typography write it."""
    exponent = value.adjusted()
    if value != Decimal(1).scaleb(exponent):
        return [str(value)]
    return [
        rf"(?<![\d.])1e\+?{exponent}(?!\d)",
        rf"(?<![\d.])1E\+?{exponent}(?!\d)",
        rf"10\^{exponent}(?!\d)",
        rf"10\*\*{exponent}(?!\d)",
        rf"10<sup>{exponent}</sup>",
        re.escape(f"10{str(exponent).translate(SUPERSCRIPT)}"),
    ]


def _forbidden() -> dict[str, str]:
    """Pattern → what it spells, for every registered rule set."""
    patterns: dict[str, str] = {}
    for ruleset_id in available():
        rules = load(ruleset_id)
        for day in (
            rules.obligations_apply_from,
            rules.legacy_compliance_by,
            rules.fines_apply_from,
        ):
            for spelling in _date_spellings(day):
                patterns[re.escape(spelling)] = f"date {day.isoformat()} of {ruleset_id}"
        for threshold in (rules.gpai_training_flop, rules.systemic_risk_cumulative_flop):
            for spelling in _power_spellings(threshold):
                patterns[spelling] = f"threshold {threshold} of {ruleset_id}"
        for margin in {rules.estimate_margin, rules.methods_disagree_margin}:
            percent = f"{(margin * 100).normalize():f}%"
            patterns[rf"(?<![\d.]){re.escape(percent)}"] = f"margin {margin} of {ruleset_id}"
        reach = rules.reach_eu_business_users
        grouped = f"{reach:,}".replace(",", "[,\u00a0\u2009 ]")
        patterns[rf"(?<![\d.,]){grouped}(?![\d,])"] = f"reach {reach} of {ruleset_id}"
    return patterns


def _product_files() -> list[Path]:
    files = []
    for folder in PRODUCT:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and RULESET_FOLDER not in path.parents:
                files.append(path)
    return files


def test_the_scan_covers_the_product():
    names = {path.relative_to(ROOT).as_posix() for path in _product_files()}
    assert "questionnaire/scoring/engine.py" in names
    assert "questionnaire/migrations/0002_default_question_wording.py" in names
    assert "static/js/wizard.js" in names
    assert "templates/questionnaire/includes/result.html" in names
    assert not any(name.startswith("questionnaire/scoring/rulesets/") for name in names)


@pytest.mark.parametrize(
    "text",
    [
        "due 2025-08-02",
        "before 2 August 2025",
        "above 1e25",
        "above 10^23 FLOP",
        "10²⁵",
        "within 30%",
        "at least 10,000 users",
        "at least 10 000 users",
        "1e+25",
    ],
)
def test_the_scan_finds_each_spelling(text):
    assert any(re.search(pattern, text) for pattern in _forbidden()), text


@pytest.mark.parametrize("text", ["3.2 × 10^24", "130%", "1e250", "210,000", "2025-08-20"])
def test_the_scan_leaves_other_values_alone(text):
    assert not any(re.search(pattern, text) for pattern in _forbidden()), text


def test_no_rule_set_value_is_written_outside_the_rule_set_files():
    patterns = _forbidden()
    found = []
    for path in _product_files():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            for pattern, meaning in patterns.items():
                if re.search(pattern, line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {meaning}: {line.strip()}")
    assert not found, "Rule-set values outside the rule set files:\n" + "\n".join(found)
