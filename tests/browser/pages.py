"""Page helpers for the browser tests: what a person sees and does, found the way assistive
technology finds it (roles, labels, legends, button names), never by CSS classes, so the
tests survive changes of markup.

    wizard = Wizard(page)
    wizard.fill("What is the model called?", "Frontier-1")
    wizard.choose("Who are you in relation to this model?", "Developer")
    wizard.save_and_continue()
    wizard.expect_step("Market placement")

A choice is named by the start of its label ("Developer" for "Developer: we trained the
model…"); a question by its label or legend (or a part of it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Locator, Page, expect

STEP_TITLES = {
    "model": "The model and your role",
    "upstream": "The upstream provider",
    "market": "Market placement",
    "capabilities": "Capabilities",
    "modification": "Your modification",
    "compute": "Training compute",
    "release": "Release and licence",
    "reach": "Reach, designation and notification",
    "review": "Review",
}


def starts_with(text: str) -> re.Pattern[str]:
    """A label that begins with the word(s) ``text`` ("No" matches "No", not "Not sure")."""
    return re.compile(r"^\s*" + re.escape(text) + r"(?!\w)")


class Wizard:
    """The assessment questionnaire in a page."""

    def __init__(self, page: Page) -> None:
        self.page = page

    # ---------------------------------------------------------------- where we are

    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def expect_step(self, step: str) -> None:
        """``step`` is a step's key (``"market"``) or its title."""
        expect(self.heading()).to_have_text(STEP_TITLES.get(step, step))

    # ---------------------------------------------------------------- questions

    def field(self, label: str) -> Locator:
        """A text, number, date or select input by its label."""
        return self.page.get_by_label(label, exact=False).first

    def group(self, question: str) -> Locator:
        """The radios or checkboxes of a question, by its legend."""
        return self.page.get_by_role("group", name=question)

    def option(self, question: str, choice: str) -> Locator:
        return self.group(question).get_by_label(starts_with(choice))

    def fill(self, label: str, value: str) -> None:
        self.field(label).fill(value)

    def choose(self, question: str, choice: str) -> None:
        self.option(question, choice).check()

    def tick(self, question: str, *choices: str) -> None:
        for choice in choices:
            self.option(question, choice).check()

    def select(self, label: str, option: str) -> None:
        self.field(label).select_option(label=option)

    # ---------------------------------------------------------------- buttons

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name, exact=True)

    def press(self, name: str) -> None:
        """Press a submit button and wait for the page it leads to."""
        submit(self.page, lambda: self.button(name).click())

    def save_and_continue(self) -> None:
        self.press("Save and continue")

    def back(self) -> None:
        self.press("Back")

    def save_and_exit(self) -> None:
        self.press("Save and exit")

    def return_to_review(self) -> None:
        self.press("Save and return to review")

    def finish(self) -> None:
        self.press("Finish and see the result")

    # ---------------------------------------------------------------- errors

    def error_summary(self) -> Locator:
        """What says that answers need attention: the error summary's heading ("There is a
        problem"), or an alert."""
        main = self.page.get_by_role("main")
        return (
            main.get_by_role("heading", name="There is a problem")
            .or_(main.get_by_role("alert").filter(has_text=re.compile("attention|correct")))
            .first
        )

    # ---------------------------------------------------------------- review

    def change(self, section: str) -> None:
        """Follow the review's "Change" link of a section (its title)."""
        follow(self.page, self.page.get_by_role("link", name=f"Change {section}", exact=False))

    def answer_in_review(self, question: str) -> Locator:
        """The answer shown for ``question`` on the review (a description list)."""
        term = self.page.get_by_role("term").filter(has_text=question)
        return term.locator("xpath=following-sibling::*[1]")


def submit(page: Page, action: Callable[[], Any]) -> None:
    """Do ``action`` (a click or a key press that submits a form) and wait until the next page
    has loaded: every form of the app answers with a redirect to a page."""
    with page.expect_navigation(wait_until="load"):
        action()


def follow(page: Page, link: Locator) -> None:
    with page.expect_navigation(wait_until="load"):
        link.click()


def go(page: Page, path: str) -> None:
    page.goto(path, wait_until="load")


# ------------------------------------------------------------------ around the wizard


