"""A signed record is shown from its signed document alone.

Its page, its chart and its PDF are drawn from the payload: the engine is never run again to
display a stored result, so what a reader sees is what was signed, whatever today's code or
rule set would say.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from questionnaire import presentation
from questionnaire.records.export import export_document
from questionnaire.reports.render import report_context
from questionnaire.scoring import engine
from tests.records.conftest import make_record, record_page

pytestmark = pytest.mark.usefixtures("signing_setup")


@pytest.fixture
def engine_forbidden(monkeypatch):
    """Any call into the engine fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the engine must not run to display a stored result")

    monkeypatch.setattr(engine._Assessment, "run", refuse)


def test_the_record_page_and_report_never_run_the_engine(acme, owner, owner_client, request):
    record = make_record(acme, owner, parameters="405B")
    request.getfixturevalue("engine_forbidden")
    html = record_page(owner_client, record)
    context = report_context(export=export_document(record), verify_url="https://x/verify/")

    result = export_document(record)["payload"]["result"]
    chart = presentation.chart_for_result(result)
    assert chart is not None
    assert chart.description in html.replace("&#x27;", "'")
    assert context["chart"].description == chart.description


def test_the_signed_result_carries_its_exact_figures(acme, owner):
    record = make_record(acme, owner)
    result = export_document(record)["payload"]["result"]
    figures = result["figures"]
    # 16,384 H100 × 2,000 h × 3,600 s × 989e12 FLOP/s × 0.4, exactly
    exact = Decimal(16384) * 2000 * 3600 * Decimal("989e12") * Decimal("0.4")
    assert Decimal(figures["training_flop"]) == exact
    assert result["training_flop"] == "4.7e25"  # the reported, two-figure value
    assert [t["id"] for t in figures["thresholds"]] == ["gpai", "systemic_risk"]
    assert figures["compute"]["entered"]["periods"] == [
        {"chips": "16384", "hours": "2000", "utilisation": "0.4", "accelerator": "h100"}
    ]


def test_the_chart_draws_the_signed_figures_not_todays_rules(acme, owner, monkeypatch):
    record = make_record(acme, owner)
    result = export_document(record)["payload"]["result"]
    signed = presentation.chart_for_result(result)

    # The thresholds of the rule set move after signing: the record's chart does not.
    from questionnaire.scoring import rulesets

    moved = rulesets.load(result["ruleset"])
    monkeypatch.setattr(
        rulesets,
        "load",
        lambda ruleset_id=result["ruleset"]: type(moved)(
            **{
                **{name: getattr(moved, name) for name in moved.__slots__},
                "systemic_risk_cumulative_flop": Decimal("1e26"),
            }
        ),
    )
    again = presentation.chart_for_result(result)
    assert signed is not None and again is not None
    assert [line.value for line in again.thresholds] == [line.value for line in signed.thresholds]
    assert Decimal("1e25") in [line.value for line in again.thresholds]


def test_the_report_shows_figures_as_entered_beside_the_value_read(acme, owner):
    record = make_record(acme, owner, parameters="405B", training_tokens="15.6T")
    context = report_context(export=export_document(record), verify_url="https://x/verify/")
    given = [a for a in context["compute"]["assumptions"] if a.startswith("Model facts given")]
    assert given == [
        "Model facts given: 405B (= 4.05 × 10¹¹) parameters, 15.6T (= 1.56 × 10¹³) training tokens."
    ]


def test_an_old_result_without_figures_is_charted_from_its_reported_values(engine_forbidden):
    result = {
        "schema": 1,
        "ruleset": "eu-aia-gpai-2025.1",
        "classification": "gpai",
        "provider": True,
        "training_flop": "3.2e24",
        "cumulative_flop": "3.2e24",
        "flags": [],
    }
    chart = presentation.chart_for_result(result)
    assert chart is not None
    assert chart.estimate.value == Decimal("3.2e24")
    assert [line.key for line in chart.thresholds] == ["gpai", "systemic_risk"]
