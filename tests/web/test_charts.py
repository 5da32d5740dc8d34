"""The training-compute chart: its arithmetic (questionnaire.charts), its SVG template, and
the static checks of the wizard's script."""

import itertools
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from questionnaire.charts import ComputeChart, ThresholdLine, compute_chart
from questionnaire.scoring import load

TEMPLATE = "questionnaire/includes/compute_chart.html"
SVG = "{http://www.w3.org/2000/svg}"
WIZARD_JS = Path(settings.BASE_DIR) / "static" / "js" / "wizard.js"


@pytest.fixture
def rules():
    return load()


def chart_for(rules, estimate, cumulative=None, **kwargs) -> ComputeChart:
    chart = compute_chart(
        estimate=Decimal(estimate),
        rules=rules,
        cumulative=None if cumulative is None else Decimal(cumulative),
        **kwargs,
    )
    assert chart is not None
    return chart


def render(chart, **context) -> str:
    return render_to_string(TEMPLATE, {"chart": chart, **context})


def svg_root(html: str) -> ET.Element:
    return ET.fromstring(html.strip())  # noqa: S314 - our own template's output, not user XML


def child(root: ET.Element, name: str) -> ET.Element:
    found = root.find(f"{SVG}{name}")
    assert found is not None, f"no <{name}>"
    return found


def threshold(chart: ComputeChart, key: str) -> ThresholdLine:
    return next(line for line in chart.thresholds if line.key == key)


# --- compute_chart ------------------------------------------------------------------------


def test_no_estimate_gives_no_chart_and_the_template_draws_nothing(rules):
    assert compute_chart(estimate=None, rules=rules) is None
    assert compute_chart(estimate=None, rules=rules, cumulative=Decimal("1e25")) is None
    assert render(None).strip() == ""


def test_the_default_axis_runs_over_the_decades_10_20_to_10_27(rules):
    chart = chart_for(rules, "3.2e24")

    assert (chart.min_exponent, chart.max_exponent) == (20, 27)
    assert [tick.exponent for tick in chart.ticks] == list(range(20, 28))
    assert [tick.label for tick in chart.ticks] == [f"10^{n}" for n in range(20, 28)]
    assert chart.ticks[0].x == chart.plot_left
    assert chart.ticks[-1].x == chart.plot_right
    gaps = {round(b.x - a.x, 1) for a, b in itertools.pairwise(chart.ticks)}
    assert len(gaps) == 1, "decades are evenly spaced on a log scale"


def test_threshold_lines_sit_at_their_log_positions_with_their_labels(rules):
    chart = chart_for(rules, "1e24")
    gpai, systemic = threshold(chart, "gpai"), threshold(chart, "systemic_risk")
    ticks = {tick.exponent: tick.x for tick in chart.ticks}

    assert gpai.x < systemic.x
    assert gpai.x == pytest.approx(ticks[23], abs=0.01)
    assert systemic.x == pytest.approx(ticks[25], abs=0.01)
    assert gpai.label == "10^23 · GPAI indicative criterion"
    assert systemic.label == "10^25 · systemic-risk presumption"
    assert gpai.value == rules.gpai_training_flop
    assert systemic.value == rules.systemic_risk_cumulative_flop


def test_an_estimate_of_10_24_is_halfway_between_the_thresholds(rules):
    chart = chart_for(rules, "1e24")
    gpai, systemic = threshold(chart, "gpai"), threshold(chart, "systemic_risk")

    assert chart.estimate.x == pytest.approx((gpai.x + systemic.x) / 2, abs=0.01)


def test_the_band_spans_the_estimate_margin_around_the_estimate(rules):
    chart = chart_for(rules, "3.2e24")
    band = chart.band

    assert rules.estimate_margin == Decimal("0.3")
    assert band.low == Decimal("0.7") * Decimal("3.2e24")
    assert band.high == Decimal("1.3") * Decimal("3.2e24")
    assert band.x == pytest.approx(chart.x_for(band.low), abs=0.01)
    assert band.x + band.width == pytest.approx(chart.x_for(band.high), abs=0.02)
    assert band.x < chart.estimate.x < band.x + band.width
    # on a log scale the band is wider below the estimate than above it
    assert chart.estimate.x - band.x > band.x + band.width - chart.estimate.x
    assert band.low_text == "2.2 × 10^24"
    assert band.high_text == "4.2 × 10^24"


def test_the_hatching_stays_inside_the_band(rules):
    band = chart_for(rules, "3.2e24").band

    assert band.hatch
    for segment in band.hatch:
        for x, y in ((segment.x1, segment.y1), (segment.x2, segment.y2)):
            assert band.x - 0.01 <= x <= band.x + band.width + 0.01
            assert band.y - 0.01 <= y <= band.y + band.height + 0.01


