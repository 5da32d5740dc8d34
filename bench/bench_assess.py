"""Benchmark: ``assess()`` on a typical answers document. Target: median under 100 µs.

Run with ``make bench``. Prints the median and the 95th percentile over batches, and exits 1
when the median misses the target, so a slowdown is noticed before it ships.
"""

from __future__ import annotations

import statistics
import sys
import time

from questionnaire.scoring import assess
from tests.samples import CONTRACT_EXAMPLE

TARGET_MEDIAN_US = 100.0
BATCHES = 200
CALLS_PER_BATCH = 50

# The answers example of shared/spec/assess-json.md: what most assessments look like.
TYPICAL = CONTRACT_EXAMPLE

# A heavier one: two hardware periods, a cross-check, synthetic data and reach.
HEAVY = {
    "schema": 1,
    "model_name": "Example-70B",
    "role": "developer",
    "placement": "placed",
    "placed_on": "2026-03-01",
    "established_in_eu": False,
    "generates": ["text", "image"],
    "generality": "wide",
    "compute": {
        "method": "hardware",
        "periods": [
            {"chips": "4,096", "hours": 1200, "accelerator": "h100", "utilisation": 0.4},
            {"chips": 2048, "hours": "300", "accelerator": "a100", "utilisation": "0.35"},
        ],
        "check": {"method": "architecture", "parameters": "70B", "tokens": "15.6T"},
    },
    "synthetic_data_flop": "3.2 × 10^22",
    "threshold_known_on": None,
    "modification": None,
    "open_source": None,
    "parameters": "70B",
    "training_tokens": "15.6T",
    "high_impact_capabilities": "no",
    "eu_business_users": 12000,
    "commission_designated": False,
}


def measure(document: dict[str, object]) -> tuple[float, float]:
    """Median and 95th percentile of the time per call, in microseconds."""
    assess(document)  # warm caches (rule set load, regex compile)
    per_call_us = []
    for _ in range(BATCHES):
        start = time.perf_counter_ns()
        for _ in range(CALLS_PER_BATCH):
            assess(document)
        per_call_us.append((time.perf_counter_ns() - start) / CALLS_PER_BATCH / 1000)
    return statistics.median(per_call_us), statistics.quantiles(per_call_us, n=20)[-1]


def main() -> int:
    median, p95 = measure(TYPICAL)
    heavy_median, heavy_p95 = measure(HEAVY)
    verdict = "ok" if median < TARGET_MEDIAN_US else "TOO SLOW"
    print(
        f"assess() typical: median {median:.1f} µs, p95 {p95:.1f} µs per call "
        f"(target median < {TARGET_MEDIAN_US:.0f} µs) {verdict}"
    )
    print(
        f"assess() heavy (2 hardware periods + cross-check): median {heavy_median:.1f} µs, "
        f"p95 {heavy_p95:.1f} µs"
    )
    print(f"({BATCHES} batches × {CALLS_PER_BATCH} calls each)")
    return 0 if median < TARGET_MEDIAN_US else 1


if __name__ == "__main__":
    sys.exit(main())
