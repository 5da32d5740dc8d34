"""Screenshots for people to look at, not a test of anything: every wizard step (and the
error summary, the result and the signed record) at 1280 and 375 CSS pixels wide, full page,
into tests/browser/artifacts/screenshots/.

    make screenshots
    .venv/bin/pytest -p no:xdist -q tests/browser/screenshot_tour.py

Its name does not start with ``test_``, so the suite never collects it; named on the command
line, pytest runs it with the browser tests' fixtures.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.pages import Wizard, attest, go, start_assessment
from tests.browser.support import ARTIFACTS

SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = (1280, 375)

pytestmark = pytest.mark.usefixtures("signing_keys")


class Camera:
    def __init__(self, page: Page, folder: Path) -> None:
        self.page = page
        self.folder = folder
        self.count = 0

    def shoot(self, name: str) -> None:
        self.count += 1
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 900})
            path = self.folder / f"{self.count:02d}-{name}-{width}.png"
            self.page.screenshot(path=path, full_page=True)
        self.page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def test_screenshot_every_wizard_step(page, context, sign_in, owner):
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    camera = Camera(page, SCREENSHOTS)
    sign_in(context, owner)
    go(page, "/")

    # An integrator whose upstream provider excluded the EU is asked every provider step.
    wizard = start_assessment(page)
    camera.shoot("model")
    wizard.save_and_continue()
    camera.shoot("model-errors")
    wizard.fill("What is the model called?", "Imported-70B")
    wizard.choose("Who are you in relation to this model?", "Integrator")
    wizard.save_and_continue()
    camera.shoot("upstream")
    wizard.choose("excluded the EU?", "Yes")
    wizard.save_and_continue()
    camera.shoot("market")
    wizard.choose("Where does the model stand on the EU market?", "Placed on the EU market")
    wizard.fill("When was the model, or when will it be, first placed", "2026-03-01")
    wizard.choose("Is the provider established in the EU?", "No")
    wizard.save_and_continue()
    camera.shoot("capabilities")
    wizard.tick("What can the model generate?", "Text")
    wizard.choose("How wide is the range of tasks", "Wide")
    wizard.save_and_continue()
    camera.shoot("compute")
    wizard.choose("How do you want to estimate the training compute?", "From parameters")
    wizard.fill("How many parameters does the model have?", "70B")
    wizard.fill("How much data was the model trained on, in tokens?", "15T")
    wizard.choose("Do you want to cross-check", "No cross-check")
    camera.shoot("compute-answered")
    wizard.save_and_continue()
    camera.shoot("release")
    wizard.choose("Is the model released under a free and open-source licence?", "No")
    wizard.save_and_continue()
    camera.shoot("reach")
    wizard.choose("Do your own evaluations show capabilities", "No")
    wizard.choose("Has the Commission designated the model", "No")
    wizard.save_and_continue()
    camera.shoot("review")
    attest(page, name="Alice Example", function="Head of Legal")
    wizard.finish()
    camera.shoot("record")

    # A modifier meets the modification step and the compute step worded for it.
    wizard = start_assessment(page)
    wizard.fill("What is the model called?", "Tuned-70B")
    wizard.choose("Who are you in relation to this model?", "Modifier")
    wizard.save_and_continue()
    wizard.choose("Where does the model stand on the EU market?", "Placed on the EU market")
    wizard.fill("When was the model, or when will it be, first placed", "2026-03-01")
    wizard.choose("Is the provider established in the EU?", "Yes")
    wizard.save_and_continue()
    camera.shoot("modification")
    wizard.fill("Which model did you modify?", "Base-70B")
    wizard.choose("Do you know the original model's training compute?", "Known")
    wizard.fill("What was the original model's training compute, in FLOP?", "1e23")
    wizard.choose("Does the original model have systemic risk?", "No")
    wizard.save_and_continue()
    camera.shoot("compute-of-a-modification")
    Wizard(page).save_and_exit()
    camera.shoot("dashboard")
