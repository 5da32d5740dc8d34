"""A frontier developer above 10^25 FLOP (systemic risk) from a blank draft to a signed record
whose PDF report verifies: the browser's Back and Forward and the wizard's Back on the way, a
mistake on two steps, an answer changed from the review, attestation, the record page, the PDF
and /verify/. Every page state is checked with axe-core and for reflow at 320 px."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from questionnaire import presentation
from questionnaire.models import Assessment, AssessmentRecord
from tests.browser.a11y import check_page
from tests.browser.pages import attest, follow, go, main_text, start_assessment, submit

pytestmark = [pytest.mark.real_pdf, pytest.mark.usefixtures("signing_keys")]


def squashed(text: str) -> str:
    """Text with every run of white space as one space: a PDF breaks lines where it likes."""
    return re.sub(r"\s+", " ", text).strip()


def test_a_frontier_developer_signs_a_systemic_risk_record_whose_pdf_verifies(
    page, sign_in, context, owner, tmp_path: Path
):
    sign_in(context, owner)
    go(page, "/")
    check_page(page, "dashboard without drafts")

    wizard = start_assessment(page)
    check_page(page, "model step")

    # Nothing answered: the step says what is missing and keeps the person on it.
    wizard.save_and_continue()
    wizard.expect_step("model")
    expect(wizard.error_summary()).to_be_visible()
    check_page(page, "model step with errors")

    wizard.fill("What is the model called?", "Frontier-1")
    wizard.choose("Who are you in relation to this model?", "Developer")
    wizard.save_and_continue()
    wizard.expect_step("market")
    check_page(page, "market step")

    wizard.choose("Where does the model stand on the EU market?", "Placed on the EU market")
    wizard.fill("When was the model, or when will it be, first placed", "2026-03-01")
    wizard.choose("Is the provider established in the EU?", "Yes")
    wizard.save_and_continue()
    wizard.expect_step("capabilities")
    check_page(page, "capabilities step")

    wizard.tick("What can the model generate?", "Text")
    wizard.choose("How wide is the range of tasks", "Wide")
    wizard.save_and_continue()
    wizard.expect_step("compute")
    check_page(page, "compute step")

    # A figure that is not a number is refused, and what was typed stays.
    wizard.choose("How do you want to estimate the training compute?", "I know the FLOP figure")
    wizard.fill("What was the training compute, in FLOP?", "lots")
    wizard.choose("Do you want to cross-check", "No cross-check")
    wizard.save_and_continue()
    wizard.expect_step("compute")
    expect(wizard.error_summary()).to_be_visible()
    expect(wizard.field("What was the training compute, in FLOP?")).to_have_value("lots")
    check_page(page, "compute step with errors")

    wizard.fill("What was the training compute, in FLOP?", "5 × 10^25")
    wizard.fill("When did you know that the compute would exceed", "2025-11-03")
    wizard.save_and_continue()
    wizard.expect_step("release")
    check_page(page, "release step")

    # The browser's Back shows the compute step as saved; Forward returns.
    page.go_back(wait_until="load")
    wizard.expect_step("compute")
    expect(wizard.field("What was the training compute, in FLOP?")).to_have_value("5 × 10^25")
    check_page(page, "compute step after the browser's Back", reflow=False)
    page.go_forward(wait_until="load")
    wizard.expect_step("release")

    # The wizard's own Back button keeps what was chosen on the step it leaves.
    wizard.choose("Is the model released under a free and open-source licence?", "No")
    wizard.back()
    wizard.expect_step("compute")
    wizard.save_and_continue()
    wizard.expect_step("release")
    expect(wizard.option("released under a free and open-source licence", "No")).to_be_checked()
    wizard.save_and_continue()
    wizard.expect_step("reach")
    check_page(page, "reach step")

    # A follow-up question shows only after the answer that asks it.
    designated_on = wizard.field("When were you informed of the Commission's designation")
    expect(designated_on).to_be_hidden()
    wizard.choose("Has the Commission designated the model", "Yes")
    expect(designated_on).to_be_visible()
    check_page(page, "reach step with a follow-up question shown", reflow=False)
    wizard.choose("Has the Commission designated the model", "No")
    expect(designated_on).to_be_hidden()
    wizard.choose("Do your own evaluations show capabilities", "No")
    wizard.save_and_continue()
    wizard.expect_step("review")
    check_page(page, "review")
    expect(wizard.answer_in_review("first placed on the EU market")).to_contain_text("2026-03-01")

    # Change an answer from the review and come straight back to it.
    wizard.change("market placement")
    wizard.expect_step("market")
    check_page(page, "market step opened from the review", reflow=False)
    wizard.fill("When was the model, or when will it be, first placed", "2026-04-01")
    wizard.return_to_review()
    wizard.expect_step("review")
    expect(wizard.answer_in_review("first placed on the EU market")).to_contain_text("2026-04-01")

    # Ticking the statement without a name is refused, with the reason.
    page.get_by_role("region", name="Attest and sign").get_by_label(
        re.compile(r"^\s*I confirm")
    ).check()
    wizard.finish()
    wizard.expect_step("review")
    expect(
        page.get_by_text("Give this to sign; it is printed on the record.").first
    ).to_be_visible()
    check_page(page, "review with errors")

    attest(page, name="Alice Example", function="Head of Legal")
    wizard.finish()
    expect(page.get_by_text("Assessment attested and signed.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frontier-1")
    expect(page.get_by_role("status").filter(has_text="Signature valid")).to_be_visible()
    check_page(page, "record page, just signed")
    record = AssessmentRecord.objects.get()
    assessment = Assessment.objects.get(model_name="Frontier-1")
    assert assessment.result["classification"] == "gpai_systemic_risk"
    assert assessment.answers["placed_on"] == "2026-04-01"
    verdict = presentation.verdict(assessment.result)
    assert squashed(verdict) in squashed(main_text(page))

    # The dashboard lists it; its result page links to the record.
    follow(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard"))
    follow(page, page.get_by_role("link", name="Frontier-1", exact=True))
    expect(page.get_by_role("region", name="Signed record")).to_contain_text("Alice Example")
    check_page(page, "result page of a signed assessment")
    assert squashed(verdict) in squashed(main_text(page))
    follow(page, page.get_by_role("link", name="Record 1"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Frontier-1")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the signed PDF report").click()
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = "".join(page_text.extract_text() for page_text in PdfReader(pdf).pages)
    assert squashed(verdict) in squashed(text), "the PDF does not state the verdict"
    assert str(record.public_id) in squashed(text)

    follow(page, page.get_by_role("link", name="Verify a file"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify an assessment record")
    check_page(page, "verify page")
    page.get_by_label("Record file (.json) or PDF report").set_input_files(pdf)
    submit(page, lambda: page.get_by_role("button", name="Verify").click())
    expect(page.get_by_role("status").filter(has_text="Authentic.")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(str(record.public_id))
    check_page(page, "verify page: an authentic report")
