"""Journeys through the questionnaire in a real browser, one per kind of party: a small model
saved half-way and resumed after signing out and in again, a modifier of another provider's
model who signs from the result page, and an open-source release. Every page state is checked
with axe-core and for reflow at 320 px."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from questionnaire import presentation
from questionnaire.models import Assessment, AssessmentRecord
from tests.browser.a11y import check_page
from tests.browser.pages import (
    Wizard,
    attest,
    follow,
    go,
    login_form,
    main_text,
    sign_out,
    start_assessment,
    submit,
)
from tests.people import PASSWORD


def squashed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_a_small_model_saved_half_way_resumes_at_the_same_step_after_signing_in_again(
    page, colleague
):
    go(page, "/")
    check_page(page, "home page, signed out")
    follow(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_page(page, "sign-in page")
    login_form(page, "bob", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessments")

    wizard = start_assessment(page)
    wizard.fill("What is the model called?", "Small-1B")
    wizard.choose("Who are you in relation to this model?", "Developer")
    wizard.save_and_continue()
    wizard.choose("Where does the model stand on the EU market?", "Placed on the EU market")
    wizard.fill("When was the model, or when will it be, first placed", "2026-03-01")
    wizard.choose("Is the provider established in the EU?", "No")
    wizard.save_and_continue()
    wizard.tick("What can the model generate?", "Text", "Images")
    wizard.choose("How wide is the range of tasks", "Narrow")
    wizard.save_and_continue()
    wizard.expect_step("compute")

    # Half the compute step typed, then "Save and exit": the figures are kept as typed.
    wizard.choose("How do you want to estimate the training compute?", "From parameters")
    wizard.fill("How many parameters does the model have?", "1B")
    wizard.fill("How much data was the model trained on, in tokens?", "20B")
    wizard.save_and_exit()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessments")
    drafts = page.get_by_role("region", name="Drafts in progress")
    expect(drafts.get_by_role("row", name=re.compile("Small-1B"))).to_contain_text(
        "Training compute"
    )
    check_page(page, "dashboard with a draft")

    sign_out(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_role("button", name=re.compile("^Sign out"))).to_have_count(0)
    login_form(page, "bob", PASSWORD)
    follow(page, page.get_by_role("link", name="Resume Small-1B"))
    wizard = Wizard(page)
    wizard.expect_step("compute")
    expect(wizard.field("How many parameters does the model have?")).to_have_value("1B")
    expect(wizard.field("How much data was the model trained on")).to_have_value("20B")
    expect(
        wizard.option("How do you want to estimate the training compute?", "From parameters")
    ).to_be_checked()
    check_page(page, "compute step, resumed")

    wizard.choose("Do you want to cross-check", "No cross-check")
    wizard.save_and_continue()
    wizard.choose("Is the model released under a free and open-source licence?", "No")
    wizard.save_and_continue()
    wizard.choose("Do your own evaluations show capabilities", "No")
    wizard.choose("Has the Commission designated the model", "No")
    wizard.save_and_continue()
    wizard.expect_step("review")
    # bob is a member: he finishes, an attester signs later.
    expect(page.get_by_role("region", name="Attest and sign")).to_have_count(0)
    check_page(page, "review of a small model, for a member")

    wizard.finish()
    expect(page.get_by_role("heading", level=1)).to_have_text("Small-1B")
    assessment = Assessment.objects.get(model_name="Small-1B")
    assert assessment.result["classification"] == "not_gpai"
    assert assessment.result["provider"] is False
    expect(page.get_by_role("main")).to_contain_text("Not yet signed")
    assert squashed(presentation.verdict(assessment.result)) in squashed(main_text(page))
    check_page(page, "result page: not a GPAI model")

    follow(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard"))
    expect(page.get_by_role("region", name="Drafts in progress")).to_contain_text("No drafts")


def test_a_modifier_of_another_providers_model_signs_from_the_result_page(
    page, context, sign_in, owner, signing_keys
):
    sign_in(context, owner)
    go(page, "/")
    wizard = start_assessment(page)
    wizard.fill("What is the model called?", "Tuned-70B")
    wizard.choose("Who are you in relation to this model?", "Modifier")
    wizard.save_and_continue()
    wizard.choose("Where does the model stand on the EU market?", "Placed on the EU market")
    wizard.fill("When was the model, or when will it be, first placed", "2026-03-01")
    wizard.choose("Is the provider established in the EU?", "Yes")
    wizard.save_and_continue()

    wizard.expect_step("modification")
    check_page(page, "modification step")
    wizard.fill("Which model did you modify?", "Base-70B")
    wizard.choose("Do you know the original model's training compute?", "Known")
    wizard.fill("What was the original model's training compute, in FLOP?", "1e23")
    wizard.choose("Does the original model have systemic risk?", "No")
    wizard.save_and_continue()

    # The compute step is worded for the modification's own compute.
    expect(wizard.heading()).to_have_text("Training compute of your modification")
    expect(page.get_by_role("note")).to_contain_text("your modification’s own compute")
    check_page(page, "compute step of a modifier")
    wizard.choose("How do you want to estimate the compute of your modification?", "I know")
    wizard.fill("What compute did your modification use, in FLOP?", "5e22")
    wizard.choose("Do you want to cross-check your modification", "No cross-check")
    wizard.save_and_continue()
    wizard.choose("Is the model released under a free and open-source licence?", "No")
    wizard.save_and_continue()
    wizard.choose("Do your own evaluations show capabilities", "No")
    wizard.choose("Has the Commission designated the model", "No")
    wizard.save_and_continue()
    wizard.expect_step("review")
    check_page(page, "review of a modifier")

    # Finished without signing: the result page offers to sign.
    wizard.finish()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tuned-70B")
    assessment = Assessment.objects.get(model_name="Tuned-70B")
    assert assessment.result["provider"] is True
    assert "modification_limited" in assessment.result["flags"]
    main = squashed(main_text(page))
    assert squashed(presentation.verdict(assessment.result)) in main
    assert squashed(presentation.flag_label("modification_limited")) in main
    check_page(page, "result page with the attestation form")

    section = page.get_by_role("region", name="Attest and sign")
    section.get_by_label(re.compile(r"^\s*I confirm")).check()
    submit(page, lambda: section.get_by_role("button", name="Attest and sign").click())
    expect(
        page.get_by_text("Give this to sign; it is printed on the record.").first
    ).to_be_visible()
    check_page(page, "result page, attestation with errors")

    attest(page, name="Alice Example", function="Head of Legal")
    section = page.get_by_role("region", name="Attest and sign")
    submit(page, lambda: section.get_by_role("button", name="Attest and sign").click())
    expect(page.get_by_role("status").filter(has_text="Signature valid")).to_be_visible()
    assert AssessmentRecord.objects.get().assessment == assessment
    check_page(page, "record page of a modifier")


def test_an_open_source_release_keeps_only_the_copyright_and_training_summary_duties(
    page, context, sign_in, owner
):
    sign_in(context, owner)
    go(page, "/")
    wizard = start_assessment(page)
    wizard.fill("What is the model called?", "Open-7B")
    wizard.choose("Who are you in relation to this model?", "Developer")
    wizard.save_and_continue()
    wizard.choose("Where does the model stand on the EU market?", "Placed on the EU market")
    wizard.fill("When was the model, or when will it be, first placed", "2026-03-01")
    wizard.choose("Is the provider established in the EU?", "No")
    wizard.save_and_continue()
    wizard.tick("What can the model generate?", "Text")
    wizard.choose("How wide is the range of tasks", "Wide")
    wizard.save_and_continue()
    wizard.choose("How do you want to estimate the training compute?", "I know the FLOP figure")
    wizard.fill("What was the training compute, in FLOP?", "3e23")
    wizard.choose("Do you want to cross-check", "No cross-check")
    wizard.save_and_continue()

    wizard.expect_step("release")
    wizard.choose("Is the model released under a free and open-source licence?", "Yes")
    wizard.choose("Does the licence let anyone access, use, modify and distribute", "Yes")
    wizard.choose("Are the model's weights publicly available?", "Yes")
    wizard.choose("Is information on the model architecture public?", "Yes")
    wizard.choose("Is information on the model's usage public?", "Yes")
    wizard.choose("Is the model monetised?", "No")
    wizard.save_and_continue()
    wizard.choose("Do your own evaluations show capabilities", "No")
    wizard.choose("Has the Commission designated the model", "No")
    wizard.save_and_continue()
    wizard.expect_step("review")
    check_page(page, "review of an open-source release")

    wizard.finish()
    assessment = Assessment.objects.get(model_name="Open-7B")
    assert assessment.result["classification"] == "gpai_open_source"
    assert sorted(o["id"] for o in assessment.result["obligations"]) == ["art53_1c", "art53_1d"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Open-7B")
    assert squashed(presentation.verdict(assessment.result)) in squashed(main_text(page))
    check_page(page, "result page of an open-source release")
