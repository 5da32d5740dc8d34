"""Benchmark: the re-assessment of an organisation's 1,000 current signed records under the
newest rule set. Target: the administrator's page in under 5 seconds.

Run with ``make bench``. Builds a throwaway SQLite database in a temporary folder (whatever
``DATABASE_URL`` says), a signing key there too, and 1,000 valid records signed under
eu-aia-gpai-2025.1 for a model above 10^25 without a notification date (so every one changes
under 2026.1), made with the real canonical JSON and signer and written with
``bulk_create``: the PDF report, which this does not measure, is left out.

Times, each the median of a few runs:
- ``reassess_all`` over the payloads (the diff alone: the engine, 1,000 times);
- ``manage.py reassess --json`` (reading the records, the diff, the JSON);
- ``GET /organisations/<slug>/reassess/`` as its administrator (selectors, the diff and the
  table of 1,000 rows rendered);
and, once, the POST that opens a pre-filled draft for each of the 1,000 changed records.
Exits 1 when the page is slower than the target, so a slowdown is noticed before it ships.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import TypeVar

from tests.samples import SYSTEMIC_ANSWERS

RECORDS = 1_000
TARGET_PAGE_SECONDS = 5.0
RUNS = 3
T = TypeVar("T")
OLD = "eu-aia-gpai-2025.1"
NEW = "eu-aia-gpai-2026.1"


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="gpai-bench-reassess-"))
    try:
        return run(folder)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)


def median_seconds(action: Callable[[], T]) -> tuple[float, T]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        outcome = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), outcome


def run(folder: Path) -> int:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from questionnaire import services
    from questionnaire.models import AssessmentRecord, Membership, Organisation, RecordChain
    from questionnaire.records.payload import ATTESTATION_STATEMENT, RECORD_SCHEMA
    from questionnaire.records.reassess import reassess_all
    from questionnaire.records.signing import b64, canonical_json, sha256_hex
    from questionnaire.scoring import assess

    assert connection.vendor == "sqlite", connection.vendor
    assert str(settings.DATABASES["default"]["NAME"]).startswith(str(folder))
    call_command("migrate", verbosity=0, interactive=False)
    settings.ALLOWED_HOSTS = ["testserver"]

    settings.RECORD_SIGNING_KEY_FILE = folder / "keys" / "record-signing-key.pem"
    services.signing_key_create(path=settings.RECORD_SIGNING_KEY_FILE)
    signer, key = services.signing_key_current(path=settings.RECORD_SIGNING_KEY_FILE)

    organisation = Organisation.objects.create(slug="bench", name="Bench Labs")
    user = User.objects.create_user("bench", email="bench@example.com")
    Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.ADMIN)
    answers = {**copy.deepcopy(SYSTEMIC_ANSWERS), "ruleset": OLD}
    del answers["threshold_known_on"]
    result = assess(answers)

    started = time.perf_counter()
    previous = ""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    rows: list[AssessmentRecord] = []
    payloads = []
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
            "answers": {**answers, "model_name": model_name},
            "questions": [],
            "result": result,
            "assessment_id": str(uuid.uuid4()),
        }
        payload_bytes = canonical_json(payload)
        payloads.append(json.loads(payload_bytes))
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
    AssessmentRecord.objects.bulk_create(rows, batch_size=500)
    RecordChain.objects.create(organisation=organisation, count=RECORDS, head_sha256=previous)
    print(f"inserted {RECORDS:,} signed records in {time.perf_counter() - started:.1f} s")
    del rows

    today = date(2026, 12, 1)
    diff_seconds, diffs = median_seconds(lambda: reassess_all(payloads, NEW, today=today))
    assert sum(1 for diff in diffs if diff.changed) == RECORDS
    print(f"reassess_all (the diff alone): {diff_seconds:.2f} s for {RECORDS:,} records")

    def command() -> str:
        out = StringIO()
        call_command("reassess", "--org", "bench", "--ruleset", NEW, "--json", stdout=out)
        return out.getvalue()

    command_seconds, output = median_seconds(command)
    assert json.loads(output)["changed"] == RECORDS
    print(f"manage.py reassess --json: {command_seconds:.2f} s")

    client = Client()
    client.force_login(user)

    def page() -> bytes:
        response = client.get(f"/organisations/bench/reassess/?ruleset={NEW}")
        assert response.status_code == 200, response.status_code
        return response.content

    page_seconds, html = median_seconds(page)
    assert f"{RECORDS} of {RECORDS} current records" in html.decode()
    print(
        f"GET /organisations/bench/reassess/: {page_seconds:.2f} s "
        f"({len(html) // 1024:,} KiB of HTML); target {TARGET_PAGE_SECONDS:.1f} s"
    )
    from questionnaire.models import Draft

    started = time.perf_counter()
    response = client.post(f"/organisations/bench/reassess/?ruleset={NEW}")
    assert response.status_code == 302, response.status_code
    drafts_seconds = time.perf_counter() - started
    assert Draft.objects.filter(supersedes__isnull=False).count() == RECORDS
    print(
        f"POST “Open drafts for the changed records”: {drafts_seconds:.2f} s for {RECORDS:,} drafts"
    )
    if page_seconds > TARGET_PAGE_SECONDS:
        print(
            f"FAIL: the page took {page_seconds:.2f} s, over {TARGET_PAGE_SECONDS:.1f} s",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
