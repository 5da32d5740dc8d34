"""The regulator bundle of a signed record (issue 12, item 5): its download, its contents and
manifest, and the offline check a recipient runs.

The offline test does what the issue asks: it unpacks a bundle into an empty folder, makes
a fresh virtual environment with nothing in it but ``cryptography`` (and the packages
``cryptography`` itself needs), installed from a local wheel folder with the package index
switched off, and runs the bundle's own ``verify_bundle.py`` there: it passes, and fails
once any byte of any file is changed. The wheel folder (``GPAI_WHEEL_CACHE``, by default
``~/.cache/gpai-assessor/wheels``) is filled from the package index on the first run only;
without a network then, the test fails and says so: it is never skipped."""

from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from importlib.metadata import version
from io import StringIO
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from pypdf import PdfReader

from questionnaire.documents import bundle, filed
from questionnaire.models import AuditEvent
from questionnaire.records.signing import sha256_hex, signer_load
from tests.documents.documents_samples import FRONTIER, assessment_of, open_source_answers
from tests.records.conftest import make_record, payload_of, stored_report

LAYOUT_START = ["README.txt", "manifest.json", "manifest.sig", "verify_bundle.py", "record.json"]


@pytest.fixture
def signing(settings, tmp_path, db):
    settings.RECORD_SIGNING_KEY_FILE = tmp_path / "keys" / "record.pem"
    settings.RECORD_DOCUMENT_CERT_FILE = tmp_path / "keys" / "document.p12"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("signing_key", "create", stdout=StringIO())


@pytest.fixture(autouse=True)
def documents_stubbed(request, monkeypatch):
    """Rendering the real filled documents takes a second per bundle: only the offline tests,
    which check a bundle end to end, carry them; the others carry one small stand-in."""
    if "offline" not in request.node.name:
        monkeypatch.setattr(
            filed, "bundle_documents", lambda *, record: [("model-documentation.pdf", b"%PDF-")]
        )


@pytest.fixture
def record(signing, acme, owner):
    return make_record(acme, owner)


def bundle_url(record) -> str:
    return f"/records/{record.public_id}/bundle.zip"


def download(client, record) -> bytes:
    response = client.get(bundle_url(record))
    assert response.status_code == 200, response.content[:300]
    data: bytes = response.content
    return data


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


# ------------------------------------------------------------------ the download


def test_the_bundle_downloads_as_a_zip_named_after_the_record(record, owner_client):
    response = owner_client.get(bundle_url(record))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    day = payload_of(record)["attestation"]["attested_at"][:10]
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="gpai-assessment-Example-70B-{day}-record-1-regulator-bundle.zip"'
    )


def test_it_holds_the_report_record_rule_set_keys_verifier_and_readme_in_a_fixed_order(
    record, owner_client
):
    data = download(owner_client, record)
    ruleset = payload_of(record)["ruleset"]
    certificate = record.signing_key  # the key is the one published; certificates below

    listed = names(data)

    assert listed[:5] == LAYOUT_START
    assert listed[5:8] == ["report.pdf", f"ruleset/{ruleset}.json", "keys/signing-keys.json"]
    rest = listed[8:]
    certificates = [name for name in rest if name.startswith("keys/certificates/")]
    assert len(certificates) == 1 and certificates[0].endswith(".pem")
    assert rest == certificates + [name for name in rest if name.startswith("documents/")]
    assert certificate.key_id in members(data)["keys/signing-keys.json"].decode()


def test_its_files_are_the_stored_report_the_served_export_and_the_published_keys(
    record, owner_client, client
):
    files = members(download(owner_client, record))
    ruleset = payload_of(record)["ruleset"]

    assert files["report.pdf"] == stored_report(record)
    assert files["record.json"] == owner_client.get(f"/records/{record.public_id}.json").content
    assert files["keys/signing-keys.json"] == client.get("/signing-keys.json").content
    assert files[f"ruleset/{ruleset}.json"] == bundle.ruleset_file(ruleset)[1]
    assert files["verify_bundle.py"] == bundle.VERIFIER_FILE.read_bytes()
    published = json.loads(client.get("/signing-keys.json").content)
    for certificate in published["document_certificates"]:
        pem = files[f"keys/certificates/{certificate['fingerprint_sha256']}.pem"]
        assert pem.decode() == certificate["certificate_pem"]


