"""A whole assessment with the keyboard alone (WCAG 2.1.1): from the dashboard through the
skip link, a mistake corrected, the questions of an integrator answered with Tab, Space, the
arrow keys and typing, signed on the review, to the signed record. Nothing is clicked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from questionnaire.models import Assessment
from tests.browser.a11y import check_page
from tests.browser.pages import Keyboard, Wizard, go, starts_with

pytestmark = pytest.mark.usefixtures("signing_keys")


def test_an_integrator_completes_and_signs_an_assessment_with_the_keyboard_only(
    page, context, sign_in, owner
):
    sign_in(context, owner)
    go(page, "/")
    keys = Keyboard(page)
    wizard = Wizard(page)

    # The first Tab reaches the skip link, which moves the focus to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert keys.has_focus(skip), keys.focused()
    page.keyboard.press("Enter")
    keys.activate(page.get_by_role("main").get_by_role("link", name="New assessment").first)
    expect(wizard.heading()).to_have_text("New assessment")
    check_page(page, "new assessment, by keyboard", reflow=False)

    keys.activate(page.get_by_role("button", name="Start the questionnaire"))
    wizard.expect_step("model")

    # Enter in the name field submits the step: the missing role is reported.
    keys.type_into(wizard.field("What is the model called?"), "Keyboard-1")
    keys.activate(wizard.field("What is the model called?"))
    wizard.expect_step("model")
    expect(wizard.error_summary()).to_be_visible()
    check_page(page, "model step with errors, by keyboard", reflow=False)

    role = "Who are you in relation to this model?"
    keys.choose(wizard.group(role), wizard.option(role, "Integrator"))
    expect(wizard.option(role, "Integrator")).to_be_checked()
    keys.activate(wizard.button("Save and continue"))

    wizard.expect_step("upstream")
    check_page(page, "upstream step")
    excluded = "Has the model's provider, based outside the EU, excluded the EU?"
    keys.choose(wizard.group(excluded), wizard.option(excluded, "No"))
    keys.activate(wizard.button("Save and continue"))

    wizard.expect_step("market")
    placement = "Where does the model stand on the EU market?"
    keys.choose(wizard.group(placement), wizard.option(placement, "Placed on the EU market"))
    placed_on = wizard.field("When was the model, or when will it be, first placed")
    keys.type_date(placed_on, "2026-03-01")
    established = "Is the provider established in the EU?"
    keys.choose(wizard.group(established), wizard.option(established, "Yes"))
    check_page(page, "market step, answered by keyboard", reflow=False)
    keys.activate(wizard.button("Save and continue"))

    wizard.expect_step("review")
    check_page(page, "review of an integrator")
    attestation = page.get_by_role("region", name="Attest and sign")
    keys.tick(attestation.get_by_label(starts_with("I confirm")))
    keys.type_into(attestation.get_by_label("Your name"), "Alice Example")
    keys.type_into(attestation.get_by_label("Your function"), "Head of Legal")
    keys.activate(wizard.button("Finish and see the result"))

    expect(page.get_by_text("Assessment attested and signed.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keyboard-1")
    assessment = Assessment.objects.get(model_name="Keyboard-1")
    assert assessment.answers["role"] == "integrator"
    assert assessment.answers["placed_on"] == "2026-03-01"
    assert assessment.result["classification"] == "out_of_scope"
    check_page(page, "record page of an integrator")

    # The download links of the record page are reachable too.
    keys.tab_to(page.get_by_role("link", name="Download the record (.json)"))
