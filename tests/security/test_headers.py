"""Security headers (issue 9): a strict Content-Security-Policy without 'unsafe-inline', a
Permissions-Policy denying the features the app never uses, and ``Cache-Control: no-store``
on every private response (pages of signed-in users, record exports and PDF reports)."""

from __future__ import annotations

import re

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import Client

from questionnaire.models import Draft
from tests.records.conftest import make_record, signing_paths, signing_setup

# The signing fixtures of tests/records, imported: a conftest is only seen in its folder.
__all__ = ["signing_paths", "signing_setup"]
pytestmark = pytest.mark.usefixtures("signing_setup")

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def csp_directives(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


def assert_private_headers(response) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp, "no Content-Security-Policy header"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert csp_directives(csp) == EXPECTED_CSP
    policy = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy, f"{feature} is not denied: {policy!r}"
    assert "no-store" in response.headers.get("Cache-Control", "")
    if response["Content-Type"].startswith("text/html"):
        assert_nothing_inline(response.content.decode())


INLINE = re.compile(
    r"<style\b|\sstyle\s*=|<script\b(?![^>]*\bsrc=)|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)


def assert_nothing_inline(html: str) -> None:
    """What the policy would block: inline styles and scripts, event handlers."""
    found = INLINE.search(html)
    assert found is None, (
        f"inline code the CSP blocks: ...{html[found.start() - 80 : found.end() + 80]}..."
    )


@pytest.fixture
def record(acme, owner):
    return make_record(acme, owner)


def test_dashboard_of_a_signed_in_user_is_private_and_strictly_policed(owner_client: Client):
    response = owner_client.get("/")

    assert response.status_code == 200
    assert_private_headers(response)


def test_assessment_and_record_pages_are_not_stored(owner_client: Client, record):
    for url in (f"/assessments/{record.assessment.public_id}/", f"/records/{record.public_id}/"):
        response = owner_client.get(url)
        assert response.status_code == 200, url
        assert "<svg" in response.content.decode(), f"{url}: the compute chart is not checked"
        assert_private_headers(response)


def test_json_export_is_not_stored(owner_client: Client, record):
    response = owner_client.get(f"/records/{record.public_id}.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert_private_headers(response)


def test_pdf_download_is_not_stored(owner_client: Client, record):
    response = owner_client.get(f"/records/{record.public_id}/report.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_private_headers(response)


def test_wizard_step_is_not_stored(owner_client: Client, acme, owner):
    draft = Draft.objects.create(organisation=acme, owner=owner)

    response = owner_client.get(f"/drafts/{draft.public_id}/", follow=True)

    assert response.status_code == 200
    assert "<form" in response.content.decode()
    assert_private_headers(response)


def test_anonymous_pages_carry_the_policy_headers(client: Client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert csp_directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "camera=()" in response["Permissions-Policy"]


def test_anonymous_requests_for_private_documents_are_not_stored(client: Client, record):
    response = client.get(f"/records/{record.public_id}/report.pdf")

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_views_choosing_their_own_cache_control_keep_it(client: Client, db):
    # /healthz is never_cache: its header is not overwritten.
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


# The policy of the settings is built once (questionnaire/middleware.py,
# ``csp_policies_built_once``): a change of the settings, and a response with a policy of its
# own, must still be heard.
def test_a_changed_policy_setting_is_the_next_responses_policy(client: Client, db, settings):
    assert csp_directives(client.get("/accounts/login/")["Content-Security-Policy"]) == (
        EXPECTED_CSP
    )
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["https:"]}}

    response = client.get("/accounts/login/")

    assert csp_directives(response["Content-Security-Policy"]) == {"default-src": "'none'"}
    assert csp_directives(response["Content-Security-Policy-Report-Only"])["img-src"] == "https:"


def test_a_removed_policy_setting_leaves_the_next_response_without_the_header(
    client: Client, db, settings
):
    assert "Content-Security-Policy" in client.get("/accounts/login/")

    del settings.CONTENT_SECURITY_POLICY  # sends no setting_changed signal

    assert "Content-Security-Policy" not in client.get("/accounts/login/")


def test_a_response_with_a_policy_of_its_own_keeps_it(rf, db):
    middleware = CSPMiddleware(lambda request: HttpResponse("ok"))
    own = HttpResponse("ok")
    own._csp_update = {"img-src": ["https://tiles.example.org"]}  # type: ignore[attr-defined]

    response = middleware.process_response(rf.get("/"), own)
    plain = middleware.process_response(rf.get("/"), HttpResponse("ok"))

    assert csp_directives(response["Content-Security-Policy"])["img-src"] == (
        "'self' data: https://tiles.example.org"
    )
    assert csp_directives(plain["Content-Security-Policy"]) == EXPECTED_CSP
