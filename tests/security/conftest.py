"""Fixtures shared by the tests of tests/security: the SQLite file database of the
concurrency tests, and the signing keys of tests/records."""

from tests.records.conftest import signing_paths, signing_setup  # noqa: F401 — fixtures
from tests.security.sqlite_file import file_database  # noqa: F401 — a fixture
