"""The training-compute chart: an estimate against the thresholds, on a log scale.

``compute_chart`` does all the arithmetic and layout in Python, so the template
(``templates/questionnaire/includes/compute_chart.html``) only draws what it is given: plain
SVG 1.1 (``rect``, ``line``, ``text``, ``g``, ``title``, ``desc``) with presentation
attributes, no ``style``, so that it passes a strict Content-Security-Policy, prints in black
and white (dashes and hatching, not colour alone) and renders in WeasyPrint.

The decisions stay with the scoring engine; the chart only shows its figures. Thresholds are
strict (shared/spec/gpai-rules.md): an estimate exactly at a threshold is "not above" it.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_noop

from questionnaire.lib.markup import escape
from questionnaire.scoring import RuleSet
from questionnaire.scoring.documents import FiguresDocument
from questionnaire.scoring.numbers import format_human, localise_number

__all__ = [
    "Band",
    "ComputeChart",
    "LegendItem",
    "Marker",
    "Segment",
    "ThresholdLine",
    "Tick",
    "chart_from_figures",
    "compute_chart",
    "modification_base",
    "modification_threshold",
]

THRESHOLD_NAMES = {
    "gpai": gettext_noop("GPAI indicative criterion"),
    "systemic_risk": gettext_noop("systemic-risk presumption"),
    "modification": gettext_noop("modification criterion"),
}


def _t(text: str, language: str) -> str:
    """``text`` (an English msgid) in ``language``; as is in English: the chart of a
    result can be drawn for a reader of another language than the page's."""
    if language == "en":
        return text
    with translation.override(language):
        return translation.gettext(text)


def _figure(value: Decimal, language: str) -> str:
    """``format_human`` in the notation of ``language`` (``2,5 × 10^24`` in German)."""
    return localise_number(format_human(value), language)


DEFAULT_CHART_ID = "compute-chart"
AXIS_MIN_EXPONENT = 20
AXIS_MAX_EXPONENT = 27
MAX_TICK_LABELS = 10

# Geometry, in viewBox units (the SVG scales to its container; at the usual width one unit
# is about one CSS pixel, so 13 units is 13px on screen and about 10pt in print).
WIDTH = 720.0
PLOT_LEFT = 40.0
PLOT_RIGHT = 680.0
FONT_SIZE = 13
SMALL_FONT_SIZE = 12
CHAR_WIDTH = 0.6  # a generous average glyph width of a sans-serif font, per unit of size
BOLD_CHAR_WIDTH = 0.68
LABEL_GAP = 5.0
LABEL_ROW = 18.0
PLOT_HEIGHT = 72.0
LEGEND_ROW = 22.0
LEGEND_COLUMNS = 2
HATCH_SPACING = 6.0

# Ink: each element differs by dash pattern or fill pattern, colour only adds to it.
TEXT_COLOUR = "#1c2430"
ESTIMATE_STROKE = "#1d4f91"
BAND_FILL = "#dde5ef"
BAND_HATCH = "#4a5565"
THRESHOLD_STROKE = "#1c2430"
CUMULATIVE_STROKE = "#7a3b00"
THRESHOLD_DASHES = ("8 4", "12 4 2 4", "2 3")


