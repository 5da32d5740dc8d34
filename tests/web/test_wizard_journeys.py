"""Complete journeys through the wizard, one per branch of the rules, with the stored
assessment and the result page a person reads at the end."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from questionnaire import presentation
from questionnaire.models import Assessment, Draft
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

ART53 = ["art53_1a", "art53_1b", "art53_1c", "art53_1d"]
ART55 = ["art55_1a", "art55_1b", "art55_1c", "art55_1d"]

PLACED_OUTSIDE_EU = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "no"}
PLACED_IN_EU = {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
TEXT_WIDE = {"generates": ["text"], "generality": "wide"}
NOT_RELEASED = {"released_openly": "no"}
NO_REACH = {"high_impact_capabilities": "no", "commission_designated": "no"}
ALL_PROVIDER_STEPS = ["model", "market", "capabilities", "compute", "release", "reach", "review"]


# --- Helpers ------------------------------------------------------------------------------


def obligation_ids(assessment: Assessment) -> list[str]:
    return sorted(obligation["id"] for obligation in assessment.result["obligations"])


def due_dates(assessment: Assessment) -> dict[str, str | None]:
    return {item["id"]: item["due"] for item in assessment.result["obligations"]}


def result_page(client: Client, assessment: Assessment) -> str:
    response = client.get(f"/assessments/{assessment.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


def checklist_items(html: str) -> list[str]:
    lists = re.findall(r'<ul class="obligations">(.*?)</ul>', html, re.S)
    return [item for block in lists for item in re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)]


def progress_steps(html: str) -> list[str]:
    """The step titles listed in the wizard's progress navigation."""
    nav = re.search(r'<nav class="progress".*?</nav>', html, re.S)
    assert nav, "no progress navigation"
    return [
        re.sub(r"^\d+\.\s*", "", re.sub(r"<[^>]+>", "", item).strip())
        for item in re.findall(r"<li[^>]*>(.*?)</li>", nav[0], re.S)
    ]


def assert_result_page_shows_the_result(client, assessment: Assessment) -> str:
    """The verdict sentence, every obligation with its article and due date, every reason's
    citation, every open question, and the compute chart when there is compute."""
    result = assessment.result
    html = result_page(client, assessment)

    assert escape(presentation.verdict(result)) in html

    items = checklist_items(html)
    assert len(items) == len(result["obligations"])
    for obligation in result["obligations"]:
        matching = [item for item in items if escape(obligation["article"]) in item]
        assert matching, f"{obligation['article']} is not on the page"
        if obligation["due"]:
            due = f'<time datetime="{obligation["due"]}">{obligation["due"]}</time>'
            assert any(due in item for item in matching), obligation
        elif obligation["id"] == "art52_notify":
            assert any("date unknown" in item for item in matching), obligation
        else:
            assert any("before placing on the market" in item for item in matching), obligation
    if not result["obligations"]:
        assert "No GPAI provider obligations on these answers" in html

    for reason in result["reasons"]:
        assert escape(presentation.superscript_exponents(reason["text"])) in html
        assert f'<span class="cite">({escape(reason["cite"])})</span>' in html
    for question in result["open_questions"]:
        assert escape(presentation.superscript_exponents(question)) in html

    if result["training_flop"] is not None:
        assert re.search(r'<svg\b[^>]*\brole="img"', html), "no chart on the result page"
    else:
        assert "<svg" not in html
    return html


def developer_steps(
    compute: dict[str, Any], *, market=PLACED_OUTSIDE_EU, release=NOT_RELEASED, reach=NO_REACH
):
    return [
        ("model", {"model_name": "Example-70B", "role": "developer"}),
        ("market", market),
        ("capabilities", TEXT_WIDE),
        ("compute", compute),
        ("release", release),
        ("reach", reach),
    ]


ARCHITECTURE_70B = {
    "method": "architecture",
    "parameters": "70B",
    "training_tokens": "15T",
    "check_method": "none",
}


# --- Developers -----------------------------------------------------------------------------


def test_a_developer_outside_the_eu_gets_the_art53_duties_and_an_authorised_representative(
    owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)

    assessment, shown = wizard.run(developer_steps(ARCHITECTURE_70B))

    assert shown == ALL_PROVIDER_STEPS
    result = assessment.result
    assert result["classification"] == "gpai"
    assert result["provider"] is True
    assert result["training_flop"] == "6.3e24"
    assert obligation_ids(assessment) == [*ART53, "art54_rep"]
    assert set(due_dates(assessment).values()) == {"2026-03-01"}
    assert result["notification_due"] is None
    assert assessment.classification == "gpai"
    assert assessment.organisation == acme
    assert assessment.model_name == "Example-70B"
    assert not Draft.objects.filter(public_id=wizard.draft_id).exists()
    html = assert_result_page_shows_the_result(owner_client, assessment)
    assert "Art. 54" in html


