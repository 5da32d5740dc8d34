"""Every sign-in of someone who has a second factor waits for it, whichever page signed them
in (the site's, the admin's): the session is marked pending, and the middleware keeps it on
the verify page until a code is given."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY

from questionnaire.accounts.devices import has_device
from questionnaire.accounts.two_factor import PENDING


@receiver(user_logged_in, dispatch_uid="questionnaire.accounts.second_factor_pending")
def second_factor_pending(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    session = getattr(request, "session", None)
    if session is None or DEVICE_ID_SESSION_KEY in session:
        return  # no session to mark, or a sign-in that gave the second factor already
    if has_device(user):
        session[PENDING] = True
