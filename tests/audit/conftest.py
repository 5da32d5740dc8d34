"""Fixtures of the audit-trail tests: the signing keys of tests/records, carol (an
administrator of acme), and browsers that come from known addresses.

The people are those of tests/conftest.py: alice attests for acme, bob is a member of acme,
eve administers "other" and must see nothing of acme's.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from questionnaire.models import AuditEvent, Membership
from tests.people import make_member
from tests.records.conftest import signing_paths, signing_setup  # noqa: F401 — fixtures

ALICE_ADDRESS = "203.0.113.7"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def browser(user: User | None, address: str = ALICE_ADDRESS, agent: str = BROWSER) -> Client:
    """A browser at ``address`` (its REMOTE_ADDR), signed in as ``user`` unless None."""
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    if user is not None:
        client.force_login(user)
    return client


def events(action: str) -> list[AuditEvent]:
    """The events of one action, oldest first."""
    return list(AuditEvent.objects.filter(action=action).order_by("created_at", "id"))


@pytest.fixture
def admin(acme) -> User:
    return make_member("carol", acme, Membership.Role.ADMIN)


@pytest.fixture
def alice_browser(owner) -> Client:
    return browser(owner)


@pytest.fixture
def browser_of() -> Callable[..., Client]:
    return browser
