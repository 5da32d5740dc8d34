"""The documents a provider files, in Chromium: from a frontier developer's signed record to
its documents, the notification completed and saved, its PDF and Word files downloaded, and
the regulator bundle. Every page state is checked with axe-core and for reflow at 320 px."""

from __future__ import annotations

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.a11y import check_page
from tests.browser.pages import follow, go, main_text, submit
from tests.documents.documents_samples import FRONTIER, assessment_of
from tests.records.conftest import make_record

pytestmark = pytest.mark.usefixtures("signing_keys")


def test_a_frontier_developer_prepares_the_art_52_notification_from_its_record(
    page, sign_in, context, acme, owner, tmp_path: Path
):
    # Signed off the test's thread: Playwright's event loop runs on it, and the report's
    # PAdES signature, made when the record commits, runs one of its own.
    with ThreadPoolExecutor(1) as thread:
        record = thread.submit(
            lambda: make_record(acme, owner, assessment=assessment_of(acme, owner, dict(FRONTIER)))
        ).result()
    sign_in(context, owner)
    go(page, f"/records/{record.public_id}/")

    follow(page, page.get_by_role("link", name="Documents to file"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents for Frontier-2")
    check_page(page, "documents of a record")

    follow(page, page.get_by_role("link", name="Art. 52(1) notification"))
    expect(page.get_by_label("Model name")).to_have_value("Frontier-2")
    expect(
        page.get_by_label("Date it became known that the requirement would be met")
    ).to_have_value("2025-11-03")
    check_page(page, "the notification's form, prefilled")

    # A mistake: the page says which field, and keeps what was typed.
    page.get_by_label("Channel the notification is sent through").fill("EU Survey of the AI Office")
    page.get_by_label("Date of the letter").evaluate("input => { input.type = 'text'; }")
    page.get_by_label("Date of the letter").fill("next Monday")
    submit(page, lambda: page.get_by_role("button", name="Save a new version").click())
    expect(page.get_by_role("alert")).to_contain_text(
        "Date of the letter: enter a date as YYYY-MM-DD."
    )
    expect(page.get_by_label("Channel the notification is sent through")).to_have_value(
        "EU Survey of the AI Office"
    )
    check_page(page, "the notification's form with an error")

    page.get_by_label("Date of the letter").fill("2026-11-30")
    submit(page, lambda: page.get_by_role("button", name="Save a new version").click())
    expect(page.get_by_role("status")).to_contain_text("Art. 52(1) notification: version 1 saved.")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF", exact=True).first.click()
    pdf = tmp_path / "notification.pdf"
    pdf_download.value.save_as(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "EU Survey of the AI Office" in text and "2025-11-03" in text

    with page.expect_download() as word_download:
        page.get_by_role("link", name="DOCX", exact=True).first.click()
    word = Document(word_download.value.path())
    assert any("Frontier-2" in p.text for p in word.paragraphs)

    go(page, f"/records/{record.public_id}/")
    with page.expect_download() as bundle_download:
        page.get_by_role("link", name="Download the regulator bundle (.zip)").click()
    bundle = zipfile.ZipFile(io.BytesIO(Path(bundle_download.value.path()).read_bytes()))
    names = bundle.namelist()
    assert "documents/art52-notification.pdf" in names
    assert "documents/model-documentation.docx" in names
    assert "documents/training-summary.html" in names
    assert "Frontier-2" in main_text(page)
