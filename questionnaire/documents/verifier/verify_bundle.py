#!/usr/bin/env python3
"""Check a GPAI Assessor regulator bundle offline, without trusting whoever sent it.

    python verify_bundle.py BUNDLE [--keys SIGNING-KEYS.JSON]

BUNDLE is the unpacked bundle folder (``.`` when run inside it) or the ``.zip`` itself.
Needs Python 3.9 or later and the ``cryptography`` package: nothing else, no network.

What it checks, one line each (OK or FAILED):
- the manifest's Ed25519 signature (``manifest.sig``, base64, over the exact bytes of
  ``manifest.json``), with the public key the manifest names, read from
  ``keys/signing-keys.json``; the key's id and fingerprint must be those of that key;
- every file against the SHA-256 and size the manifest lists, and that no file is missing
  and none is there that the manifest does not list (``manifest.json`` and ``manifest.sig``
  aside);
- the signed record (``record.json``): its payload in canonical JSON (keys sorted, no
  spaces, UTF-8, no nulls, no fractions), its SHA-256 and its own Ed25519 signature, with the
  key it names from ``keys/signing-keys.json``;
- the PDF report (``report.pdf``) against the SHA-256 kept when the report was signed and
  stored, as the manifest states it;
- the rule set file is the one the record names, with the decision hash its signed result
  pinned (when the result pins one);
- every evidence file the signed record lists (its payload's "evidence": question, name,
  size, SHA-256) is in the bundle at ``evidence/<question>/<name>`` with exactly that SHA-256
  and size, checked against the record, not the manifest: a file changed and listed again
  in a re-made manifest still fails; a file under ``evidence/`` the record does not list
  fails too.

It prints the id, SHA-256 fingerprint and public key of the key that signed the manifest,
and the address where the organisation publishes its keys. A bundle checks its own
signature with a key it carries: compare that key with a copy obtained independently (from
that address, or from the organisation directly), or pass that copy with ``--keys``.

Exit status: 0 when every check passes, 1 when any fails, 2 when the input cannot be read
as a bundle at all.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import os
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

BUNDLE_FORMAT = "gpai-assessor-regulator-bundle"
BUNDLE_VERSION = 1
RECORD_FORMAT = "gpai-assessor-record"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
KEYS = "keys/signing-keys.json"
RECORD = "record.json"
REPORT = "report.pdf"
EVIDENCE = "evidence/"

# Files a desktop adds to a folder when someone looks at it: never part of a bundle, and
# not a reason to fail one. Folders holding a Python virtual environment (``python -m venv
# v`` run inside the bundle, as its README says) and ``__pycache__`` are left aside too.
# Whatever is left aside is printed, so nothing goes unseen.
DESKTOP_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})

# The keys of a rule set file that decide outcomes: with each obligation's article, what a
# result's ``ruleset_sha256`` hashes (GPAI Assessor's questionnaire/scoring/rulesets).
DECISION_KEYS = (
    "answers_schema",
    "thresholds",
    "architecture_factor",
    "dates",
    "notification_days",
    "generative_outputs",
    "accelerators",
    "readings",
    "reassessment_request_months",
)

OK = "OK    "
FAILED = "FAILED"


class Unusable(Exception):
    """The input is not a bundle this verifier can read: exit status 2."""


class DuplicateKey(ValueError):
    pass


# ------------------------------------------------------------------ reading


def read_bundle(path: Path) -> tuple[dict[str, bytes], list[str]]:
    """The bundle's files by their path inside it (``/``-separated), and what was left
    aside (see DESKTOP_FILES)."""
    if path.is_dir():
        return _read_folder(path)
    if path.is_file() and zipfile.is_zipfile(path):
        return _read_zip(path)
    if not path.exists():
        raise Unusable(f"{path} does not exist.")
    raise Unusable(f"{path} is neither a folder nor a .zip file.")


def _read_folder(root: Path) -> tuple[dict[str, bytes], list[str]]:
    files: dict[str, bytes] = {}
    ignored: list[str] = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        relative = here.relative_to(root).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in sorted(subfolders):
            if name == "__pycache__" or (here / name / "pyvenv.cfg").is_file():
                ignored.append(prefix + name + "/")
                subfolders.remove(name)
        subfolders.sort()
        for name in sorted(names):
            if name in DESKTOP_FILES:
                ignored.append(prefix + name)
                continue
            try:
                files[prefix + name] = (here / name).read_bytes()
            except OSError as error:
                raise Unusable(f"{prefix + name} cannot be read: {error.strerror}.") from None
    return files, ignored


def _read_zip(path: Path) -> tuple[dict[str, bytes], list[str]]:
    files: dict[str, bytes] = {}
    ignored: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                if info.filename.rsplit("/", 1)[-1] in DESKTOP_FILES:
                    ignored.append(info.filename)
                    continue
                if info.filename in files:
                    raise Unusable(f"The zip holds {info.filename} twice.")
                files[info.filename] = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise Unusable(f"{path} cannot be read as a zip file: {error}.") from None
    return files, ignored


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Two equal keys in one object: readers disagree on which counts, so it is refused.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return result


def parse_json(data: bytes, name: str) -> Any:
    """The JSON document in ``data``; ValueError saying why not (``name`` is the file)."""
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_unique)
    except UnicodeDecodeError:
        raise ValueError(f"{name} is not UTF-8 text") from None
    except DuplicateKey as error:
        raise ValueError(f"{name}: {error}") from None
    except (ValueError, RecursionError) as error:
        raise ValueError(f"{name} is not readable JSON ({error})") from None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def strict_b64(text: Any) -> bytes:
    """Decode base64 written the one canonical way; ValueError otherwise (another spelling
    of the same bytes would be a change the signature does not see)."""
    if not isinstance(text, str):
        raise ValueError("not text")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64") from None
    if base64.b64encode(data).decode("ascii") != text:
        raise ValueError("not base64 in its canonical form")
    return data


def parse_time(text: Any) -> datetime | None:
    """An ISO 8601 time with its offset (``Z`` too), as UTC; None when it is not one."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None
    # timezone.utc, not datetime.UTC: the recipient may run Python 3.9 or 3.10.
    return moment.astimezone(timezone.utc)  # noqa: UP017


