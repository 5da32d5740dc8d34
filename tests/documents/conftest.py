"""Fixtures of the documents' tests: the page tests' signing key and certificate."""

from tests.web.conftest import signing  # noqa: F401 — a fixture, shared with the page tests
