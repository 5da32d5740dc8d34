"""A SQLite file database for the concurrency tests of tests/security.

``FileDatabase`` is a migrated SQLite database in a file, configured exactly as the
settings configure the default one (WAL, IMMEDIATE transactions, a busy timeout): the
test database pytest-django makes for SQLite lives in memory, where neither WAL nor the
busy timeout apply. Code runs against it in threads (``run``): each thread's "default"
connection is a connection to the file, while the test's own thread keeps the test
database. Test modules import the fixture (``from tests.security.sqlite_file import
file_database``).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.db.utils import load_backend


class FileDatabase:
    def __init__(self, path: Path, options: dict[str, Any] | None = None) -> None:
        # SQLite as the settings configure it when no DATABASE_URL is given, whatever the
        # suite's own database is: on PostgreSQL these tests still check the SQLite default.
        configured: dict[str, Any] = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": copy.deepcopy(settings.SQLITE_OPTIONS if options is None else options),
        }
        self.settings = connections.configure_settings({"default": configured})["default"]

    def connection(self) -> Any:
        backend = load_backend(self.settings["ENGINE"])
        return backend.DatabaseWrapper(copy.deepcopy(self.settings), "default")

    def run(self, functions: list[Callable[[], Any]], timeout: float = 120) -> list[BaseException]:
        """Run each function in its own thread, all at once, each with its own connection
        to the file as "default"; the errors they raised."""
        errors: list[BaseException] = []
        barrier = threading.Barrier(len(functions))

        def target(function: Callable[[], Any]) -> None:
            wrapper = self.connection()
            connections["default"] = wrapper  # this thread's connections only
            try:
                barrier.wait(timeout=30)
                function()
            except BaseException as error:  # noqa: BLE001 — reported by the test
                errors.append(error)
            finally:
                wrapper.close()

        threads = [threading.Thread(target=target, args=(f,)) for f in functions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=timeout)
        assert not any(thread.is_alive() for thread in threads)
        return errors

    def migrate(self) -> None:
        assert self.run([lambda: call_command("migrate", verbosity=0)]) == []


@pytest.fixture
def file_database(tmp_path, django_db_blocker) -> Iterator[FileDatabase]:
    """A migrated file database configured as the settings configure SQLite."""
    database = FileDatabase(tmp_path / "db.sqlite3")
    with django_db_blocker.unblock():
        database.migrate()
        yield database
