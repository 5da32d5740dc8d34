"""Four eyes in the browser (issue 13, "Done when"): a preparer fills a short journey and
submits it; a reviewer asks for a change on one answer with a comment; the preparer changes
the answer, replies and submits again; the reviewer resolves the thread and approves; the
preparer, an attester of the organisation, is refused the signature (four eyes); another
attester signs. One evidence file is attached to an answer: its SHA-256 is in the signed
record, and altering the stored file fails verify_records and the bundle's verifier. Every
page state is checked with axe-core and for reflow at 320 px."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import Page, expect

from questionnaire.models import AssessmentRecord, Evidence, Membership, Organisation
from tests.browser.a11y import check_page
from tests.browser.pages import Wizard, attest, go, main_text, start_assessment, submit
from tests.documents.test_bundle_verifier import load_verifier
from tests.people import make_member
from tests.records.conftest import payload_of, verify_records

pytestmark = [pytest.mark.real_pdf, pytest.mark.usefixtures("signing_keys")]


def person(new_context: Any, sign_in: Any, user: Any) -> Page:
    context = new_context()
    sign_in(context, user)
    opened: Page = context.new_page()
    return opened


def press(page: Page, name: str) -> None:
    submit(page, lambda: page.get_by_role("button", name=name, exact=True).click())


# A small PDF: evidence is checked by its content (questionnaire/evidence/content.py).
EVIDENCE_PDF = b"%PDF-1.4\n% Lab prototype: model card, training run of March 2026\n%%EOF\n"


def test_a_preparer_a_reviewer_and_an_attester_review_and_sign(new_context, sign_in, db, tmp_path):
    lex = Organisation.objects.create(slug="lex", name="Lex Ltd", four_eyes=True)
    # paula attests in her organisation: four eyes still keep her from signing her own work.
    paula = make_member("paula", lex, Membership.Role.ATTESTER)
    rita = make_member("rita", lex, Membership.Role.REVIEWER)
    alice = make_member("alice", lex, Membership.Role.ATTESTER)

    # The preparer: the shortest journey, then "Submit for review".
    preparer = person(new_context, sign_in, paula)
    go(preparer, "/")
    wizard = start_assessment(preparer)
    wizard.fill("What is the model called?", "Lab prototype")
    wizard.choose("Who are you in relation to this model?", "Developer")
    wizard.save_and_continue()
    wizard.expect_step("market")
    preparer.locator('input[name="market-placement"][value="research_only"]').check()
    wizard.save_and_continue()
    wizard.expect_step("review")
    expect(wizard.button("Finish and see the result")).to_be_visible()
    expect(preparer.get_by_role("region", name="Attest and sign")).to_have_count(0)
    # The evidence behind an answer: the lab's note on the model, attached beside it.
    evidence_file = tmp_path / "model-card.pdf"
    evidence_file.write_bytes(EVIDENCE_PDF)
    name_row = wizard.answer_in_review("What is the model called?")
    name_row.get_by_text("Attach evidence").click()
    name_row.get_by_label("A file").set_input_files(evidence_file)
    submit(preparer, lambda: name_row.get_by_role("button", name="Attach").click())
    expect(wizard.answer_in_review("What is the model called?")).to_contain_text("model-card.pdf")
    check_page(preparer, "review before submitting, with evidence")
    wizard.press("Submit for review")
    expect(preparer.get_by_text("Submitted for review.")).to_be_visible()

    # The reviewer: the dashboard says what waits, the review shows the answers.
    reviewer = person(new_context, sign_in, rita)
    go(reviewer, "/")
    expect(reviewer.get_by_role("heading", name="Waiting for your review: 1")).to_be_visible()
    check_page(reviewer, "reviewer's dashboard")
    submit(reviewer, lambda: reviewer.get_by_role("link", name="Lab prototype").click())
    expect(reviewer.get_by_text("paula submitted these answers for review")).to_be_visible()
    check_page(reviewer, "review for the reviewer")
    # A comment on one answer: the model's name.
    name_row = Wizard(reviewer).answer_in_review("What is the model called?")
    name_row.get_by_text("Comment on this answer").click()
    name_row.get_by_label("Comment on").fill("Please give the model's full name, with its version.")
    submit(reviewer, lambda: name_row.get_by_role("button", name="Add comment").click())
    expect(reviewer.get_by_text("Please give the model's full name")).to_be_visible()
    # Approving waits for the thread: no Approve while it is open.
    expect(reviewer.get_by_role("button", name="Approve", exact=True)).to_have_count(0)
    check_page(reviewer, "review with an open thread")
    press(reviewer, "Request changes")
    expect(reviewer.get_by_text("Changes requested: paula is told")).to_be_visible()

    # The preparer: the comment beside the answer; the fix, a reply, submitted again.
    go(preparer, "/")
    expect(preparer.get_by_role("heading", name="Changes requested: 1")).to_be_visible()
    submit(
        preparer,
        lambda: (
            preparer.get_by_role("region", name="Changes requested: 1")
            .get_by_role("link", name="Lab prototype")
            .click()
        ),
    )
    expect(preparer.get_by_text("Please give the model's full name")).to_be_visible()
    check_page(preparer, "review with changes requested")
    review = Wizard(preparer)
    review.change("the model and your role")
    review.fill("What is the model called?", "Lab prototype 2.1")
    review.return_to_review()
    row = review.answer_in_review("What is the model called?")
    expect(row).to_contain_text("Lab prototype 2.1")
    row.get_by_label("Reply on").fill("Renamed to its full name, with the version.")
    submit(preparer, lambda: row.get_by_role("button", name="Reply").click())
    expect(preparer.get_by_text("Renamed to its full name")).to_be_visible()
    review.press("Submit for review")

    # The reviewer resolves the thread and approves: the assessment is complete.
    go(reviewer, "/")
    submit(reviewer, lambda: reviewer.get_by_role("link", name="Lab prototype 2.1").click())
    row = Wizard(reviewer).answer_in_review("What is the model called?")
    expect(row).to_contain_text("Renamed to its full name")
    submit(reviewer, lambda: row.get_by_role("button", name="Resolve this thread").click())
    expect(row).to_contain_text("Resolved by rita")
    check_page(reviewer, "review with a resolved thread")
    press(reviewer, "Approve")
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Lab prototype 2.1")
    result_path = reviewer.url.removeprefix(reviewer.url.split("/assessments/")[0])

    # The preparer, an attester, may not sign it: four eyes.
    go(preparer, result_path)
    expect(preparer.get_by_text("requires four eyes")).to_be_visible()
    expect(preparer.get_by_role("button", name="Attest and sign")).to_have_count(0)
    check_page(preparer, "result page refused to the preparer")
    refused = preparer.request.post(
        f"{result_path}attest/",
        form={
            "csrfmiddlewaretoken": csrf_of(preparer),
            "confirm": "on",
            "attester_name": "Paula",
            "attester_function": "Counsel",
        },
        headers={"Referer": preparer.url},
    )
    assert refused.status == 403
    assert "Nothing was signed." in refused.text()
    assert not AssessmentRecord.objects.exists()

    # Another attester signs; the signed record names who prepared and who approved.
    signer = person(new_context, sign_in, alice)
    go(signer, result_path)
    timeline = signer.get_by_role("region", name="Timeline")
    for step in ("Prepared", "Submitted for review", "Changes requested", "Approved"):
        expect(timeline).to_contain_text(step)
    expect(timeline).to_contain_text("1 comment on the answers")
    attest(signer, name="Alice Example", function="General Counsel")
    press(signer, "Attest and sign")
    record = AssessmentRecord.objects.get()
    assert record.attested_by == alice
    review_facts = payload_of(record)["review"]
    assert (review_facts["prepared_by"], review_facts["approved_by"]) == ("paula", "rita")
    assert "Reviewed and approved by" in main_text(signer)
    check_page(signer, "record page of a reviewed assessment")

    # The evidence file is signed by its SHA-256; altering the stored file is caught by
    # verify_records and by the regulator bundle's offline verifier.
    [signed_evidence] = payload_of(record)["evidence"]
    assert signed_evidence["name"] == "model-card.pdf"
    assert signed_evidence["sha256"] == hashlib.sha256(EVIDENCE_PDF).hexdigest()
    code, out, err = off_the_event_loop(verify_records, "--files")
    assert code == 0, out + err
    stored = Evidence.objects.get().file.name
    with default_storage.open(stored, "wb") as handle:
        handle.write(EVIDENCE_PDF.replace(b"Lab prototype", b"Lab prototypE"))
    code, _, err = off_the_event_loop(verify_records, "--files")
    assert code == 1 and "model-card.pdf" in err
    bundle = signer.request.get(f"/records/{record.public_id}/bundle.zip")
    assert bundle.status == 200
    folder = tmp_path / "bundle"
    with zipfile.ZipFile(io.BytesIO(bundle.body())) as archive:
        archive.extractall(folder)
    assert load_verifier().main([str(folder)]) == 1


def off_the_event_loop(function: Callable[..., Any], *args: Any) -> Any:
    """Run ``function`` on a thread of its own: Playwright's event loop runs on the test's,
    and checking a report's PAdES signature runs one of its own."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(function, *args).result()


def csrf_of(page: Page) -> str:
    token = page.locator('input[name="csrfmiddlewaretoken"]').first.get_attribute("value")
    assert token
    return token
