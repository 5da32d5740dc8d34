"""Shared test setup. Fixtures that only one folder needs live in that folder's conftest."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from questionnaire.models import Membership, Organisation
from tests.people import make_member, signed_in

# Timing says nothing about the code: `pytest -n auto` on a 2-core machine (or a shared CI
# runner) can stall any example for a second. So no deadline and no "too slow" health check,
# for every run; the other health checks and the example counts stay. HYPOTHESIS_PROFILE
# (hypothesis' own option, --hypothesis-profile) can still pick another registered profile.
hypothesis_settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
hypothesis_settings.register_profile("ci", parent=hypothesis_settings.get_profile("suite"))
hypothesis_settings.load_profile("suite")


def pytest_configure(config: pytest.Config) -> None:
    # The catalogues' .mo files are not in git: compiled here (only those older than their
    # .po), so a bare `pytest` serves German and French as `make test` does.
    from django.conf import settings

    from questionnaire.i18n.catalogues import catalogues_compile

    catalogues_compile(settings.LOCALE_PATHS)
    config.addinivalue_line(
        "markers",
        "real_pdf: the reports of records made in this test are really rendered for them "
        "(WeasyPrint), not stubbed: for tests of the PDF itself, its text, the record.json it "
        "embeds, its signature checked on /verify/ (see stub_report_rendering)",
    )


@pytest.fixture(autouse=True)
def language_reset() -> Any:
    """LocaleMiddleware activates the request's language for the thread and leaves it so:
    after a test that asked for German, the next test's code outside a request would still
    write German. Each test ends back in the default language."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashers are slow on purpose; tests check behaviour, not hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# ------------------------------------------------------------------ PDF reports


class SessionReport:
    """One real PDF report for the whole test run (one per xdist worker): rendered by
    WeasyPrint the first time a test makes a record, so tests that make none never pay for
    it, then PAdES-signed with a throwaway certificate and checked, so the bytes the stub
    serves are known to be a report the service can sign and verify.

    It embeds a sample export (``tests.samples.signed_export``) signed with a throwaway key
    that no test publishes: a stubbed report uploaded to /verify/ can never pass for an
    authentic report of a test's own record. Tests that need that are marked ``real_pdf``."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._lock = threading.Lock()  # the concurrency test signs from two threads at once
        self._unsigned: bytes | None = None

    def unsigned(self, renderer: Callable[..., bytes]) -> bytes:
        with self._lock:
            if self._unsigned is None:
                self._unsigned = self._render_and_check(renderer)
            return self._unsigned

    def _render_and_check(self, renderer: Callable[..., bytes]) -> bytes:
        from questionnaire.reports import certificates, pades
        from tests.samples import signed_export

        export = signed_export()
        unsigned = renderer(export=export, verify_url="https://gpai.example/verify/")
        certificate = self._folder / "document.p12"
        pem = certificates.document_certificate_create(
            path=certificate, common_name="GPAI Assessor test session"
        )
        check = pades.pdf_check(
            pades.pdf_sign(unsigned, pkcs12_path=certificate), trusted_certificates=[pem]
        )
        assert check.intact, f"the session's report does not sign and verify: {check.problem}"
        assert check.export == export, "the session's report does not embed its record.json"
        return unsigned


@pytest.fixture(scope="session")
def session_report(tmp_path_factory: pytest.TempPathFactory) -> SessionReport:
    return SessionReport(tmp_path_factory.mktemp("session-report"))


class ReportRendering:
    """Whether ``render.report_pdf`` is stubbed in this test; see stub_report_rendering."""

    def __init__(self, stubbed: bool) -> None:
        self.stubbed = stubbed


@pytest.fixture(autouse=True)
def stub_report_rendering(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    session_report: SessionReport,
) -> ReportRendering:
    """WeasyPrint takes most of a second per report, and nearly every record test makes
    records. So ``render.report_pdf`` (which ``services.record_create`` calls) still builds
    the report's context and renders its HTML template for the record, then returns the
    session's real unsigned PDF instead of laying that HTML out. Everything after is real: the
    PDF is PAdES-signed with the test's certificate, stored, its SHA-256 recorded, and
    downloads and ``export_report`` check the stored bytes against that hash.

    What a stubbed report does not hold is the record's own export: its record.json is the
    session sample's. Tests about the PDF itself are marked ``real_pdf`` and get the real
    renderer (every test of tests/records/test_reports.py is). A fixture of such a test may
    set ``stubbed`` back to True for records whose report the test never reads."""
    from django.template.loader import render_to_string

    from questionnaire.reports import render

    rendering = ReportRendering(stubbed=request.node.get_closest_marker("real_pdf") is None)
    real = render.report_pdf

    def report_pdf(
        *, export: dict[str, Any], verify_url: str, language: str | None = None
    ) -> bytes:
        if not rendering.stubbed:
            return real(export=export, verify_url=verify_url, language=language)
        context = render.report_context(export=export, verify_url=verify_url)
        render_to_string(render.TEMPLATE, context)
        return session_report.unsigned(real)

    monkeypatch.setattr(render, "report_pdf", report_pdf)
    return rendering


# ------------------------------------------------------------------ the audit trail


@pytest.fixture(autouse=True)
def audit_trail_emptied_before_a_flush(request: pytest.FixtureRequest) -> Any:
    """A transactional test ends by emptying every table. PostgreSQL does that with
    TRUNCATE, which the audit trail's trigger lets through; SQLite with DELETE, which the
    trigger refuses. So after such a test on SQLite the audit events are deleted here, with
    the trigger dropped for that one statement and made again at once (migration 0009's
    own SQL), before the flush finds the table empty."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and bool(marker.kwargs.get("transaction"))) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so flushed after this
    yield
    from django.db import connection, transaction

    if connection.vendor != "sqlite":
        return
    migration = importlib.import_module("questionnaire.migrations.0009_audit_trail")
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in migration.SQLITE_DROP:
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {migration.TABLE}")  # noqa: S608 — a constant
        for statement in migration.SQLITE_CREATE:
            cursor.execute(statement)


# The people of tests/people.py, as fixtures for every folder.


@pytest.fixture
def acme(db):
    return Organisation.objects.create(slug="acme", name="Acme AI")


@pytest.fixture
def other(db):
    return Organisation.objects.create(slug="other", name="Other Labs")


@pytest.fixture
def owner(acme):
    return make_member("alice", acme, Membership.Role.ATTESTER)


@pytest.fixture
def colleague(acme):
    return make_member("bob", acme, Membership.Role.MEMBER)


@pytest.fixture
def outsider(other):
    return make_member("eve", other, Membership.Role.ADMIN)


@pytest.fixture
def owner_client(owner):
    return signed_in(owner)


@pytest.fixture
def colleague_client(colleague):
    return signed_in(colleague)


@pytest.fixture
def outsider_client(outsider):
    return signed_in(outsider)
