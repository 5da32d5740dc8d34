"""The pages work without JavaScript (progressive enhancement): a developer who trained on
hardware completes the questionnaire with scripts off, every question (follow-ups included)
on the page, the compute estimate from the server, signs and reads the signed record."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from questionnaire.models import Assessment
from tests.browser.a11y import check_page
from tests.browser.pages import attest, go, start_assessment

pytestmark = pytest.mark.usefixtures("signing_keys")


def test_a_developer_completes_and_signs_an_assessment_with_javascript_off(
    new_context, sign_in, owner
):
    context = new_context(java_script_enabled=False)
    sign_in(context, owner)
    page = context.new_page()
    go(page, "/")
    wizard = start_assessment(page)
    wizard.fill("What is the model called?", "Plain-1")
    wizard.choose("Who are you in relation to this model?", "Developer")
    wizard.save_and_continue()
    wizard.choose("Where does the model stand on the EU market?", "Placed on the EU market")
    wizard.fill("When was the model, or when will it be, first placed", "2026-03-01")
    wizard.choose("Is the provider established in the EU?", "Yes")
    wizard.save_and_continue()
    wizard.tick("What can the model generate?", "Text")
    wizard.choose("How wide is the range of tasks", "Wide")
    wizard.save_and_continue()

    wizard.expect_step("compute")
    expect(page.get_by_text("Save this step to see the estimate")).to_be_visible()
    check_page(page, "compute step without JavaScript")
    wizard.choose("How do you want to estimate the training compute?", "From the hardware")
    wizard.fill("How many chips (accelerators) were used? (period 1)", "16,384")
    wizard.fill("For how many hours did they run? (period 1)", "2,000")
    wizard.select("Which chip? (period 1)", "NVIDIA H100 SXM")
    wizard.fill("What share of the peak throughput did the chips achieve", "0.4")
    wizard.choose("Do you want to cross-check", "No cross-check")
    wizard.fill("When did you know that the compute would exceed", "2025-11-03")
    wizard.save_and_continue()
    wizard.expect_step("release")

    # Back to the compute step: the server now shows the estimate it read.
    wizard.back()
    wizard.expect_step("compute")
    expect(page.get_by_text("Saved estimate:")).to_be_visible()
    check_page(page, "compute step with the server's estimate", reflow=False)
    wizard.save_and_continue()
    wizard.choose("Is the model released under a free and open-source licence?", "No")
    wizard.save_and_continue()

    # Without the script, follow-up questions stay on the page; unanswered, they are ignored.
    wizard.expect_step("reach")
    expect(wizard.field("When were you informed of the Commission's designation")).to_be_visible()
    expect(wizard.field("When did your evaluations first show")).to_be_visible()
    check_page(page, "reach step with every follow-up question shown")
    wizard.choose("Do your own evaluations show capabilities", "No")
    wizard.choose("Has the Commission designated the model", "No")
    wizard.save_and_continue()

    wizard.expect_step("review")
    check_page(page, "review without JavaScript")
    attest(page, name="Alice Example", function="Head of Legal")
    wizard.finish()
    expect(page.get_by_text("Assessment attested and signed.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plain-1")
    check_page(page, "record page without JavaScript")

    assessment = Assessment.objects.get(model_name="Plain-1")
    assert assessment.result["classification"] == "gpai_systemic_risk"
    assert assessment.answers["compute"]["periods"] == [
        {"chips": "16384", "hours": "2000", "utilisation": "0.4", "accelerator": "h100"}
    ]
