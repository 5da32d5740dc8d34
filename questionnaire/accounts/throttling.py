"""Login throttling: the page a paused sign-in answers with (django-axes'
``AXES_LOCKOUT_CALLABLE``).

django-axes counts failed sign-ins per account and, separately, per client address
(``questionnaire.lib.client.client_ip``); at ``AXES_FAILURE_LIMIT`` failures within
``AXES_COOLOFF_TIME`` it refuses that account, or that address, every sign-in until the
cool-off has passed, the right password included, without checking the password (so a flood
of attempts costs no password hashing). This page says which was paused, until when, and
what to do, with 429 Too Many Requests and Retry-After.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from questionnaire.lib.client import client_ip


@dataclass(frozen=True)
class Pause:
    """What is paused: the account, the address or both, and until when."""

    username: str
    account: bool
    address: bool
    until: datetime
    minutes: int


def _paused(attempts: QuerySet[Any], limit: int) -> tuple[bool, datetime | None]:
    totals = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    return (totals["failures"] or 0) >= limit, totals["last"]


def pause_of(request: HttpRequest, credentials: dict[str, Any] | None) -> Pause:
    """Which sign-ins axes refuses for this request, and until when (the cool-off counts
    from the last failure it recorded)."""
    username = str(get_client_username(request, credentials) or "")
    limit = int(get_failure_limit(request, credentials))
    cool_off: timedelta = get_cool_off(request) or timedelta(0)
    recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
    account, account_last = _paused(recent.filter(username=username), limit)
    address, address_last = _paused(recent.filter(ip_address=client_ip(request) or None), limit)
    lasts = [
        last
        for paused, last in ((account, account_last), (address, address_last))
        if paused and last
    ]
    now = timezone.now()
    until = max(lasts) + cool_off if lasts else now + cool_off
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return Pause(username=username, account=account, address=address, until=until, minutes=minutes)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page of a sign-in axes refused (``AXES_LOCKOUT_CALLABLE``)."""
    pause = pause_of(request, credentials)
    response = render(
        request,
        "registration/locked_out.html",
        {
            "pause": pause,
            "failure_limit": get_failure_limit(request, credentials),
            "cooloff_minutes": math.ceil(
                (get_cool_off(request) or timedelta(0)).total_seconds() / 60
            ),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(pause.minutes * 60)
    return response