@dataclass(frozen=True, slots=True)
class Segment:
    """A straight line, as the four attributes of an SVG ``line``."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class Tick:
    """A decade on the x axis."""

    exponent: int
    x: float
    label: str
    """``10^24``; empty when the decade is marked but not labelled (long axes)."""


@dataclass(frozen=True, slots=True)
class ThresholdLine:
    key: str
    """``gpai``, ``systemic_risk`` or ``modification``."""
    value: Decimal
    name: str
    """``GPAI indicative criterion``."""
    label: str
    """``10^24 · GPAI indicative criterion`` (the figure is the rule set's)."""
    legend: str
    x: float
    y_top: float
    y_bottom: float
    label_x: float
    label_y: float
    label_anchor: str
    """``start`` or ``end``: the label sits beside its line, never across another."""
    dasharray: str
    stroke: str = THRESHOLD_STROKE
    stroke_width: float = 2.0


@dataclass(frozen=True, slots=True)
class Marker:
    """A vertical mark for one FLOP figure, with its label under the axis."""

    value: Decimal
    text: str
    """``3.2 × 10^24``."""
    label: str
    """``Estimate 3.2 × 10^24 FLOP``."""
    x: float
    y_top: float
    y_bottom: float
    label_x: float
    label_y: float
    label_anchor: str
    stroke: str
    stroke_width: float
    dasharray: str
    """Empty for a solid line (the template then omits the attribute)."""


@dataclass(frozen=True, slots=True)
class Band:
    """The estimate's error margin, (1 − m)·E to (1 + m)·E, as a hatched rectangle."""

    low: Decimal
    high: Decimal
    low_text: str
    high_text: str
    x: float
    y: float
    width: float
    height: float
    hatch: tuple[Segment, ...]
    fill: str = BAND_FILL
    stroke: str = BAND_HATCH
    hatch_stroke: str = BAND_HATCH


@dataclass(frozen=True, slots=True)
class LegendItem:
    kind: str
    """``line`` (draw ``swatch_line``) or ``band`` (draw ``swatch_rect`` and ``hatch``)."""
    text: str
    text_x: float
    text_y: float
    stroke: str
    stroke_width: float
    dasharray: str
    swatch_line: Segment | None = None
    swatch_rect: tuple[float, float, float, float] | None = None
    """x, y, width, height."""
    hatch: tuple[Segment, ...] = ()
    fill: str = "none"


@dataclass(frozen=True, slots=True)
class ComputeChart:
    """Everything the template needs to draw the chart, coordinates included."""

    chart_id: str
    width: float
    height: float
    plot_left: float
    plot_right: float
    axis_y: float
    min_exponent: int
    max_exponent: int
    ticks: tuple[Tick, ...]
    tick_top: float
    tick_bottom: float
    tick_label_y: float
    thresholds: tuple[ThresholdLine, ...]
    estimate: Marker
    band: Band
    cumulative: Marker | None
    legend: tuple[LegendItem, ...]
    margin_text: str
    """``±`` and the rule set's estimate margin as a percentage."""
    caption: str
    caption_x: float
    caption_y: float
    title: str
    description: str
    font_size: int = FONT_SIZE
    small_font_size: int = SMALL_FONT_SIZE
    text_colour: str = TEXT_COLOUR

    @property
    def view_box(self) -> str:
        return f"0 0 {_r(self.width)} {_r(self.height)}"

    def x_for(self, value: Decimal) -> float:
        return _x_for(value, self.min_exponent, self.max_exponent)


def compute_chart(
    *,
    estimate: Decimal | None,
    rules: RuleSet,
    cumulative: Decimal | None = None,
    chart_id: str = DEFAULT_CHART_ID,
    modification_threshold: Decimal | None = None,
) -> ComputeChart | None:
    """The chart of a training-compute ``estimate`` being typed (and, when it differs, the
    cumulative compute) against the rule set's thresholds; ``None`` when there is no
    estimate. For a stored result use ``chart_from_figures``, which draws what was signed.

    The GPAI threshold is compared with the training compute and the systemic-risk threshold
    with the cumulative compute (gpai-rules.md §2), as the engine does. For a modification,
    ``modification_threshold`` (the fraction of the original's compute, see
    ``modification_threshold``) takes the GPAI threshold's place: the estimate is then the
    modification's own compute (gpai-rules.md §5). ``chart_id`` makes the SVG's ids unique
    when a page shows several charts.
    """
    first = (
        ("gpai", rules.gpai_training_flop)
        if modification_threshold is None
        else ("modification", modification_threshold)
    )
    return _chart(
        estimate=estimate,
        cumulative=cumulative,
        thresholds=[
            (first[0], first[1], THRESHOLD_NAMES[first[0]]),
            (
                "systemic_risk",
                rules.systemic_risk_cumulative_flop,
                THRESHOLD_NAMES["systemic_risk"],
            ),
        ],
        margin=rules.estimate_margin,
        chart_id=chart_id,
    )


def modification_base(
    rules: RuleSet, *, original_flop: Decimal | None, original_systemic_risk: bool | None
) -> Decimal:
    """The compute a modification is measured against: the original's, or, when that is
    unknown, the systemic-risk threshold (an original with systemic risk) or the GPAI
    threshold (gpai-rules.md §5)."""
    if original_flop is not None:
        return original_flop
    if original_systemic_risk:
        return rules.systemic_risk_cumulative_flop
    return rules.gpai_training_flop


def modification_threshold(
    rules: RuleSet, *, original_flop: Decimal | None, original_systemic_risk: bool | None
) -> Decimal:
    """The compute a modification must exceed to make the modifier a provider, for display:
    the rule set's fraction of ``modification_base``. The engine decides with exact
    comparisons; this only draws."""
    base = modification_base(
        rules, original_flop=original_flop, original_systemic_risk=original_systemic_risk
    )
    return base * rules.modification_numerator / rules.modification_denominator


def chart_from_figures(
    figures: FiguresDocument, *, chart_id: str = DEFAULT_CHART_ID, language: str = "en"
) -> ComputeChart | None:
    """The chart of a result, drawn from the figures of its own document: the exact
    estimate, the cumulative compute and the thresholds the engine compared them with.
    Nothing is recomputed, so a signed record shows what was signed. ``language``: its
    words and figures for a reader of that language (en, de, fr)."""
    if figures.get("training_flop") is None:
        return None
    thresholds = [
        (
            item["id"],
            Decimal(item["flop"]),
            THRESHOLD_NAMES.get(item["id"], item["id"]),
        )
        for item in figures.get("thresholds", [])
    ]
    cumulative = figures.get("cumulative_flop")
    return _chart(
        estimate=Decimal(str(figures["training_flop"])),
        cumulative=Decimal(cumulative) if cumulative is not None else None,
        thresholds=thresholds,
        margin=Decimal(figures["estimate_margin"]),
        chart_id=chart_id,
        language=language,
    )


def _chart(
    *,
    estimate: Decimal | None,
    cumulative: Decimal | None,
    thresholds: list[tuple[str, Decimal, str]],
    margin: Decimal,
    chart_id: str,
    language: str = "en",
) -> ComputeChart | None:
    if estimate is None:
        return None
    if estimate <= 0 or (cumulative is not None and cumulative <= 0):
        raise ValueError("a compute chart needs positive FLOP figures")
    if cumulative is not None and cumulative == estimate:
        cumulative = None

    low, high = (1 - margin) * estimate, (1 + margin) * estimate
    shown = [low, high, *(value for _, value, _ in thresholds)]
    if cumulative is not None:
        shown.append(cumulative)
    min_exponent = min(AXIS_MIN_EXPONENT, min(_floor_log10(value) for value in shown))
    max_exponent = max(AXIS_MAX_EXPONENT, max(_ceil_log10(value) for value in shown))
    # A long axis labels every step-th decade; it ends on a labelled one.
    step = max(1, math.ceil((max_exponent - min_exponent) / MAX_TICK_LABELS))
    max_exponent = min_exponent + step * math.ceil((max_exponent - min_exponent) / step)

    def x_for(value: Decimal) -> float:
        return _x_for(value, min_exponent, max_exponent)

    # Threshold labels go in rows above the plot, each beside its own line.
    specs = [(key, value, _t(name, language)) for key, value, name in thresholds]
    labels = [f"{_figure(value, language)} · {name}" for _, value, name in specs]
    xs = [x_for(value) for _, value, _ in specs]
    placements = _place_labels(xs, labels)
    rows = max(row for row, _ in placements) + 1

    top = 6.0
    plot_top = top + rows * LABEL_ROW + 6
    axis_y = plot_top + PLOT_HEIGHT
    lines = tuple(
        ThresholdLine(
            key=key,
            value=value,
            name=name,
            label=label,
            legend=_t(gettext_noop("%(value)s threshold (%(name)s)"), language)
            % {"value": _figure(value, language), "name": name},
            x=_r(x),
            y_top=_r(top + row * LABEL_ROW + 3),
            y_bottom=_r(axis_y),
            label_x=_r(x + LABEL_GAP if anchor == "start" else x - LABEL_GAP),
            label_y=_r(top + row * LABEL_ROW + 14),
            label_anchor=anchor,
            dasharray=THRESHOLD_DASHES[index % len(THRESHOLD_DASHES)],
        )
        for index, ((key, value, name), label, x, (row, anchor)) in enumerate(
            zip(specs, labels, xs, placements, strict=True)
        )
    )

    ticks = tuple(
        Tick(
            exponent=exponent,
            x=_r(_x_for_exponent(exponent, min_exponent, max_exponent)),
            label=f"10^{exponent}" if (exponent - min_exponent) % step == 0 else "",
        )
        for exponent in range(min_exponent, max_exponent + 1)
    )
    tick_label_y = axis_y + 21
    marker_rows_y = tick_label_y + 22

    band_x, band_right = x_for(low), x_for(high)
    band_width = max(band_right - band_x, 2.0)
    band_y, band_height = plot_top + 14, PLOT_HEIGHT - 28
    band = Band(
        low=low,
        high=high,
        low_text=_figure(low, language),
        high_text=_figure(high, language),
        x=_r(band_x),
        y=_r(band_y),
        width=_r(band_width),
        height=_r(band_height),
        hatch=_hatch(band_x, band_y, band_width, band_height),
    )

    estimate_text = _figure(estimate, language)
    estimate_marker = _marker(
        value=estimate,
        text=estimate_text,
        label=_t(gettext_noop("Estimate %(value)s FLOP"), language) % {"value": estimate_text},
        x=x_for(estimate),
        y_top=plot_top + 4,
        y_bottom=axis_y,
        label_y=marker_rows_y,
        stroke=ESTIMATE_STROKE,
        stroke_width=3.0,
        dasharray="",
    )
    cumulative_marker = None
    if cumulative is not None:
        cumulative_text = _figure(cumulative, language)
        cumulative_marker = _marker(
            value=cumulative,
            text=cumulative_text,
            label=_t(gettext_noop("Cumulative %(value)s FLOP"), language)
            % {"value": cumulative_text},
            x=x_for(cumulative),
            y_top=plot_top + 4,
            y_bottom=axis_y,
            label_y=marker_rows_y + LABEL_ROW,
            stroke=CUMULATIVE_STROKE,
            stroke_width=3.0,
            dasharray="5 3",
        )

    margin_text = (
        f"±{_percent(margin)}"
        if language == "en"
        else f"±{localise_number(_percent(margin)[:-1], language)}\u00a0%"
    )
    legend_top = marker_rows_y + (2 if cumulative is not None else 1) * LABEL_ROW + 8
    legend = _legend(
        top=legend_top,
        margin_text=margin_text,
        thresholds=lines,
        estimate=estimate_marker,
        cumulative=cumulative_marker,
        language=language,
    )
    legend_rows = len({item.text_y for item in legend})
    caption = _t(
        gettext_noop(
            "Horizontal axis: training compute in FLOP, log scale (each mark is 10 × the "
            "one before)."
        ),
        language,
    )
    caption_y = legend_top + legend_rows * LEGEND_ROW + 12
    height = caption_y + 8 + (len(caption_lines(caption)) - 1) * LABEL_ROW

    return ComputeChart(
        chart_id=chart_id,
        width=WIDTH,
        height=_r(height),
        plot_left=PLOT_LEFT,
        plot_right=PLOT_RIGHT,
        axis_y=_r(axis_y),
        min_exponent=min_exponent,
        max_exponent=max_exponent,
        ticks=ticks,
        tick_top=_r(axis_y),
        tick_bottom=_r(axis_y + 6),
        tick_label_y=_r(tick_label_y),
        thresholds=lines,
        estimate=estimate_marker,
        band=band,
        cumulative=cumulative_marker,
        legend=legend,
        margin_text=margin_text,
        caption=caption,
        caption_x=PLOT_LEFT - 20,
        caption_y=_r(caption_y),
        title=_t(
            gettext_noop("Training compute compared with the thresholds (log scale, FLOP)"),
            language,
        ),
        description=_describe(
            estimate, low, high, cumulative, lines, margin, margin_text, language
        ),
    )


def _describe(
    estimate: Decimal,
    low: Decimal,
    high: Decimal,
    cumulative: Decimal | None,
    lines: tuple[ThresholdLine, ...],
    margin: Decimal,
    margin_text: str,
    language: str = "en",
) -> str:
    """One sentence for screen readers (and for the PDF's text layer): each threshold with
    the figure it is compared with (the systemic-risk one with the cumulative compute)."""
    head = _t(
        gettext_noop("Training compute estimate %(value)s FLOP (range %(low)s to %(high)s)"),
        language,
    ) % {
        "value": _figure(estimate, language),
        "low": _figure(low, language),
        "high": _figure(high, language),
    }
    training = [
        _relation(estimate, line.value, margin, margin_text, language)
        for line in lines
        if cumulative is None or line.key != "systemic_risk"
    ]
    if cumulative is None:
        return f"{head}: {', '.join(training)}."
    systemic = [
        _relation(cumulative, line.value, margin, margin_text, language)
        for line in lines
        if line.key == "systemic_risk"
    ]
    tail = _t(gettext_noop("cumulative training compute %(value)s FLOP"), language) % {
        "value": _figure(cumulative, language)
    }
    return f"{head}: {', '.join(training)}; {tail}: {', '.join(systemic)}."


def _relation(
    value: Decimal, threshold: Decimal, margin: Decimal, margin_text: str, language: str = "en"
) -> str:
    """Where ``value`` stands against a strict ``threshold``, in words."""
    words = {"threshold": _figure(threshold, language), "margin": margin_text}
    if value == threshold:
        return (
            _t(
                gettext_noop(
                    "exactly at the %(threshold)s threshold, so not above it, and within "
                    "%(margin)s of it"
                ),
                language,
            )
            % words
        )
    # Borderline as the engine defines it: (1 - m) * E <= T <= (1 + m) * E.
    near = (1 - margin) * value <= threshold <= (1 + margin) * value
    if value > threshold:
        text = (
            gettext_noop("above but within %(margin)s of the %(threshold)s threshold")
            if near
            else gettext_noop("above the %(threshold)s threshold")
        )
    else:
        text = (
            gettext_noop("below but within %(margin)s of the %(threshold)s threshold")
            if near
            else gettext_noop("below the %(threshold)s threshold")
        )
    return _t(text, language) % words


def _place_labels(xs: list[float], labels: list[str]) -> list[tuple[int, str]]:
    """A row and a text anchor for each threshold label.

    A label sits beside its own line, to the right (``start``) or left (``end``); a line runs
    from its label's row down to the axis. The best layout keeps every label inside the
    chart, crosses no other line and no other label, and uses the fewest rows; the
    thresholds are few, so every order is tried.
    """
    widths = [_text_width(label, FONT_SIZE) for label in labels]
    layouts = []
    for order in itertools.permutations(range(len(xs))):
        placed: dict[int, tuple[int, str, float, float]] = {}
        penalty = 0
        for index in order:
            choice = _place_one(index, xs, widths, placed)
            if choice is None:
                penalty += 1
                choice = _fallback(index, xs, widths, placed)
            placed[index] = choice
        rows = max(row for row, _, _, _ in placed.values()) + 1
        layouts.append(((penalty, rows), [placed[i][:2] for i in range(len(xs))]))
    return min(layouts, key=lambda layout: layout[0])[1]


def _span(x: float, width: float, anchor: str) -> tuple[float, float]:
    if anchor == "start":
        return x + LABEL_GAP, x + LABEL_GAP + width
    return x - LABEL_GAP - width, x - LABEL_GAP


def _place_one(
    index: int,
    xs: list[float],
    widths: list[float],
    placed: dict[int, tuple[int, str, float, float]],
) -> tuple[int, str, float, float] | None:
    x = xs[index]
    for row in range(len(xs)):
        for anchor in ("start", "end"):
            left, right = _span(x, widths[index], anchor)
            if left < 2 or right > WIDTH - 2:
                continue
            clash = False
            for other, (other_row, _, other_left, other_right) in placed.items():
                other_x = xs[other]
                same_row_overlap = other_row == row and left < other_right and other_left < right
                # a line runs from its label's row down: it crosses labels in lower rows
                crosses_other_line = other_row < row and left - 2 <= other_x <= right + 2
                other_crossed = row < other_row and other_left - 2 <= x <= other_right + 2
                if same_row_overlap or crosses_other_line or other_crossed:
                    clash = True
                    break
            if not clash:
                return row, anchor, left, right
    return None


def _fallback(
    index: int,
    xs: list[float],
    widths: list[float],
    placed: dict[int, tuple[int, str, float, float]],
) -> tuple[int, str, float, float]:
    """A row of its own, on the side with more room: a line may cross it, nothing else."""
    row = max((r for r, _, _, _ in placed.values()), default=-1) + 1
    anchor = "start" if xs[index] < WIDTH / 2 else "end"
    left, right = _span(xs[index], widths[index], anchor)
    return row, anchor, left, right


def _marker(
    *,
    value: Decimal,
    text: str,
    label: str,
    x: float,
    y_top: float,
    y_bottom: float,
    label_y: float,
    stroke: str,
    stroke_width: float,
    dasharray: str,
) -> Marker:
    """A marker whose label is centred under it, or kept inside the chart near an edge."""
    half = len(label) * FONT_SIZE * BOLD_CHAR_WIDTH / 2
    if x - half < 2:
        anchor, label_x = "start", max(x - 4, 2.0)
    elif x + half > WIDTH - 2:
        anchor, label_x = "end", min(x + 4, WIDTH - 2)
    else:
        anchor, label_x = "middle", x
    return Marker(
        value=value,
        text=text,
        label=label,
        x=_r(x),
        y_top=_r(y_top),
        y_bottom=_r(y_bottom),
        label_x=_r(label_x),
        label_y=_r(label_y),
        label_anchor=anchor,
        stroke=stroke,
        stroke_width=stroke_width,
        dasharray=dasharray,
    )


def _legend(
    *,
    top: float,
    margin_text: str,
    thresholds: tuple[ThresholdLine, ...],
    estimate: Marker,
    cumulative: Marker | None,
    language: str = "en",
) -> tuple[LegendItem, ...]:
    entries: list[tuple[str, str, str, float, str]] = [
        (
            "line",
            _t(gettext_noop("Training compute estimate"), language),
            estimate.stroke,
            estimate.stroke_width,
            "",
        ),
        (
            "band",
            _t(gettext_noop("%(margin)s error margin of the estimate"), language)
            % {"margin": margin_text},
            BAND_HATCH,
            1.0,
            "",
        ),
    ]
    if cumulative is not None:
        entries.append(
            (
                "line",
                _t(gettext_noop("Cumulative training compute"), language),
                cumulative.stroke,
                3.0,
                cumulative.dasharray,
            )
        )
    entries += [
        ("line", line.legend, line.stroke, line.stroke_width, line.dasharray) for line in thresholds
    ]
    columns = LEGEND_COLUMNS
    column_width = (WIDTH - 2 * PLOT_LEFT + 40) / columns
    # Longer words (German, French) may not fit two columns: then one entry a row.
    # (A closer average glyph width than CHAR_WIDTH, or English would never have two.)
    if any(len(entry[1]) * FONT_SIZE * 0.52 + 36 + 8 > column_width for entry in entries):
        columns = 1
    items = []
    for index, (kind, text, stroke, stroke_width, dasharray) in enumerate(entries):
        row, column = divmod(index, columns)
        x = PLOT_LEFT - 20 + column * column_width
        y = top + row * LEGEND_ROW
        middle = y + 10
        common: dict[str, Any] = {
            "kind": kind,
            "text": text,
            "text_x": _r(x + 36),
            "text_y": _r(middle + 4),
            "stroke": stroke,
            "stroke_width": stroke_width,
            "dasharray": dasharray,
        }
        if kind == "band":
            rect = (_r(x), _r(y + 3), 28.0, 14.0)
            items.append(
                LegendItem(**common, swatch_rect=rect, hatch=_hatch(*rect), fill=BAND_FILL)
            )
        else:
            swatch = Segment(_r(x), _r(middle), _r(x + 28), _r(middle))
            items.append(LegendItem(**common, swatch_line=swatch))
    return tuple(items)


def _hatch(x: float, y: float, width: float, height: float) -> tuple[Segment, ...]:
    """Diagonal hatching inside a rectangle, clipped by arithmetic (no clipPath needed)."""
    segments = []
    offset = -height
    while offset < width:
        # the line (x + offset + t, y + height - t) for t in [0, height], clipped to the rect
        t_start = max(0.0, -offset)
        t_end = min(height, width - offset)
        if t_end > t_start:
            segments.append(
                Segment(
                    _r(x + offset + t_start),
                    _r(y + height - t_start),
                    _r(x + offset + t_end),
                    _r(y + height - t_end),
                )
            )
        offset += HATCH_SPACING
    return tuple(segments)


def _log10(value: Decimal) -> float:
    # Decimal.log10 is exact for powers of ten and copes with values beyond a float's range.
    return float(value.log10())


def _floor_log10(value: Decimal) -> int:
    return math.floor(value.log10())


def _ceil_log10(value: Decimal) -> int:
    return math.ceil(value.log10())


def _x_for_exponent(exponent: float, min_exponent: int, max_exponent: int) -> float:
    fraction = (exponent - min_exponent) / (max_exponent - min_exponent)
    return PLOT_LEFT + fraction * (PLOT_RIGHT - PLOT_LEFT)


def _x_for(value: Decimal, min_exponent: int, max_exponent: int) -> float:
    return _x_for_exponent(_log10(value), min_exponent, max_exponent)


def _text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * CHAR_WIDTH


def _percent(fraction: Decimal) -> str:
    return f"{(fraction * 100).normalize():f}%"


def _r(value: float) -> float:
    """Two decimals are plenty for drawing and keep the SVG short."""
    return round(value, 2)


# ---------------------------------------------------------------------------- SVG
# The chart as SVG markup. Plain SVG 1.1 with presentation attributes only: no style
# attribute or element (strict CSP), nothing WeasyPrint cannot draw; dashes and hatching tell
# the elements apart in black and white. Coordinates are written as Python writes numbers (a
# decimal point, whatever the page's language); text is escaped. Written in Python rather
# than as a template: the chart is drawn on every view of the compute step, and its
# template's loops were a tenth of that page's time (issue 11).

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, 'Liberation Sans', sans-serif"


def chart_svg(chart: ComputeChart, chart_id: str = "") -> str:
    """The ``<svg>`` element of ``chart``; ``chart_id`` (default: the chart's own) prefixes
    its ids, so that a page showing several charts keeps them unique."""
    cid = escape(chart_id or chart.chart_id)
    text = escape(chart.text_colour)
    band = chart.band
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="compute-chart" '
        f'width="100%" viewBox="{chart.view_box}" preserveAspectRatio="xMidYMid meet" '
        f'role="img" aria-labelledby="{cid}-title {cid}-desc" font-family="{FONT_FAMILY}" '
        f'font-size="{chart.font_size}" fill="{text}">\n',
        f'  <title id="{cid}-title">{escape(chart.title)}</title>\n',
        f'  <desc id="{cid}-desc">{escape(chart.description)}</desc>\n',
        '  <g class="compute-chart__band">\n',
        f'    <rect x="{band.x}" y="{band.y}" width="{band.width}" height="{band.height}" '
        f'fill="{escape(band.fill)}" stroke="{escape(band.stroke)}" stroke-width="1" '
        'stroke-dasharray="3 2"/>\n    ',
        *(_svg_segment(segment, band.hatch_stroke) for segment in band.hatch),
        "\n  </g>\n",
        f'  <g class="compute-chart__axis" stroke="{text}">\n',
        f'    <line x1="{chart.plot_left}" y1="{chart.axis_y}" x2="{chart.plot_right}" '
        f'y2="{chart.axis_y}" stroke-width="1.5"/>\n    ',
        *(
            f'<line x1="{tick.x}" y1="{chart.tick_top}" x2="{tick.x}" '
            f'y2="{chart.tick_bottom}" stroke-width="1"/>'
            for tick in chart.ticks
        ),
        "\n  </g>\n",
        f'  <g class="compute-chart__tick-labels" font-size="{chart.small_font_size}" '
        'text-anchor="middle">\n    ',
        *(
            f'<text x="{tick.x}" y="{chart.tick_label_y}">{escape(tick.label)}</text>'
            for tick in chart.ticks
            if tick.label
        ),
        "\n  </g>\n",
        '  <g class="compute-chart__thresholds">\n    ',
        *(
            f'<line x1="{line.x}" y1="{line.y_top}" x2="{line.x}" y2="{line.y_bottom}" '
            f'stroke="{escape(line.stroke)}" stroke-width="{line.stroke_width}" '
            f'stroke-dasharray="{escape(line.dasharray)}"/>\n'
            f'    <text x="{line.label_x}" y="{line.label_y}" '
            f'text-anchor="{escape(line.label_anchor)}">{escape(line.label)}</text>\n    '
            for line in chart.thresholds
        ),
        "\n  </g>\n",
        '  <g class="compute-chart__markers">\n    ',
        _svg_marker(chart.estimate, bold=True),
        "\n    ",
        _svg_marker(chart.cumulative, bold=False) if chart.cumulative is not None else "",
        "\n  </g>\n",
        '  <g class="compute-chart__legend">\n    ',
    ]
    for item in chart.legend:
        stroke = escape(item.stroke)
        if item.kind == "band" and item.swatch_rect is not None:
            x, y, width, height = item.swatch_rect
            parts.append(
                f'<rect x="{x}" y="{y}" width="{width}" height="{height}" '
                f'fill="{escape(item.fill)}" stroke="{stroke}" stroke-width="1" '
                'stroke-dasharray="3 2"/>\n    '
            )
            parts.extend(_svg_segment(segment, item.stroke) for segment in item.hatch)
            parts.append("\n    ")
        elif item.swatch_line is not None:
            line = item.swatch_line
            dashes = f' stroke-dasharray="{escape(item.dasharray)}"' if item.dasharray else ""
            parts.append(
                f'<line x1="{line.x1}" y1="{line.y1}" x2="{line.x2}" y2="{line.y2}" '
                f'stroke="{stroke}" stroke-width="{item.stroke_width}"{dashes}/>\n    '
            )
        parts.append(f'<text x="{item.text_x}" y="{item.text_y}">{escape(item.text)}</text>\n    ')
    lines = caption_lines(chart.caption)
    caption = escape(lines[0]) + "".join(
        f'<tspan x="{chart.caption_x}" dy="{LABEL_ROW}">{escape(line)}</tspan>'
        for line in lines[1:]
    )
    parts.append(
        "\n  </g>\n"
        f'  <text x="{chart.caption_x}" y="{chart.caption_y}" '
        f'font-size="{chart.small_font_size}">{caption}</text>\n'
        "</svg>\n"
    )
    return "".join(parts)


