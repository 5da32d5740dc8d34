"""The wizard's quantity fields read the figures people type ("405bn", "1e25 FLOP", "40%"),
store them in the answers contract's notation, and name the field with examples when they
cannot read one. The table of cases (tests/shared/wizard_number_cases.json) runs through the
server's reader and through the echo of static/js/wizard.js in Node: both read alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from questionnaire.wizard.fields import QuantityField, read_quantity
from questionnaire.wizard.forms import STEP_FORMS
from questionnaire.wizard.steps import Scope
from questionnaire.wording import wording_map
from tests.shared.number_cases import PYTHON_ERRORS
from tests.shared.wizard_number_cases import CASES, case_id, options
from tests.web.test_wizard_js import js_value, node
from tests.web.wizard_helpers import WizardDriver

MODEL = {"model_name": "Example-405B", "role": "developer"}
MARKET = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
CAPABILITIES = {"generates": ["text"], "generality": "wide"}
RELEASE = {"released_openly": "no"}
REACH = {"high_impact_capabilities": "no", "commission_designated": "no"}


# --- The shared table -----------------------------------------------------------------------


def test_the_table_is_well_formed():
    assert len(CASES) >= 50
    inputs = [(case["input"], tuple(case.get("units", [])), case.get("percent")) for case in CASES]
    assert len(inputs) == len(set(inputs)), "a case given twice"
    for case in CASES:
        assert set(case) - {"note", "units", "percent"} in ({"input", "value"}, {"input", "error"})
        assert all(unit == unit.lower() for unit in case.get("units", [])), case


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_wizard_field_reads_each_case_as_the_table_says(case):
    if "value" in case:
        assert read_quantity(case["input"], **options(case)) == Decimal(case["value"])
    else:
        with pytest.raises(ValueError, match=PYTHON_ERRORS[case["error"]]):
            read_quantity(case["input"], **options(case))


@pytest.fixture(scope="module")
def read_by_js() -> list[Any]:
    return node(*[["readQuantity", case["input"], options(case)] for case in CASES])


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case_id(case) for case in CASES])
def test_the_echo_reads_each_case_as_the_wizard_field_does(read_by_js, index):
    case, result = CASES[index], read_by_js[index]

    if "value" in case:
        assert result["ok"], f"refused as {result.get('reason')}: {case}"
        assert js_value(result["number"]) == Decimal(case["value"])
    else:
        assert not result["ok"], f"read as {result.get('number')}: {case}"
        assert result["reason"] == case["error"]


# --- The fields of the wizard ----------------------------------------------------------------


def quantity_fields() -> list[tuple[str, str, QuantityField]]:
    wording = wording_map()
    found = []
    for scope in (Scope(role="developer", placement="placed"), Scope(role="modifier")):
        for step, form_class in STEP_FORMS:
            form = form_class(wording=wording, scope=scope)
            for name, field in form.fields.items():
                if isinstance(field, QuantityField):
                    found.append((f"{scope.role}:{step}", name, field))
    return found


@pytest.mark.django_db
def test_every_quantity_field_names_its_answer_and_shows_examples_it_accepts():
    for where, name, field in quantity_fields():
        assert field.subject != "a number", f"{where}.{name} does not say what it asks for"
        for example in field.example.replace(", or ", " or ").split(" or "):
            field.clean(example.strip())  # each example shown is one the field accepts
        try:
            field.clean("seven-ish")
        except Exception as error:
            message = " ".join(error.messages)  # type: ignore[attr-defined]
        else:
            raise AssertionError(f"{where}.{name} read 'seven-ish'")
        assert field.subject in message and field.example in message, message
        assert "“seven-ish” cannot be read" in message


@pytest.mark.django_db
def test_friendly_figures_are_stored_in_the_contracts_notation(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer("market", MARKET)
    wizard.answer("capabilities", CAPABILITIES)
    wizard.answer(
        "compute",
        {
            "method": "hardware",
            "check_method": "architecture",
            "parameters": "405 billion parameters",
            "training_tokens": "15.6T tokens",
            "period1_chips": "16 thousand",
            "period1_hours": "1,300",
            "period1_accelerator": "custom",
            "period1_peak_flops": "989T FLOP/s",
            "period1_utilisation": "40%",
            "synthetic_data_flop": "1e22 FLOP",
        },
    )
    wizard.answer("release", RELEASE)
    wizard.answer("reach", REACH)

    answers = wizard.complete().answers

    assert answers["parameters"] == "405000000000"
    assert answers["training_tokens"] == "15600000000000"
    assert answers["synthetic_data_flop"] == "1e22"
    period = answers["compute"]["periods"][0]
    assert period == {
        "chips": "16000",
        "hours": "1300",
        "utilisation": "0.4",
        "peak_flops": "989000000000000",
    }
    assert answers["compute"]["check"]["parameters"] == "405000000000"


@pytest.mark.django_db
def test_a_figure_still_unreadable_is_refused_naming_the_field_with_what_is_typed_kept(
    owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer("market", MARKET)
    wizard.answer("capabilities", CAPABILITIES)

    wizard.post("compute", {"method": "direct", "check_method": "none", "flop": "ten to the 25"})
    html = wizard.page("compute")

    assert 'value="ten to the 25"' in html
    assert (
        "Enter the training compute in FLOP as a figure such as 3.2e24 or 3.2 × 10^24: "
        "“ten to the 25” cannot be read."
    ) in html.replace("&#x27;", "'")


@pytest.mark.django_db
def test_the_server_echo_reads_a_friendly_figure_as_the_field_does(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer("market", MARKET)
    wizard.answer("capabilities", CAPABILITIES)
    wizard.post(
        "compute",
        {"method": "architecture", "parameters": "405bn", "training_tokens": "15.6 trillion"},
        wizard_save_exit="1",
    )

    html = wizard.page("compute")

    assert "= 4.05 × 10^11</output>" in html
    assert "= 1.56 × 10^13</output>" in html


@pytest.mark.django_db
def test_the_percentage_and_the_units_reach_the_script_as_data_attributes():
    by_name = {name: field for _, name, field in quantity_fields()}

    assert "data-percent" in by_name["period1_utilisation"].widget.attrs
    assert "data-percent" not in by_name["flop"].widget.attrs
    assert by_name["flop"].widget.attrs["data-units"] == "flop flops"
    assert by_name["parameters"].widget.attrs["data-units"] == "parameters params"
    assert by_name["training_tokens"].widget.attrs["data-units"] == "tokens"
