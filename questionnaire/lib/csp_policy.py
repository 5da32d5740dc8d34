"""django-csp's Content-Security-Policy header, built once rather than for every response
(``csp_policies_built_once``, called by the app's ``ready``)."""

from __future__ import annotations

from typing import Any

import csp.middleware
import csp.utils
from django.conf import settings


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
