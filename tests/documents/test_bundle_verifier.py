"""The regulator bundle's offline verifier (questionnaire/documents/verifier/verify_bundle.py),
run in this process on bundles the app makes: imported by its path, as a recipient runs it,
never as a module of the app.

What a recipient sees is its output and exit status: one OK or FAILED line per check, 0
when all pass, 1 when any fails, 2 (and no traceback) when the input is no bundle."""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.util
import io
import json
import sys
import zipfile
from datetime import timedelta
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.management import call_command

from questionnaire.documents import bundle, filed
from questionnaire.records.signing import canonical_json, signer_load
from questionnaire.scoring import rulesets
from tests.records.conftest import make_record, payload_of

VERIFIER_FILE = bundle.VERIFIER_FILE


def load_verifier() -> ModuleType:
    spec = importlib.util.spec_from_file_location("verify_bundle_under_test", VERIFIER_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


verifier = load_verifier()


@pytest.fixture
def signing(settings, tmp_path, db):
    settings.RECORD_SIGNING_KEY_FILE = tmp_path / "keys" / "record.pem"
    settings.RECORD_DOCUMENT_CERT_FILE = tmp_path / "keys" / "document.p12"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("signing_key", "create", stdout=StringIO())


def run(*arguments: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = verifier.main([str(argument) for argument in arguments])
    out = capsys.readouterr().out
    return status, out


def failed_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("FAILED")]


def unpack(data: bytes, folder: Path) -> Path:
    folder.mkdir()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return folder


def resign(folder: Path, **changes: bytes) -> None:
    """Replace files and list them in a manifest signed again with the organisation's key:
    what only someone holding that key could do. The record's own signature and the
    stored report's hash still stand in the way."""
    for path, content in changes.items():
        (folder / path).write_bytes(content)
    manifest = json.loads((folder / "manifest.json").read_bytes())
    for entry in manifest["files"]:
        content = (folder / entry["path"]).read_bytes()
        entry["sha256"] = hashlib.sha256(content).hexdigest()
        entry["size"] = len(content)
    manifest_bytes = json.dumps(manifest, indent=2).encode()
    signer = signer_load(settings.RECORD_SIGNING_KEY_FILE)
    (folder / "manifest.json").write_bytes(manifest_bytes)
    (folder / "manifest.sig").write_bytes(base64.b64encode(signer.sign(manifest_bytes)) + b"\n")


@pytest.fixture(autouse=True)
def documents_stubbed(monkeypatch):
    """One small stand-in for the filled documents: rendering the real ones (tested with the
    bundle, tests/documents/test_bundle.py) tells nothing more about the verifier."""
    monkeypatch.setattr(
        filed, "bundle_documents", lambda *, record: [("model-documentation.pdf", b"%PDF-1.7")]
    )


@pytest.fixture
def record(signing, acme, owner):
    return make_record(acme, owner)


@pytest.fixture
def bundle_zip(record, owner_client) -> bytes:
    response = owner_client.get(f"/records/{record.public_id}/bundle.zip")
    assert response.status_code == 200
    data: bytes = response.content
    return data


@pytest.fixture
def folder(bundle_zip, tmp_path) -> Path:
    return unpack(bundle_zip, tmp_path / "bundle")


# ------------------------------------------------------------------ a bundle as downloaded


def test_a_downloaded_bundle_passes_every_check_and_names_the_key(folder, record, capsys):
    status, out = run(folder, capsys=capsys)

    assert status == 0, out
    assert failed_lines(out) == []
    key = record.signing_key
    fingerprint = hashlib.sha256(base64.b64decode(key.public_key)).hexdigest()
    assert f"Key that signed the manifest and the record: {key.key_id}" in out
    assert f"SHA-256 fingerprint: {fingerprint}" in out
    assert f"public key (base64): {key.public_key}" in out
    assert f"publishes its keys at: {settings.SITE_URL}/signing-keys.json" in out
    assert "OK      manifest signature (manifest.sig over manifest.json): signed by" in out
    for path in ("README.txt", "verify_bundle.py", "record.json", "report.pdf"):
        assert f"OK      file {path} (" in out
    assert f"OK      record signature (record.json): record {record.sequence} of Acme AI" in out
    assert "OK      PDF report hash (report.pdf)" in out
    assert f"OK      rule set (ruleset/{payload_of(record)['ruleset']}.json)" in out
    assert out.rstrip().endswith("checks passed.")
    assert "VERIFIED: all" in out


def test_the_zip_itself_can_be_checked_without_unpacking(bundle_zip, tmp_path, capsys):
    path = tmp_path / "bundle.zip"
    path.write_bytes(bundle_zip)

    status, out = run(path, capsys=capsys)

    assert status == 0, out


def test_a_virtual_environment_made_inside_the_folder_is_left_aside(folder, capsys):
    # The README's own instructions make one there: `python -m venv v` in the bundle.
    (folder / "v" / "bin").mkdir(parents=True)
    (folder / "v" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (folder / "v" / "bin" / "python").write_text("")
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")

    status, out = run(folder, capsys=capsys)

    assert status == 0, out
    assert "Left aside (not part of the bundle): v/" in out
    assert "Left aside (not part of the bundle): .DS_Store" in out


def test_a_keys_file_obtained_independently_confirms_the_key(folder, client, tmp_path, capsys):
    published = tmp_path / "signing-keys.json"
    published.write_bytes(client.get("/signing-keys.json").content)

    status, out = run(folder, "--keys", published, capsys=capsys)

    assert status == 0, out
    assert "OK      key ed25519-" in out
    assert "against the keys file given with --keys" in out


def test_a_manifest_key_swapped_inside_the_bundle_fails_against_the_published_keys(
    folder, client, tmp_path, capsys
):
    """A forger re-signs everything with a key of their own and puts it in the bundle's keys
    file: the bundle then checks against itself, so the printed fingerprint is not the
    organisation's, and the published keys file says so."""
    published = tmp_path / "signing-keys.json"
    published.write_bytes(client.get("/signing-keys.json").content)
    forged = Ed25519PrivateKey.generate()
    raw = forged.public_key().public_bytes_raw()
    keys = json.loads((folder / "keys/signing-keys.json").read_bytes())
    original_id = keys["keys"][0]["key_id"]
    keys["keys"][0]["public_key"] = base64.b64encode(raw).decode()
    keys["keys"][0]["key_id"] = forged_id = "ed25519-" + hashlib.sha256(raw).hexdigest()[:16]
    (folder / "keys/signing-keys.json").write_text(json.dumps(keys, indent=2))
    manifest = json.loads((folder / "manifest.json").read_bytes())
    manifest["signing_key"] = {
        "key_id": forged_id,
        "algorithm": "Ed25519",
        "fingerprint_sha256": hashlib.sha256(raw).hexdigest(),
    }
    for entry in manifest["files"]:
        content = (folder / entry["path"]).read_bytes()
        entry["sha256"], entry["size"] = hashlib.sha256(content).hexdigest(), len(content)
    manifest_bytes = json.dumps(manifest).encode()
    (folder / "manifest.json").write_bytes(manifest_bytes)
    (folder / "manifest.sig").write_bytes(base64.b64encode(forged.sign(manifest_bytes)))

    alone_status, alone = run(folder, capsys=capsys)
    status, out = run(folder, "--keys", published, capsys=capsys)

    # Alone, the manifest checks, but the record names a key the bundle no longer holds...
    assert alone_status == 1
    assert f"Key that signed the manifest: {forged_id}" in alone
    assert f"the key {original_id} is not in keys/signing-keys.json" in alone
    # ...and against the published keys the forged key is refused outright.
    assert status == 1
    assert f"FAILED  key {forged_id} against the keys file given with --keys: differs" in out


# ------------------------------------------------------------------ what each check catches


def test_one_changed_byte_in_the_report_fails_its_hash_and_the_manifest(folder, capsys):
    pdf = bytearray((folder / "report.pdf").read_bytes())
    pdf[len(pdf) // 2] ^= 0x01
    (folder / "report.pdf").write_bytes(bytes(pdf))

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        "FAILED  file report.pdf: its SHA-256 is not the one in manifest.json: changed",
        "FAILED  PDF report hash (report.pdf): report.pdf is not the report stored when it was "
        "signed",
    ]
    assert "NOT VERIFIED: 2 of" in out


def test_a_record_altered_and_listed_again_by_the_key_holder_fails_its_own_signature(
    folder, capsys
):
    export = json.loads((folder / "record.json").read_bytes())
    export["payload"]["model_name"] = "Something-Else-7B"
    resign(folder, **{"record.json": json.dumps(export, indent=2).encode()})

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        "FAILED  record signature (record.json): the payload in record.json does not match "
        "its SHA-256: changed"
    ]


def test_a_record_whose_hash_is_updated_too_still_fails_its_signature(folder, capsys):
    export = json.loads((folder / "record.json").read_bytes())
    export["payload"]["model_name"] = "Something-Else-7B"
    export["sha256"] = hashlib.sha256(canonical_json(export["payload"])).hexdigest()
    resign(folder, **{"record.json": json.dumps(export).encode()})

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        "FAILED  record signature (record.json): the signature does not match the payload in "
        "record.json: changed"
    ]


