"""Benchmark: the PDF report of a typical record, rendered and signed, against reading the
stored report back. Targets: render + sign median under 0.5 s; reading the stored bytes at
least 20 times faster than rendering them again.

Run with ``make bench`` (PYTHONPATH=. and DJANGO_SETTINGS_MODULE=config.settings). A report
is rendered once, when its record is signed; every download reads the stored file. This
shows what that saves, and exits 1 when rendering becomes slow enough to matter at signing
time or storage stops being the cheap path.
"""

from __future__ import annotations

import json
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import django

django.setup()

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.test import override_settings  # noqa: E402

from questionnaire import reports  # noqa: E402
from questionnaire.scoring import assess  # noqa: E402
from questionnaire.signing import (  # noqa: E402
    b64,
    canonical_json,
    key_id_for,
    public_key_bytes,
    sha256_hex,
)

TARGET_MEDIAN_S = 0.5
MIN_SPEED_UP = 20.0
RENDERS = 10
READS = 200
VERIFY_URL = "https://gpai.example/verify/"
PASSWORD = secrets.token_urlsafe(16)  # of a throwaway certificate

# A developer's model measured by the hardware method with an architecture cross-check:
# the usual record, with a chart, five obligations, two flags and three open questions.
ANSWERS: dict[str, Any] = {
    "schema": 1,
    "model_name": "Example-70B",
    "role": "developer",
    "placement": "placed",
    "placed_on": "2026-03-01",
    "established_in_eu": False,
    "generates": ["text"],
    "generality": "wide",
    "compute": {
        "method": "hardware",
        "chips": "1024",
        "hours": "2000",
        "accelerator": "h100",
        "utilisation": "0.4",
        "check": {"method": "architecture", "parameters": "70B", "tokens": "15T"},
    },
    "synthetic_data_flop": "0",
    "threshold_known_on": None,
    "modification": None,
    "open_source": None,
    "parameters": "70B",
    "training_tokens": "15T",
    "high_impact_capabilities": "unsure",
    "eu_business_users": "12000",
    "commission_designated": False,
}

QUESTIONS = [
    ("model", "The model and your role", "model_name", "What is the model called?", "Example-70B"),
    (
        "model",
        "The model and your role",
        "role",
        "Who are you in relation to this model?",
        "Developer: we trained the model, or had it trained for us",
    ),
    (
        "market",
        "Market placement",
        "placement",
        "Where does the model stand on the EU market?",
        "Placed on the EU market (API, download, cloud service, app, our own AI system…)",
    ),
    (
        "market",
        "Market placement",
        "placed_on",
        "When was the model, or when will it be, first placed on the EU market?",
        "2026-03-01",
    ),
    (
        "compute",
        "Training compute",
        "compute.method",
        "How do you want to estimate the training compute?",
        "From the hardware used (chips × hours × peak FLOP/s × utilisation)",
    ),
    (
        "compute",
        "Training compute",
        "compute.periods.utilisation",
        "What share of the peak throughput did the chips achieve (utilisation)?",
        "0.4",
    ),
    (
        "reach",
        "Reach and designation",
        "eu_business_users",
        "How many business users established in the EU does the model have?",
        "12000 (= 12,000)",
    ),
]


def typical_export() -> dict[str, Any]:
    record_id = str(uuid.uuid4())
    payload = {
        "record_schema": 1,
        "record_id": record_id,
        "sequence": 3,
        "previous_sha256": "0" * 64,
        "organisation": {"slug": "acme", "name": "Acme AI Ltd"},
        "model_name": ANSWERS["model_name"],
        "attestation": {
            "statement": "I attest that these answers are true and complete.",
            "name": "Alice Example",
            "function": "Head of Legal",
            "username": "alice",
            "attested_at": "2026-11-28T01:55:00Z",
        },
        "ruleset": "eu-aia-gpai-2025.1",
        "answers_schema": 1,
        "answers": ANSWERS,
        "questions": [
            {"step": s, "step_title": t, "key": k, "label": label, "help_text": "", "answer": a}
            for s, t, k, label, a in QUESTIONS
        ],
        "result": assess(ANSWERS),
    }
    payload_bytes = canonical_json(payload)
    key = Ed25519PrivateKey.generate()
    return {
        "format": "gpai-assessor-record",
        "version": 1,
        "record_id": record_id,
        "algorithm": "Ed25519",
        "key_id": key_id_for(public_key_bytes(key)),
        "sha256": sha256_hex(payload_bytes),
        "signature": b64(key.sign(payload_bytes)),
        "payload": json.loads(payload_bytes),
    }


def render_and_sign(export: dict[str, Any], certificate: Path) -> tuple[float, bytes]:
    start = time.perf_counter()
    pdf = reports.pdf_sign(
        reports.report_pdf(export=export, verify_url=VERIFY_URL),
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
        reports.document_certificate_create(
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
