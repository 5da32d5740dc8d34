"""Canonical JSON, hashing and Ed25519 signatures for assessment records.

The signed payload is canonical JSON: strings, integers, booleans, lists and objects only,
keys sorted, UTF-8, no insignificant whitespace. Two consequences, both deliberate:
- a number that is not an integer becomes an exact decimal string (``0.4`` → ``"0.4"``),
  which the answers contract reads as the same number;
- an object member whose value is null is left out; the answers and result contracts read
  an absent key as null, so nothing is lost.
Canonicalising a canonical document gives the same bytes, so a verifier can rebuild the
signed bytes from the exported object.

The private key lives in a PEM file outside the repository (``RECORD_SIGNING_KEY_FILE``);
public keys live in the ``SigningKey`` table forever.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
)

from questionnaire.lib.keys import ed25519_verifier, private_file_write
from questionnaire.scoring.numbers import to_text

ALGORITHM = "Ed25519"


class CanonicalError(ValueError):
    """A value that canonical JSON cannot hold."""


def canonicalize(value: Any, path: str = "payload") -> Any:
    """The canonical form of a JSON-like value (see the module docstring)."""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CanonicalError(f"{path}: {value} is not a number JSON can hold")
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return to_text(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return to_text(value)
    if isinstance(value, dict):
        canonical = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError(f"{path}: object keys must be strings")
            if item is not None:
                canonical[key] = canonicalize(item, f"{path}.{key}")
        return canonical
    if isinstance(value, list | tuple):
        items = []
        for index, item in enumerate(value):
            if item is None:
                raise CanonicalError(f"{path}[{index}]: null has no canonical form in a list")
            items.append(canonicalize(item, f"{path}[{index}]"))
        return items
    raise CanonicalError(f"{path}: {type(value).__name__} has no canonical JSON form")


def canonical_json(value: Any) -> bytes:
    text = json.dumps(
        canonicalize(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise CanonicalError(
            "payload: text with a lone surrogate cannot be written as UTF-8"
        ) from None


def is_canonical(value: Any) -> bool:
    """Whether a parsed document is already in canonical form (no null, no float, only the
    allowed types), so that canonicalising it changes nothing. A verifier accepts only such
    documents: otherwise a null or a float added to a signed export would pass unnoticed."""
    if isinstance(value, bool | int | str):
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


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def key_id_for(public_key: bytes) -> str:
    """A short, stable name for a public key: its algorithm and fingerprint."""
    return f"ed25519-{hashlib.sha256(public_key).hexdigest()[:16]}"


@dataclass(frozen=True)
class RecordSigner:
    private_key: Ed25519PrivateKey
    key_id: str
    public_key: bytes

    def sign(self, payload: bytes) -> bytes:
        return self.private_key.sign(payload)


def signer_load(path: Path) -> RecordSigner:
    """The signer whose private key is in ``path`` (PEM, PKCS#8, unencrypted)."""
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    public = public_key_bytes(key)
    return RecordSigner(private_key=key, key_id=key_id_for(public), public_key=public)


def private_key_write(path: Path) -> RecordSigner:
    """Make a new private key and write it to ``path`` with 0600 permissions, replacing
    the file atomically (the old key is not needed to verify old records)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    private_file_write(path, pem)
    public = public_key_bytes(key)
    return RecordSigner(private_key=key, key_id=key_id_for(public), public_key=public)


def signature_valid(public_key_b64: str, payload: bytes, signature_b64: str) -> bool:
    return ed25519_verifier(public_key_b64)(payload, signature_b64)