@pytest.mark.parametrize(
    ("estimate", "expected"),
    [
        (
            "3.2e24",
            "Training compute estimate 3.2 × 10^24 FLOP (range 2.2 × 10^24 to 4.2 × 10^24): "
            "above the 10^23 threshold, below the 10^25 threshold.",
        ),
        (
            "9e22",
            "Training compute estimate 9.0 × 10^22 FLOP (range 6.3 × 10^22 to 1.2 × 10^23): "
            "below but within ±30% of the 10^23 threshold, below the 10^25 threshold.",
        ),
        (
            "1e23",
            "Training compute estimate 10^23 FLOP (range 7.0 × 10^22 to 1.3 × 10^23): "
            "exactly at the 10^23 threshold, so not above it, and within ±30% of it, "
            "below the 10^25 threshold.",
        ),
        (
            "2e24",
            "Training compute estimate 2.0 × 10^24 FLOP (range 1.4 × 10^24 to 2.6 × 10^24): "
            "above the 10^23 threshold, below the 10^25 threshold.",
        ),
        (
            "9e24",
            "Training compute estimate 9.0 × 10^24 FLOP (range 6.3 × 10^24 to 1.2 × 10^25): "
            "above the 10^23 threshold, below but within ±30% of the 10^25 threshold.",
        ),
        (
            "5e25",
            "Training compute estimate 5.0 × 10^25 FLOP (range 3.5 × 10^25 to 6.5 × 10^25): "
            "above the 10^23 threshold, above the 10^25 threshold.",
        ),
    ],
)
def test_the_description_says_where_the_estimate_stands(rules, estimate, expected):
    chart = chart_for(rules, estimate)

    assert chart.description == expected
    html = render(chart)
    root = svg_root(html)
    assert child(root, "desc").text == expected


def test_exactly_at_a_threshold_is_not_above_it(rules):
    """Thresholds are strict (gpai-rules.md): 10^25 exactly does not cross 10^25."""
    description = chart_for(rules, "1e25").description

    assert "not above" in description
    assert "above the 10^25 threshold" not in description
    assert "above the 10^23 threshold" in description


def test_just_above_a_threshold_is_above_it_and_borderline(rules):
    description = chart_for(rules, "1.0000000001e25").description

    assert "above but within ±30% of the 10^25 threshold" in description


def test_borderline_wording_follows_the_margin_exactly(rules):
    """0.7·E ≤ T ≤ 1.3·E, as the engine's `borderline` flag: at E = T/1.3 it still holds."""
    edge = Decimal("1e25") / Decimal("1.3")
    assert "within ±30% of the 10^25 threshold" in chart_for(rules, edge).description
    below_edge = edge * Decimal("0.999")
    assert "within ±30%" not in chart_for(rules, below_edge).description


def test_a_different_cumulative_figure_gets_its_own_marker_and_meets_the_10_25_threshold(rules):
    chart = chart_for(rules, "3.2e24", cumulative="1.2e25")

    assert chart.cumulative is not None
    assert chart.cumulative.value == Decimal("1.2e25")
    assert chart.cumulative.x > threshold(chart, "systemic_risk").x
    assert chart.cumulative.dasharray, "told apart from the estimate without colour"
    assert chart.description == (
        "Training compute estimate 3.2 × 10^24 FLOP (range 2.2 × 10^24 to 4.2 × 10^24): "
        "above the 10^23 threshold; cumulative training compute 1.2 × 10^25 FLOP: "
        "above but within ±30% of the 10^25 threshold."
    )
    html = render(chart)
    assert "Cumulative 1.2 × 10^25 FLOP" in html
    assert "Cumulative training compute" in html


def test_a_cumulative_figure_equal_to_the_estimate_is_not_drawn_twice(rules):
    chart = chart_for(rules, "3.2e24", cumulative="3.2e24")

    assert chart.cumulative is None
    assert "Cumulative" not in render(chart)


@pytest.mark.parametrize(
    ("estimate", "min_exponent", "max_exponent"),
    [
        ("1e30", 20, 32),  # band up to 1.3e30; 12 decades, labelled every other one
        ("1e27", 20, 28),  # 1.3e27 is past the last decade
        ("9e26", 20, 28),
        ("5e26", 20, 27),
        ("1e20", 19, 27),  # 7e19 is before the first decade
        ("1.5e20", 20, 27),
        ("1e18", 17, 27),
    ],
)
def test_an_estimate_band_outside_10_20_to_10_27_widens_the_axis(
    rules, estimate, min_exponent, max_exponent
):
    chart = chart_for(rules, estimate)

    assert (chart.min_exponent, chart.max_exponent) == (min_exponent, max_exponent)
    assert chart.plot_left <= chart.band.x
    assert chart.band.x + chart.band.width <= chart.plot_right + 0.01


