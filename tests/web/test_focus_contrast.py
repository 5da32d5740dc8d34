"""Keyboard users see where they are (issue 10: the amber ring on white was about 1.6:1).
The focus indicator of links, buttons and form controls has at least 3:1 contrast against
what is next to it (WCAG 2.2, 1.4.11 and 2.4.13), on the white page and in the blue header,
and focused link text stays readable (4.5:1). Read from the stylesheet the pages use: the
last rule for a selector wins, as in the browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

APP_CSS = Path(settings.BASE_DIR) / "static" / "css" / "app.css"
WHITE = "#ffffff"


def top_level_rules(css: str) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of every rule outside @media blocks, in order."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    depth, start, selector = 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selector = css[start:index].strip()
            depth, start = depth + 1, index + 1
        elif char == "}":
            depth, body, start = depth - 1, css[start:index], index + 1
            if depth == 0 and not selector.startswith("@"):
                parts = (part.partition(":") for part in body.split(";") if ":" in part)
                declarations = {name.strip(): value.strip() for name, _, value in parts}
                rules.append(([item.strip() for item in selector.split(",")], declarations))
    return rules


def declared(rules: list[tuple[list[str], dict[str, str]]], selector: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for selectors, declarations in rules:
        if selector in selectors:
            found.update(declarations)
    return found


def resolve(value: str, variables: dict[str, str]) -> str:
    return re.sub(r"var\((--[\w-]+)\)", lambda match: variables[match.group(1)], value)


def colours(value: str) -> list[str]:
    return re.findall(r"#[0-9a-fA-F]{6}\b", value)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(two)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture(scope="module")
def styles() -> tuple[list[tuple[list[str], dict[str, str]]], dict[str, str]]:
    rules = top_level_rules(APP_CSS.read_text(encoding="utf-8"))
    variables = {
        name: value
        for selectors, declarations in rules
        if ":root" in selectors
        for name, value in declarations.items()
        if name.startswith("--")
    }
    return rules, variables


def indicator(style: dict[str, str]) -> str:
    """The colour that marks the focus: the dark bar under a link or button (the last
    box-shadow), else the outline."""
    shadow = colours(style.get("box-shadow", ""))
    return shadow[-1] if shadow else colours(style.get("outline", ""))[0]


def test_a_focused_link_or_button_turns_yellow_with_a_dark_bar_that_stands_out(styles):
    rules, variables = styles
    header = variables["--accent-dark"]
    for selector in ("a:focus-visible", ".button:focus-visible", ".link-button:focus-visible"):
        style = {k: resolve(v, variables) for k, v in declared(rules, selector).items()}
        bar = indicator(style)
        assert contrast(bar, WHITE) >= 3, selector
        background = colours(style.get("background-color", ""))
        assert background, f"{selector}: no highlight behind the focused text"
        assert contrast(bar, background[0]) >= 3, selector
        assert contrast(background[0], header) >= 3, f"{selector} in the header"
        assert contrast(colours(style["color"])[0], background[0]) >= 4.5, selector


def test_a_focused_form_control_gets_a_dark_ring_that_stands_out(styles):
    rules, variables = styles
    for selector in ("input:focus-visible", "select:focus-visible", "[tabindex]:focus-visible"):
        style = {k: resolve(v, variables) for k, v in declared(rules, selector).items()}
        ring = colours(style.get("outline", ""))
        assert ring, f"{selector}: no outline colour"
        assert style["outline"].startswith("3px solid"), selector
        assert contrast(ring[0], WHITE) >= 3, selector
        assert contrast(ring[0], variables["--surface"]) >= 3, selector
