"""The benchmark's table: one row per measurement, its target and whether it was met."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

PASS, FAIL, INFO = "pass", "FAIL", "info"


@dataclass
class Row:
    name: str
    rps: float | None = None
    """Requests (or calls) per second."""
    p50_ms: float | None = None
    p99_ms: float | None = None
    ratio: float | None = None
    """Requests per second as a fraction of the baseline's (GET /healthz)."""
    measured: str = ""
    """Any other figure: records per second, queries, seconds until done."""
    target: str = ""
    verdict: str = INFO


def verdict(met: bool) -> str:
    return PASS if met else FAIL


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of a non-empty sample."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def _number(value: float | None, digits: int) -> str:
    if value is None:
        return ""
    return f"{value:,.{digits}f}"


def _ms(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.3f}" if value < 1 else f"{value:,.1f}"


def table(rows: Sequence[Row]) -> str:
    header = (
        f"{'measurement':<42} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'×base':>6}  "
        f"{'measured':<30} {'target':<44} result"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row.name[:42]:<42} {_number(row.rps, 1):>9} {_ms(row.p50_ms):>9} "
            f"{_ms(row.p99_ms):>9} {_number(row.ratio, 2):>6}  {row.measured[:30]:<30} "
            f"{row.target[:44]:<44} {row.verdict}"
        )
    return "\n".join(lines)
