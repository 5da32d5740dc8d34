"""After the password, the second factor: a session signed in with the password of someone who
has a second factor is kept on the verify page until a code is given.

Every sign-in of such a person marks the session (``two_factor.PENDING``, set by
``signals.second_factor_pending``); this middleware, placed after the authentication, OTP and
message middleware, sends every other request of it to the verify page, with ``next``
bringing it back. Signing in and out stay open.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from questionnaire.accounts.two_factor import PENDING, is_verified, second_factor_url

Handler = Callable[[HttpRequest], HttpResponseBase]

OPEN_ROUTES = ("two_factor_verify", "login", "logout")


class SecondFactorPendingMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.session.get(PENDING) and request.path not in _open_paths():
            if not request.user.is_authenticated or is_verified(request.user):
                request.session.pop(PENDING, None)
            else:
                back = request.get_full_path() if request.method in ("GET", "HEAD") else "/"
                return HttpResponseRedirect(second_factor_url(request.user, next_url=back))
        return self.get_response(request)


def _open_paths() -> set[str]:
    return {reverse(name) for name in OPEN_ROUTES}
