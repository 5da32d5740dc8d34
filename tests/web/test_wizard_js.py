"""static/js/wizard.js run in Node: its number parser against the shared table of cases
(tests/shared/number_cases.json, which parse_number passes too), and the rule set's figures
it reads from the compute step's data- attributes.

Node is required, never optional: these tests fail, not skip, when it cannot run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from questionnaire.scoring import load
from questionnaire.scoring.numbers import format_human, parse_number, to_text
from tests.shared.number_cases import CASES, case_id, expected
from tests.web.wizard_helpers import WizardDriver

HARNESS = Path(__file__).resolve().parent / "wizard_node.js"
WIZARD_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "wizard.js"

MODEL = {"model_name": "Example-70B", "role": "developer"}
MARKET = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
CAPABILITIES = {"generates": ["text"], "generality": "wide"}


def node(*calls: list[Any]) -> list[Any]:
    """Call functions of wizard.js in Node: ``node(["parseQuantity", "405B"])``."""
    executable = shutil.which(os.environ.get("NODE", "node"))
    if executable is None:
        pytest.fail("Node.js is needed to test static/js/wizard.js, and `node` is not on PATH")
    completed = subprocess.run(
        [executable, str(HARNESS)],
        input=json.dumps({"calls": list(calls)}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, f"node failed:\n{completed.stderr}"
    results: list[Any] = json.loads(completed.stdout)["results"]
    return results


# --- the shared number cases -------------------------------------------------------------


@pytest.fixture(scope="module")
def parsed_by_js() -> dict[str, Any]:
    """Every case's input through parseQuantity, in one Node run."""
    results = node(*[["parseQuantity", case["input"]] for case in CASES])
    return {case["input"]: result for case, result in zip(CASES, results, strict=True)}


def js_value(number: dict[str, Any]) -> Decimal:
    digits, exponent = number["digits"], number["exponent"]
    assert digits.isascii() and digits.isdigit(), number
    if digits == "0":
        assert not number["negative"] and exponent == 0, f"zero is kept as plain 0: {number}"
    else:
        assert digits[0] != "0" and digits[-1] != "0", f"digits without outer zeros: {number}"
    return Decimal(f"{'-' if number['negative'] else ''}{digits}e{exponent}")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_js_parser_reads_each_case_as_parse_number_does(parsed_by_js, case):
    result = parsed_by_js[case["input"]]
    want = expected(case)

    if isinstance(want, Decimal):
        assert result["ok"], f"refused as {result.get('reason')}: {case}"
        assert js_value(result["number"]) == want
    else:
        assert not result["ok"], f"read as {result.get('number')}: {case}"
        assert result["reason"] == want


def test_the_js_parser_knows_every_digit_and_white_space_python_knows():
    """Python's re and Decimal read every Unicode decimal digit and strip every Unicode white
    space (str.isspace); wizard.js lists them. A new Python brings a new Unicode version:
    then this says which digits to add to DIGIT_ZEROS."""
    zeros = [c for c in range(0x110000) if unicodedata.decimal(chr(c), None) == 0]
    listed = re.search(r"var DIGIT_ZEROS = \[([^\]]*)\]", WIZARD_JS.read_text("utf-8"))
    assert listed, "DIGIT_ZEROS not found in wizard.js"
    assert [int(text, 16) for text in re.findall(r"0x[0-9a-f]+", listed[1])] == zeros

    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    inputs = [chr(zero + 7) + chr(zero + 3) for zero in zeros]
    inputs += [f"{space}7{space}" for space in spaces] + [f"7{space}k" for space in spaces]
    results = node(*[["parseQuantity", text] for text in inputs])
    for text, result in zip(inputs, results, strict=True):
        python = parse_number(text)
        assert result["ok"], ascii(text)
        assert js_value(result["number"]) == python, ascii(text)


def test_the_echo_is_empty_for_nothing_and_says_so_for_anything_unreadable():
    empty, invalid, out_of_range, ok = node(
        ["echoText", " "], ["echoText", "five"], ["echoText", "1e1001"], ["echoText", "405B"]
    )

    assert empty == ""
    assert invalid == out_of_range == "not a number yet"
    assert ok == "= 4.05 × 10^11"


# --- the rule set, from the compute step's data- attributes --------------------------------


