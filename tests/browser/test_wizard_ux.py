"""The questionnaire as a new user meets it (issue 10), in Chromium: with script, the compute
step shows only the chosen method's questions (nothing hidden takes the focus), echoes
friendly figures and the cross-check they give, and a failed submit focuses an error summary
whose links lead to the answers; the licence conditions appear only after "Yes". Without
script, every block shows and says when it is asked, a step left with Back is not judged,
and the error summary still takes the focus."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.a11y import check_page
from tests.browser.pages import Wizard, go, start_assessment

FLOP = "What was the training compute, in FLOP?"
METHOD = "How do you want to estimate the training compute?"
CHECK = "Do you want to cross-check the estimate with a second method?"


def to_compute_step(page: Page) -> Wizard:
    go(page, "/")
    wizard = start_assessment(page)
    wizard.fill("What is the model called?", "Frontier-1")
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
    return wizard


def focused(page: Page) -> str:
    """The focused element: its name, or its class for an element without one."""
    return str(page.evaluate("document.activeElement.name || document.activeElement.className"))


def test_with_script_only_the_chosen_method_is_asked_and_errors_lead_to_the_answer(
    page, context, sign_in, owner
):
    sign_in(context, owner)
    wizard = to_compute_step(page)
    expect(page.get_by_text("Step 4 of 7")).to_be_visible()

    # Nothing chosen: no method's questions yet; a choice reveals its own.
    flop = wizard.field(FLOP)
    expect(flop).to_be_hidden()
    expect(wizard.field("How many chips (accelerators) were used? (period 1)")).to_be_hidden()
    wizard.choose(METHOD, "I know the FLOP figure")
    wizard.choose(CHECK, "No cross-check")
    expect(flop).to_be_visible()
    expect(wizard.field("How many parameters are active for each token?")).to_be_hidden()
    controls = wizard.option(METHOD, "I know the FLOP figure").get_attribute("aria-controls")
    assert controls and page.locator(f"#{controls}").is_visible()
    check_page(page, "compute step, the direct method chosen")

    # From the FLOP box to "Save and continue", the keyboard meets no hidden question.
    flop.focus()
    met = []
    for _ in range(40):
        page.keyboard.press("Tab")
        met.append(focused(page))
        if page.evaluate("document.activeElement.textContent.trim()") == "Save and continue":
            break
    assert met[-1] == "button", met
    hidden = [name for name in met if re.search(r"period|active_parameters|mixture", name)]
    assert not hidden, f"hidden questions took the focus: {hidden}"

    # Friendly figures are echoed as read, with the cross-check they give.
    wizard.fill("How many parameters does the model have?", "405bn")
    wizard.fill("How much data was the model trained on, in tokens?", "15.6 trillion tokens")
    expect(page.get_by_text("= 4.05 × 10^11")).to_be_visible()
    expect(page.get_by_text("Cross-check estimate: 3.8 × 10^25 FLOP")).to_be_visible()

    # A figure that cannot be read: the summary takes the focus and leads to the answer.
    flop.fill("lots")
    wizard.save_and_continue()
    assert page.title().startswith("Error: Training compute")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    assert "error-summary" in focused(page)
    summary.get_by_role("link", name=re.compile("Enter the training compute in FLOP")).click()
    expect(wizard.field(FLOP)).to_be_focused()
    check_page(page, "compute step with an error")

    wizard.field(FLOP).fill("1e24 FLOP")
    wizard.save_and_continue()
    wizard.expect_step("release")

    # The licence conditions are asked only after "Yes".
    weights = wizard.group("Are the model's weights publicly available?")
    expect(weights).to_be_hidden()
    wizard.choose("Is the model released under a free and open-source licence?", "Yes")
    expect(weights).to_be_visible()
    wizard.choose("Is the model released under a free and open-source licence?", "No")
    expect(weights).to_be_hidden()


def test_without_script_every_block_says_when_it_is_asked_and_nothing_is_judged_unsubmitted(
    new_context, sign_in, owner
):
    context = new_context(java_script_enabled=False)
    sign_in(context, owner)
    page = context.new_page()
    wizard = to_compute_step(page)

    for choice in ("I know the FLOP figure", "From parameters and training tokens"):
        expect(page.get_by_text(re.compile(f"Only if you chose “{choice}"))).to_be_visible()
    expect(wizard.field(FLOP)).to_be_visible()
    expect(wizard.field("How many chips (accelerators) were used? (period 1)")).to_be_visible()

    # Back without answering, then forward: the step is shown as left, not judged.
    wizard.back()
    wizard.expect_step("capabilities")
    wizard.save_and_continue()
    wizard.expect_step("compute")
    expect(page.get_by_text("There is a problem")).to_have_count(0)

    # Submitted unanswered: the summary, first on the page, takes the focus on load.
    wizard.save_and_continue()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert "error-summary" in focused(page)
    expect(
        page.get_by_role("link", name="Select how you want to estimate the training compute.")
    ).to_be_visible()
    check_page(page, "compute step without script, with an error")
