"""Fixtures of the page tests."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def signing(settings, tmp_path):
    """A record signing key and document certificate of the test's own, and its own media
    folder for the reports."""
    settings.RECORD_SIGNING_KEY_FILE = tmp_path / "keys" / "record.pem"
    settings.RECORD_DOCUMENT_CERT_FILE = tmp_path / "keys" / "document.p12"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("signing_key", "create", stdout=StringIO())
