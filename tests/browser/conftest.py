"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live
server (one per test session, so one per xdist worker). Chromium starts with the first browser
test and stops after the last (``BrowserSession``), so no other test runs beside Playwright.

Every test collected under tests/browser/ is marked ``browser`` (deselect them with
``-m "not browser"``, as CI's PostgreSQL stage does) and runs with a transactional database
with ``serialized_rollback``: the live server's thread reads what the test writes, so the
test's data must be committed, and a transactional test ends by emptying every table; the
serialized rollback puts back, at the start of each browser test, the question wording the
data migrations loaded (tests/records/test_chain.py does the same for its threads).

Fixtures:

- ``new_context(**options)``: a fresh browser context (its own cookies: one person), 1280 px
  wide, with ``bypass_csp`` so that the accessibility checks can inject axe-core under the
  app's strict Content-Security-Policy (and axe-core already loaded in each page, see
  tests/browser/a11y.py). ``context`` and ``page``: a first context and a page of it.
- ``sign_in(context, user)``: the session cookie of Django's ``force_login``; journeys that
  are about signing in use the real form (tests/browser/pages.py, ``login_form``).
- ``signing_keys``: the record key and document certificate in the test's own folder.
- ``tests.browser.support.outside_the_loop(function)``: setup that must not run in the
  test's thread while Playwright's loop runs there, such as making a signed record.

When a test fails, every page still open is saved under tests/browser/artifacts/failures/
<test>/ (a full-page screenshot and its HTML) and the failure report names the files; the
folder goes when the test passes again.

Chromium is /usr/bin/chromium (Debian's package ``chromium``; ``make install`` and ``make
test`` install it); ``GPAI_BROWSER_CHROMIUM`` names another. Without it the tests fail,
saying so: they never skip.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from tests.browser.a11y import axe_source
from tests.browser.support import ARTIFACTS

