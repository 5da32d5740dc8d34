"""The compute-over-time chart of a registered model: training and cumulative compute,
actual and planned, against the thresholds with the rule set's margin band around each.

As ``questionnaire.charts`` does for an assessment, all arithmetic and layout happen here;
the template (``templates/questionnaire/ledger/chart.html``) draws plain SVG with
presentation attributes only (no ``style``, no script), distinguishable in black and white
(dashes), with a table beside it as its text alternative."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from questionnaire.charts import (
    AXIS_MAX_EXPONENT,
    AXIS_MIN_EXPONENT,
    BAND_FILL,
    CUMULATIVE_STROKE,
    ESTIMATE_STROKE,
    THRESHOLD_DASHES,
    THRESHOLD_NAMES,
    THRESHOLD_STROKE,
)
from questionnaire.models import LedgerEntry
from questionnaire.presentation import superscript_exponents
from questionnaire.scoring.numbers import (
    format_flop,
    format_human,
    format_human_local,
    parse_number,
)
from questionnaire.scoring.texts import format_date

from .selectors import ACTUAL_STATUSES, CUMULATIVE_ONLY_KINDS, Totals

__all__ = ["LedgerChart", "SeriesRow", "ledger_chart"]

WIDTH = 840.0
HEIGHT = 384.0
LEFT = 70.0
RIGHT = 560.0
TOP = 20.0
BOTTOM = 310.0
PLANNED_DASH = "6 4"


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """The totals as of one date: a row of the text alternative and a point of each line."""

    on: date
    training_actual: Decimal
    training_planned: Decimal
    cumulative_actual: Decimal
    cumulative_planned: Decimal

    @property
    def texts(self) -> tuple[str, str, str, str]:
        """The four figures, canonical (``3.2e24``) in English, in the local notation
        (``3,2 × 10²⁴``) in German and French."""
        language = _language()
        return tuple(  # type: ignore[return-value]
            format_flop(value)
            if language == "en"
            else superscript_exponents(format_human_local(value, language))
            for value in (
                self.training_actual,
                self.training_planned,
                self.cumulative_actual,
                self.cumulative_planned,
            )
        )


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    points: str
    stroke: str
    dash: str
    width: float


@dataclass(frozen=True, slots=True)
class Rule:
    """A threshold: its line, its margin band, its label."""

    label: str
    y: float
    band_top: float
    band_height: float
    dash: str
    label_y: float


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class LedgerChart:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...]
    ticks: tuple[Tick, ...]
    first: str
    last: str
    rows: tuple[SeriesRow, ...]
    summary: str
    band_fill: str
    threshold_stroke: str

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"

    @property
    def plot_width(self) -> float:
        return self.right - self.left

    @property
    def label_x(self) -> float:
        return self.right + 8


def _language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def _human(value: Decimal, language: str) -> str:
    return format_human(value) if language == "en" else format_human_local(value, language)


def _date(day: date, language: str) -> str:
    return day.isoformat() if language == "en" else format_date(day, language)


def _flop(text: str) -> Decimal:
    try:
        return parse_number(text)
    except ValueError:
        return Decimal(0)


def _day(entry: LedgerEntry) -> date:
    return entry.ended_on or entry.started_on or entry.created_at.date()


def _rows(entries: Sequence[LedgerEntry], totals: Totals, today: date) -> list[SeriesRow]:
    """Running totals by date. What the lineage adds (the totals less the entries' own sums)
    is there from the first day: it came before the model's own runs."""
    own = [Decimal(0)] * 4
    for entry in entries:
        flop = _flop(entry.flop)
        actual = entry.status in ACTUAL_STATUSES
        training = entry.kind not in CUMULATIVE_ONLY_KINDS
        own[0] += flop if actual and training else 0
        own[1] += flop if training else 0
        own[2] += flop if actual else 0
        own[3] += flop
    base = [
        totals.training_actual - own[0],
        totals.training_planned - own[1],
        totals.cumulative_actual - own[2],
        totals.cumulative_planned - own[3],
    ]
    running = list(base)
    rows: dict[date, SeriesRow] = {}
    for entry in sorted(entries, key=_day):
        flop = _flop(entry.flop)
        actual = entry.status in ACTUAL_STATUSES
        training = entry.kind not in CUMULATIVE_ONLY_KINDS
        running[0] += flop if actual and training else 0
        running[1] += flop if training else 0
        running[2] += flop if actual else 0
        running[3] += flop
        rows[_day(entry)] = SeriesRow(_day(entry), *running)
    if not rows:
        rows[today] = SeriesRow(today, *base)
    return [rows[day] for day in sorted(rows)]


def ledger_chart(*, entries: Sequence[LedgerEntry], totals: Totals, today: date) -> LedgerChart:
    rows = _rows(entries, totals, today)
    first, last = rows[0].on, max(rows[-1].on, today)
    span = max((last - first).days, 1)

    def x_for(day: date) -> float:
        return LEFT + (RIGHT - LEFT) * (day - first).days / span

    # The axis spans the powers of ten around the figures and the thresholds' bands, within
    # the assessment chart's bounds: a ledger's runs differ by a few orders of magnitude.
    shown = [
        value
        for row in rows
        for value in (row.training_actual, row.training_planned, row.cumulative_planned)
        if value > 0
    ]
    shown += [t.band_low for t in totals.thresholds] + [t.band_high for t in totals.thresholds]
    low = max(AXIS_MIN_EXPONENT, min(math.floor(math.log10(float(v))) for v in shown))
    high = min(AXIS_MAX_EXPONENT, max(math.ceil(math.log10(float(v))) for v in shown))
    high = max(high, low + 1)

    def y_for(value: Decimal) -> float:
        exponent = math.log10(float(value)) if value > 0 else low
        exponent = min(max(exponent, low), high)
        share = (exponent - low) / (high - low)
        return round(BOTTOM - (BOTTOM - TOP) * share, 1)

    def points(values: list[tuple[date, Decimal]]) -> str:
        # A step line: each total holds until the next date, and the last one until today.
        coordinates: list[str] = []
        previous: float | None = None
        for day, value in values:
            x, y = round(x_for(day), 1), y_for(value)
            if previous is not None:
                coordinates.append(f"{x:g},{previous:g}")
            coordinates.append(f"{x:g},{y:g}")
            previous = y
        if previous is not None:
            coordinates.append(f"{round(x_for(last), 1):g},{previous:g}")
        return " ".join(coordinates)

    language = _language()
    series = (
        (_("Training compute, actual"), "training_actual", ESTIMATE_STROKE, "", 3.0),
        (_("Training compute, planned"), "training_planned", ESTIMATE_STROKE, PLANNED_DASH, 2.0),
        (_("Cumulative compute, actual"), "cumulative_actual", CUMULATIVE_STROKE, "", 3.0),
        (
            _("Cumulative compute, planned"),
            "cumulative_planned",
            CUMULATIVE_STROKE,
            PLANNED_DASH,
            2.0,
        ),
    )
    lines = tuple(
        Line(
            label=label,
            points=points([(row.on, getattr(row, name)) for row in rows]),
            stroke=stroke,
            dash=dash,
            width=width,
        )
        for label, name, stroke, dash, width in series
    )
    rules = []
    for index, threshold in enumerate(totals.thresholds):
        y = y_for(threshold.flop)
        band_top, band_bottom = y_for(threshold.band_high), y_for(threshold.band_low)
        name = _(THRESHOLD_NAMES.get(threshold.key, threshold.key))
        if threshold.key == "modification":
            name = _("one third of the original")
        rules.append(
            Rule(
                label=superscript_exponents(f"{_human(threshold.flop, language)} FLOP: {name}"),
                y=y,
                band_top=band_top,
                band_height=round(band_bottom - band_top, 1),
                dash=THRESHOLD_DASHES[index % len(THRESHOLD_DASHES)],
                label_y=y + 4,
            )
        )
    ticks = tuple(
        Tick(
            y=y_for(Decimal(10) ** exponent),
            label=superscript_exponents(_human(Decimal(10) ** exponent, language)),
        )
        for exponent in range(low, high + 1)
    )
    percent = f"{(totals.margin * 100).normalize():f}"
    margin = f"{percent}%" if language == "en" else f"{percent.replace('.', ',')}\u00a0%"
    summary = superscript_exponents(
        _(
            "Training and cumulative compute of the model from %(first)s to %(last)s, on a "
            "logarithmic scale, against %(thresholds)s, each with a band of ±%(margin)s (the "
            "estimate's margin). Now: cumulative compute %(actual)s FLOP actual, %(planned)s "
            "FLOP planned."
        )
        % {
            "first": _date(first, language),
            "last": _date(last, language),
            "thresholds": ", ".join(rule.label for rule in rules),
            "margin": margin,
            "actual": _human(totals.cumulative_actual, language),
            "planned": _human(totals.cumulative_planned, language),
        }
    )
    return LedgerChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        lines=lines,
        rules=tuple(rules),
        ticks=ticks,
        first=_date(first, language),
        last=_date(last, language),
        rows=tuple(rows),
        summary=summary,
        band_fill=BAND_FILL,
        threshold_stroke=THRESHOLD_STROKE,
    )
