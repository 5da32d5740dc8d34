"""Shared test setup. Fixtures that only one folder needs live in that folder's conftest."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from questionnaire.models import Membership, Organisation
from tests.people import make_member, signed_in

# CI machines are small and shared: timing-based failures there say nothing about the code.
hypothesis_settings.register_profile("ci", deadline=None, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashers are slow on purpose; tests check behaviour, not hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The people of tests/people.py, as fixtures for every folder.


@pytest.fixture
def acme(db):
    return Organisation.objects.create(slug="acme", name="Acme AI")


@pytest.fixture
def other(db):
    return Organisation.objects.create(slug="other", name="Other Labs")


@pytest.fixture
def owner(acme):
    return make_member("alice", acme, Membership.Role.ATTESTER)


@pytest.fixture
def colleague(acme):
    return make_member("bob", acme, Membership.Role.MEMBER)


@pytest.fixture
def outsider(other):
    return make_member("eve", other, Membership.Role.ADMIN)


@pytest.fixture
def owner_client(owner):
    return signed_in(owner)


@pytest.fixture
def colleague_client(colleague):
    return signed_in(colleague)


@pytest.fixture
def outsider_client(outsider):
    return signed_in(outsider)
