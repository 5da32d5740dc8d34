"""The re-assessment of an organisation's 1,000 current signed records under the newest rule
set. Target: the administrator's page in under 5 seconds.

Part of ``make bench`` (bench/run.py), which seeds 1,000 valid records signed under
eu-aia-gpai-2025.1 for a model above 10^25 without a notification date (so every one changes
under 2026.1) with bench/seed.py. Times, each the median of a few runs:
- ``reassess_all`` over the payloads (the diff alone: the engine, 1,000 times);
- ``manage.py reassess --json`` (reading the records, the diff, the JSON);
- ``GET /organisations/<slug>/reassess/`` as its administrator, in-process (selectors, the
  diff and the table of 1,000 rows rendered);
and, once, the POST that opens a pre-filled draft for each of the changed records (as many
as a person may keep open).
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import TYPE_CHECKING, Any, TypeVar

from bench.rows import Row, median, verdict
from tests.samples import SYSTEMIC_ANSWERS

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

    from questionnaire.models import Organisation

RECORDS = 1_000
TARGET_PAGE_SECONDS = 5.0
RUNS = 3
OLD = "eu-aia-gpai-2025.1"
NEW = "eu-aia-gpai-2026.1"
T = TypeVar("T")


def signed_answers() -> dict[str, Any]:
    """Answers signed under 2025.1 that change under 2026.1."""
    answers = {**copy.deepcopy(SYSTEMIC_ANSWERS), "ruleset": OLD}
    del answers["threshold_known_on"]
    return answers


def _timed(action: Callable[[], T]) -> tuple[float, T]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        outcome = action()
        times.append(time.perf_counter() - started)
    return median(times), outcome


def rows(*, organisation: Organisation, admin: User, client: Client) -> list[Row]:
    """``client`` is signed in as ``admin``, an administrator of ``organisation`` (with a
    second factor, where the settings ask for one)."""
    from django.core.management import call_command

    from questionnaire.models import AssessmentRecord, Draft
    from questionnaire.records.chain import payload_of
    from questionnaire.records.reassess import reassess_all

    payloads = [
        payload_of(record) or {}
        for record in AssessmentRecord.objects.filter(organisation=organisation)
    ]
    today = date(2026, 12, 1)
    diff_seconds, diffs = _timed(lambda: reassess_all(payloads, NEW, today=today))
    changed = sum(1 for diff in diffs if diff.changed)

    def command() -> str:
        out = StringIO()
        call_command("reassess", "--org", organisation.slug, "--ruleset", NEW, "--json", stdout=out)
        return out.getvalue()

    command_seconds, output = _timed(command)
    url = f"/organisations/{organisation.slug}/reassess/?ruleset={NEW}"

    def page() -> bytes:
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise RuntimeError(
                f"GET {url} answered {response.status_code} {response.get('Location', '')}"
            )
        return response.content

    page_seconds, html = _timed(page)
    listed = f"{RECORDS} of {RECORDS} current records" in html.decode()

    started = time.perf_counter()
    response = client.post(url, secure=True)
    drafts_seconds = time.perf_counter() - started
    drafts = Draft.objects.filter(owner=admin, supersedes__isnull=False).count()
    return [
        Row(
            f"reassess_all {RECORDS:,} records (diff)",
            p50_ms=diff_seconds * 1000,
            measured=f"{changed:,} changed",
            verdict=verdict(changed == RECORDS),
            target=f"all {RECORDS:,} change",
        ),
        Row(
            "manage.py reassess --json",
            p50_ms=command_seconds * 1000,
            measured=f"{json.loads(output)['changed']:,} changed",
        ),
        Row(
            f"GET reassess page ({RECORDS:,} records)",
            p50_ms=page_seconds * 1000,
            measured=f"{len(html) // 1024:,} KiB" + ("" if listed else ", rows missing"),
            target=f"< {TARGET_PAGE_SECONDS:.0f} s",
            verdict=verdict(page_seconds < TARGET_PAGE_SECONDS and listed),
        ),
        Row(
            "POST open drafts for changed records",
            p50_ms=drafts_seconds * 1000,
            measured=f"{drafts} drafts (status {response.status_code})",
        ),
    ]