def test_a_null_slipped_into_the_signed_payload_is_not_canonical(folder, capsys):
    export = json.loads((folder / "record.json").read_bytes())
    export["payload"]["supersedes"] = None
    resign(folder, **{"record.json": json.dumps(export).encode()})

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert "the payload in record.json is not in canonical form" in out


def test_another_report_listed_by_the_key_holder_is_not_the_stored_one(folder, capsys):
    resign(folder, **{"report.pdf": b"%PDF-1.7\n% another report\n"})

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        "FAILED  PDF report hash (report.pdf): report.pdf is not the report stored when it was "
        "signed"
    ]


def test_a_rule_set_with_other_decisions_fails_against_the_signed_result(folder, record, capsys):
    path = f"ruleset/{payload_of(record)['ruleset']}.json"
    ruleset = json.loads((folder / path).read_bytes())
    ruleset["notification_days"] += 1
    resign(folder, **{path: json.dumps(ruleset).encode()})

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        f"FAILED  rule set ({path}): its decision data is not what the signed result pinned"
    ]


def test_a_missing_file_and_an_added_one_both_fail(folder, capsys):
    (folder / "README.txt").unlink()
    (folder / "documents").mkdir(exist_ok=True)
    (folder / "documents" / "extra.pdf").write_bytes(b"%PDF-1.7 unsigned addition")

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert failed_lines(out) == [
        "FAILED  file README.txt: missing",
        "FAILED  file documents/extra.pdf: not listed in manifest.json, so not covered by its "
        "signature",
    ]


