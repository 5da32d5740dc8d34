"""The model page in a real browser: a model whose ledger holds a finished pre-training
run, a planned continuation that crosses the systemic-risk threshold and a fine-tune; the
chart is drawn with its thresholds, the page passes axe-core and reflows at 320 px, and is
photographed at 1280 px into tests/browser/artifacts/models/. A member then records a version
(and is refused the same label again, with the error tied to its field), a lineage link and a
CSV import (and is refused a file with a bad figure), all through the page's own forms; the
page is photographed at 1280 and 375 px."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from playwright.sync_api import Locator, Page, expect

from questionnaire.ledger.services import ledger_entry_put, registered_model_create
from tests.browser.a11y import check_page
from tests.browser.pages import go, submit
from tests.browser.support import ARTIFACTS

SHOTS = ARTIFACTS / "models"
EXAMPLE_CSV = settings.BASE_DIR / "static" / "ledger" / "ledger-import-example.csv"


def test_the_model_page_shows_the_ledger_chart(page, context, sign_in, acme, owner):
    model = registered_model_create(
        organisation=acme, name="Falcon", description="A frontier language model.", user=owner
    )
    runs = [
        ("pre", "pre_training", "finished", "2026-01-10", "2026-03-20", "4e24"),
        ("synth", "synthetic_data", "finished", "2026-03-25", "2026-04-02", "6e23"),
        ("cpt", "continued_pre_training", "running", "2026-04-10", "2026-06-30", "3e24"),
        ("big", "continued_pre_training", "planned", "2026-07-01", "2026-10-15", "5e24"),
        ("ft", "fine_tuning", "planned", "2026-10-20", "2026-11-10", "2e23"),
    ]
    for key, kind, status, started, ended, flop in runs:
        ledger_entry_put(
            model=model,
            key=key,
            source="api",
            today=date.fromisoformat(started),
            data={
                "kind": kind,
                "status": status,
                "started_on": started,
                "ended_on": ended,
                "compute": {"method": "direct", "flop": flop},
            },
        )
    sign_in(context, owner)
    page.set_viewport_size({"width": 1280, "height": 900})
    go(page, f"/models/{model.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Falcon")
    expect(page.get_by_role("img", name="Compute of Falcon over time")).to_be_visible()
    expect(page.get_by_text("notify the Commission")).to_be_visible()
    check_page(page, "model page")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "model-page-1280.png", full_page=True)


def _details(page: Page, summary: str) -> Locator:
    """The ``<details>`` element whose summary reads ``summary``."""
    return page.locator("details").filter(
        has=page.locator("summary").get_by_text(summary, exact=True)
    )


def _open(page: Page, summary: str) -> Locator:
    """Open the ``<details>`` whose summary reads ``summary`` by clicking it (if it is not
    open already) and answer the details element."""
    details = _details(page, summary)
    if details.get_attribute("open") is None:
        details.get_by_text(summary, exact=True).click()
    expect(details).to_have_attribute("open", "")
    return details


def test_versions_lineage_and_an_import_are_recorded_from_the_model_page(
    page, context, sign_in, acme, colleague, tmp_path
):
    model = registered_model_create(organisation=acme, name="Falcon", user=colleague)
    sign_in(context, colleague)
    page.set_viewport_size({"width": 1280, "height": 900})
    go(page, f"/models/{model.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Falcon")
    versions = page.get_by_role("region", name="Versions and lineage")

    # A version.
    _open(page, "Record a version")
    page.get_by_label("Version label").fill("v1.0")
    page.get_by_label("Released on (optional)").fill("2026-09-30")
    submit(page, page.get_by_role("button", name="Record the version").click)
    expect(page.get_by_text("Version v1.0 is recorded.")).to_be_visible()
    expect(versions.get_by_role("listitem").filter(has_text="v1.0")).to_have_text(
        "v1.0, released 2026-09-30"
    )

    # The same label again: refused, tied to its field, what was typed kept.
    _open(page, "Record a version")
    page.get_by_label("Version label").fill("v1.0")
    page.get_by_label("Released on (optional)").fill("2026-09-30")
    submit(page, page.get_by_role("button", name="Record the version").click)
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary).to_be_focused()
    label = page.get_by_label("Version label")
    link = summary.get_by_role("link", name="the model has a version of this label already")
    label_id = label.get_attribute("id")
    assert label_id
    expect(link).to_have_attribute("href", f"#{label_id}")
    error = page.locator(f"#{label_id}_error")
    expect(error).to_contain_text("the model has a version of this label already")
    described_by = (label.get_attribute("aria-describedby") or "").split()
    assert f"{label_id}_error" in described_by, described_by
    expect(label).to_have_value("v1.0")
    expect(page.get_by_label("Released on (optional)")).to_have_value("2026-09-30")
    expect(_details(page, "Record a version")).to_have_attribute("open", "")
    link.click()
    expect(label).to_be_focused()
    check_page(page, "model page, a version refused")

    # Lineage: merged from an external model.
    go(page, f"/models/{model.public_id}/")
    lineage = _open(page, "Record where the weights came from")
    lineage.get_by_label("Merged from").check()
    lineage.get_by_label("External model's name (when it is not in the register)").fill(
        "Vision encoder"
    )
    lineage.get_by_label("Its known training compute in FLOP (optional)").fill("3e24")
    submit(page, page.get_by_role("button", name="Record the lineage").click)
    expect(page.get_by_text("The lineage is recorded; the totals count it.")).to_be_visible()
    lineage_list = page.get_by_role("heading", name="Lineage", exact=True).locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(lineage_list.get_by_role("listitem")).to_have_count(1)
    expect(lineage_list.get_by_role("listitem")).to_contain_text("Merged from")
    expect(lineage_list.get_by_role("listitem")).to_contain_text("Vision encoder")

    # A CSV import: the example file, then a file with a bad figure.
    importer = _open(page, "Import entries from a CSV file")
    importer.get_by_label("CSV file").set_input_files(EXAMPLE_CSV)
    submit(page, page.get_by_role("button", name="Import the entries").click)
    expect(
        page.get_by_text("3 rows imported: 3 new, 0 updated, 0 unchanged.", exact=True)
    ).to_be_visible()
    ledger = page.get_by_role("region", name="Ledger entries, by date")
    rows = ledger.get_by_role("row").filter(has_text="Imported (revision 1)")
    expect(rows).to_have_count(3)

    bad = tmp_path / "bad-ledger.csv"
    bad.write_text(
        "key,kind,status,started_on,method,flop\n"
        "pre-training-2,pre_training,finished,2026-01-05,direct,lots\n",
        encoding="utf-8",
    )
    importer = _open(page, "Import entries from a CSV file")
    importer.get_by_label("CSV file").set_input_files(bad)
    submit(page, page.get_by_role("button", name="Import the entries").click)
    expect(page.locator(".error-summary")).to_contain_text("Nothing was imported")
    expect(page.locator(".error-summary")).to_contain_text("line 2, column flop")
    importer = _details(page, "Import entries from a CSV file")
    expect(importer).to_have_attribute("open", "")
    file_input = importer.get_by_label("CSV file")
    file_id = file_input.get_attribute("id")
    assert f"{file_id}_error" in (file_input.get_attribute("aria-describedby") or "").split()
    expect(importer.locator(f"#{file_id}_error")).to_contain_text("line 2, column flop")
    expect(rows).to_have_count(3)  # nothing of the bad file is in the ledger

    check_page(page, "model page, an import refused")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "model-page-forms-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 900})
    page.screenshot(path=SHOTS / "model-page-forms-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
