"""Shared test setup. Fixtures that only one folder needs live in that folder's conftest."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

# CI machines are small and shared: timing-based failures there say nothing about the code.
hypothesis_settings.register_profile("ci", deadline=None, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashers are slow on purpose; tests check behaviour, not hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