def test_a_signature_spelt_another_way_in_base64_is_refused(folder, capsys):
    signature = (folder / "manifest.sig").read_text().strip()
    (folder / "manifest.sig").write_text(signature.rstrip("=") + "\n")

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert (
        "FAILED  manifest signature (manifest.sig over manifest.json): manifest.sig is not" in out
    )


def test_a_bundle_made_after_a_key_rotation_verifies_with_both_keys(
    signing, acme, owner, owner_client, tmp_path, capsys
):
    record = make_record(acme, owner)
    call_command("signing_key", "rotate", stdout=StringIO())
    response = owner_client.get(f"/records/{record.public_id}/bundle.zip")
    folder = unpack(response.content, tmp_path / "rotated")
    manifest = json.loads((folder / "manifest.json").read_bytes())

    status, out = run(folder, capsys=capsys)

    assert status == 0, out
    assert manifest["signing_key"]["key_id"] != record.signing_key.key_id
    assert f"Key that signed the manifest: {manifest['signing_key']['key_id']}" in out
    assert f"Key that signed the record: {record.signing_key.key_id}" in out


def test_filled_documents_travel_in_the_bundle_and_are_checked(
    record, owner_client, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(
        filed,
        "bundle_documents",
        lambda *, record: [("art-52-notification.odt", b"PK\x03\x04 letter")],
    )
    response = owner_client.get(f"/records/{record.public_id}/bundle.zip")
    folder = unpack(response.content, tmp_path / "with-documents")

    status, out = run(folder, capsys=capsys)
    (folder / "documents" / "art-52-notification.odt").write_bytes(b"PK\x03\x04 letteR")
    changed_status, changed = run(folder, capsys=capsys)

    assert status == 0, out
    assert "OK      file documents/art-52-notification.odt (11 bytes" in out
    assert changed_status == 1
    assert "FAILED  file documents/art-52-notification.odt" in changed


# ------------------------------------------------------------------ unusable input


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("nothing there", "does not exist"),
        ("no manifest", "manifest.json is missing"),
        ("manifest not JSON", "manifest.json is not readable JSON"),
        ("manifest of something else", "is not the manifest of a GPAI Assessor regulator"),
        ("newer format", "this verifier reads version 1"),
        ("file list of the wrong shape", "manifest.json has no valid file size"),
        ("duplicate key", "manifest.json: the key 'files' appears twice"),
        ("not a zip", "is neither a folder nor a .zip file"),
    ],
)
def test_input_that_is_no_bundle_exits_2_without_a_traceback(damage, message, tmp_path, capsys):
    folder = tmp_path / "bundle"
    folder.mkdir()
    manifest: dict[str, Any] = {
        "format": "gpai-assessor-regulator-bundle",
        "version": 1,
        "record_id": "x",
        "signing_key": {"key_id": "k"},
        "files": [],
    }
    target = folder
    if damage == "nothing there":
        target = tmp_path / "absent"
    elif damage == "manifest not JSON":
        (folder / "manifest.json").write_bytes(b'{"format": "gpai-assessor-regulator-bundle"')
    elif damage == "manifest of something else":
        (folder / "manifest.json").write_text(json.dumps({**manifest, "format": "other"}))
    elif damage == "newer format":
        (folder / "manifest.json").write_text(json.dumps({**manifest, "version": 2}))
    elif damage == "file list of the wrong shape":
        files = [{"path": "a", "sha256": "0" * 64, "size": "12"}]
        (folder / "manifest.json").write_text(json.dumps({**manifest, "files": files}))
    elif damage == "duplicate key":
        text = json.dumps(manifest)[:-1] + ', "files": [{"path": "x"}]}'
        (folder / "manifest.json").write_text(text)
    elif damage == "not a zip":
        target = tmp_path / "bundle.zip"
        target.write_bytes(b"PK but not really")

    status, out = run(target, capsys=capsys)
    err = capsys.readouterr().err

    assert status == 2
    assert message in out
    assert out.rstrip().endswith("NOT VERIFIED: this cannot be checked as a regulator bundle.")
    assert "Traceback" not in out + err


