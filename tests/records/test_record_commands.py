"""The command line of signed records: ``signing_key create|rotate|list``,
``assess … --record``, ``export_report`` and ``verify_records``."""

from __future__ import annotations

import json
import stat
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    DocumentCertificate,
    Organisation,
    SigningKey,
)
from questionnaire.records.chain import chain_verify, record_status
from questionnaire.records.export import export_check, export_document
from questionnaire.records.signing import b64, sha256_hex, signer_load
from questionnaire.scoring import assess
from questionnaire.selectors import published_keys
from tests.records.conftest import ANSWERS, make_record, stored_report

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def exit_code(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return (exit_.code if isinstance(exit_.code, int) else 1), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ signing_key


def test_create_makes_a_private_key_file_and_publishes_key_and_certificate(signing_paths):
    out, err = run("signing_key", "create")

    key_file = signing_paths.key_file
    assert key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert signing_paths.certificate_file.is_file()
    assert stat.S_IMODE(signing_paths.certificate_file.stat().st_mode) == 0o600
    signer = signer_load(key_file)
    key = SigningKey.objects.get()
    assert key.key_id == signer.key_id
    assert key.public_key == b64(signer.public_key)
    assert key.retired_at is None
    certificate = DocumentCertificate.objects.get()
    assert certificate.retired_at is None
    assert "BEGIN CERTIFICATE" in certificate.certificate_pem
    assert "PRIVATE" not in certificate.certificate_pem
    assert key.key_id in out
    assert err == ""


def test_the_private_key_is_kept_outside_the_repository_by_default():
    from django.conf import settings as django_settings

    repository = Path(__file__).resolve().parents[2]
    tracked = repository / "questionnaire"
    key_file = Path(django_settings.RECORD_SIGNING_KEY_FILE).resolve()
    assert not key_file.is_relative_to(tracked)
    # Inside the working copy the default lives in data/, which git must ignore.
    if key_file.is_relative_to(repository):
        top = key_file.relative_to(repository).parts[0]
        ignored = (repository / ".gitignore").read_text().splitlines()
        assert f"{top}/" in ignored or top in ignored


def test_a_second_create_is_an_error_that_points_to_rotate(signing_setup):
    key_before = signing_setup.key_file.read_bytes()

    with pytest.raises(CommandError, match="rotate"):
        run("signing_key", "create")

    assert signing_setup.key_file.read_bytes() == key_before
    assert SigningKey.objects.count() == 1
    assert DocumentCertificate.objects.count() == 1


def test_create_if_missing_is_quiet_and_idempotent(signing_setup):
    key_before = signing_setup.key_file.read_bytes()
    certificate_before = signing_setup.certificate_file.read_bytes()
    keys_before = list(SigningKey.objects.values_list("key_id", "retired_at"))

    for _ in range(2):
        out, err = run("signing_key", "create", "--if-missing")
        assert err == ""
        assert "Created" not in out
        assert "Installed" not in out

    assert signing_setup.key_file.read_bytes() == key_before
    assert signing_setup.certificate_file.read_bytes() == certificate_before
    assert list(SigningKey.objects.values_list("key_id", "retired_at")) == keys_before
    assert DocumentCertificate.objects.filter(retired_at__isnull=True).count() == 1
    assert DocumentCertificate.objects.count() == 1


def test_create_if_missing_creates_when_nothing_exists(signing_paths):
    run("signing_key", "create", "--if-missing")

    assert signing_paths.key_file.is_file()
    assert SigningKey.objects.count() == 1
    assert DocumentCertificate.objects.count() == 1


def test_create_registers_an_existing_key_file_the_database_does_not_know(signing_setup):
    # A fresh database (restored, or a new environment) with the key file in place.
    SigningKey.objects.all().delete()

    run("signing_key", "create", "--if-missing")

    assert SigningKey.objects.get().key_id == signer_load(signing_setup.key_file).key_id


def test_list_prints_the_key_and_the_certificate(signing_setup):
    out, _ = run("signing_key", "list")

    key = SigningKey.objects.get()
    certificate = DocumentCertificate.objects.get()
    key_lines = [line for line in out.splitlines() if key.key_id in line]
    certificate_lines = [line for line in out.splitlines() if certificate.fingerprint[:16] in line]
    assert len(key_lines) == 1 and "active" in key_lines[0]
    assert len(certificate_lines) == 1 and "active" in certificate_lines[0]
    assert "PRIVATE" not in out


def test_rotate_keeps_the_old_key_published_and_retired(signing_setup):
    old_key = SigningKey.objects.get()
    old_file = signing_setup.key_file.read_bytes()

    run("signing_key", "rotate")

    assert signing_setup.key_file.read_bytes() != old_file
    assert stat.S_IMODE(signing_setup.key_file.stat().st_mode) == 0o600
    old_key.refresh_from_db()
    assert old_key.retired_at is not None
    new_key = SigningKey.objects.get(retired_at__isnull=True)
    assert new_key.key_id == signer_load(signing_setup.key_file).key_id
    assert DocumentCertificate.objects.count() == 2
    assert DocumentCertificate.objects.filter(retired_at__isnull=True).count() == 1
    out, _ = run("signing_key", "list")
    assert old_key.key_id in out and new_key.key_id in out


def test_signing_without_a_key_is_a_clear_error(acme, owner, signing_paths):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="signing_key create"):
        make_record(acme, owner)
    assert not AssessmentRecord.objects.exists()


# ------------------------------------------------------------------ assess --record


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS), "utf-8")
    return path


