"""Requests per token and minute, counted in Django's cache (a fixed one-minute window)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60


class RateLimited(Exception):
    """Too many requests this minute: answered 429 with ``Retry-After``."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many requests: try again in {retry_after} seconds.")
        self.retry_after = retry_after


def rate_check(*, token_id: int, now: float | None = None) -> None:
    """Count one request of the token; raise ``RateLimited`` past the minute's limit."""
    moment = time.time() if now is None else now
    window = int(moment // WINDOW_SECONDS)
    key = f"api-rate:{token_id}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count > settings.API_RATE_LIMIT_PER_MINUTE:
        raise RateLimited(max(1, WINDOW_SECONDS - int(moment) % WINDOW_SECONDS))