def test_a_record_json_that_is_not_json_fails_without_a_traceback(folder, capsys):
    resign(folder, **{"record.json": b"\xff\xfe not json"})

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert "FAILED  record signature (record.json): record.json is not UTF-8 text" in out


# ------------------------------------------------------------------ the verifier's source


def test_its_canonical_bytes_are_those_the_app_signs(record):
    payload = payload_of(record)

    assert verifier.canonical_json(payload) == canonical_json(payload) == bytes(record.payload)
    assert verifier.is_canonical(payload)
    assert not verifier.is_canonical({**payload, "x": 0.5})
    assert not verifier.is_canonical({**payload, "x": None})


@pytest.mark.parametrize("ruleset_id", rulesets.available())
def test_its_rule_set_decision_hash_is_the_apps(ruleset_id):
    _, data = bundle.ruleset_file(ruleset_id)

    assert verifier.decision_sha256(json.loads(data)) == rulesets.load(ruleset_id).sha256


def test_it_is_python_3_9_and_imports_only_the_standard_library_and_cryptography():
    source = VERIFIER_FILE.read_text("utf-8")
    tree = ast.parse(source, feature_version=(3, 9))
    imported = {
        ((node.module or "") if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }

    assert imported - set(sys.stdlib_module_names) == {"cryptography"}
    assert "__future__" in imported  # its annotations stay unevaluated on 3.9


def test_a_key_id_that_is_not_its_keys_is_refused():
    raw = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    keys = {
        "keys": [
            {
                "key_id": "ed25519-0000000000000000",
                "algorithm": "Ed25519",
                "public_key": base64.b64encode(raw).decode(),
            }
        ]
    }

    with pytest.raises(ValueError, match="is not the id of the public key listed with it"):
        verifier.read_keys(json.dumps(keys).encode(), "signing-keys.json")


def test_a_manifest_dated_after_its_keys_retirement_fails(folder, capsys):
    keys = json.loads((folder / "keys/signing-keys.json").read_bytes())
    manifest = json.loads((folder / "manifest.json").read_bytes())
    made = verifier.parse_time(manifest["created_at"])
    keys["keys"][0]["retired_at"] = (made - timedelta(days=1)).isoformat()
    resign(folder, **{"keys/signing-keys.json": json.dumps(keys).encode()})

    status, out = run(folder, capsys=capsys)

    assert status == 1
    assert "it claims a time after" in out