CHROMIUM = Path(os.environ.get("GPAI_BROWSER_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking switches Chromium's own connections (updates, sync,
# field trials) are refused en masse on a machine without general network access.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FAILURES = ARTIFACTS / "failures"
DESKTOP = {"width": 1280, "height": 900}
# A failing step should fail in seconds, not after Playwright's default 30 s.
TIMEOUT_MS = 10_000
# expect() waits as long as an action (its default, 5 s, is short on a busy 2-core machine).
expect.set_options(timeout=TIMEOUT_MS)
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

_PAGES = pytest.StashKey[list[Page]]()
_HERE = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: a Playwright test in Chromium against the live server (tests/browser/); "
        'selected by default, deselected with -m "not browser"',
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


# ------------------------------------------------------------------ the browser


class BrowserSession:
    """Playwright and Chromium, started for the first browser test of a run of them and
    stopped after the last (``pytest_runtest_teardown`` below), so normally once per worker.

    Playwright's sync API keeps an asyncio loop running in the test's thread for as long as
    it runs, and no other test may run beside that loop: code that calls ``asyncio.run``,
    such as pyHanko's PDF signing, fails in a thread with a running loop (pytest-django runs
    transactional tests, these among them, after the others, but tests without a database
    after all). Django, too, behaves differently in such a thread, in two ways that matter:

    - it refuses ORM calls ("You cannot call this from an async context"). The tests' own
      calls are synchronous all the same (the live server answers on its own thread), so
      Django is told so (DJANGO_ALLOW_ASYNC_UNSAFE) while the loop runs;
    - ``django.db.connections`` keeps its connections per async context instead of per thread,
      so the test thread would get new connection objects, without the contents of the test
      database that ``serialized_rollback`` puts back (``_test_serialized_contents``): every
      browser test after the first would find the question wording gone. So the connections
      the test database was made with are handed to the loop's context as they are."""

    def __init__(self) -> None:
        self._playwright: Any = None  # the sync_playwright() context manager, while running
        self._browser: Browser | None = None
        self._previous_async_unsafe: str | None = None

    def browser(self) -> Browser:
        if self._browser is None:
            self._start()
        assert self._browser is not None
        return self._browser

    def _start(self) -> None:
        from django.db import connections

        if not os.access(CHROMIUM, os.X_OK):
            pytest.fail(
                f"The browser tests need Chromium at {CHROMIUM}, and it is not there. Install "
                "the Debian package: `sudo apt-get install -y chromium` (`make install` or "
                "`make test` does it when run as root), or set GPAI_BROWSER_CHROMIUM to a "
                "Chromium binary. Only CI's PostgreSQL stage leaves these tests out "
                '(-m "not browser").',
                pytrace=False,
            )
        made_with = {alias: connections[alias] for alias in connections}
        self._previous_async_unsafe = os.environ.get(ASYNC_UNSAFE)
        os.environ[ASYNC_UNSAFE] = "true"
        self._playwright = sync_playwright()
        driver: Playwright = self._playwright.__enter__()
        for alias, connection in made_with.items():
            connections[alias] = connection
        try:
            self._browser = driver.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self._playwright is None:
            return
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            self._browser = None
            self._playwright.__exit__(None, None, None)
            self._playwright = None
            if self._previous_async_unsafe is None:
                os.environ.pop(ASYNC_UNSAFE, None)
            else:
                os.environ[ASYNC_UNSAFE] = self._previous_async_unsafe


_SESSION = pytest.StashKey[BrowserSession]()


@pytest.fixture(scope="session")
def browser_session(
    request: pytest.FixtureRequest, django_db_setup: None, live_server: Any
) -> Iterator[BrowserSession]:
    """The live server starts before Chromium (once the test database exists, whose
    connection it shares with its threads) and stops after it: a request still open when
    the browser closes ends in a server thread, which must find that connection still shared
    with it."""
    session = BrowserSession()
    request.config.stash[_SESSION] = session
    yield session
    session.stop()


@pytest.fixture
def chromium(browser_session: BrowserSession) -> Browser:
    return browser_session.browser()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """After the last of a run of browser tests, Playwright's loop stops: the next test
    (if any) is not one of them."""
    try:
        return (yield)
    finally:
        session = item.config.stash.get(_SESSION, None)
        if session is not None and (nextitem is None or not _is_browser_test(nextitem)):
            session.stop()


def _is_browser_test(item: pytest.Item) -> bool:
    return _HERE in Path(str(item.path)).parents


@pytest.fixture
def new_context(
    chromium: Browser, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[Callable[..., BrowserContext]]:
    contexts: list[BrowserContext] = []
    pages = request.node.stash.setdefault(_PAGES, [])

    def make(**options: Any) -> BrowserContext:
        settings: dict[str, Any] = {
            "base_url": live_server.url,
            "viewport": DESKTOP,
            "bypass_csp": True,
            "locale": "en-GB",
            "timezone_id": "UTC",
            "accept_downloads": True,
        }
        settings.update(options)
        context = chromium.new_context(**settings)
        context.set_default_timeout(TIMEOUT_MS)
        # axe-core in every page before the page's own scripts: Chromium compiles it once
        # per context, where injecting it into each page state costs a few tenths of a
        # second. assert_accessible injects it itself on pages of other contexts.
        context.add_init_script(script=axe_source())
        context.on("page", lambda opened: pages.append(opened))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def sign_in(live_server: Any) -> Callable[[BrowserContext, User], None]:
    """Sign ``user`` in to ``context`` without the login form: the session cookie Django's
    test client gets from ``force_login``."""

    def sign_in(context: BrowserContext, user: User) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return sign_in


@pytest.fixture
def signing_keys(settings: Any, tmp_path: Path) -> Path:
    """The record signing key, the document certificate and the stored reports in the test's
    own folder (`manage.py signing_key create`), as tests/records/conftest.py does."""
    settings.RECORD_SIGNING_KEY_FILE = tmp_path / "keys" / "record-signing-key.pem"
    settings.RECORD_DOCUMENT_CERT_FILE = tmp_path / "keys" / "document-certificate.p12"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("signing_key", "create", stdout=StringIO(), stderr=StringIO())
    return tmp_path


# ------------------------------------------------------------------ artifacts on failure


def _artifact_folder(item: pytest.Item) -> Path:
    name = re.sub(r"[^\w.-]+", "_", item.nodeid.split("::", 1)[-1]).strip("_")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return FAILURES / (f"{name}-{worker}" if worker else name)


def save_artifacts(item: pytest.Item) -> list[str]:
    """A full-page screenshot and the HTML of every page the test still has open."""
    pages = [page for page in item.stash.get(_PAGES, []) if not page.is_closed()]
    if not pages:
        return []
    folder = _artifact_folder(item)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    lines = []
    for number, page in enumerate(pages, start=1):
        stem = folder / f"page-{number}"
        saved = []
        try:
            page.screenshot(path=f"{stem}.png", full_page=True, timeout=5_000)
            saved.append(f"{stem}.png")
        except Exception as error:  # the report must still be written
            saved.append(f"(no screenshot: {error.__class__.__name__})")
        try:
            Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
            saved.append(f"{stem}.html")
        except Exception as error:
            saved.append(f"(no HTML: {error.__class__.__name__})")
        lines.append(f"page {number} at {page.url}:\n  " + "\n  ".join(saved))
    return lines


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call" and report.passed:
        shutil.rmtree(_artifact_folder(item), ignore_errors=True)  # an earlier failure's
    if report.failed and report.when in ("setup", "call"):
        lines = save_artifacts(item)
        if lines:
            text = "\n".join(lines)
            longrepr = report.longrepr
            if hasattr(longrepr, "addsection"):
                longrepr.addsection("browser artifacts (screenshot and HTML)", text)
            else:
                report.sections.append(("browser artifacts (screenshot and HTML)", text))
    return report
