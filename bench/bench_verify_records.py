"""``chain_verify`` (what ``manage.py verify_records`` runs without options: hashes,
signatures, chain links and the columns shown) over 10,000 signed records of one
organisation. Target: at least 5,000 records per second.

Part of ``make bench`` (bench/run.py), which seeds the records with bench/seed.py: real
canonical JSON, signer and linked assessments, written in bulk, without PDF reports (which
the chain check does not read). The rate is the median of a few runs.
"""

from __future__ import annotations

import resource
import time
from typing import TYPE_CHECKING

from bench.rows import Row, median, verdict

if TYPE_CHECKING:
    from questionnaire.models import Organisation

RECORDS = 10_000
TARGET_PER_SECOND = 5_000.0
RUNS = 3


def row(organisation: Organisation, *, records: int = RECORDS) -> Row:
    from questionnaire.records.chain import chain_verify

    rates = []
    cpu_per_record = []
    for _ in range(RUNS):
        cpu = _cpu_seconds()
        started = time.perf_counter()
        report = chain_verify([organisation])
        seconds = time.perf_counter() - started
        cpu_per_record.append((_cpu_seconds() - cpu) / records)
        if report.checked != records or report.failures:
            return Row(
                f"verify_records (chain) {records:,} records",
                measured=f"{len(report.failures)} of {report.checked:,} failed",
                target="every record verifies",
                verdict=verdict(False),
            )
        rates.append(records / seconds)
    rate = median(rates)
    return Row(
        f"verify_records (chain) {records:,} records",
        rps=rate,
        measured=f"{rate:,.0f}/s, CPU {median(cpu_per_record) * 1e6:.0f} µs/record",
        target=f"≥ {TARGET_PER_SECOND:,.0f} records/s",
        verdict=verdict(rate >= TARGET_PER_SECOND),
    )


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
