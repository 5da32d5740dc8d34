"""The example client script files a run against a live server and prints the totals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from questionnaire.api.services import api_token_create
from questionnaire.ledger.services import registered_model_create
from questionnaire.models import LedgerEntry, Membership
from tests.people import make_member

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "ledger_client.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60
    )


# A transactional test ends by emptying every table; serialized_rollback puts back what the
# data migrations wrote (the question wording), as every other live-server test does.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_script_files_a_run_and_prints_the_totals(live_server, acme):
    admin = make_member("carol", acme, Membership.Role.ADMIN)
    model = registered_model_create(organisation=acme, name="Falcon-Small", user=None)
    raw = api_token_create(organisation=acme, name="job", scopes=["write_ledger"], user=admin).raw
    common = ["--base-url", live_server.url, "--token", raw, "--model", str(model.public_id)]
    filed = run(
        *common,
        "--key",
        "run-1",
        "--revision",
        "1",
        "--status",
        "running",
        "--chips",
        "1000",
        "--hours",
        "100",
        "--peak-flops",
        "1e15",
        "--utilisation",
        "0.4",
    )
    assert filed.returncode == 0, filed.stderr
    assert filed.stdout.startswith("created: run-1 revision 1")
    assert "cumulative compute: actual" in filed.stdout
    refused = run(
        *common, "--key", "run-1", "--revision", "1", "--status", "running", "--flop", "-5"
    )
    assert refused.returncode == 1
    assert "field: compute.flop" in refused.stderr
    assert LedgerEntry.objects.get().revision == 1