def test_a_cumulative_figure_outside_the_axis_widens_it_too(rules):
    chart = chart_for(rules, "1e24", cumulative="5e28")

    assert chart.max_exponent == 29
    assert chart.cumulative is not None
    assert chart.cumulative.x <= chart.plot_right


def test_a_very_long_axis_labels_only_some_decades(rules):
    chart = chart_for(rules, "1e120")

    labelled = [tick for tick in chart.ticks if tick.label]
    assert chart.min_exponent == 20
    assert chart.max_exponent >= 121
    assert 2 <= len(labelled) <= 11
    assert labelled[0].exponent == 20
    assert labelled[-1].exponent == chart.max_exponent


def test_non_positive_figures_are_refused(rules):
    with pytest.raises(ValueError, match="positive"):
        compute_chart(estimate=Decimal(0), rules=rules)
    with pytest.raises(ValueError, match="positive"):
        compute_chart(estimate=Decimal(5), rules=rules, cumulative=Decimal(-1))


@pytest.mark.parametrize("estimate", ["1e3", "9e22", "1e23", "3.2e24", "1e25", "5e25", "1e30"])
def test_labels_stay_inside_the_chart_and_threshold_labels_do_not_cross_other_lines(
    rules, estimate
):
    chart = chart_for(rules, estimate)

    for line in chart.thresholds:
        width = len(line.label) * chart.font_size * 0.6
        left = line.label_x if line.label_anchor == "start" else line.label_x - width
        assert 0 <= left and left + width <= chart.width, line.label
        label_top = line.label_y - chart.font_size
        for other in chart.thresholds:
            if other is not line and other.y_top <= label_top:
                assert not left <= other.x <= left + width, f"{other.key} crosses {line.key}"
    assert chart.ticks[0].label and chart.ticks[-1].label


# --- the template --------------------------------------------------------------------------


def test_the_svg_is_an_image_labelled_by_its_title_and_description(rules):
    chart = chart_for(rules, "3.2e24")
    html = render(chart)
    root = svg_root(html)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = child(root, "title"), child(root, "desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.get("id") == "compute-chart-title"
    assert desc.get("id") == "compute-chart-desc"
    assert "log scale" in (title.text or "")
    assert desc.text == chart.description
    assert root.get("viewBox") == f"0 0 {chart.width} {chart.height}"
    assert root.get("height") is None, "the viewBox sets the proportions, so it scales"


def test_ids_are_unique_per_chart_from_the_context_or_the_chart(rules):
    from_chart = render(chart_for(rules, "3.2e24", chart_id="training"))
    from_context = render(chart_for(rules, "3.2e24"), chart_id="check-estimate")

    assert 'id="training-title"' in from_chart
    assert 'aria-labelledby="training-title training-desc"' in from_chart
    assert 'id="check-estimate-title"' in from_context
    assert 'id="check-estimate-desc"' in from_context
    assert 'id="compute-chart-title"' not in from_context


def test_the_svg_has_no_style_and_no_script_so_a_strict_csp_can_follow(rules):
    html = render(chart_for(rules, "3.2e24", cumulative="1.2e25"))

    assert not re.search(r"\sstyle\s*=", html, re.IGNORECASE)
    assert not re.search(r"<style\b", html, re.IGNORECASE)
    assert "<script" not in html.lower()
    assert not re.search(r"\son\w+\s*=", html, re.IGNORECASE)
    assert "var(" not in html


def test_the_svg_uses_only_plain_svg_1_1_elements_weasyprint_draws(rules):
    root = svg_root(render(chart_for(rules, "3.2e24", cumulative="1.2e25")))

    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "rect", "line", "text"}
    assert "foreignObject" not in tags


