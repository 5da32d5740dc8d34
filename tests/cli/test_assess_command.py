"""``manage.py assess``: the command-line contract of shared/spec/assess-json.md."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from questionnaire.scoring import load
from tests.samples import CONTRACT_EXAMPLE

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = CONTRACT_EXAMPLE

INVALID = {
    "schema": 1,
    "role": "developer",
    "placement": "placed",
    "placed_on": "2026-03-01",
    "established_in_eu": True,
    "generates": ["text", "smell"],
    "generality": "wide",
    "compute": {"method": "architecture", "parameters": "-7B", "tokens": "2T"},
}


def run_command(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("assess", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def answers_file(tmp_path: Path):
    def write(document: object, name: str = "answers.json") -> Path:
        path = tmp_path / name
        path.write_text(document if isinstance(document, str) else json.dumps(document), "utf-8")
        return path

    return write


def test_it_prints_the_result_document_of_the_contract(answers_file):
    out, err = run_command(str(answers_file(EXAMPLE)))
    result = json.loads(out)
    assert err == ""
    assert result["schema"] == 1
    assert result["ruleset"] == "eu-aia-gpai-2026.1"
    assert result["classification"] == "gpai_open_source"
    assert result["training_flop"] == "8.4e22"
    assert {o["id"] for o in result["obligations"]} == {"art53_1c", "art53_1d"}


def test_it_speaks_for_today_and_names_its_rule_set_by_hash(answers_file):
    result = json.loads(run_command(str(answers_file(EXAMPLE)))[0])
    assert result["assessed_on"] == timezone.localdate().isoformat()
    assert result["ruleset_sha256"] == load("eu-aia-gpai-2026.1").sha256
    assert {o["status"] for o in result["obligations"]} == {"applies"}


def test_it_decides_under_the_rule_set_asked_for(answers_file):
    result = json.loads(
        run_command(str(answers_file(EXAMPLE)), "--ruleset", "eu-aia-gpai-2025.1")[0]
    )
    assert result["ruleset"] == "eu-aia-gpai-2025.1"
    assert "assessed_on" not in result
    assert all("status" not in obligation for obligation in result["obligations"])


def test_an_unknown_rule_set_exits_2_naming_it(answers_file):
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "assess",
            str(answers_file(EXAMPLE)),
            "--ruleset",
            "eu-aia-gpai-1999.1",
            stdout=StringIO(),
            stderr=err,
        )
    assert exit_info.value.code == 2
    assert err.getvalue().startswith(
        "ruleset: must be one of eu-aia-gpai-2025.1, eu-aia-gpai-2026.1"
    )


def test_it_exits_2_on_invalid_answers(answers_file):
    with pytest.raises(SystemExit) as exit_info:
        run_command(str(answers_file(INVALID)))
    assert exit_info.value.code == 2


def test_it_names_each_invalid_key_path_on_stderr(answers_file, capsys):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit):
        call_command("assess", str(answers_file(INVALID)), stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        "generates[1]: must be one of text, audio, image, video, other",
        "compute.parameters: must be a positive number",
    ]
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("content", "expected"),
    [("{not json", "answers: not valid JSON"), ('{"schema": NaN}', "answers: not valid JSON")],
)
def test_it_rejects_invalid_json_with_exit_2(answers_file, content, expected):
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("assess", str(answers_file(content)), stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert err.getvalue().startswith(expected)


def test_it_reports_an_unreadable_file_with_exit_2(tmp_path):
    err = StringIO()
    missing = tmp_path / "missing.json"
    with pytest.raises(SystemExit) as exit_info:
        call_command("assess", str(missing), stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert str(missing) in err.getvalue()


def manage(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "assess", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_real_process_reads_answers_from_stdin_and_prints_json():
    completed = manage("-", stdin=json.dumps(EXAMPLE))
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["classification"] == "gpai_open_source"


def test_a_real_process_exits_2_with_problems_and_no_traceback(answers_file):
    completed = manage(str(answers_file(INVALID)))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    assert completed.stderr.splitlines() == [
        "generates[1]: must be one of text, audio, image, video, other",
        "compute.parameters: must be a positive number",
    ]


def test_a_real_process_exits_2_on_a_missing_file(tmp_path):
    completed = manage(str(tmp_path / "nope.json"))
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert "nope.json" in completed.stderr


def test_a_real_process_exits_2_on_an_empty_stdin():
    completed = manage("-", stdin="")
    assert completed.returncode == 2
    assert completed.stderr.startswith("answers: not valid JSON")


def test_recording_answers_that_cannot_be_signed_exactly_exits_2_naming_the_key(
    answers_file, tmp_path, settings, django_user_model
):
    from questionnaire.models import Membership, Organisation

    settings.RECORD_SIGNING_KEY_FILE = tmp_path / "keys" / "record.pem"
    settings.RECORD_DOCUMENT_CERT_FILE = tmp_path / "keys" / "document.p12"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("signing_key", "create", stdout=StringIO())
    organisation = Organisation.objects.create(slug="acme", name="Acme")
    user = django_user_model.objects.create_user("alice")
    Membership.objects.create(organisation=organisation, user=user, role="attester")
    path = answers_file({**EXAMPLE, "notes_for_us": ["kept", None]})
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "assess",
            str(path),
            "--record",
            "--org",
            "acme",
            "--user",
            "alice",
            stdout=StringIO(),
            stderr=err,
        )
    assert exit_info.value.code == 2
    assert err.getvalue().startswith("notes_for_us[1]: null")
    assert not Membership.objects.get(user=user).organisation.records.exists()
