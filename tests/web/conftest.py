"""People and organisations for the web tests.

One organisation "acme" with an owner (an attester, who starts the drafts) and a colleague
(a member), and an outsider who belongs only to another organisation "other" and must see
nothing of acme's.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from questionnaire.models import Membership, Organisation

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def acme(db):
    return Organisation.objects.create(slug="acme", name="Acme AI")


@pytest.fixture
def other(db):
    return Organisation.objects.create(slug="other", name="Other Labs")


def make_member(username: str, organisation: Organisation, role: str):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.com", password=PASSWORD
    )
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


@pytest.fixture
def owner(acme):
    return make_member("alice", acme, Membership.Role.ATTESTER)


@pytest.fixture
def colleague(acme):
    return make_member("bob", acme, Membership.Role.MEMBER)


@pytest.fixture
def outsider(other):
    return make_member("eve", other, Membership.Role.ADMIN)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return signed_in(owner)


@pytest.fixture
def colleague_client(colleague):
    return signed_in(colleague)


@pytest.fixture
def outsider_client(outsider):
    return signed_in(outsider)
