"""Helpers for browser tests that are not about pages."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ARTIFACTS = Path(__file__).parent / "artifacts"
"""Failure screenshots and HTML (conftest.py) and `make screenshots` (git-ignored)."""


def outside_the_loop(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` on a thread of its own, where no asyncio loop runs, and
    its result. For setup code that runs a loop itself: ``asyncio.run`` fails in the test's
    thread while Playwright runs, and pyHanko's PDF signing calls it, so a record made in the
    test's thread (``services.record_create``, or Django's test client posting an
    attestation) never gets its report. The thread has its own database connection, which
    sees what the test committed (browser tests are transactional) and is closed after."""

    def run() -> T:
        from django.db import connections

        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
