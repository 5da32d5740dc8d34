"""The layout around every page: its fixed parts are kept by each process per language and
kind of reader (base.html's "fragments" cache, issue 11). What is one reader's own is
written per page: the name on "Sign out", the forms' CSRF tokens and the address the
language switcher returns to. These pages are read in turn by different people, so that
each is served the parts kept for the one before."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from questionnaire.models import Membership
from tests.people import make_member

pytestmark = pytest.mark.django_db

ADMIN_LINK = f'href="{reverse("admin:index")}"'


def signed_in_checked(user, language: str = "en") -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def tokens(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def test_each_reader_gets_the_layout_of_their_kind_and_language(acme):
    staff = make_member("stella", acme, Membership.Role.ADMIN)
    staff.is_staff = True
    staff.save()
    member = make_member("bob", acme, Membership.Role.MEMBER)
    dashboard = reverse("dashboard")

    pages = {
        "staff": signed_in_checked(staff).get(dashboard).content.decode(),
        "member": signed_in_checked(member).get(dashboard).content.decode(),
        "member, German": signed_in_checked(member, "de").get(dashboard).content.decode(),
        "nobody": Client().get(reverse("verify")).content.decode(),
        "staff again": signed_in_checked(staff).get(dashboard).content.decode(),
    }

    assert ADMIN_LINK in pages["staff"] and ADMIN_LINK in pages["staff again"]
    assert ADMIN_LINK not in pages["member"]
    assert "Sign out (stella)" in pages["staff"] and "Sign out (stella)" in pages["staff again"]
    assert "Sign out (bob)" in pages["member"]
    with translation.override("de"):
        german_dashboard = translation.gettext("Dashboard")
        german_sign_out = translation.gettext("Sign out (%(username)s)") % {"username": "bob"}
    assert german_dashboard != "Dashboard"
    assert f">{german_dashboard}</a>" in pages["member, German"]
    assert german_sign_out in pages["member, German"]
    assert ">Dashboard</a>" not in pages["member, German"]
    assert "Sign out" not in pages["nobody"] and ">Sign in</a>" in pages["nobody"]
    assert f'href="{dashboard}">Dashboard</a>' not in pages["nobody"]


def test_the_forms_of_the_layout_carry_this_readers_token_and_this_pages_address(acme):
    alice = make_member("alice", acme, Membership.Role.ADMIN)
    bob = make_member("bob", acme, Membership.Role.MEMBER)
    alice_client, bob_client = signed_in_checked(alice), signed_in_checked(bob)

    alice_page = alice_client.get(reverse("dashboard")).content.decode()
    bob_page = bob_client.get(reverse("models_index")).content.decode()

    assert re.search(rf'name="next" value="{reverse("dashboard")}"', alice_page)
    assert re.search(rf'name="next" value="{reverse("models_index")}"', bob_page)
    # Each page's tokens are accepted for its own reader: the language switcher's form
    # posts with them (a token of another session would be refused with a 403).
    for client, page in ((alice_client, alice_page), (bob_client, bob_page)):
        found = tokens(page)
        assert len(found) >= 2
        for token in found:
            answer = client.post(
                reverse("set_language"),
                {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
            )
            assert answer.status_code == 302
    assert not set(tokens(alice_page)) & set(tokens(bob_page))