class _RunningEstimate(HTMLParser):
    """The attributes of the page's [data-running-estimate] element and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: dict[str, str] | None = None
        self.text = ""
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "data-running-estimate" in dict(attrs):
            assert self.attributes is None, "one running estimate per page"
            self.attributes = {name: value or "" for name, value in attrs}
            self._inside = True

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.text += data


@pytest.fixture
def rules():
    return load()


@pytest.fixture
def compute_page(owner_client, acme) -> str:
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer("market", MARKET)
    assert wizard.answer("capabilities", CAPABILITIES) == "compute"
    return wizard.page("compute")


@pytest.fixture
def attributes(compute_page) -> dict[str, str]:
    parser = _RunningEstimate()
    parser.feed(compute_page)
    assert parser.attributes is not None, "no [data-running-estimate] on the compute step"
    return parser.attributes


def test_the_compute_step_renders_the_rule_sets_figures_as_data_attributes(attributes, rules):
    assert Decimal(attributes["data-architecture-factor"]) == rules.architecture_factor
    assert Decimal(attributes["data-estimate-margin"]) == rules.estimate_margin
    assert Decimal(attributes["data-methods-disagree-margin"]) == rules.methods_disagree_margin
    assert [Decimal(text) for text in json.loads(attributes["data-thresholds"])] == [
        rules.gpai_training_flop,
        rules.systemic_risk_cumulative_flop,
    ]
    peaks = json.loads(attributes["data-peaks"])
    assert {key: Decimal(text) for key, text in peaks.items()} == {
        key: chip.peak_flops for key, chip in rules.accelerators.items()
    }


def test_the_compute_step_works_without_script_and_has_nothing_inline(compute_page):
    parser = _RunningEstimate()
    parser.feed(compute_page)

    assert parser.text.strip(), "the server writes the estimate's text; the script only updates it"
    scripts = compute_page.lower().split("<script")[1:]
    assert scripts, "wizard.js is loaded"
    assert all(" src=" in script.split(">", 1)[0] for script in scripts), "no inline <script>"
    assert " style=" not in compute_page.lower()
    assert "<style" not in compute_page.lower()


def test_wizard_js_reads_the_rule_set_from_the_rendered_attributes(attributes, rules):
    (read,) = node(["readRules", {"attributes": attributes}])

    assert read["architectureFactor"] == float(rules.architecture_factor)
    assert read["estimateMargin"] == float(rules.estimate_margin)
    assert read["methodsDisagreeMargin"] == float(rules.methods_disagree_margin)
    assert read["thresholds"] == [
        float(rules.gpai_training_flop),
        float(rules.systemic_risk_cumulative_flop),
    ]
    assert read["peaks"] == {
        key: float(chip.peak_flops) for key, chip in rules.accelerators.items()
    }


UNREADABLE = {
    "data-architecture-factor": ["", "six", "0", "-6", "Infinity"],
    "data-estimate-margin": ["", "0", "1", "1.5", "-0.1"],
    "data-methods-disagree-margin": ["", "0", "1", "NaN"],
    "data-thresholds": ["", "[]", '["1e3", "ten"]', '"1e3"', "[1, 2"],
    "data-peaks": ["", "[]", '{"h100": "fast"}', "-1", "{"],
}


def test_without_a_readable_rule_set_there_is_no_running_estimate(attributes):
    doctored = [
        {key: text for key, text in attributes.items() if key != name} for name in UNREADABLE
    ] + [{**attributes, name: value} for name, values in UNREADABLE.items() for value in values]

    results = node(*[["readRules", {"attributes": element}] for element in doctored])

    assert results == [None] * len(doctored)


def architecture(parameters: str, tokens: str, **fields: Any) -> dict[str, Any]:
    return {
        "form": {
            "compute-method": "architecture",
            "compute-parameters": parameters,
            "compute-training_tokens": tokens,
            "compute-mixture_of_experts": False,
            **fields,
        }
    }


def test_the_architecture_estimate_uses_the_rendered_factor(attributes, rules):
    factor = rules.architecture_factor
    doctored = {**attributes, "data-architecture-factor": str(factor + 1)}

    with_rules, with_doctored = node(
        ["runningText", architecture("405B", "15.6T"), {"rulesFrom": attributes}],
        ["runningText", architecture("405B", "15.6T"), {"rulesFrom": doctored}],
    )

    flop = Decimal("405e9") * Decimal("15.6e12")
    assert with_rules.startswith(f"Running estimate: {format_human(factor * flop)} FLOP")
    assert with_doctored.startswith(f"Running estimate: {format_human((factor + 1) * flop)} FLOP")


def test_the_borderline_note_uses_the_rendered_estimate_margin(attributes, rules):
    margin, threshold = rules.estimate_margin, rules.gpai_training_flop
    near = {"form": {"compute-method": "direct", "compute-flop": to_text(threshold * 11 / 10)}}
    doctored = {**attributes, "data-estimate-margin": to_text(margin / 10)}

    with_rules, with_doctored = node(
        ["runningText", near, {"rulesFrom": attributes}],
        ["runningText", near, {"rulesFrom": doctored}],
    )

    assert margin > Decimal("0.1"), "the figure typed is 10% above the threshold"
    assert f"(within {margin * 100:.0f}% of {format_human(threshold)})" in with_rules
    assert "within" not in with_doctored


def test_the_cross_check_uses_the_rendered_methods_disagree_margin(attributes, rules):
    margin = rules.methods_disagree_margin
    check = rules.architecture_factor * Decimal("1e9") * Decimal("1e12")  # 1B × 1T
    primary = check / (1 + margin / 2)  # the check is half the margin away from it
    form = {
        "form": {
            "compute-method": "direct",
            "compute-flop": to_text(primary),
            "compute-check_method": "architecture",
            "compute-parameters": "1B",
            "compute-training_tokens": "1T",
            "compute-mixture_of_experts": False,
        }
    }
    doctored = {**attributes, "data-methods-disagree-margin": to_text(margin / 4)}

    with_rules, with_doctored = node(
        ["runningText", form, {"rulesFrom": attributes}],
        ["runningText", form, {"rulesFrom": doctored}],
    )

    assert f"; cross-check: {format_human(check)} FLOP" in with_rules
    assert "disagree" not in with_rules
    assert "the estimates disagree" in with_doctored


# --- follow-up questions -------------------------------------------------------------------


def test_a_follow_up_shows_only_after_the_choice_that_asks_it():
    shown = node(
        ["followUpShown", "yes", "yes"],
        ["followUpShown", "no", "yes"],
        ["followUpShown", "unsure", "yes"],
        ["followUpShown", None, "yes"],
    )

    assert shown == [True, False, False, False]


def test_wizard_js_reads_the_follow_up_attributes_the_steps_render():
    script = WIZARD_JS.read_text("utf-8")
    step = (
        Path(__file__).resolve().parents[2] / "templates/questionnaire/wizard/steps/generic.html"
    ).read_text("utf-8")

    for attribute in ("data-follows", "data-follows-value"):
        assert f'"{attribute}"' in script or f"[{attribute}]" in script, attribute
        assert f'{attribute}="' in step, attribute
    assert "block.hidden" in script, "hidden by the hidden attribute, never by a style"


# --- German and French pages -----------------------------------------------------------------

LOCAL_CASES = [
    ("2,5", "de"),
    ("2,5e24", "de"),
    ("1,000", "de"),
    ("1.000", "de"),
    ("1.234,5", "de"),
    ("1.000e3", "de"),
    ("3,2 × 10^24", "de"),
    (" 0,4 ", "de"),
    ("405B", "de"),
    ("15,6T", "de"),
    ("12 000", "fr"),
    ("2,5", "fr"),
    ("1,000", "fr"),
    ("1.5", "fr"),
    ("40 %", "fr"),
    ("2,5", "en"),
    ("text", "de"),
    ("", "fr"),
]


def test_the_js_reads_german_and_french_figures_as_the_server_does():
    from questionnaire.wizard.fields import delocalise

    results = node(*[["delocalise", text, language] for text, language in LOCAL_CASES])
    for (text, language), (js_text, js_reading) in zip(LOCAL_CASES, results, strict=True):
        assert (js_text, js_reading) == delocalise(text, language), (text, language)


def test_the_echo_on_a_german_or_french_page_is_the_servers():
    from questionnaire import presentation
    from questionnaire.scoring.numbers import localise_number
    from questionnaire.wizard.fields import delocalise, read_quantity

    cases = [("2,5e24", "de"), ("1.000", "de"), ("405B", "de"), ("12 000", "fr"), ("0,4", "fr")]
    results = node(*[["echoText", text, {"language": language}] for text, language in cases])
    for (text, language), echoed in zip(cases, results, strict=True):
        value = read_quantity(delocalise(text, language)[0])
        assert echoed == f"= {localise_number(presentation.format_echo(value), language)}"
    assert results[0] == "= 2,5 × 10^24"
    assert results[3] == "= 12\u202f000"
    german_invalid, english_reading = node(
        ["echoText", "viel", {"language": "de", "invalid": "noch keine Zahl"}],
        ["echoText", "2,5", {"language": "en"}],
    )
    assert german_invalid == "noch keine Zahl"
    assert english_reading == "not a number yet"  # an English page reads no decimal comma


@pytest.fixture
def german_compute_page(owner_client, acme) -> str:
    owner_client.cookies["django_language"] = "de"
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer("market", MARKET)
    assert wizard.answer("capabilities", CAPABILITIES) == "compute"
    return wizard.page("compute")


def test_the_running_estimate_on_a_german_page_speaks_german(german_compute_page, rules):
    parser = _RunningEstimate()
    parser.feed(german_compute_page)
    attributes = parser.attributes
    assert attributes is not None
    assert json.loads(attributes["data-texts"])["running"] == "Laufende Schätzung: %(flop)s FLOP"
    threshold = rules.gpai_training_flop
    near = {"form": {"compute-method": "direct", "compute-flop": "1,1e23"}}
    typed = {
        "form": {
            "compute-method": "direct",
            "compute-flop": "1,1e23",
            "compute-check_method": "architecture",
            "compute-parameters": "1B",
            "compute-training_tokens": "1T",
            "compute-mixture_of_experts": False,
        }
    }
    running, checked, english = node(
        ["runningText", near, {"rulesFrom": attributes, "language": "de"}],
        ["runningText", typed, {"rulesFrom": attributes, "language": "de"}],
        ["runningText", near, {"rulesFrom": {**attributes, "data-texts": "{}"}}],
    )
    margin = f"{rules.estimate_margin * 100:.0f}\u00a0%"
    assert running == (
        "Laufende Schätzung: 1,1 × 10^23 FLOP (innerhalb von "
        f"{margin} um {format_human(threshold).replace('.', ',')})"
    )
    assert "; Gegenprüfung: " in checked
    assert english.startswith("Running estimate: ")  # no texts rendered: English as before
    assert 'data-invalid="noch keine Zahl"' in german_compute_page


SCALE_CASES = [
    ("405 Mrd.", "de"),
    ("405 Milliarden", "de"),
    ("2 Billionen", "de"),
    ("2 Bio.", "de"),
    ("1,5 Mio.", "de"),
    ("12 Tausend", "de"),
    ("405 bn", "de"),
    ("405 milliards", "fr"),
    ("12 mille", "fr"),
    ("3 millions", "fr"),
    ("405 billion", "en"),
    ("3,2e24 FLOP", "de"),
]


def test_german_and_french_scale_words_are_read_as_the_server_reads_them():
    from questionnaire.wizard.fields import FLOP_UNITS, delocalise, read_quantity

    results = node(
        *[
            ["readQuantity", text, {"language": language, "units": list(FLOP_UNITS)}]
            for text, language in SCALE_CASES
        ]
    )
    for (text, language), result in zip(SCALE_CASES, results, strict=True):
        python = read_quantity(delocalise(text, language)[0], units=FLOP_UNITS, language=language)
        assert result["ok"], (text, language)
        assert js_value(result["number"]) == python, (text, language)
    assert read_quantity("2 Billionen", language="de") == Decimal("2e12")


def test_billion_on_a_german_or_french_page_is_not_read_but_said_to_be_ambiguous():
    from questionnaire.wizard.fields import AmbiguousScaleWord, read_quantity

    for text, language in (("2 billion", "de"), ("2 billions", "fr"), ("1 trillion", "de")):
        with pytest.raises(AmbiguousScaleWord):
            read_quantity(text, language=language)
    assert read_quantity("2 billion", language="en") == Decimal("2e9")
    german, french, english = node(
        ["readQuantity", "2 billion", {"language": "de"}],
        ["readQuantity", "2 billions", {"language": "fr"}],
        ["readQuantity", "2 billion", {"language": "en"}],
    )
    assert german == french == {"ok": False, "reason": "ambiguous"}
    assert english["ok"]
