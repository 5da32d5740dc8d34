"""Login throttling (issue 9): after too many wrong passwords, sign-in is paused for the
account (from any address) and, separately, from the address (for any account), with a page
that says so; the pause costs no password hashing, and it ends.

The attack run found that after 60 wrong passwords the right one still worked, and that 16
threads on the login form slowed every page down by hashing passwords."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from tests.people import PASSWORD
from tests.web.test_page_markup import assert_well_built

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LIMIT = 5  # the default of DJANGO_LOGIN_FAILURE_LIMIT
ATTACKER = "203.0.113.66"


@dataclass
class Attempt:
    """A sign-in from a fresh browser: the answer, and whether it signed in."""

    response: Any
    signed_in: bool

    @property
    def status_code(self) -> int:
        return int(self.response.status_code)

    @property
    def page(self) -> str:
        return str(self.response.content.decode())


def sign_in(
    username: str, password: str, *, address: str = ATTACKER, forwarded_for: str = ""
) -> Attempt:
    client = Client()
    response = client.post(
        LOGIN,
        {"username": username, "password": password},
        headers={"X-Forwarded-For": forwarded_for} if forwarded_for else None,
        REMOTE_ADDR=address,
    )
    return Attempt(response=response, signed_in="_auth_user_id" in client.session)


def paused(attempt: Attempt) -> bool:
    return attempt.status_code == 429 and "Sign-in is paused" in attempt.page


def test_after_sixty_wrong_passwords_the_right_one_is_refused_with_a_message(owner):
    answers = [sign_in("alice", f"guess {attempt}") for attempt in range(60)]

    assert [r.status_code for r in answers[: LIMIT - 1]] == [200] * (LIMIT - 1)
    assert all(paused(r) for r in answers[LIMIT - 1 :])
    right = sign_in("alice", PASSWORD)
    assert paused(right)
    assert not right.signed_in
    page = right.page
    assert "Too many wrong passwords were tried for the account “alice”" in page
    assert "in about 15 minutes" in page
    assert "Ask an administrator of your organisation" in page


def test_the_paused_page_is_a_page_of_the_site_that_says_when_to_come_back(owner):
    for attempt in range(LIMIT):
        sign_in("alice", f"guess {attempt}")

    response = sign_in("alice", PASSWORD)

    assert response.status_code == 429
    assert 900 - 60 <= int(response.response["Retry-After"]) <= 900
    page = response.page
    assert "<title>Sign-in paused — GPAI Assessor</title>" in page
    assert 'class="site-header"' in page
    assert 'href="/accounts/login/"' in page
    assert "UTC" in page
    assert_well_built(page, "sign-in paused")


def test_a_paused_sign_in_hashes_no_password(owner, monkeypatch):
    for attempt in range(LIMIT):
        sign_in("alice", f"guess {attempt}")
    hashed = []
    for method in ("verify", "encode"):
        real = getattr(MD5PasswordHasher, method)

        def counting(self, *args, _real=real, **kwargs):
            hashed.append(1)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(MD5PasswordHasher, method, counting)

    answers = [sign_in("alice", PASSWORD if n % 2 else f"guess {n}") for n in range(20)]

    assert all(paused(r) for r in answers)
    assert hashed == []


def test_many_accounts_tried_from_one_address_pause_that_address(owner, colleague):
    for attempt in range(LIMIT):
        sign_in(f"someone-{attempt}", "guess")

    refused = sign_in("alice", PASSWORD)
    elsewhere = sign_in("bob", PASSWORD, address="198.51.100.20")

    assert paused(refused)
    assert "Signing in from this address is paused, for every account" in refused.page
    assert not refused.signed_in
    assert elsewhere.status_code == 302 and elsewhere.signed_in


def test_one_account_tried_from_many_addresses_is_paused_from_every_address(
    owner, colleague, settings
):
    settings.TRUSTED_PROXY_COUNT = 1  # behind nginx: the client's address is X-Forwarded-For's
    proxy = "10.0.0.2"
    for attempt in range(LIMIT):
        sign_in("alice", "guess", address=proxy, forwarded_for=f"192.0.2.{attempt + 1}")

    refused = sign_in("alice", PASSWORD, address=proxy, forwarded_for="192.0.2.200")
    # One failure from 192.0.2.1 pauses nothing there; nor is the proxy's own address paused.
    colleague_there = sign_in("bob", PASSWORD, address=proxy, forwarded_for="192.0.2.1")

    assert paused(refused)
    assert "Signing in to that account is paused, from any address" in refused.page
    assert colleague_there.status_code == 302 and colleague_there.signed_in


def test_signing_in_with_ones_own_account_does_not_clear_the_addresss_failures(owner, colleague):
    for attempt in range(LIMIT - 1):
        sign_in("alice", f"guess {attempt}")
    assert sign_in("bob", PASSWORD).signed_in

    assert paused(sign_in("carol", "guess"))
    assert paused(sign_in("bob", PASSWORD))


def test_the_pause_ends_after_the_cool_off(owner):
    for attempt in range(LIMIT):
        sign_in("alice", f"guess {attempt}")
    assert paused(sign_in("alice", PASSWORD))

    # Sixteen minutes pass.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    response = sign_in("alice", PASSWORD)

    assert response.status_code == 302
    assert response.response["Location"] == "/"
    assert response.signed_in


def test_an_operator_lifts_the_pause_with_axes_reset(owner):
    for attempt in range(LIMIT):
        sign_in("alice", f"guess {attempt}")
    assert paused(sign_in("alice", PASSWORD))

    call_command("axes_reset", stdout=StringIO())

    assert sign_in("alice", PASSWORD).signed_in


def test_a_few_wrong_passwords_are_forgiven(owner):
    for attempt in range(LIMIT - 1):
        wrong = sign_in("alice", f"guess {attempt}")
        assert wrong.status_code == 200
        assert 'class="error-summary"' in wrong.page

    assert sign_in("alice", PASSWORD).signed_in
