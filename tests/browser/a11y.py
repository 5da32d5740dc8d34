"""Accessibility checks for the browser tests.

``assert_accessible(page)`` runs axe-core (vendored in tests/browser/vendor/, a test asset the
app never serves: see vendor/README.md) on the page as it stands and fails on every violation
of impact "serious" or "critical", listing each rule with its help text and the elements.
``assert_no_horizontal_scroll(page)`` checks WCAG 1.4.10 (reflow) at 320 CSS pixels: nothing
wider than the window, so no sideways scrolling. ``check_page`` does both, and is what the
journeys call on every page state.

axe is injected with a <script> element (``add_script_tag``), which the app's
Content-Security-Policy would refuse: the test contexts are made with ``bypass_csp``
(tests/browser/conftest.py), which also preloads axe in every page as an init script. A page
that runs no scripts (JavaScript off, or the policy in force) is checked in a copy that does
(``scripted_copy``): axe-core waits on timers, which would never fire there.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from playwright.sync_api import Browser, Page, Route, ViewportSize

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")
REFLOW_WIDTH = 320


@cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def _inject_axe(page: Page) -> None:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())


def scripts_run(page: Page) -> bool:
    """Whether the page runs scripts: a script element added to it runs at once if so. It is
    false when JavaScript is off, and also under the app's Content-Security-Policy unless the
    context bypasses it."""
    return bool(
        page.evaluate(
            """() => {
                const probe = document.createElement("script");
                probe.textContent = "window.__scriptsRun = true;";
                document.head.appendChild(probe);
                probe.remove();
                const ran = window.__scriptsRun === true;
                delete window.__scriptsRun;
                return ran;
            }"""
        )
    )


class _Copier:
    """A page in a context of its own that shows given markup at a given address."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(bypass_csp=True)
        self.context.route("**/*.js", lambda route: route.abort())
        self.context.add_init_script(script=axe_source())
        self.page = self.context.new_page()
        self.address = ""
        self.html = ""
        self.page.route(lambda url: url == self.address, self._serve)

    def _serve(self, route: Route) -> None:
        route.fulfill(body=self.html, content_type="text/html; charset=utf-8")

    def show(self, address: str, html: str, viewport: ViewportSize | None) -> Page:
        self.address, self.html = address, html
        if viewport:
            self.page.set_viewport_size(viewport)
        self.page.goto(address, wait_until="load")
        return self.page


# One copier per browser, made at the first copy: a context and a page take a while.
_COPIERS: WeakKeyDictionary[Browser, _Copier] = WeakKeyDictionary()


def scripted_copy(page: Page) -> Page:
    """The page as it stands, loaded at its own address in a context that runs scripts (but
    not the page's own: they would change it) and bypasses the Content-Security-Policy.

    axe-core waits on timers, which never fire where JavaScript is off: run there, it would
    hang. The copy has the same markup, styles and width, so axe sees what the person sees."""
    browser = page.context.browser
    assert browser is not None, "the page's context has no browser"
    copier = _COPIERS.get(browser)
    if copier is None:
        copier = _COPIERS[browser] = _Copier(browser)
    return copier.show(page.url, page.content(), page.viewport_size)


def _run_axe(page: Page) -> list[dict[str, Any]]:
    _inject_axe(page)
    results: dict[str, Any] = page.evaluate(
        """async () => {
            const results = await window.axe.run(document, {resultTypes: ["violations"]});
            return {violations: results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "),
                                          summary: n.failureSummary}))
            }))};
        }"""
    )
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands, every impact."""
    return _run_axe(page if scripts_run(page) else scripted_copy(page))


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}")
            summary = (node["summary"] or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page, *, state: str = "") -> None:
    """No axe-core violation of impact serious or critical on the page as it stands.

    With GPAI_AXE_LOG set to a file name, every page state's violations of any impact
    (moderate and minor too, which do not fail) are appended to it, one JSON line each."""
    violations = axe_violations(page)
    log = os.environ.get("GPAI_AXE_LOG")
    if log:
        line = {"state": state, "url": page.url, "violations": violations}
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    where = f"{state} ({page.url})" if state else page.url
    assert not failing, f"accessibility violations on {where}:\n{describe(failing)}"


def assert_no_horizontal_scroll(page: Page, *, width: int = REFLOW_WIDTH, state: str = "") -> None:
    """At ``width`` CSS pixels the page reflows: it is no wider than the window (WCAG 1.4.10).
    The viewport is set back afterwards."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": width, "height": viewport["height"] if viewport else 800})
    try:
        sizes: dict[str, Any] = page.evaluate(
            """() => {
                const root = document.documentElement;
                const wide = [...document.body.querySelectorAll("*")]
                    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 0.5)
                    .filter(el => !el.closest(".visually-hidden"))
                    .slice(0, 5)
                    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                         + (el.className && typeof el.className === "string"
                            ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
                return {scroll: root.scrollWidth, client: root.clientWidth, wide};
            }"""
        )
    finally:
        if viewport:
            page.set_viewport_size(viewport)
    where = f"{state} ({page.url})" if state else page.url
    assert sizes["scroll"] <= sizes["client"], (
        f"{where} scrolls sideways at {width} CSS px (WCAG 1.4.10): the document is "
        f"{sizes['scroll']} px wide in a {sizes['client']} px window; wider elements: "
        f"{', '.join(sizes['wide']) or 'none found'}"
    )


def check_page(page: Page, state: str = "", *, reflow: bool = True) -> None:
    """Every page state of a journey: axe at the current width, then reflow at 320 px."""
    assert_accessible(page, state=state)
    if reflow:
        assert_no_horizontal_scroll(page, state=state)
