"""Benchmark: the PDF report of a typical record, rendered and signed, against reading the
stored report back. Targets: render + sign median under 0.5 s; reading the stored bytes at
least 20 times faster than rendering them again.

Run with ``make bench`` (PYTHONPATH=. and DJANGO_SETTINGS_MODULE=config.settings). A report
is rendered once, when its record is signed; every download reads the stored file. This
shows what that saves, and exits 1 when rendering becomes slow enough to matter at signing
time or storage stops being the cheap path.
"""

from __future__ import annotations

import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.test import override_settings  # noqa: E402

from questionnaire.reports import certificates, pades, render  # noqa: E402
from tests.samples import HARDWARE_ANSWERS, HARDWARE_SHOWN, shown_rows, signed_export  # noqa: E402

TARGET_MEDIAN_S = 0.5
MIN_SPEED_UP = 20.0
RENDERS = 10
READS = 200
VERIFY_URL = "https://gpai.example/verify/"
PASSWORD = secrets.token_urlsafe(16)  # of a throwaway certificate


def typical_export() -> dict[str, Any]:
    """A developer's model measured by the hardware method with an architecture cross-check:
    the usual record, with a chart, five obligations, two flags and three open questions."""
    return signed_export(answers=HARDWARE_ANSWERS, questions=shown_rows(HARDWARE_SHOWN))


def render_and_sign(export: dict[str, Any], certificate: Path) -> tuple[float, bytes]:
    start = time.perf_counter()
    pdf = pades.pdf_sign(
        render.report_pdf(export=export, verify_url=VERIFY_URL),
        pkcs12_path=certificate,
        password=PASSWORD,
    )
    return time.perf_counter() - start, pdf


def read_stored(name: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    with default_storage.open(name, "rb") as handle:
        data = handle.read()
    return time.perf_counter() - start, data


def main() -> int:
    export = typical_export()
    with tempfile.TemporaryDirectory() as folder:
        certificate = Path(folder) / "keys" / "document.p12"
        certificates.document_certificate_create(
            path=certificate, common_name="GPAI Assessor bench", password=PASSWORD
        )
        first, pdf = render_and_sign(export, certificate)
        renders = [render_and_sign(export, certificate)[0] for _ in range(RENDERS)]

        with override_settings(MEDIA_ROOT=Path(folder) / "media"):
            name = default_storage.save(f"reports/{export['record_id']}.pdf", ContentFile(pdf))
            read_stored(name)  # the first open pays for the folder lookup
            reads = []
            for _ in range(READS):
                elapsed, data = read_stored(name)
                assert data == pdf
                reads.append(elapsed)

    median = statistics.median(renders)
    read_median = statistics.median(reads)
    speed_up = median / read_median
    fast_enough = median < TARGET_MEDIAN_S
    storage_pays = speed_up >= MIN_SPEED_UP
    print(
        f"report_pdf + pdf_sign: first {first * 1000:.0f} ms, median {median * 1000:.0f} ms, "
        f"max {max(renders) * 1000:.0f} ms over {RENDERS} renders ({len(pdf) / 1024:.0f} KiB) "
        f"(target median < {TARGET_MEDIAN_S * 1000:.0f} ms) {'ok' if fast_enough else 'TOO SLOW'}"
    )
    print(
        f"stored report read: median {read_median * 1e6:.0f} µs over {READS} reads; "
        f"{speed_up:,.0f}× faster than rendering (target ≥ {MIN_SPEED_UP:.0f}×) "
        f"{'ok' if storage_pays else 'TOO CLOSE'}"
    )
    return 0 if fast_enough and storage_pays else 1


if __name__ == "__main__":
    sys.exit(main())