# ------------------------------------------------------------------ keys


class Key:
    """A published Ed25519 record key: its id, raw public key and retirement."""

    def __init__(self, key_id: str, public: bytes, retired_at: datetime | None) -> None:
        self.key_id = key_id
        self.public = public
        self.retired_at = retired_at

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the raw 32-byte public key, hexadecimal."""
        return sha256_hex(self.public)

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public).decode("ascii")

    def verifies(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True


def key_id_for(public: bytes) -> str:
    """How GPAI Assessor names a key: its algorithm and the start of its fingerprint."""
    return "ed25519-" + sha256_hex(public)[:16]


def read_keys(data: bytes, name: str) -> dict[str, Key]:
    """The keys of a ``signing-keys.json`` document by key id; ValueError saying what is
    wrong with it. A key whose id is not the one its public key gives is refused."""
    document = parse_json(data, name)
    entries = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{name} lists no keys")
    keys: dict[str, Key] = {}
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("algorithm") != "Ed25519":
            continue
        key_id = entry.get("key_id")
        try:
            public = strict_b64(entry.get("public_key"))
        except ValueError:
            raise ValueError(f"{name}: the public key of {key_id} is not base64") from None
        if len(public) != 32 or key_id != key_id_for(public):
            raise ValueError(f"{name}: {key_id} is not the id of the public key listed with it")
        keys[key_id] = Key(key_id, public, parse_time(entry.get("retired_at")))
    return keys


# ------------------------------------------------------------------ canonical records


def is_canonical(value: Any) -> bool:
    """Whether a parsed document is in canonical form (strings, integers, booleans, lists
    and objects; no null, no fraction): only then do its canonical bytes stand for it."""
    if isinstance(value, (bool, int, str)):
        return not isinstance(value, str) or _encodable(value)
    if isinstance(value, list):
        return all(is_canonical(item) for item in value)
    if isinstance(value, dict):
        return all(
            isinstance(key, str) and _encodable(key) and item is not None and is_canonical(item)
            for key, item in value.items()
        )
    return False


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def canonical_json(value: Any) -> bytes:
    """The bytes a record signs: keys sorted, no spaces, UTF-8 (GPAI Assessor's
    questionnaire/records/signing.py)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def decision_sha256(ruleset: dict[str, Any]) -> str:
    """SHA-256 of a rule set file's decision data, as a result's ``ruleset_sha256``."""
    decision = {key: ruleset[key] for key in DECISION_KEYS if key in ruleset}
    decision["obligations"] = {key: rule["article"] for key, rule in ruleset["obligations"].items()}
    return sha256_hex(canonical_json(decision))


# ------------------------------------------------------------------ the checks