def caption_lines(caption: str) -> list[str]:
    """The caption in lines that fit the chart's width (a longer German or French one
    wraps at spaces instead of being cut off at the edge)."""
    room = WIDTH - 2 * (PLOT_LEFT - 20)
    lines: list[str] = []
    for word in caption.split(" "):
        if lines and _text_width(f"{lines[-1]} {word}", SMALL_FONT_SIZE) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _svg_segment(segment: Segment, stroke: str) -> str:
    return (
        f'<line x1="{segment.x1}" y1="{segment.y1}" x2="{segment.x2}" y2="{segment.y2}" '
        f'stroke="{escape(stroke)}" stroke-width="0.75"/>'
    )


def _svg_marker(marker: Marker, *, bold: bool) -> str:
    dashes = f' stroke-dasharray="{escape(marker.dasharray)}"' if marker.dasharray else ""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<line x1="{marker.x}" y1="{marker.y_top}" x2="{marker.x}" y2="{marker.y_bottom}" '
        f'stroke="{escape(marker.stroke)}" stroke-width="{marker.stroke_width}"{dashes}/>\n'
        f'    <text x="{marker.label_x}" y="{marker.label_y}" '
        f'text-anchor="{escape(marker.label_anchor)}"{weight}>{escape(marker.label)}</text>'
    )
