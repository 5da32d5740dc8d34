"""Small middleware for the security headers and the health check (see config/settings.py).

- ``HealthCheckMiddleware`` answers ``/healthz`` itself, before CommonMiddleware checks the
  Host header against ALLOWED_HOSTS: load balancers probe by address (``10.0.0.5:8000``).
- ``PermissionsPolicyMiddleware`` denies the browser features the app never uses.
- ``PrivateNoStoreMiddleware`` marks private responses ``Cache-Control: no-store`` so that
  assessments, records, exports and reports are kept by no browser or proxy cache.

The Content-Security-Policy header is django-csp's middleware's, built once
(``questionnaire/lib/csp_policy.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers

Handler = Callable[[HttpRequest], HttpResponseBase]

HEALTHZ_PATH = "/healthz"

# Features the app never asks for: an empty allow-list denies each to every origin.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

# Private documents, whoever asks: record exports and PDF reports.
PRIVATE_PATHS = re.compile(r"^/records/[^/]+(\.json|/report\.pdf)$")


class HealthCheckMiddleware:
    """Answer ``GET``/``HEAD /healthz`` with ``ok`` whatever the Host header, touching no
    database; every other path still goes through ALLOWED_HOSTS."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info != HEALTHZ_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
        add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrivateNoStoreMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user and on record
    exports and reports, unless the view chose its own Cache-Control. Placed after
    AuthenticationMiddleware (it reads ``request.user``); static files, served by WhiteNoise
    earlier in the chain, keep their long cache lifetimes."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        private = bool(user is not None and user.is_authenticated)
        if private or PRIVATE_PATHS.match(request.path_info):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