class Checks:
    """The lines printed, one per check, and whether all passed."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.failures = 0

    def add(self, passed: bool, text: str) -> bool:
        self.lines.append(f"{OK if passed else FAILED}  {text}")
        if not passed:
            self.failures += 1
        return passed


def _field(mapping: Any, key: str, kind: type, where: str) -> Any:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise Unusable(f"{MANIFEST} has no valid {where}.")
    return value


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def read_manifest(files: dict[str, bytes]) -> dict[str, Any]:
    if MANIFEST not in files:
        raise Unusable(f"{MANIFEST} is missing: this is not a regulator bundle, or not all of it.")
    try:
        manifest = parse_json(files[MANIFEST], MANIFEST)
    except ValueError as error:
        raise Unusable(f"{error}: it was changed or damaged.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise Unusable(f"{MANIFEST} is not the manifest of a GPAI Assessor regulator bundle.")
    if manifest.get("version") != BUNDLE_VERSION:
        raise Unusable(
            f"{MANIFEST} is of bundle format version {manifest.get('version')!r}; this "
            f"verifier reads version {BUNDLE_VERSION}."
        )
    entries = _field(manifest, "files", list, "file list")
    for entry in entries:
        _field(entry, "path", str, "file path")
        _field(entry, "sha256", str, "file hash")
        _field(entry, "size", int, "file size")
    _field(_field(manifest, "signing_key", dict, "signing key"), "key_id", str, "key id")
    _field(manifest, "record_id", str, "record id")
    return manifest


def check_manifest_signature(
    checks: Checks, files: dict[str, bytes], manifest: dict[str, Any], keys: dict[str, Key]
) -> Key | None:
    """The manifest's signature, with the key it names; that key, when it is published."""
    stated = manifest["signing_key"]
    key_id = stated["key_id"]
    what = f"manifest signature ({SIGNATURE} over {MANIFEST})"
    key = keys.get(key_id)
    if key is None:
        checks.add(False, f"{what}: the key {key_id} is not in {KEYS}")
        return None
    if stated.get("fingerprint_sha256") != key.fingerprint:
        checks.add(False, f"{what}: {MANIFEST} states another fingerprint than {key_id}'s")
        return key
    if SIGNATURE not in files:
        checks.add(False, f"{what}: {SIGNATURE} is missing")
        return key
    try:
        signature = strict_b64(files[SIGNATURE].decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        checks.add(False, f"{what}: {SIGNATURE} is not a base64 signature")
        return key
    if not key.verifies(signature, files[MANIFEST]):
        checks.add(
            False,
            f"{what}: the signature does not match; {MANIFEST} or {SIGNATURE} was changed",
        )
        return key
    signed_at = parse_time(manifest.get("created_at"))
    if key.retired_at is not None and (signed_at is None or signed_at > key.retired_at):
        checks.add(False, f"{what}: it claims a time after {key_id} was retired")
        return key
    checks.add(True, f"{what}: signed by {key_id}")
    return key


def check_files(checks: Checks, files: dict[str, bytes], manifest: dict[str, Any]) -> None:
    listed = set()
    for entry in manifest["files"]:
        path, expected, size = entry["path"], entry["sha256"], entry["size"]
        if path in listed or path in (MANIFEST, SIGNATURE):
            checks.add(False, f"file {path}: listed twice, or the manifest lists itself")
            continue
        listed.add(path)
        data = files.get(path)
        if data is None:
            checks.add(False, f"file {path}: missing")
        elif sha256_hex(data) != expected or len(data) != size:
            checks.add(False, f"file {path}: its SHA-256 is not the one in {MANIFEST}: changed")
        else:
            checks.add(True, f"file {path} ({size:,} bytes, SHA-256 {expected[:16]}…)")
    for path in sorted(set(files) - listed - {MANIFEST, SIGNATURE}):
        checks.add(False, f"file {path}: not listed in {MANIFEST}, so not covered by its signature")


def check_record(
    checks: Checks, files: dict[str, bytes], manifest: dict[str, Any], keys: dict[str, Key]
) -> tuple[dict[str, Any] | None, Key | None]:
    """The record's own signature, as GPAI Assessor's /verify/ checks it; its payload and
    key when it verifies."""
    what = f"record signature ({RECORD})"
    if RECORD not in files:
        checks.add(False, f"{what}: {RECORD} is missing")
        return None, None
    try:
        export = parse_json(files[RECORD], RECORD)
    except ValueError as error:
        checks.add(False, f"{what}: {error}")
        return None, None
    if not isinstance(export, dict) or export.get("format") != RECORD_FORMAT:
        checks.add(False, f"{what}: {RECORD} is not a GPAI Assessor record")
        return None, None
    payload, key_id = export.get("payload"), export.get("key_id")
    if not isinstance(payload, dict) or not isinstance(key_id, str):
        checks.add(False, f"{what}: {RECORD} lacks its payload or key id")
        return None, None
    if not is_canonical(payload):
        checks.add(False, f"{what}: the payload in {RECORD} is not in canonical form: changed")
        return None, None
    signed = canonical_json(payload)
    key = keys.get(key_id)
    try:
        signature_bytes = strict_b64(export.get("signature"))
    except ValueError:
        signature_bytes = b""
    attested_at = parse_time(_mapping(payload.get("attestation")).get("attested_at"))
    if key is None:
        problem = f"the key {key_id} is not in {KEYS}"
    elif export.get("sha256") != sha256_hex(signed):
        problem = f"the payload in {RECORD} does not match its SHA-256: changed"
    elif not key.verifies(signature_bytes, signed):
        problem = f"the signature does not match the payload in {RECORD}: changed"
    elif key.retired_at is not None and (attested_at is None or attested_at > key.retired_at):
        problem = f"{RECORD} claims to be signed after {key_id} was retired"
    elif payload.get("record_id") != manifest["record_id"]:
        problem = f"{RECORD} is record {payload.get('record_id')}, not the manifest's"
    else:
        problem = None
    if problem:
        checks.add(False, f"{what}: {problem}")
        return None, None
    checks.add(
        True,
        f"{what}: record {payload.get('sequence')} of {_name(payload.get('organisation'))}, "
        f"signed by {key_id}",
    )
    return payload, key


def _name(organisation: Any) -> str:
    name = organisation.get("name") if isinstance(organisation, dict) else None
    return str(name) if name else "an unnamed organisation"


def check_report(checks: Checks, files: dict[str, bytes], manifest: dict[str, Any]) -> None:
    what = f"PDF report hash ({REPORT})"
    report = manifest.get("report")
    stated = report.get("sha256") if isinstance(report, dict) else None
    data = files.get(REPORT)
    if data is None:
        checks.add(False, f"{what}: {REPORT} is missing")
    elif not isinstance(stated, str):
        checks.add(False, f"{what}: {MANIFEST} states no SHA-256 for the stored report")
    elif sha256_hex(data) != stated:
        checks.add(False, f"{what}: {REPORT} is not the report stored when it was signed")
    elif not data.startswith(b"%PDF-"):
        checks.add(False, f"{what}: {REPORT} is not a PDF")
    else:
        checks.add(True, f"{what}: the report as stored when it was signed ({stated[:16]}…)")


def check_ruleset(checks: Checks, files: dict[str, bytes], payload: dict[str, Any]) -> None:
    ruleset_id = payload.get("ruleset")
    path = f"ruleset/{ruleset_id}.json"
    what = f"rule set ({path})"
    if not isinstance(ruleset_id, str) or path not in files:
        checks.add(False, f"{what}: the bundle lacks the rule set the record names")
        return
    try:
        ruleset = parse_json(files[path], path)
        sha256 = decision_sha256(ruleset)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        checks.add(False, f"{what}: not a rule set file ({error})")
        return
    pinned = _mapping(payload.get("result")).get("ruleset_sha256")
    if ruleset.get("id") != ruleset_id:
        checks.add(False, f"{what}: the file is rule set {ruleset.get('id')!r}")
    elif pinned is not None and pinned != sha256:
        checks.add(False, f"{what}: its decision data is not what the signed result pinned")
    elif pinned is None:
        checks.add(True, f"{what}: the rule set the record names (its result pins no hash)")
    else:
        checks.add(True, f"{what}: the rule set the record names, decision hash as signed")


def check_evidence(checks: Checks, files: dict[str, bytes], payload: dict[str, Any]) -> None:
    """Each evidence file of the signed payload against the bundle's copy of it."""
    entries = payload.get("evidence")
    signed = set()
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or "sha256" not in entry:
            continue  # a link: nothing to carry
        key, name = entry.get("question_key"), entry.get("name")
        sha256, size = entry.get("sha256"), entry.get("size")
        if not _plain_segment(key) or not _plain_segment(name):
            checks.add(False, f"evidence {key!r}/{name!r}: the record names no plain file")
            continue
        path = f"{EVIDENCE}{key}/{name}"
        signed.add(path)
        data = files.get(path)
        if data is None:
            checks.add(False, f"evidence {path}: missing from the bundle")
        elif sha256_hex(data) != sha256 or len(data) != size:
            checks.add(
                False,
                f"evidence {path}: not the file the record signed (its SHA-256 or size "
                "differs): changed",
            )
        else:
            checks.add(True, f"evidence {path}: as signed in the record ({size:,} bytes)")
    for path in sorted(path for path in files if path.startswith(EVIDENCE)):
        if path not in signed:
            checks.add(False, f"evidence {path}: not listed in the signed record")


def _plain_segment(text: Any) -> bool:
    """One file or folder name: no separator, not empty, not starting with a dot."""
    return (
        isinstance(text, str)
        and bool(text)
        and not text.startswith(".")
        and "/" not in text
        and "\\" not in text
        and all(char.isprintable() for char in text)
    )


def check_independent_keys(checks: Checks, independent: dict[str, Key], used: list[Key]) -> None:
    for key in used:
        theirs = independent.get(key.key_id)
        what = f"key {key.key_id} against the keys file given with --keys"
        checks.add(
            theirs is not None and theirs.public == key.public,
            what + ("" if theirs is not None and theirs.public == key.public else ": differs"),
        )


# ------------------------------------------------------------------ the program


def verify(bundle: Path, independent_keys: Path | None = None) -> tuple[int, list[str]]:
    """Exit status and the lines to print."""
    files, ignored = read_bundle(bundle)
    manifest = read_manifest(files)
    independent: dict[str, Key] | None = None
    if independent_keys is not None:
        try:
            independent = read_keys(independent_keys.read_bytes(), str(independent_keys))
        except (OSError, ValueError) as error:
            raise Unusable(f"The keys file given with --keys cannot be used: {error}.") from None
    checks = Checks()
    try:
        keys = read_keys(files.get(KEYS, b""), KEYS)
    except ValueError as error:
        checks.add(False, f"published keys ({KEYS}): {error}")
        keys = {}
    manifest_key = check_manifest_signature(checks, files, manifest, keys)
    check_files(checks, files, manifest)
    payload, record_key = check_record(checks, files, manifest, keys)
    check_report(checks, files, manifest)
    if payload is not None:
        check_ruleset(checks, files, payload)
        check_evidence(checks, files, payload)
    used = [manifest_key] if manifest_key is not None else []
    if record_key is not None and (
        manifest_key is None or record_key.key_id != manifest_key.key_id
    ):
        used.append(record_key)
    if independent is not None:
        check_independent_keys(checks, independent, used)
    lines = _header(manifest, manifest_key, record_key, compared=independent is not None)
    lines += [f"Left aside (not part of the bundle): {path}" for path in ignored]
    lines += [""] + checks.lines + [""]
    total = len(checks.lines)
    if checks.failures:
        lines.append(f"NOT VERIFIED: {checks.failures} of {total} checks failed.")
        return 1, lines
    lines.append(f"VERIFIED: all {total} checks passed.")
    return 0, lines


def _header(
    manifest: dict[str, Any], manifest_key: Key | None, record_key: Key | None, *, compared: bool
) -> list[str]:
    lines = [
        f"GPAI Assessor regulator bundle of record {manifest.get('record_id')}",
        f"  organisation: {_name(manifest.get('organisation'))}",
        f"  made: {manifest.get('created_at')}",
    ]
    if manifest_key is None:
        stated = manifest["signing_key"]
        lines += [
            f"Key that signed the manifest: {stated['key_id']} (not in {KEYS})",
            f"  SHA-256 fingerprint, as the manifest states it: {stated.get('fingerprint_sha256')}",
        ]
    for key, role in ((manifest_key, "manifest"), (record_key, "record")):
        if key is None or (role == "record" and key is manifest_key):
            continue
        if role == "manifest" and record_key is not None and record_key.key_id == key.key_id:
            role = "manifest and the record"
        lines += [
            f"Key that signed the {role}: {key.key_id}",
            f"  SHA-256 fingerprint: {key.fingerprint}",
            f"  public key (base64): {key.public_b64}",
        ]
    lines.append(f"The organisation publishes its keys at: {manifest.get('keys_published_at')}")
    if not compared:
        lines.append(
            "Compare the key above with a copy you obtain yourself from that address (or from "
            "the organisation), not from this bundle: the bundle's signature proves only that "
            "whoever holds that key made it. Or pass that copy with --keys FILE."
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check a GPAI Assessor regulator bundle offline.",
    )
    parser.add_argument("bundle", type=Path, help="the unpacked bundle folder, or the .zip")
    parser.add_argument(
        "--keys",
        type=Path,
        help="a signing-keys.json you obtained yourself, to compare the bundle's keys with",
    )
    arguments = parser.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    try:
        status, lines = verify(arguments.bundle, arguments.keys)
    except Unusable as error:
        print(f"{FAILED}  {error}")
        print("NOT VERIFIED: this cannot be checked as a regulator bundle.")
        return 2
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
