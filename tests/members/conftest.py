"""The people of the members tests: those of tests/conftest.py (alice attests for acme, bob
is a member of acme, eve administers "other") and carol, acme's administrator."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from questionnaire.models import AuditEvent, Membership
from tests.people import make_member, signed_in

MEMBERS = "/organisations/acme/members/"
INVITE = "/organisations/acme/members/invite/"
ROLE = "/organisations/acme/members/role/"
REMOVE = "/organisations/acme/members/remove/"
REVOKE = "/organisations/acme/invitations/revoke/"
LINK = re.compile(r'id="issued-url"[^>]*>(https?://[^<]+/invitations/([^/<]+)/)</textarea>')


@pytest.fixture
def admin(acme) -> User:
    return make_member("carol", acme, Membership.Role.ADMIN)


@pytest.fixture
def admin_client(admin) -> Client:
    return signed_in(admin)


def membership(user: User, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("created_at", "id"))


def invite(client: Client, *, role: str = "member", email: str = "") -> tuple[str, str]:
    """Make an invitation on the members page: the link it shows once, and its token."""
    response = client.post(INVITE, {"email": email, "role": role})
    assert response.status_code == 200, response.content.decode()[:2000]
    found = LINK.search(response.content.decode())
    assert found, "the page shows no invitation link"
    return found.group(1), found.group(2)
