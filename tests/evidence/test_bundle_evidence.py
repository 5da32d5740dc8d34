"""The regulator bundle carries the evidence files a record signed, under
evidence/<question>/<name>, listed in its signed manifest; its offline verifier (imported by
its path, as tests/documents/test_bundle_verifier.py does) checks each against the SHA-256
and size in the signed record, so a changed file fails even in a manifest made again."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from questionnaire.documents import filed
from tests.documents.test_bundle_verifier import failed_lines, resign, run, unpack
from tests.evidence.conftest import PDF, attach, complete, sign

pytestmark = pytest.mark.django_db

EVIDENCE_PATH = "evidence/compute.flop/training-run.pdf"


@pytest.fixture(autouse=True)
def documents_stubbed(monkeypatch):
    monkeypatch.setattr(
        filed, "bundle_documents", lambda *, record: [("model-documentation.pdf", b"%PDF-1.7")]
    )


@pytest.fixture
def signed(draft, owner):
    evidence = attach(draft, owner, name="training-run.pdf", data=PDF, key="compute.flop")
    return sign(complete(draft, owner), owner), evidence


def download(client, record) -> bytes:
    response = client.get(f"/records/{record.public_id}/bundle.zip")
    assert response.status_code == 200, response.status_code
    data: bytes = response.content
    return data


@pytest.fixture
def folder(signed, owner_client, tmp_path) -> Path:
    record, _ = signed
    return unpack(download(owner_client, record), tmp_path / "bundle")


def test_the_bundle_carries_the_evidence_file_listed_in_its_manifest(folder, capsys):
    assert (folder / EVIDENCE_PATH).read_bytes() == PDF
    manifest = json.loads((folder / "manifest.json").read_bytes())
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert listed[EVIDENCE_PATH]["sha256"] == hashlib.sha256(PDF).hexdigest()

    status, out = run(folder, capsys=capsys)

    assert status == 0, out
    assert f"OK      evidence {EVIDENCE_PATH}: as signed in the record ({len(PDF)} bytes)" in out


def test_one_changed_byte_of_the_evidence_fails_the_verifier(folder, capsys):
    data = bytearray((folder / EVIDENCE_PATH).read_bytes())
    data[10] ^= 0x01
    (folder / EVIDENCE_PATH).write_bytes(bytes(data))

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        f"FAILED  file {EVIDENCE_PATH}: its SHA-256 is not the one in manifest.json: changed",
        f"FAILED  evidence {EVIDENCE_PATH}: not the file the record signed (its SHA-256 or "
        "size differs): changed",
    ]


def test_a_changed_evidence_file_listed_again_in_a_resigned_manifest_still_fails(folder, capsys):
    resign(folder, **{EVIDENCE_PATH: PDF.replace(b"Catalog", b"Katalog")})

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        f"FAILED  evidence {EVIDENCE_PATH}: not the file the record signed (its SHA-256 or "
        "size differs): changed",
    ]


def test_a_file_under_evidence_that_the_record_does_not_list_fails(folder, capsys):
    """Besides the manifest's own check (the file is not listed there either)."""
    (folder / "evidence" / "model_name").mkdir()
    (folder / "evidence/model_name/extra.pdf").write_bytes(PDF)

    _, out = run(folder, capsys=capsys)

    assert "FAILED  evidence evidence/model_name/extra.pdf: not listed in the signed record" in out


def test_altering_the_stored_evidence_file_makes_the_downloaded_bundle_fail(
    signed, owner_client, tmp_path, capsys
):
    record, evidence = signed
    with default_storage.open(evidence.file.name, "wb") as handle:
        handle.write(PDF.replace(b"Catalog", b"Katalog"))

    folder = unpack(download(owner_client, record), tmp_path / "altered")
    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        f"FAILED  evidence {EVIDENCE_PATH}: not the file the record signed (its SHA-256 or "
        "size differs): changed",
    ]


def test_an_evidence_file_gone_from_storage_is_missing_from_the_bundle(
    signed, owner_client, tmp_path, capsys
):
    record, evidence = signed
    default_storage.delete(evidence.file.name)

    folder = unpack(download(owner_client, record), tmp_path / "missing")
    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [f"FAILED  evidence {EVIDENCE_PATH}: missing from the bundle"]