def start_assessment(page: Page) -> Wizard:
    """From anywhere: New assessment, start the questionnaire; the wizard on its first step."""
    follow(
        page, page.get_by_role("navigation", name="Main").get_by_role("link", name="New assessment")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("New assessment")
    submit(page, lambda: page.get_by_role("button", name="Start the questionnaire").click())
    wizard = Wizard(page)
    wizard.expect_step("model")
    return wizard


def login_form(page: Page, username: str, password: str) -> None:
    """Sign in through the real form at /accounts/login/."""
    go(page, "/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    submit(page, lambda: page.get_by_role("button", name="Sign in").click())


def sign_out(page: Page) -> None:
    submit(page, lambda: page.get_by_role("button", name=re.compile(r"^Sign out")).click())


def attest(page: Page, *, name: str, function: str) -> None:
    """Tick the attestation statement and give name and function (the review's or the
    result page's "Attest and sign" section)."""
    section = page.get_by_role("region", name="Attest and sign")
    section.get_by_label(starts_with("I confirm")).check()
    section.get_by_label("Your name").fill(name)
    section.get_by_label("Your function").fill(function)


def main_text(page: Page) -> str:
    return page.get_by_role("main").inner_text()


# ------------------------------------------------------------------ the keyboard alone


class Keyboard:
    """A person who uses the keyboard only: Tab and Shift+Tab to move, Space and the arrow
    keys to choose, Enter to follow a link or press a button, and typing. Locators only
    tell where the focus should arrive; nothing is clicked."""

    def __init__(self, page: Page, *, limit: int = 80) -> None:
        self.page = page
        self.limit = limit

    def has_focus(self, target: Locator) -> bool:
        return bool(target.evaluate("element => element === document.activeElement"))

    def contains_focus(self, target: Locator) -> bool:
        return bool(target.evaluate("element => element.contains(document.activeElement)"))

    def has_radio_focus(self, group: Locator) -> bool:
        return bool(
            group.evaluate(
                """group => group.contains(document.activeElement)
                    && document.activeElement.matches("input[type=radio]")"""
            )
        )

    def focused(self) -> str:
        """The focused element, described for a failure message."""
        return str(
            self.page.evaluate(
                """() => { const e = document.activeElement;
                    return e ? e.outerHTML.slice(0, 200) : "nothing"; }"""
            )
        )

    def tab_until(self, arrived: Callable[[], bool], what: str, *, backwards: bool = False) -> None:
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(self.limit):
            self.page.keyboard.press(key)
            if arrived():
                return
        raise AssertionError(
            f"{self.limit} presses of {key} never reached {what}; the focus is on {self.focused()}"
        )

    def tab_to(self, target: Locator, *, backwards: bool = False) -> None:
        if not self.has_focus(target):
            self.tab_until(lambda: self.has_focus(target), str(target), backwards=backwards)

    def type_into(self, target: Locator, text: str) -> None:
        self.tab_to(target)
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.type(text)

    def type_date(self, field: Locator, iso: str) -> None:
        """Tab to a date input and type the date into its three parts, in the order this
        Chromium shows them (it follows the browser's language: month first in en-US)."""
        year, month, day = iso.split("-")
        self.tab_to(field)
        for order in ((month, day, year), (day, month, year), (year, month, day)):
            self.page.keyboard.type("".join(order))
            if field.input_value() == iso:
                return
            # The focus is on the last part: back to the first, whose digits are typed over.
            self.page.keyboard.press("Shift+Tab")
            self.page.keyboard.press("Shift+Tab")
        raise AssertionError(f"typing {iso} into {field} gave {field.input_value()!r}")

    def choose(self, group: Locator, option: Locator) -> None:
        """Tab into a radio group, then Space (or the arrow keys) until ``option`` is chosen."""
        if not self.has_radio_focus(group):
            self.tab_until(lambda: self.has_radio_focus(group), f"a choice of {group}")
        if self.has_focus(option):
            self.page.keyboard.press("Space")
        for _ in range(self.limit):
            if option.is_checked():
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"the arrow keys never chose {option}")

    def tick(self, checkbox: Locator) -> None:
        self.tab_to(checkbox)
        if not checkbox.is_checked():
            self.page.keyboard.press("Space")

    def activate(self, target: Locator) -> None:
        """Tab to a link or button and press Enter; wait for the page it leads to."""
        self.tab_to(target)
        submit(self.page, lambda: self.page.keyboard.press("Enter"))
