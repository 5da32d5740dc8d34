"""A record's PDF report rendered and PAdES-signed afresh, in-process, as the task that
stores it does (``services.record_report_create``, without the storing). ``make bench``
(bench/run.py) compares it with wrk's download of the stored report: the stored download
must be at least 20 times faster than a render, and the time until 20 parallel signings
have their reports stored is judged against it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from bench.rows import Row, median, percentile

if TYPE_CHECKING:
    from questionnaire.models import AssessmentRecord

RENDERS = 5
MIN_SPEED_UP = 20.0


def render_seconds(record: AssessmentRecord, *, renders: int = RENDERS) -> list[float]:
    """The time of each of ``renders`` renders (after one that warms fonts and caches)."""
    from django.conf import settings

    from questionnaire.records.export import export_document
    from questionnaire.reports import pades, render

    def once() -> float:
        started = time.perf_counter()
        pades.pdf_sign(
            render.report_pdf(
                export=export_document(record), verify_url=f"{settings.SITE_URL}/verify/"
            ),
            pkcs12_path=settings.RECORD_DOCUMENT_CERT_FILE,
            password=settings.RECORD_DOCUMENT_CERT_PASSWORD,
        )
        return time.perf_counter() - started

    once()
    return [once() for _ in range(renders)]


def render_row(times: list[float]) -> Row:
    return Row(
        "report render + sign (in-process)",
        rps=1 / median(times),
        p50_ms=median(times) * 1000,
        p99_ms=percentile(times, 0.99) * 1000,
        measured=f"median of {len(times)}",
    )