def test_assess_record_prints_the_result_with_the_record_and_stores_a_valid_record(
    signing_setup, acme, owner, answers_file
):
    out, err = run("assess", str(answers_file), "--record", "--org", "acme", "--user", "alice")

    printed = json.loads(out)
    record_info: dict[str, Any] = printed.pop("record")
    # The command speaks for today, and so does the record attested today.
    today = timezone.localdate().isoformat()
    assert printed == assess({**json.loads(answers_file.read_text()), "assessed_on": today})
    record = AssessmentRecord.objects.get(public_id=record_info["id"])
    assert record_info["sha256"] == record.payload_sha256
    assert record.attested_by == owner
    assert record.organisation == acme
    assert record.sequence == 1
    payload = json.loads(bytes(record.payload))
    assert payload["answers"]["model_name"] == "Example-70B"
    assert payload["attestation"]["username"] == "alice"
    assert payload["questions"], "the questions as worded today are recorded"
    assert record_status(record).failures == []
    assert chain_verify(Organisation.objects.filter(pk=acme.pk)).failures == []
    assert export_check(export_document(record), published_keys()).authentic
    assert sha256_hex(stored_report(record)) == record.report.sha256
    assert record_info["id"] in err


def test_assess_without_record_stores_nothing(signing_setup, acme, owner, answers_file):
    out, _ = run("assess", str(answers_file))

    assert "record" not in json.loads(out)
    assert not AssessmentRecord.objects.exists()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ["--org", "acme", "--user", "bob"],  # a member, not an attester
        ["--org", "acme", "--user", "eve"],  # an outsider
        ["--org", "acme", "--user", "nobody"],
        ["--org", "nowhere", "--user", "alice"],
        ["--org", "acme"],
        ["--user", "alice"],
        [],
    ],
    ids=["member", "outsider", "unknown user", "unknown org", "no user", "no org", "neither"],
)
def test_assess_record_refuses_cleanly_and_stores_nothing(
    signing_setup, acme, owner, colleague, outsider, answers_file, arguments
):
    with pytest.raises(CommandError):
        run("assess", str(answers_file), "--record", *arguments)

    assert not AssessmentRecord.objects.exists()
    assert not Assessment.objects.exists()


def test_assess_record_with_invalid_answers_exits_2_and_stores_nothing(
    signing_setup, acme, owner, tmp_path
):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**ANSWERS, "role": "astronaut"}), "utf-8")

    code, out, err = exit_code("assess", str(path), "--record", "--org", "acme", "--user", "alice")

    assert code == 2
    assert "role" in err
    assert out == ""
    assert not AssessmentRecord.objects.exists()
    assert not Assessment.objects.exists()


def test_assess_record_without_a_signing_key_is_a_clean_error(
    signing_paths, acme, owner, answers_file
):
    with pytest.raises(CommandError, match="signing_key"):
        run("assess", str(answers_file), "--record", "--org", "acme", "--user", "alice")

    assert not AssessmentRecord.objects.exists()
    assert not Assessment.objects.exists()


# ------------------------------------------------------------------ export_report


def test_export_report_writes_the_stored_pdf_byte_for_byte(signing_setup, acme, owner, tmp_path):
    from unittest import mock

    from questionnaire.reports import render

    record = make_record(acme, owner)
    output = tmp_path / "out" / "report.pdf"
    output.parent.mkdir()

    with mock.patch.object(render, "report_pdf", side_effect=AssertionError("re-rendered")):
        out, _ = run("export_report", str(record.public_id), "--output", str(output))

    assert output.read_bytes() == stored_report(record)
    assert sha256_hex(output.read_bytes()) == record.report.sha256
    assert str(output) in out


@pytest.mark.parametrize(
    "record_id", ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "", "1"]
)
def test_export_report_of_an_unknown_record_is_a_command_error(signing_setup, tmp_path, record_id):
    output = tmp_path / "report.pdf"

    with pytest.raises(CommandError):
        run("export_report", record_id, "--output", str(output))

    assert not output.exists()


def test_export_report_refuses_a_stored_file_that_was_altered(signing_setup, acme, owner, tmp_path):
    record = make_record(acme, owner)
    stored = signing_setup.media_root / record.report.file.name
    pdf = bytearray(stored.read_bytes())
    pdf[len(pdf) // 2] ^= 0x01
    stored.write_bytes(bytes(pdf))
    output = tmp_path / "report.pdf"

    with pytest.raises(CommandError, match="SHA-256"):
        run("export_report", str(record.public_id), "--output", str(output))

    assert not output.exists()


def test_export_report_to_an_unwritable_place_is_a_command_error(signing_setup, acme, owner):
    record = make_record(acme, owner)

    with pytest.raises(CommandError):
        run("export_report", str(record.public_id), "--output", "/nonexistent/dir/report.pdf")


# ------------------------------------------------------------------ verify_records


def test_verify_records_for_an_organisation_exits_0_on_a_clean_chain(signing_setup, acme, owner):
    for name in ("One", "Two"):
        make_record(acme, owner, model_name=name)

    code, out, err = exit_code("verify_records", "--org", "acme")

    assert code == 0, err
    assert "2 records checked" in out
    assert err == ""


def test_verify_records_with_no_records_exits_0(signing_setup, acme):
    code, out, _ = exit_code("verify_records")

    assert code == 0
    assert "0 records checked" in out


def test_verify_records_for_an_unknown_organisation_is_a_command_error(signing_setup, acme):
    with pytest.raises(CommandError):
        run("verify_records", "--org", "nowhere")
