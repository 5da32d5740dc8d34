"""The API tokens page in a real browser: an administrator of acme makes a token that may
write ledger entries, copies it from the page that shows it once, files an entry with it
through the live server's API (201), revokes it in the page after confirming, and the same
request is then refused (401). The page with the token shown and after the revocation passes axe-core and
reflows at 320 px; it is photographed at 1280 and 375 px into tests/browser/artifacts/
api-tokens/. Members who are not administrators get 403 for the page
(tests/security/test_access_matrix.py).

The administrator reaches the page as one would: the dashboard, the members page, its link
to the API tokens."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import APIResponse, BrowserContext, Page, expect

from questionnaire.ledger.services import registered_model_create
from questionnaire.models import ApiToken, LedgerEntry, Membership
from tests.browser.a11y import check_page
from tests.browser.pages import follow, go, main_text, submit
from tests.browser.support import ARTIFACTS
from tests.people import make_member

SHOTS = ARTIFACTS / "api-tokens"
TOKENS = "/organisations/acme/api-tokens/"
NAME = "pre-training cluster A"
ENTRY = {
    "kind": "pre_training",
    "status": "planned",
    "revision": 1,
    "started_on": "2026-11-01",
    "compute": {"method": "direct", "flop": "2e24"},
    "description": "Pre-training, stage 1",
}


def photograph(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def checked(page: Page, state: str, problems: list[str]) -> None:
    """``check_page``, its failure noted in ``problems`` (asserted empty at the end of the
    test) so that the rest of the journey is still tried."""
    try:
        check_page(page, state)
    except AssertionError as failure:
        problems.append(str(failure))


def file_entry(page: Page, url: str, secret: str) -> APIResponse:
    """``PUT`` a ledger entry with the token, from the page's own request context."""
    return page.request.put(
        url,
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        data=json.dumps(ENTRY),
    )


def test_an_administrator_makes_a_token_uses_it_and_revokes_it(
    page, context, sign_in, acme, live_server
):
    admin = make_member("carol", acme, Membership.Role.ADMIN)
    model = registered_model_create(organisation=acme, name="Falcon-Large", user=None)
    ledger_url = f"{live_server.url}/api/v1/models/{model.public_id}/ledger/run-1"
    sign_in(context, admin)
    go(page, "/")
    follow(page, page.get_by_role("link", name="members", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    follow(page, page.get_by_role("link", name="API tokens"))
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_text("No token has been made.")).to_be_visible()

    page.get_by_label("Name", exact=True).fill(NAME)
    scopes = page.get_by_role("group", name="What the token may do")
    scopes.get_by_label("Write ledger entries").check()
    scopes.get_by_label("Read models").uncheck()
    submit(page, page.get_by_role("button", name="Make the token").click)
    expect(page.get_by_role("heading", name="Copy the token now")).to_be_visible()
    expect(page.get_by_text("It is shown only this once")).to_be_visible()
    secret = page.get_by_label(f"Token “{NAME}”").input_value()
    token = ApiToken.objects.get(organisation=acme)
    assert token.scopes == ["write_ledger"]
    assert secret.startswith(token.prefix) and len(secret) > len(token.prefix) + 20
    row = page.get_by_role("row").filter(has_text=NAME)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"{token.prefix}…")
    expect(row).to_contain_text("Write ledger entries")
    expect(row).not_to_contain_text("Read models")
    problems: list[str] = []
    checked(page, "API tokens page with the token shown", problems)
    photograph(page, "api-tokens-shown")

    go(page, TOKENS)  # the page again (a GET: reloading the POST's answer would post again)
    expect(page.get_by_role("row").filter(has_text=NAME)).to_contain_text(f"{token.prefix}…")
    expect(page.get_by_role("heading", name="Copy the token now")).to_have_count(0)
    assert secret not in page.content()

    created = file_entry(page, ledger_url, secret)
    assert created.status == 201, created.text()
    assert created.json()["outcome"] == "created"
    assert LedgerEntry.objects.filter(model=model, key="run-1").count() == 1
    go(page, TOKENS)
    expect(page.get_by_role("row").filter(has_text=NAME)).not_to_contain_text("never")

    row = page.get_by_role("row").filter(has_text=NAME)
    follow(page, row.get_by_role("link", name=f"Revoke the token {NAME}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Revoke the token “{NAME}”?")
    checked(page, "the revocation's confirmation", problems)
    submit(page, page.get_by_role("button", name=f"Revoke “{NAME}”").click)
    assert f"The token “{NAME}” is revoked: it no longer works." in main_text(page)
    row = page.get_by_role("row").filter(has_text=NAME)
    expect(row).to_contain_text("Revoked")
    expect(row.get_by_role("link", name=f"Revoke the token {NAME}")).to_have_count(0)
    checked(page, "API tokens page after the revocation", problems)
    photograph(page, "api-tokens-revoked")

    refused = file_entry(page, ledger_url, secret)
    assert refused.status == 401, refused.text()
    assert LedgerEntry.objects.filter(model=model).count() == 1
    assert not problems, "\n\n".join(problems)


def test_members_who_are_not_administrators_get_403(
    new_context: Any, sign_in: Any, acme: Any, owner: Any, colleague: Any
) -> None:
    for person in (colleague, owner):  # a member, an attester
        context: BrowserContext = new_context()
        sign_in(context, person)
        visitor = context.new_page()
        response = visitor.goto(TOKENS, wait_until="load")
        assert response is not None
        assert response.status == 403, (person.username, response.status)
        assert "Make the token" not in visitor.content()
