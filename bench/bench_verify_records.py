"""Benchmark: ``chain_verify`` (what ``manage.py verify_records`` runs) over 10,000 signed
records of one organisation. Target: at least 5,000 records per second.

Run with ``make bench``. Builds a throwaway SQLite database in a temporary folder (whatever
``DATABASE_URL`` says), a signing key there too, and 10,000 valid records made with the real
canonical JSON and signer, written with ``bulk_create``: the PDF report, which this does not
measure, is left out. Prints records per second (median of a few runs) and exits 1 below
the target, so a slowdown is noticed before it ships.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.samples import SYSTEMIC_ANSWERS

RECORDS = 10_000
TARGET_PER_SECOND = 5_000.0
RUNS = 3
BATCH = 1_000

ANSWERS = SYSTEMIC_ANSWERS


def _questions(model_name: str) -> list[dict[str, str]]:
    """Wording rows of the size the wizard stores: a dozen questions with help text."""
    rows = []
    for index in range(12):
        rows.append(
            {
                "step": "model" if index < 3 else "compute",
                "step_title": "The model and your role" if index < 3 else "Training compute",
                "key": f"question_{index}",
                "field": f"question_{index}",
                "label": f"Question {index}: what is the “relevant” figure for this model?",
                "help_text": "Give it as you would to the AI Office; 10^23 FLOP × 0.4 etc.",
                "answer": model_name if index == 0 else f"answer {index}",
            }
        )
    return rows


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="gpai-bench-verify-"))
    try:
        return run(folder)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path) -> int:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from questionnaire import services
    from questionnaire.models import AssessmentRecord, Organisation, RecordChain
    from questionnaire.records.chain import chain_verify
    from questionnaire.records.payload import ATTESTATION_STATEMENT, RECORD_SCHEMA
    from questionnaire.records.signing import b64, canonical_json, sha256_hex
    from questionnaire.scoring import assess

    assert connection.vendor == "sqlite", connection.vendor
    assert str(settings.DATABASES["default"]["NAME"]).startswith(str(folder))
    call_command("migrate", verbosity=0, interactive=False)

    settings.RECORD_SIGNING_KEY_FILE = folder / "keys" / "record-signing-key.pem"
    key, _ = services.signing_key_create(path=settings.RECORD_SIGNING_KEY_FILE)
    signer, key = services.signing_key_current(path=settings.RECORD_SIGNING_KEY_FILE)

    organisation = Organisation.objects.create(slug="bench", name="Bench Labs")
    user = User.objects.create_user("bench", email="bench@example.com")
    result = assess(ANSWERS)

    started = time.perf_counter()
    previous = ""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    rows: list[AssessmentRecord] = []
    for sequence in range(1, RECORDS + 1):
        record_id = uuid.uuid4()
        model_name = f"Model-{sequence}"
        attested_at = moment + timedelta(seconds=sequence)
        payload = {
            "record_schema": RECORD_SCHEMA,
            "record_id": str(record_id),
            "sequence": sequence,
            "previous_sha256": previous,
            "organisation": {"slug": organisation.slug, "name": organisation.name},
            "model_name": model_name,
            "attestation": {
                "statement": ATTESTATION_STATEMENT,
                "name": "Bench Attester",
                "function": "Head of Legal",
                "username": user.get_username(),
                "attested_at": attested_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
            "ruleset": result["ruleset"],
            "answers_schema": 1,
            "answers": {**ANSWERS, "model_name": model_name},
            "questions": _questions(model_name),
            "result": result,
            "assessment_id": str(uuid.uuid4()),
        }
        payload_bytes = canonical_json(payload)
        sha256 = sha256_hex(payload_bytes)
        rows.append(
            AssessmentRecord(
                public_id=record_id,
                organisation=organisation,
                sequence=sequence,
                attested_by=user,
                model_name=model_name,
                classification=result["classification"],
                payload=payload_bytes,
                payload_sha256=sha256,
                previous_sha256=previous,
                signature=b64(signer.sign(payload_bytes)),
                signing_key=key,
                created_at=attested_at,
            )
        )
        previous = sha256
    AssessmentRecord.objects.bulk_create(rows, batch_size=BATCH)
    RecordChain.objects.create(organisation=organisation, count=RECORDS, head_sha256=previous)
    organisation.refresh_from_db()
    average_payload = sum(len(bytes(row.payload)) for row in rows) // len(rows)
    print(
        f"inserted {RECORDS:,} signed records (payload {average_payload:,} bytes on average) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    del rows

    rates = []
    for _ in range(RUNS):
        started = time.perf_counter()
        report = chain_verify([organisation])
        seconds = time.perf_counter() - started
        if report.checked != RECORDS or report.failures:
            print(
                f"FAIL: checked {report.checked:,} records, {len(report.failures)} failed: "
                f"{report.failures[:3]}",
                file=sys.stderr,
            )
            return 1
        rates.append(RECORDS / seconds)

    median = statistics.median(rates)
    print(
        f"chain_verify: {median:,.0f} records/s (median of {RUNS}; "
        f"best {max(rates):,.0f}, worst {min(rates):,.0f}); target {TARGET_PER_SECOND:,.0f}"
    )
    if median < TARGET_PER_SECOND:
        print(f"FAIL: {median:,.0f} records/s is below {TARGET_PER_SECOND:,.0f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