def test_finishing_shows_the_result_page_with_a_confirmation(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(developer_steps(ARCHITECTURE_70B))

    response = owner_client.post(wizard.step_url("review"), wizard.data("review"), follow=True)

    assert response.status_code == 200
    assessment = Assessment.objects.get()
    assert response.redirect_chain[-1][0] == f"/assessments/{assessment.public_id}/"
    assert "Assessment complete." in response.content.decode()


def test_a_systemic_risk_model_measured_by_hardware_must_notify_within_two_weeks(
    owner_client, acme
):
    compute = {
        "method": "hardware",
        "period1_chips": "16,384",
        "period1_hours": "2,000",
        "period1_accelerator": "h100",
        "period1_utilisation": "0.4",
        "threshold_known_on": "2025-11-03",
        "check_method": "none",
    }
    wizard = WizardDriver(owner_client).start(acme)

    assessment, shown = wizard.run(developer_steps(compute, market=PLACED_IN_EU))

    assert shown == ALL_PROVIDER_STEPS
    result = assessment.result
    # 16,384 × 2,000 h × 3,600 s × 989e12 FLOP/s × 0.4 = 4.67e25 FLOP
    assert result["training_flop"] == "4.7e25"
    assert result["compute_method"] == "hardware"
    assert result["classification"] == "gpai_systemic_risk"
    assert result["provider"] is True
    assert obligation_ids(assessment) == sorted([*ART53, "art52_notify", *ART55])
    assert result["notification_due"] == "2025-11-17"
    assert due_dates(assessment)["art52_notify"] == "2025-11-17"
    assert due_dates(assessment)["art55_1a"] == "2026-03-01"
    assert assessment.answers["compute"]["periods"] == [
        {"chips": "16384", "hours": "2000", "utilisation": "0.4", "accelerator": "h100"}
    ]
    html = assert_result_page_shows_the_result(owner_client, assessment)
    assert "2025-11-17" in html


def test_an_open_source_release_keeps_only_the_copyright_and_training_summary_duties(
    owner_client, acme
):
    release = {
        "released_openly": "yes",
        "licence_permits_all": "yes",
        "weights_public": "yes",
        "architecture_public": "yes",
        "usage_public": "yes",
        "monetised": "no",
    }
    compute = {"method": "direct", "flop": "3e23", "check_method": "none"}
    wizard = WizardDriver(owner_client).start(acme)

    assessment, _ = wizard.run(developer_steps(compute, market=PLACED_OUTSIDE_EU, release=release))

    result = assessment.result
    assert result["classification"] == "gpai_open_source"
    assert result["provider"] is True
    assert obligation_ids(assessment) == ["art53_1c", "art53_1d"]
    assert assessment.answers["open_source"] == {
        "licence_permits_all": True,
        "weights_public": True,
        "architecture_public": True,
        "usage_public": True,
        "monetised": False,
    }
    assert_result_page_shows_the_result(owner_client, assessment)


def test_a_research_only_model_is_out_of_scope_after_three_steps(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    assessment, shown = wizard.run(
        [
            ("model", {"model_name": "Lab prototype", "role": "developer"}),
            ("market", {"placement": "research_only"}),
        ]
    )

    assert shown == ["model", "market", "review"]
    result = assessment.result
    assert result["classification"] == "out_of_scope"
    assert result["provider"] is False
    assert result["obligations"] == []
    assert result["training_flop"] is None
    assert "compute" not in assessment.answers
    html = assert_result_page_shows_the_result(owner_client, assessment)
    assert "<svg" not in html


# --- Modifiers -----------------------------------------------------------------------------


def modifier_steps(modification_flop: str):
    return [
        ("model", {"model_name": "Tuned-70B", "role": "modifier"}),
        ("market", PLACED_IN_EU),
        (
            "modification",
            {
                "original_name": "Base-70B",
                "original_flop_known": "known",
                "original_flop": "1e23",
                "original_systemic_risk": "no",
            },
        ),
        ("compute", {"method": "direct", "flop": modification_flop, "check_method": "none"}),
        ("release", NOT_RELEASED),
        ("reach", NO_REACH),
    ]


def test_a_modifier_above_one_third_becomes_the_provider_of_the_modification(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    assessment, shown = wizard.run(modifier_steps("5e22"))

    assert shown == ["model", "market", "modification", "compute", "release", "reach", "review"]
    result = assessment.result
    assert result["provider"] is True
    assert result["classification"] == "gpai"
    assert "modification_limited" in result["flags"]
    assert obligation_ids(assessment) == ART53
    assert result["training_flop"] == "5.0e22"
    assert result["cumulative_flop"] == "1.5e23"
    assert assessment.answers["modification"]["original_flop"] == "1e23"
    html = assert_result_page_shows_the_result(owner_client, assessment)
    assert escape(presentation.flag_label("modification_limited")) in html


def test_a_modifier_below_one_third_is_not_the_provider_and_has_no_obligations(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    assessment, _ = wizard.run(modifier_steps("1e22"))

    result = assessment.result
    assert result["provider"] is False
    assert result["obligations"] == []
    assert result["notification_due"] is None
    html = assert_result_page_shows_the_result(owner_client, assessment)
    assert escape(presentation.NOT_PROVIDER) in html


# --- Integrators ---------------------------------------------------------------------------


def test_an_integrator_is_out_of_scope_and_never_asked_about_capabilities_or_compute(
    owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)

    shown = wizard.walk(
        [
            ("model", {"model_name": "Chat assistant", "role": "integrator"}),
            ("upstream", {"upstream_excluded_eu": "no"}),
            ("market", PLACED_IN_EU),
        ]
    )

    assert shown == ["model", "upstream", "market", "review"]
    for step in ("model", "upstream", "market", "review"):
        progress = progress_steps(wizard.page(step))
        assert progress == [
            "The model and your role",
            "The upstream provider",
            "Market placement",
            "Review",
        ]
    assert wizard.get("compute").status_code == 302
    assert wizard.get("capabilities").status_code == 302

    assessment = wizard.complete()

    result = assessment.result
    assert result["classification"] == "out_of_scope"
    assert result["provider"] is False
    assert result["obligations"] == []
    assert assessment.answers["upstream_excluded_eu"] is False
    assert "compute" not in assessment.answers
    assert "generates" not in assessment.answers
    assert_result_page_shows_the_result(owner_client, assessment)


def test_an_integrator_whose_upstream_provider_excluded_the_eu_is_assessed_like_a_developer(
    owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)

    assessment, shown = wizard.run(
        [
            ("model", {"model_name": "Imported-70B", "role": "integrator"}),
            ("upstream", {"upstream_excluded_eu": "yes"}),
            ("market", PLACED_OUTSIDE_EU),
            ("capabilities", TEXT_WIDE),
            ("compute", ARCHITECTURE_70B),
            ("release", NOT_RELEASED),
            ("reach", NO_REACH),
        ]
    )

    assert shown == ["model", "upstream", *ALL_PROVIDER_STEPS[1:]]
    result = assessment.result
    assert result["classification"] == "gpai"
    assert result["provider"] is True
    assert obligation_ids(assessment) == [*ART53, "art54_rep"]
    assert assessment.answers["upstream_excluded_eu"] is True
    assert any("3.1.3" in reason["cite"] for reason in result["reasons"])
    assert_result_page_shows_the_result(owner_client, assessment)


# --- Numbers as people type them -----------------------------------------------------------

NOTATIONS = {
    "method": "architecture",
    "parameters": "405B",
    "training_tokens": "15.6T",
    "check_method": "direct",
    "flop": "3.2 × 10^24",
}


def test_numbers_typed_in_any_notation_are_stored_as_exact_values(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    assessment, _ = wizard.run(
        developer_steps(
            NOTATIONS,
            reach={
                "eu_business_users": "1,000,000",
                "high_impact_capabilities": "no",
                "commission_designated": "no",
            },
        )
    )

    answers = assessment.answers
    exact = {
        "parameters": (answers["parameters"], Decimal("405000000000")),
        "training_tokens": (answers["training_tokens"], Decimal("15600000000000")),
        "compute.parameters": (answers["compute"]["parameters"], Decimal("405000000000")),
        "compute.tokens": (answers["compute"]["tokens"], Decimal("15600000000000")),
        "compute.check.flop": (answers["compute"]["check"]["flop"], Decimal("32e23")),
        "eu_business_users": (answers["eu_business_users"], Decimal("1000000")),
    }
    for key, (stored, expected) in exact.items():
        assert isinstance(stored, str), f"{key} is stored as {type(stored).__name__}, not text"
        assert Decimal(stored) == expected, key
    # 6 × 405e9 × 15.6e12 = 3.7908e25
    assert assessment.result["training_flop"] == "3.8e25"
    assert "methods_disagree" in assessment.result["flags"]


def echo_of(html: str, field_id: str) -> str:
    match = re.search(
        rf'<output class="field__echo" data-echo-for="{field_id}"[^>]*>(.*?)</output>', html, re.S
    )
    assert match, f"no echo for {field_id}"
    return match[1].strip()


@pytest.mark.parametrize("button", ["wizard_save_exit", "wizard_goto_step", None])
def test_the_parsed_value_is_echoed_next_to_each_number_after_a_save(owner_client, acme, button):
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in developer_steps(NOTATIONS)[:3]:
        wizard.answer(step, fields)
    buttons = {button: "capabilities" if button == "wizard_goto_step" else "1"} if button else {}

    response = wizard.post("compute", NOTATIONS, **buttons)

    assert response.status_code == 302
    html = wizard.page("compute")
    assert echo_of(html, "id_compute-parameters") == "= 4.05 × 10^11"
    assert echo_of(html, "id_compute-training_tokens") == "= 1.56 × 10^13"
    assert echo_of(html, "id_compute-flop") == "= 3.2 × 10^24"
    assert 'value="405B"' in html
    assert 'value="15.6T"' in html
    assert 'value="3.2 × 10^24"' in html


def test_a_thousands_separated_number_is_echoed_plainly(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in developer_steps(NOTATIONS)[:5]:
        wizard.answer(step, fields)

    wizard.post("reach", {"eu_business_users": "1,000,000"}, wizard_save_exit="1")

    html = wizard.page("reach")
    assert echo_of(html, "id_reach-eu_business_users") == "= 1,000,000"


def test_the_reasons_on_a_modifiers_result_read_as_plain_sentences(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)

    assessment, _ = wizard.run(modifier_steps("5e22"))

    for reason in assessment.result["reasons"]:
        assert not re.search(r"\b(the|a|an) (the|this|a|an)\b", reason["text"], re.I), reason


# --- Changing one's mind --------------------------------------------------------------------


def test_answers_of_steps_that_no_longer_apply_are_left_out(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(developer_steps(ARCHITECTURE_70B))

    assert wizard.answer("model", {"model_name": "Now integrated", "role": "integrator"}) == (
        "upstream"
    )
    assert wizard.answer("upstream", {"upstream_excluded_eu": "no"}) == "market"
    assert wizard.answer("market", PLACED_IN_EU) == "review"
    assessment = wizard.complete()

    assert assessment.result["classification"] == "out_of_scope"
    for key in ("compute", "generates", "generality", "open_source", "eu_business_users"):
        assert key not in assessment.answers, key
    assert {row["step"] for row in assessment.shown} == {"model", "upstream", "market"}


def test_a_step_opened_from_the_reviews_change_link_offers_to_return_to_the_review(
    owner_client, acme
):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(developer_steps(ARCHITECTURE_70B))  # ends by showing the review
    review = wizard.page("review")
    change = f'href="{wizard.step_url("market")}"'
    assert change in review

    market = wizard.page("market")

    assert 'name="wizard_to_review"' in market, "no “Save and return to review” button"


def test_save_and_return_to_review_goes_straight_back_to_the_review(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(developer_steps(ARCHITECTURE_70B))

    response = wizard.post(
        "market",
        {"placement": "placed", "placed_on": "2026-05-01", "established_in_eu": "yes"},
        wizard_to_review="1",
    )

    assert response["Location"] == wizard.step_url("review")
    assessment = wizard.complete()
    assert obligation_ids(assessment) == ART53
    assert set(due_dates(assessment).values()) == {"2026-05-01"}


def test_finishing_twice_keeps_one_assessment(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.walk(developer_steps(ARCHITECTURE_70B))
    wizard.complete()

    again = wizard.post("review")  # a double click on Finish, or a resubmitted form

    assert again.status_code in (302, 404)
    assert Assessment.objects.count() == 1


def test_a_model_name_with_markup_is_shown_as_text_everywhere(owner_client, acme):
    name = '<img src=x onerror="alert(1)">Model'
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": name, "role": "developer"})
    pages = [wizard.page("market"), owner_client.get("/").content.decode()]
    pages.append(owner_client.get(f"{wizard.url}delete/").content.decode())
    wizard.answer("market", {"placement": "research_only"})
    pages.append(wizard.page("review"))
    assessment = wizard.complete()
    pages.append(result_page(owner_client, assessment))
    pages.append(owner_client.get("/").content.decode())

    for html in pages:
        assert name not in html
        assert "<img" not in html
        assert escape(name) in html
