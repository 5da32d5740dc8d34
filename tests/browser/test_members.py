"""The members page in a real browser: an administrator invites someone and copies the
one-time link, the invited person opens it in another browser, makes an account and joins;
the administrator then sees them listed and changes their role. Every page state is checked
with axe-core and for reflow at 320 px; the members page with the link is photographed at
1280 and 375 px into tests/browser/artifacts/members/."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from questionnaire.models import Membership
from tests.browser.a11y import check_page
from tests.browser.pages import follow, go, main_text, submit
from tests.browser.support import ARTIFACTS
from tests.people import PASSWORD, make_member

SHOTS = ARTIFACTS / "members"


def photograph(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_administrator_invites_someone_who_joins_with_a_new_account(
    page, context, new_context, sign_in, acme, owner, colleague, live_server, settings
):
    settings.SITE_URL = live_server.url
    admin = make_member("carol", acme, Membership.Role.ADMIN)
    sign_in(context, admin)
    go(page, "/")
    follow(page, page.get_by_role("link", name="members", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    check_page(page, "members page")

    page.get_by_label("E-mail address (optional)").fill("dana@example.com")
    page.get_by_label("Role", exact=True).select_option("reviewer")
    submit(page, page.get_by_role("button", name="Make the invitation link").click)
    link = page.get_by_label(re.compile("Link to join Acme AI as reviewer"))
    url = link.input_value()
    assert url.startswith(f"{live_server.url}/invitations/")
    expect(page.get_by_role("table").nth(1)).to_contain_text("dana@example.com")
    check_page(page, "members page with the one-time link")
    photograph(page, "members-with-link")

    visitor = new_context().new_page()
    visitor.goto(url, wait_until="load")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Join Acme AI")
    check_page(visitor, "invitation, not signed in")
    visitor.get_by_label("Username").fill("dana")
    visitor.get_by_label("Password", exact=True).fill(PASSWORD)
    visitor.get_by_label("Password confirmation").fill(PASSWORD)
    submit(visitor, visitor.get_by_role("button", name="Make the account and join").click)
    assert "Welcome to Acme AI. You joined as reviewer." in main_text(visitor)

    go(page, "/organisations/acme/members/")
    row = page.get_by_role("row").filter(has_text="dana")
    row.get_by_label("Role of dana").select_option("attester")
    submit(page, row.get_by_role("button", name="Save").click)
    assert "dana is now attester." in main_text(page)
    assert Membership.objects.get(user__username="dana", organisation=acme).role == "attester"
    check_page(page, "members page after a role change")
    photograph(page, "members-after-change")