def test_the_svg_draws_thresholds_band_markers_ticks_and_a_legend(rules):
    chart = chart_for(rules, "3.2e24")
    html = render(chart)
    root = svg_root(html)
    texts = [element.text or "" for element in root.iter(f"{SVG}text")]

    assert "10^23 · GPAI indicative criterion" in texts
    assert "10^25 · systemic-risk presumption" in texts
    assert "Estimate 3.2 × 10^24 FLOP" in texts
    assert [f"10^{n}" for n in range(20, 28)] == [t for t in texts if re.fullmatch(r"10\^\d+", t)]
    legend = " ".join(texts)
    assert "Training compute estimate" in legend
    assert "±30% error margin of the estimate" in legend
    assert "10^23 threshold (GPAI indicative criterion)" in legend
    assert "10^25 threshold (systemic-risk presumption)" in legend
    assert "log scale" in legend
    lines = list(root.iter(f"{SVG}line"))
    for line in chart.thresholds:
        drawn = [
            element
            for element in lines
            if element.get("x1") == element.get("x2") == str(line.x)
            and element.get("stroke-dasharray") == line.dasharray
        ]
        assert drawn, f"no line at {line.x} for {line.key}"
    rects = list(root.iter(f"{SVG}rect"))
    assert any(rect.get("x") == str(chart.band.x) for rect in rects)


def test_the_chart_reads_in_black_and_white(rules):
    chart = chart_for(rules, "3.2e24", cumulative="1.2e25")
    assert chart.cumulative is not None

    dashes = [line.dasharray for line in chart.thresholds]
    assert all(dashes) and len(set(dashes)) == len(dashes)
    assert chart.estimate.dasharray == ""  # solid
    assert chart.cumulative.dasharray not in dashes
    assert chart.band.hatch
    band_swatch = next(item for item in chart.legend if item.kind == "band")
    assert band_swatch.hatch, "the legend's band swatch is hatched like the band"


def test_text_is_at_least_11_units_and_coordinates_keep_a_decimal_point(rules, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    chart = chart_for(rules, "3.2e24")
    with translation.override("de"):
        html = render(chart)
    root = svg_root(html)

    sizes = [float(e.get("font-size") or 0) for e in root.iter() if e.get("font-size") is not None]
    assert sizes and min(sizes) >= 11
    for element in root.iter():
        for name in ("x", "y", "x1", "x2", "y1", "y2", "width", "height"):
            value = element.get(name)
            if value is None or (element.tag == f"{SVG}svg" and name == "width"):
                continue
            assert re.fullmatch(r"-?\d+(\.\d+)?", value), (element.tag, name, value)
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox") or "")


# --- wizard.js, checked without Node -------------------------------------------------------


@pytest.fixture(scope="module")
def wizard_js():
    return WIZARD_JS.read_text("utf-8")


def test_wizard_js_is_strict_and_evaluates_no_strings(wizard_js):
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", wizard_js, flags=re.DOTALL)

    assert '"use strict";' in code
    assert "eval(" not in code
    assert "new Function" not in code
    assert not re.search(r"set(Timeout|Interval)\(\s*['\"]", code)


def test_wizard_js_writes_text_never_html(wizard_js):
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", wizard_js, flags=re.DOTALL)

    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in code
    assert "textContent" in code


def test_wizard_js_adds_no_inline_handlers_or_styles(wizard_js):
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", wizard_js, flags=re.DOTALL)

    assert not re.search(r"setAttribute\(\s*['\"](on\w+|style)['\"]", code)
    assert not re.search(r"\.on(input|change|click|load)\s*=", code)
    assert ".style." not in code


def test_wizard_js_keeps_to_es2017(wizard_js):
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", wizard_js, flags=re.DOTALL)

    assert "?." not in code, "optional chaining is ES2020"
    assert "??" not in code, "nullish coalescing is ES2020"
    assert "(?<" not in code, "named groups and lookbehind are ES2018"
    assert not re.search(r"\bimport\b|\bexport\b", code), "no modules: no build step"


def test_wizard_js_holds_no_figure_of_the_rule_set(wizard_js):
    """The architecture factor, margins, thresholds and peaks come from the compute step's
    data- attributes (rendered from the rule set; tests/web/test_wizard_js.py), never from
    literals in the script, comments included."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", wizard_js, flags=re.DOTALL)

    assert not re.search(r"FACTOR\s*=", code), "no architecture-factor constant"
    assert not re.search(r"(?<![\w.])6\s*\*|\*\s*6(?![\w.])", code), "no factor 6 in a product"
    assert not re.search(r"(?<![\w.])0?\.30*(?![\w.])", wizard_js), "no 0.3 margin"
    assert not re.search(r"MARGIN\s*=", code), "no margin constant"
    for threshold in (r"10\s*(\^|\*\*)\s*2[35]\b", r"10²[³⁵]", r"\b1(\.0*)?[eE]\+?2[35]\b"):
        assert not re.search(threshold, wizard_js), threshold
    assert not re.search(r"\b30\s*%", wizard_js)
    for attribute in (
        "data-architecture-factor",
        "data-estimate-margin",
        "data-methods-disagree-margin",
        "data-thresholds",
        "data-peaks",
    ):
        assert f'"{attribute}"' in code, attribute
