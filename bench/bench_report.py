"""A record's PDF report rendered and PAdES-signed afresh, in-process, as the task that
stores it does (``services.record_report_create``, without the storing), and the stored
report downloaded, in-process, through Django's test client as a browser asks for it (every
middleware, the view, the SHA-256 check of the stored bytes, the audit event's INSERT).

``make bench`` (bench/run.py, ``renders``) compares like with like: the median time of one
download against the median time of one render, both in the same process with the server
stopped; the stored download must be at least 20 times faster. (wrk's figures for the
download, at 16 connections, mostly measure the wait for one of the workers, which a
render's time does not include.) The time until 20 parallel signings have their reports
stored is judged against the render's time.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from bench.rows import Row, median, percentile

if TYPE_CHECKING:
    from django.test import Client

    from questionnaire.models import AssessmentRecord

RENDERS = 5
DOWNLOADS = 200
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


def download_seconds(client: Client, path: str, *, downloads: int = DOWNLOADS) -> list[float]:
    """The time of each of ``downloads`` downloads of the stored report at ``path`` by the
    signed-in ``client`` (after ten that warm the caches), each answered 200 with a PDF."""

    def once() -> float:
        started = time.perf_counter()
        response = client.get(path, secure=True)
        elapsed = time.perf_counter() - started
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            raise RuntimeError(f"{path} answered {response.status_code}, not the stored PDF")
        return elapsed

    for _ in range(10):
        once()
    return [once() for _ in range(downloads)]


def render_row(times: list[float]) -> Row:
    return Row(
        "report render + sign (in-process)",
        rps=1 / median(times),
        p50_ms=median(times) * 1000,
        p99_ms=percentile(times, 0.99) * 1000,
        measured=f"median of {len(times)}",
    )