def test_the_manifest_lists_every_other_file_with_its_hash_and_size(record, owner_client):
    data = download(owner_client, record)
    files = members(data)
    manifest = json.loads(files["manifest.json"])

    assert manifest["format"] == "gpai-assessor-regulator-bundle"
    assert manifest["version"] == 1
    assert manifest["record_id"] == str(record.public_id)
    assert manifest["organisation"] == {"slug": "acme", "name": "Acme AI"}
    assert manifest["report"]["sha256"] == record.report.sha256
    assert manifest["keys_published_at"] == f"{settings.SITE_URL}/signing-keys.json"
    assert datetime.fromisoformat(manifest["created_at"]) <= datetime.now(UTC)
    assert [entry["path"] for entry in manifest["files"]] == [
        name for name in names(data) if name not in ("manifest.json", "manifest.sig")
    ]
    for entry in manifest["files"]:
        assert entry["sha256"] == sha256_hex(files[entry["path"]]), entry["path"]
        assert entry["size"] == len(files[entry["path"]]), entry["path"]


def test_the_manifest_signature_verifies_with_the_published_public_key(
    record, owner_client, client
):
    files = members(download(owner_client, record))
    manifest = json.loads(files["manifest.json"])
    published = {
        key["key_id"]: key for key in json.loads(client.get("/signing-keys.json").content)["keys"]
    }
    key = published[manifest["signing_key"]["key_id"]]
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key["public_key"]))
    signature = base64.b64decode(files["manifest.sig"].strip(), validate=True)

    public.verify(signature, files["manifest.json"])  # raises when it does not verify
    assert manifest["signing_key"]["fingerprint_sha256"] == sha256_hex(
        base64.b64decode(key["public_key"])
    )
    with pytest.raises(InvalidSignature):
        public.verify(signature, files["manifest.json"].replace(b"Acme AI", b"Acme Al"))


def test_the_manifest_is_signed_with_the_key_current_at_download(record, owner_client):
    call_command("signing_key", "rotate", stdout=StringIO())
    current = signer_load(settings.RECORD_SIGNING_KEY_FILE)

    manifest = json.loads(members(download(owner_client, record))["manifest.json"])

    assert manifest["signing_key"]["key_id"] == current.key_id
    assert manifest["record"]["key_id"] == record.signing_key.key_id != current.key_id


def test_the_same_inputs_make_the_same_bytes(record):
    payload = payload_of(record)
    signer = signer_load(settings.RECORD_SIGNING_KEY_FILE)
    made = [
        bundle.bundle_build(
            record=record,
            payload=payload,
            report_bytes=stored_report(record),
            report_sha256=record.report.sha256,
            documents=[("model-documentation-form.odt", b"form")],
            signer=signer,
            created_at=datetime(2026, 11, 29, 12, 0, tzinfo=UTC),
        )
        for _ in range(2)
    ]

    assert made[0].data == made[1].data
    assert made[0].paths[-1] == "documents/model-documentation-form.odt"


@pytest.mark.parametrize("name", ["../escape.pdf", "/etc/passwd", "a//b", "", "notes\\x.txt"])
def test_a_document_name_that_could_leave_its_folder_is_refused(record, name):
    with pytest.raises(ValueError, match="cannot name a file of the bundle"):
        bundle.bundle_build(
            record=record,
            payload=payload_of(record),
            report_bytes=stored_report(record),
            report_sha256=record.report.sha256,
            documents=[(name, b"x")],
            signer=signer_load(settings.RECORD_SIGNING_KEY_FILE),
            created_at=datetime.now(UTC),
        )


def test_the_readme_tells_the_recipient_how_to_check_and_where_keys_are_published(
    record, owner_client
):
    readme = members(download(owner_client, record))["README.txt"].decode()

    assert (
        "python -m venv v && v/bin/pip install cryptography && v/bin/python verify_bundle.py ."
        in readme
    )
    assert f"{settings.SITE_URL}/signing-keys.json" in readme
    assert str(record.public_id) in readme
    assert "Compare the key with one you obtain yourself" in readme
    assert "$" not in readme.replace("$ ", "")  # every placeholder filled


