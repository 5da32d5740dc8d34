"""The model page in a real browser: a model whose ledger holds a finished pre-training
run, a planned continuation that crosses the systemic-risk threshold and a fine-tune; the
chart is drawn with its thresholds, the page passes axe-core and reflows at 320 px, and is
photographed at 1280 px into tests/browser/artifacts/models/."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from questionnaire.ledger.services import ledger_entry_put, registered_model_create
from tests.browser.a11y import check_page
from tests.browser.pages import go
from tests.browser.support import ARTIFACTS

SHOTS = ARTIFACTS / "models"


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
