"""The questions rule set 2026.1 needs (issue 8): each asked only where it applies, its
answer in the answers document under the contract's key, a modifier's compute step worded as
the modification's own compute with its chart against the modification criterion, and
today's date as ``assessed_on``."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from questionnaire.models import Assessment
from questionnaire.scoring import load
from questionnaire.scoring.numbers import format_human
from questionnaire.wizard.answers import questions_for_answers
from questionnaire.wizard.forms import (
    STEP_FORMS,
    ComputeForm,
    question_keys_by_step,
    wording_variant_keys,
)
from questionnaire.wording import date_in_words, wording_map
from tests.web.test_page_markup import assert_well_built
from tests.web.test_wizard_drafts import field_errors
from tests.web.wizard_helpers import Fields, WizardDriver

pytestmark = pytest.mark.django_db

PLACED = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
INTERNAL = {"placement": "internal_only", "established_in_eu": "yes"}
CAPABILITIES = {"generates": ["text"], "generality": "wide"}
COMPUTE = {"method": "direct", "flop": "3e24", "check_method": "none"}
RELEASE = {"released_openly": "no"}
REACH = {"high_impact_capabilities": "no", "commission_designated": "no"}
ORIGINAL_KNOWN = {
    "original_flop_known": "known",
    "original_flop": "1e23",
    "original_systemic_risk": "no",
}

NEW_REACH_FIELDS = ("high_impact_known_on", "designated_on", "notified_on", "own_ai_system")
EVERY_NEW_FIELD = (
    "compute-inherited_flop",
    "reach-business_users_scope",
    *(f"reach-{name}" for name in NEW_REACH_FIELDS),
)


# --- Helpers ------------------------------------------------------------------------------


def asks(html: str, name: str) -> bool:
    """Whether the page has an input (or radio group) named ``name``."""
    return f'name="{name}"' in html


def developer(client: Client, organisation, market: Fields = PLACED) -> WizardDriver:
    wizard = WizardDriver(client).start(organisation)
    wizard.answer("model", {"model_name": "Example-70B", "role": "developer"})
    wizard.answer("market", market)
    wizard.answer("capabilities", CAPABILITIES)
    return wizard


def modifier(client: Client, organisation, original: Fields = ORIGINAL_KNOWN) -> WizardDriver:
    wizard = WizardDriver(client).start(organisation)
    wizard.answer("model", {"model_name": "Tuned-70B", "role": "modifier"})
    wizard.answer("market", PLACED)
    assert wizard.answer("modification", original) == "compute"
    return wizard


def finish(wizard: WizardDriver, compute: Fields, reach: Fields) -> Assessment:
    wizard.answer("compute", compute)
    wizard.answer("release", RELEASE)
    wizard.answer("reach", reach)
    return wizard.complete()


def follow_up_block(html: str, name: str) -> str:
    """The follow-up block around the field ``name``; fails when it is not one."""
    blocks: list[str] = re.findall(r'<div class="follow-up"[^>]*>.*?</div>\s*</div>', html, re.S)
    found = [block for block in blocks if f'name="{name}"' in block]
    assert found, f"{name} is not in a follow-up block"
    return found[0]


def shown_row(assessment: Assessment, key: str) -> dict[str, Any]:
    rows = [row for row in assessment.shown if row["key"] == key]
    assert len(rows) == 1, (key, [row["key"] for row in assessment.shown])
    return dict(rows[0])


def chart_context(response) -> Any:
    chart = response.context["chart"]
    assert chart is not None, "no chart on the compute step"
    return chart


# --- Each question only where it applies ------------------------------------------------------


def test_a_developer_is_asked_about_inherited_weights_and_the_new_reach_questions(
    owner_client, acme
):
    wizard = developer(owner_client, acme)

    compute = wizard.page("compute")
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)
    reach = wizard.page("reach")

    assert asks(compute, "compute-inherited_flop")
    assert compute.count('name="compute-inherited_flop"') == 1
    for name in NEW_REACH_FIELDS:
        assert asks(reach, f"reach-{name}"), name
    assert asks(reach, "reach-eu_business_users")
    assert not asks(reach, "reach-business_users_scope"), "asked only for internal use"


def test_an_integrator_acting_as_developer_is_asked_about_inherited_weights(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "System", "role": "integrator"})
    wizard.answer("upstream", {"upstream_excluded_eu": "yes"})
    wizard.answer("market", PLACED)
    wizard.answer("capabilities", CAPABILITIES)

    assert asks(wizard.page("compute"), "compute-inherited_flop")


def test_a_modifier_is_not_asked_about_inherited_weights_but_about_its_ai_system(
    owner_client, acme
):
    wizard = modifier(owner_client, acme)

    compute = wizard.page("compute")
    wizard.answer("compute", {"method": "direct", "flop": "5e22", "check_method": "none"})
    wizard.answer("release", RELEASE)
    reach = wizard.page("reach")

    assert not asks(compute, "compute-inherited_flop"), "the original is asked instead"
    for name in NEW_REACH_FIELDS:
        assert asks(reach, f"reach-{name}"), name
    assert not asks(reach, "reach-business_users_scope")


def test_internal_use_is_asked_who_the_business_users_are_next_to_how_many(owner_client, acme):
    wizard = developer(owner_client, acme, market=INTERNAL)
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)

    reach = wizard.page("reach")

    assert asks(reach, "reach-eu_business_users")
    assert asks(reach, "reach-business_users_scope")
    assert reach.index('name="reach-eu_business_users"') < reach.index(
        'name="reach-business_users_scope"'
    )
    for value in ("third_parties", "group_only", "provider_contractors"):
        assert f'value="{value}"' in reach


@pytest.mark.parametrize(
    ("role", "market"),
    [
        ("developer", {"placement": "research_only"}),
        ("developer", {"placement": "excluded_eu"}),
        ("integrator", PLACED),
    ],
    ids=["research only", "EU excluded", "integrator"],
)
def test_parties_out_of_scope_are_asked_none_of_the_new_questions(owner_client, acme, role, market):
    wizard = WizardDriver(owner_client).start(acme)
    pages = [wizard.page("model")]
    next_step = wizard.answer("model", {"model_name": "Out", "role": role})
    if next_step == "upstream":
        pages.append(wizard.page("upstream"))
        wizard.answer("upstream", {"upstream_excluded_eu": "no"})
    pages.append(wizard.page("market"))
    assert wizard.answer("market", market) == "review"
    pages.append(wizard.page("review"))

    for html in pages:
        for name in EVERY_NEW_FIELD:
            assert not asks(html, name), name
    assessment = wizard.complete()
    for key in ("inherited_flop", "business_users_scope", "own_ai_system", "notified_on"):
        assert key not in assessment.answers


def test_the_dates_follow_the_choice_that_asks_them_right_below_it(owner_client, acme):
    wizard = developer(owner_client, acme)
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)

    reach = wizard.page("reach")

    high_impact = follow_up_block(reach, "reach-high_impact_known_on")
    assert 'data-follows="reach-high_impact_capabilities"' in high_impact
    assert 'data-follows-value="yes"' in high_impact
    designated = follow_up_block(reach, "reach-designated_on")
    assert 'data-follows="reach-commission_designated"' in designated
    assert 'data-follows-value="yes"' in designated
    order = [
        reach.index(f'name="reach-{name}"')
        for name in (
            "high_impact_capabilities",
            "high_impact_known_on",
            "commission_designated",
            "designated_on",
            "notified_on",
            "own_ai_system",
        )
    ]
    assert order == sorted(order)
    assert reach.count('data-follows="') == 2, "only the two dates follow a choice"


# --- The answers document ---------------------------------------------------------------------


def test_the_new_answers_land_in_the_answers_document_with_the_contracts_keys(owner_client, acme):
    wizard = developer(owner_client, acme)
    today = timezone.localdate()

    assessment = finish(
        wizard,
        {**COMPUTE, "inherited_flop": "2 × 10^22"},
        {
            "high_impact_capabilities": "yes",
            "high_impact_known_on": "2026-02-01",
            "commission_designated": "yes",
            "designated_on": "2026-04-15",
            "notified_on": "2026-02-10",
            "own_ai_system": "yes",
        },
    )

    answers = assessment.answers
    assert answers["inherited_flop"] == "2e22"
    assert answers["high_impact_known_on"] == "2026-02-01"
    assert answers["designated_on"] == "2026-04-15"
    assert answers["notified_on"] == "2026-02-10"
    assert answers["own_ai_system"] is True
    assert answers["assessed_on"] == today.isoformat()
    assert "business_users_scope" not in answers
    assert shown_row(assessment, "designated_on")["answer"] == "2026-04-15"
    assert shown_row(assessment, "inherited_flop")["answer"].startswith("2 × 10^22")


def test_internal_use_stores_who_the_business_users_are(owner_client, acme):
    wizard = developer(owner_client, acme, market=INTERNAL)

    assessment = finish(
        wizard,
        COMPUTE,
        {**REACH, "eu_business_users": "40", "business_users_scope": "group_only"},
    )

    assert assessment.answers["business_users_scope"] == "group_only"
    assert assessment.answers["eu_business_users"] == "40"
    assert shown_row(assessment, "business_users_scope")["answer"]


def test_the_internal_use_reach_step_with_errors_is_well_built(owner_client, acme):
    wizard = developer(owner_client, acme, market=INTERNAL)
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)

    html = reach_with_errors(
        wizard,
        {"eu_business_users": "many", "business_users_scope": "everyone", **REACH},
    )

    assert set(field_errors(html)) == {
        "id_reach-eu_business_users",
        "id_reach-business_users_scope",
    }
    assert_well_built(html, "internal use reach step with errors")


def test_unanswered_optional_questions_leave_their_keys_out(owner_client, acme):
    wizard = developer(owner_client, acme)

    assessment = finish(wizard, COMPUTE, {**REACH, "own_ai_system": "no"})

    answers = assessment.answers
    for key in ("inherited_flop", "high_impact_known_on", "designated_on", "notified_on"):
        assert key not in answers, key
    assert answers["own_ai_system"] is False


def test_a_date_that_follows_a_choice_not_made_is_neither_checked_nor_stored(owner_client, acme):
    wizard = developer(owner_client, acme)
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)

    # typed, then the answer that asks for it changed: kept in the draft, not counted
    assert (
        wizard.answer(
            "reach",
            {
                "high_impact_capabilities": "no",
                "high_impact_known_on": "not a date",
                "commission_designated": "no",
                "designated_on": "2026-04-15",
            },
        )
        == "review"
    )
    assert 'value="2026-04-15"' in wizard.page("reach")
    assessment = wizard.complete()

    assert "designated_on" not in assessment.answers
    assert "high_impact_known_on" not in assessment.answers
    assert not [row for row in assessment.shown if row["key"] == "designated_on"]


def test_assessed_on_is_todays_date_in_the_stored_answers_and_the_preview(owner_client, acme):
    wizard = developer(owner_client, acme)
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)
    wizard.answer("reach", REACH)

    review = wizard.get("review")
    assessment = wizard.complete()

    today = timezone.localdate().isoformat()
    assert assessment.answers["assessed_on"] == today
    preview = review.context["preview"]
    assert preview is not None
    if "assessed_on" in preview:  # the result names it from rule set 2026.1 on
        assert preview["assessed_on"] == today
    if "assessed_on" in assessment.result:
        assert assessment.result["assessed_on"] == today


def test_questions_from_the_command_line_show_the_new_answers_in_their_wording():
    answers = {
        "schema": 1,
        "role": "developer",
        "placement": "internal_only",
        "business_users_scope": "third_parties",
        "notified_on": "2026-02-10",
        "own_ai_system": True,
        "inherited_flop": "2e22",
    }
    wording = wording_map()

    rows = {row["key"]: row for row in questions_for_answers(answers)}

    assert (
        rows["business_users_scope"]["answer"]
        == (wording["business_users_scope"]["choice_labels"]["third_parties"])
    )
    assert rows["notified_on"]["answer"] == "2026-02-10"
    assert rows["own_ai_system"]["answer"] == wording["own_ai_system"]["choice_labels"]["yes"]
    assert rows["inherited_flop"]["label"] == wording["inherited_flop"]["label"]


def test_questions_from_the_command_line_show_a_modifier_the_modification_wording():
    answers = {
        "schema": 1,
        "role": "modifier",
        "placement": "placed",
        "compute": {"method": "direct", "flop": "5e22"},
        "training_tokens": "2B",
    }
    wording = wording_map()

    rows = {row["key"]: row for row in questions_for_answers(answers)}

    assert rows["compute.method.modifier"]["label"] == wording["compute.method.modifier"]["label"]
    assert rows["training_tokens.modifier"]["answer"] == "2B"
    assert "compute.method" not in rows and "training_tokens" not in rows
    developer_rows = {row["key"] for row in questions_for_answers({**answers, "role": "developer"})}
    assert {"compute.method", "training_tokens"} <= developer_rows
    assert not any(key.endswith(".modifier") for key in developer_rows)


# --- Refused dates --------------------------------------------------------------------------


def reach_with_errors(wizard: WizardDriver, fields: Fields) -> str:
    response = wizard.post("reach", fields)
    assert response["Location"] == wizard.step_url("reach"), f"{fields} was accepted"
    return wizard.page("reach")


@pytest.mark.parametrize(
    ("fields", "field", "typed"),
    [
        (
            {"high_impact_capabilities": "yes", "high_impact_known_on": "2026-02-30"},
            "high_impact_known_on",
            "2026-02-30",
        ),
        (
            {"commission_designated": "yes", "designated_on": "31/31/2026"},
            "designated_on",
            "31/31/2026",
        ),
        ({"notified_on": "last week"}, "notified_on", "last week"),
    ],
    ids=["high-impact date", "designation date", "notification date"],
)
def test_an_invalid_date_is_refused_next_to_its_field_named_with_the_input_kept(
    owner_client, acme, fields, field, typed
):
    wizard = developer(owner_client, acme)
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)

    html = reach_with_errors(wizard, {**REACH, **fields})

    errors = field_errors(html)
    assert list(errors) == [f"id_reach-{field}"]
    assert "YYYY-MM-DD" in errors[f"id_reach-{field}"][0]
    assert f'value="{escape(typed)}"' in html
    summary = re.search(r'<div class="error-summary".*?</ul>', html, re.S)
    assert summary, "no error summary"
    message = errors[f"id_reach-{field}"][0].removeprefix("Error:").strip()
    assert f'<a href="#id_reach-{field}">{escape(message)}</a>' in summary[0]
    assert_well_built(html, f"reach with an invalid {field}")


def test_a_designation_before_designations_were_possible_is_refused(owner_client, acme):
    wizard = developer(owner_client, acme)
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)
    start = load().obligations_apply_from
    day_before = (start - timedelta(days=1)).isoformat()

    html = reach_with_errors(
        wizard, {**REACH, "commission_designated": "yes", "designated_on": day_before}
    )

    message = field_errors(html)["id_reach-designated_on"][0]
    assert date_in_words(start) in message
    assert f'value="{day_before}"' in html


def test_a_notification_in_the_future_is_refused(owner_client, acme):
    wizard = developer(owner_client, acme)
    wizard.answer("compute", COMPUTE)
    wizard.answer("release", RELEASE)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    html = reach_with_errors(wizard, {**REACH, "notified_on": tomorrow})

    assert "today" in field_errors(html)["id_reach-notified_on"][0]
    assert f'value="{tomorrow}"' in html


def test_an_invalid_inherited_compute_is_refused_next_to_its_field(owner_client, acme):
    wizard = developer(owner_client, acme)

    response = wizard.post("compute", {**COMPUTE, "inherited_flop": "lots"})

    assert response["Location"] == wizard.step_url("compute")
    html = wizard.page("compute")
    assert list(field_errors(html)) == ["id_compute-inherited_flop"]
    assert 'value="lots"' in html
    assert_well_built(html, "compute with an invalid inherited compute")


# --- A modifier's compute step ----------------------------------------------------------------


def test_the_modification_step_comes_before_the_compute_step_for_a_modifier(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "Tuned-70B", "role": "modifier"})

    assert wizard.answer("market", PLACED) == "modification"
    assert wizard.answer("modification", ORIGINAL_KNOWN) == "compute"


def test_a_modifiers_compute_questions_ask_about_the_modifications_own_compute(owner_client, acme):
    wizard = modifier(owner_client, acme)
    wording = wording_map()
    variants = wording_variant_keys()["modifier"]

    html = wizard.page("compute")

    assert "<h1>Training compute of your modification</h1>" in html
    for common, own in variants.items():
        assert escape(wording[own]["label"]) in html, own
        assert escape(wording[common]["label"]) not in html, common
    assert "modification" in wording["compute.flop.modifier"]["label"]
    for value, label in wording["compute.method.modifier"]["choice_labels"].items():
        assert escape(label) in html, value
    assert_well_built(html, "a modifier's compute step")


def test_a_developers_compute_questions_keep_the_common_words(owner_client, acme):
    wizard = developer(owner_client, acme)
    wording = wording_map()

    html = wizard.page("compute")

    assert "<h1>Training compute</h1>" in html
    for common, own in wording_variant_keys()["modifier"].items():
        assert escape(wording[common]["label"]) in html, common
        assert escape(wording[own]["label"]) not in html, own


def test_a_modifiers_assessment_keeps_the_modification_wording_it_was_shown(owner_client, acme):
    wizard = modifier(owner_client, acme)
    wording = wording_map()

    assessment = finish(
        wizard,
        {"method": "direct", "flop": "5e22", "check_method": "none", "synthetic_data_flop": "0"},
        REACH,
    )

    row = shown_row(assessment, "compute.flop.modifier")
    assert row["label"] == wording["compute.flop.modifier"]["label"]
    assert row["help_text"] == wording["compute.flop.modifier"]["help_text"]
    assert row["step_title"] == "Training compute of your modification"
    assert (
        shown_row(assessment, "compute.method.modifier")["answer"]
        == (wording["compute.method.modifier"]["choice_labels"]["direct"])
    )
    assert not [row for row in assessment.shown if row["key"] == "compute.flop"]
    assert assessment.answers["compute"] == {"method": "direct", "flop": "5e22"}


def test_a_modifiers_chart_draws_one_third_of_the_originals_compute_and_the_systemic_threshold(
    owner_client, acme
):
    rules = load()
    wizard = modifier(owner_client, acme)
    wizard.answer("compute", {"method": "direct", "flop": "5e22", "check_method": "none"})

    response = wizard.get("compute")

    chart = chart_context(response)
    one_third = Decimal("1e23") / 3
    assert [line.key for line in chart.thresholds] == ["modification", "systemic_risk"]
    assert chart.thresholds[0].value == one_third
    assert chart.thresholds[1].value == rules.systemic_risk_cumulative_flop
    # the cumulative compute adds the original's to the modification's
    assert chart.cumulative is not None and chart.cumulative.value == Decimal("1.5e23")
    assert f"above the {format_human(one_third)} threshold" in chart.description
    assert f"below the {format_human(rules.systemic_risk_cumulative_flop)} threshold" in (
        chart.description
    )
    assert f"the {format_human(rules.gpai_training_flop)} threshold" not in chart.description
    html = response.content.decode()
    assert "modification criterion" in html
    assert "GPAI indicative criterion" not in html
    running = re.search(r"data-thresholds=\"([^\"]*)\"", html)
    assert running
    thresholds = [Decimal(text) for text in json.loads(running[1].replace("&quot;", '"'))]
    assert thresholds == [one_third, rules.systemic_risk_cumulative_flop]


@pytest.mark.parametrize(
    ("systemic", "base"),
    [("no", "gpai_training_flop"), ("yes", "systemic_risk_cumulative_flop")],
    ids=["original without systemic risk", "original with systemic risk"],
)
def test_without_the_originals_compute_the_chart_draws_one_third_of_the_fallback(
    owner_client, acme, systemic, base
):
    rules = load()
    wizard = modifier(
        owner_client,
        acme,
        original={"original_flop_known": "unknown", "original_systemic_risk": systemic},
    )
    wizard.answer("compute", {"method": "direct", "flop": "5e22", "check_method": "none"})

    chart = chart_context(wizard.get("compute"))

    fallback = getattr(rules, base) * rules.modification_numerator / rules.modification_denominator
    assert [line.key for line in chart.thresholds] == ["modification", "systemic_risk"]
    assert chart.thresholds[0].value == fallback
    assert chart.cumulative is None
    assert f"the {format_human(fallback)} threshold" in chart.description


def test_a_developers_chart_keeps_the_gpai_and_systemic_thresholds(owner_client, acme):
    wizard = developer(owner_client, acme)
    wizard.answer("compute", COMPUTE)

    chart = chart_context(wizard.get("compute"))

    assert [line.key for line in chart.thresholds] == ["gpai", "systemic_risk"]


# --- The wording ------------------------------------------------------------------------------


def test_every_modifier_wording_has_its_own_question_with_the_same_choices():
    wording = wording_map()
    compute_keys = question_keys_by_step()["compute"]

    for common, own in wording_variant_keys()["modifier"].items():
        assert own == f"{common}.modifier"
        assert own in compute_keys
        assert wording[own]["label"].strip() and wording[own]["help_text"].strip(), own
        assert set(wording[own]["choice_labels"]) == set(wording[common]["choice_labels"]), own


def test_the_chips_figures_and_the_architecture_read_the_same_for_a_modifier():
    worded = set(ComputeForm.variant_keys["modifier"])

    for name in ("mixture_of_experts", "active_parameters", "period1_accelerator"):
        assert name not in worded
    assert {"method", "flop", "training_tokens", "threshold_known_on"} <= worded
    assert "inherited_flop" not in worded, "never asked of a modifier"


def test_every_new_question_has_wording_and_a_step():
    wording = wording_map()
    steps = dict(STEP_FORMS)

    for key, step in [
        ("inherited_flop", "compute"),
        ("business_users_scope", "reach"),
        ("high_impact_known_on", "reach"),
        ("designated_on", "reach"),
        ("notified_on", "reach"),
        ("own_ai_system", "reach"),
    ]:
        assert key in steps[step].base_fields
        assert key in question_keys_by_step()[step]
        assert wording[key]["label"].endswith("?"), key
