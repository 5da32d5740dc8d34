"""``assess()`` per call, under the newest rule set (2026.1). Target: median under 150 µs on
the typical answers document.

Part of ``make bench`` (bench/run.py), which runs it in a process of its own
(``python -m bench.bench_assess``, printing its rows as JSON), as the command line and a
server's worker call ``assess()``: in the bench's own process, after seeding some 12,000
records, the garbage collector's walks over that heap doubled the figure. The median and
99th percentile are over batches of calls (a batch's time divided by its calls), after one
warm-up call (rule set load, caches).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Any

from bench.rows import Row, median, percentile, verdict
from tests.samples import CONTRACT_EXAMPLE

TARGET_MEDIAN_US = 150.0
BATCHES = 200
ROUNDS = 10
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

# What the wizard and a signature assess: the typical answers on a given day (statuses).
DATED = {**TYPICAL, "assessed_on": "2026-12-01"}


def measure(documents: list[dict[str, Any]]) -> list[tuple[float, float, float]]:
    """For each document: the median and 99th percentile of the time per call, and the
    median of the CPU time this thread spent per call (what a busy machine's other work
    does not add), in µs.

    The batches run in rounds that take turns between the documents: this machine's speed
    drifts by a third for seconds at a time (the CPU time drifts with it: it is the machine,
    not the code), and taking turns spreads each document's batches over the same slow and
    fast stretches instead of leaving one document all of a slow one."""
    from questionnaire.scoring import assess

    per_call_us: list[list[float]] = [[] for _ in documents]
    cpu_us: list[list[float]] = [[] for _ in documents]
    for document in documents:
        assess(document)  # warm caches (rule set load, regex compile)
    for _ in range(ROUNDS):
        for index, document in enumerate(documents):
            for _ in range(BATCHES // ROUNDS):
                start, cpu = time.perf_counter_ns(), time.thread_time_ns()
                for _ in range(CALLS_PER_BATCH):
                    assess(document)
                per_call_us[index].append((time.perf_counter_ns() - start) / CALLS_PER_BATCH / 1000)
                cpu_us[index].append((time.thread_time_ns() - cpu) / CALLS_PER_BATCH / 1000)
    return [
        (median(times), percentile(times, 0.99), median(cpu))
        for times, cpu in zip(per_call_us, cpu_us, strict=True)
    ]


def rows() -> list[Row]:
    result = []
    measured = (
        ("assess() typical (2026.1)", TYPICAL, True),
        ("assess() typical with assessed_on", DATED, False),
        ("assess() heavy (2 periods + cross-check)", HEAVY, False),
    )
    figures = measure([document for _, document, _ in measured])
    for (name, _, target), (median_us, p99_us, cpu_us) in zip(measured, figures, strict=True):
        row = Row(
            name,
            rps=1e6 / median_us,
            p50_ms=median_us / 1000,
            p99_ms=p99_us / 1000,
            measured=f"median {median_us:.0f} µs (CPU {cpu_us:.0f} µs)",
        )
        if target:
            row.target = f"median < {TARGET_MEDIAN_US:.0f} µs"
            row.verdict = verdict(median_us < TARGET_MEDIAN_US)
        result.append(row)
    return result


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps([asdict(row) for row in rows()]))
