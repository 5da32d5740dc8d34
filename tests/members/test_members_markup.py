"""The members pages are built like every other page: no inline script or style (strict CSP),
one h1, every input labelled, every aria-describedby pointing at something, and no heading
level skipped."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.members.conftest import INVITE, MEMBERS, REMOVE, invite, membership
from tests.web.test_heading_order import heading_problems
from tests.web.test_page_markup import assert_well_built

pytestmark = pytest.mark.django_db


def test_the_members_pages_are_well_built(acme, admin, admin_client, colleague):
    _, token = invite(admin_client, email="dana@example.com")
    pages = {
        "members": admin_client.get(MEMBERS),
        "members with a new link": admin_client.post(INVITE, {"email": "", "role": "reviewer"}),
        "members with an error": admin_client.post(INVITE, {"email": "nope", "role": "member"}),
        "removal": admin_client.get(f"{REMOVE}?member={membership(colleague, acme).pk}"),
        "removal of the last admin": admin_client.get(
            f"{REMOVE}?member={membership(admin, acme).pk}"
        ),
        "invitation, visitor": Client().get(f"/invitations/{token}/"),
        "invitation, signed in": _signed_in_as("dana").get(f"/invitations/{token}/"),
        "invitation, account errors": Client().post(
            f"/invitations/{token}/", {"username": "", "password1": "a", "password2": "b"}
        ),
        "invitation unusable": Client().get("/invitations/unknown/"),
    }
    for where, response in pages.items():
        html = response.content.decode()
        assert_well_built(html, where)
        if "error" not in where:
            assert heading_problems(html) == [], where


def _signed_in_as(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_user(username))
    return client