def test_the_download_is_audited_with_the_manifest_hash(record, owner_client, owner):
    files = members(download(owner_client, record))

    event = AuditEvent.objects.get(action="record.bundle_downloaded")

    assert event.record == record
    assert event.actor == owner
    assert event.detail["manifest_sha256"] == sha256_hex(files["manifest.json"])
    assert AuditEvent.Action(event.action).label == "Regulator bundle downloaded"


def test_the_record_page_links_to_the_bundle(record, owner_client):
    page = owner_client.get(f"/records/{record.public_id}/").content.decode()

    assert f'href="{bundle_url(record)}"' in page
    assert "Download the regulator bundle (.zip)" in page


# ------------------------------------------------------------------ who may, and when


def test_another_organisations_record_is_not_found_and_nothing_is_audited(record, outsider_client):
    response = outsider_client.get(bundle_url(record))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="record.bundle_downloaded").exists()


def test_someone_signed_out_is_sent_to_sign_in(record, client):
    response = client.get(bundle_url(record))

    assert response.status_code == 302
    assert "/login" in response["Location"] or "next=" in response["Location"]


def test_before_the_report_is_stored_a_page_says_the_bundle_follows_it(
    signing, acme, owner, owner_client, settings
):
    settings.REPORT_WORKER = True  # the report is left to a worker that has not run yet
    record = make_record(acme, owner)

    response = owner_client.get(bundle_url(record))
    page = response.content.decode()

    assert response.status_code == 202
    assert response["Retry-After"] == "2"
    assert "The regulator bundle is not ready yet" in page
    assert "The bundle is available once the report is stored" in page
    assert f'href="{bundle_url(record)}"' in page
    assert not AuditEvent.objects.filter(action="record.bundle_downloaded").exists()
    record_page = owner_client.get(f"/records/{record.public_id}/").content.decode()
    assert "Download the regulator bundle" not in record_page


def test_a_stored_report_that_no_longer_matches_its_hash_is_refused(record, owner_client):
    path = Path(default_storage.path(record.report.file.name))
    path.write_bytes(path.read_bytes() + b"%% appended\n")

    response = owner_client.get(bundle_url(record))

    assert response.status_code == 409
    assert "no longer matches the SHA-256" in response.content.decode()


# ------------------------------------------------------------------ offline, as a recipient


def wheel_cache() -> Path:
    configured = os.environ.get("GPAI_WHEEL_CACHE")
    return Path(configured) if configured else Path.home() / ".cache/gpai-assessor/wheels"


def offline_env() -> dict[str, str]:
    """No pip configuration, no index, nothing of this test run's Python path."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def run(command: list[str | Path], **options) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False, **options
    )


def install_offline(python: Path, wheels: Path, requirement: str) -> bool:
    # This run's pip installs into the fresh environment (``--python``): the same packages
    # as the recipient's ``v/bin/pip install``, without the seconds ensurepip takes to give
    # the environment a pip of its own.
    done = run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--no-index",
            "--find-links",
            wheels,
            requirement,
        ],
        env=offline_env(),
    )
    return done.returncode == 0


@pytest.fixture(scope="module")
def recipient_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding only ``cryptography`` (with what it needs),
    installed from the local wheel folder; shared by this module's offline tests."""
    requirement = f"cryptography=={version('cryptography')}"
    wheels = wheel_cache()
    wheels.mkdir(parents=True, exist_ok=True)
    venv = tmp_path_factory.mktemp("recipient") / "v"
    made = run([sys.executable, "-m", "venv", "--without-pip", venv], env=offline_env())
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    # Two test workers (pytest -n) may fill the folder at once: one at a time.
    with (wheels / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not install_offline(python, wheels, requirement):
            fetched = run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    requirement,
                    "--only-binary=:all:",
                    "--dest",
                    wheels,
                ]
            )
            if fetched.returncode != 0 or not install_offline(python, wheels, requirement):
                pytest.fail(
                    f"The offline bundle test needs a wheel of {requirement} (and of cffi and "
                    f"pycparser) in {wheels}. Filling it from the package index failed: "
                    f"{fetched.stderr.strip()[-600:]}\nRun once with network access, or copy "
                    f"the wheels there (`pip download {requirement} --only-binary=:all: -d "
                    f"{wheels}`), or point GPAI_WHEEL_CACHE at a folder that has them."
                )
    listed = run(
        [
            python,
            "-c",
            "import importlib.metadata as m, json; "
            "print(json.dumps([d.metadata['Name'].lower() for d in m.distributions()]))",
        ],
        env=offline_env(),
    )
    installed = set(json.loads(listed.stdout))
    # cryptography needs cffi (and cffi pycparser) on CPython; nothing else is there.
    assert installed <= {"cryptography", "cffi", "pycparser"}, installed
    assert "cryptography" in installed
    return python


