"""Small middleware for the security headers and the health check (see config/settings.py).

- ``HealthCheckMiddleware`` answers ``/healthz`` itself, before CommonMiddleware checks the
  Host header against ALLOWED_HOSTS: load balancers probe by address (``10.0.0.5:8000``).
- ``PermissionsPolicyMiddleware`` denies the browser features the app never uses.
- ``PrivateNoStoreMiddleware`` marks private responses ``Cache-Control: no-store`` so that
  assessments, records, exports and reports are kept by no browser or proxy cache.
- ``csp_policies_built_once`` (called by the app's ``ready``) has django-csp build the
  Content-Security-Policy of the settings once, rather than for every response.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import csp.middleware
import csp.utils
from django.conf import settings
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


def csp_policies_built_once() -> None:
    """django-csp builds both headers (the policy and the report-only one) from the settings
    for every response: every directive copied, sorted and joined, some 50 µs, up to 5% of a
    signed-in page (issue 11). They are the same for every response whose view leaves the
    policy alone (no ``csp_update``, ``csp_replace`` or nonce; no view of ours changes it):
    those are built once for each value of the two settings, so a test that sets or removes
    one gets its new policy (a dictionary changed in place is not noticed). A response with
    a policy of its own is built by django-csp as before."""
    build = csp.utils.build_policy
    if csp.middleware.build_policy is not build:  # type: ignore[attr-defined]
        return  # done already
    built: dict[bool, tuple[object, str]] = {}

    def from_settings(report_only: bool) -> str:
        source = getattr(settings, _CSP_SETTINGS[report_only], None)
        held = built.get(report_only)
        if held is None or held[0] is not source:
            held = built[report_only] = (source, build(report_only=report_only))
        return held[1]

    def build_policy(
        config: Any = None,
        update: Any = None,
        replace: Any = None,
        nonce: str | None = None,
        report_only: bool = False,
    ) -> str:
        if config is None and update is None and replace is None and nonce is None:
            return from_settings(report_only)
        return build(config, update, replace, nonce, report_only)

    csp.middleware.build_policy = build_policy  # type: ignore[attr-defined]


_CSP_SETTINGS = {False: "CONTENT_SECURITY_POLICY", True: "CONTENT_SECURITY_POLICY_REPORT_ONLY"}