def verify_offline(python: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """What the README tells the recipient to run, in the bundle's folder."""
    return run([python, "verify_bundle.py", "."], cwd=folder, env=offline_env(), timeout=60)


def unpack_into_empty_folder(data: bytes, folder: Path) -> Path:
    folder.mkdir()
    assert list(folder.iterdir()) == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return folder


# The two assessments of the "done when": the contract's example (an open-source
# model: the documents its obligations call for) and a frontier developer with systemic risk
# established outside the Union (all of them).
DONE_WHEN = {
    "open-source example": (open_source_answers, ("training-summary",), "Example-7B"),
    "frontier developer": (
        lambda: dict(FRONTIER),
        ("model-documentation", "training-summary", "art52-notification"),
        "Frontier-2",
    ),
}


@pytest.mark.parametrize("scenario", DONE_WHEN)
def test_a_bundle_verifies_offline_with_nothing_but_cryptography_installed(
    recipient_python, signing, acme, owner, owner_client, tmp_path, scenario
):
    answers, documents, model = DONE_WHEN[scenario]
    record = make_record(acme, owner, assessment=assessment_of(acme, owner, answers()))
    folder = unpack_into_empty_folder(download(owner_client, record), tmp_path / "bundle")

    done = verify_offline(recipient_python, folder)

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("FAILED")] == []
    manifest = json.loads((folder / "manifest.json").read_bytes())
    bundled = sorted(
        entry["path"].removeprefix("documents/").rsplit(".", 1)[0]
        for entry in manifest["files"]
        if entry["path"].startswith("documents/")
    )
    assert sorted(set(bundled)) == sorted(documents)
    for slug in documents:
        pdf = folder / "documents" / f"{slug}.pdf"
        assert model in " ".join(page.extract_text() for page in PdfReader(pdf).pages), slug
    for entry in manifest["files"]:
        assert f"OK      file {entry['path']} (" in done.stdout
    for check in ("manifest signature", "record signature", "PDF report hash", "rule set"):
        assert any(line.startswith(f"OK      {check} (") for line in lines), check
    assert f"SHA-256 fingerprint: {manifest['signing_key']['fingerprint_sha256']}" in done.stdout
    assert f"publishes its keys at: {settings.SITE_URL}/signing-keys.json" in done.stdout
    assert lines[-1].startswith("VERIFIED: all")


def flip_one_byte(path: Path) -> None:
    """Change one byte of the file: in the middle, or, for the verifier itself, inside a
    comment, so that it still runs and has to report its own change."""
    data = bytearray(path.read_bytes())
    if path.name == "verify_bundle.py":
        index = data.index(b"# Files a desktop adds") + len(b"# Files a ")
    else:
        index = len(data) // 2
    data[index] ^= 0x01
    path.write_bytes(bytes(data))


def test_one_changed_byte_in_any_file_makes_the_offline_verifier_fail_and_name_it(
    recipient_python, record, owner_client, tmp_path
):
    data = download(owner_client, record)
    original = unpack_into_empty_folder(data, tmp_path / "original")
    every_file = names(data)
    assert {"manifest.json", "manifest.sig", "verify_bundle.py", "report.pdf"} <= set(every_file)

    missed = []
    for number, name in enumerate(every_file):
        folder = tmp_path / f"changed-{number}"
        shutil.copytree(original, folder)
        flip_one_byte(folder / name)

        done = verify_offline(recipient_python, folder)

        failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED")]
        if done.returncode not in (1, 2) or not any(name in line for line in failed):
            missed.append(f"{name}: exit {done.returncode}\n{done.stdout}{done.stderr}")
        elif "Traceback" in done.stdout + done.stderr:
            missed.append(f"{name}: a traceback\n{done.stderr}")
    assert missed == []
