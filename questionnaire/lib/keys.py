"""Key material: private files written safely, one Ed25519 verifier, one PKCS#12 loader.

The record signing key (Ed25519 PEM) and the document certificate (PKCS#12) are both
private files; both are written and read through these helpers so that the rules (0600, in
a 0700 folder, replaced atomically; a clear message for a wrong password) hold everywhere.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

__all__ = ["Pkcs12Error", "ed25519_verifier", "pkcs12_load", "private_file_write"]

logger = logging.getLogger(__name__)


def private_file_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` with mode 0600, atomically, in a folder made 0700.

    The file is created 0600 from the start (never readable by others, not even briefly)
    and replaces the old one in one step, so a reader sees the old key or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException as error:
        logger.warning("%s not written (%s); it is unchanged.", path, type(error).__name__)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def ed25519_verifier(public_key_b64: str) -> Callable[[bytes, str], bool]:
    """A check of base64 signatures against this base64 Ed25519 public key.

    The key is decoded once, so checking many records with one key costs one decode. A key
    that cannot be decoded gives a verifier that accepts nothing. The check is libsodium's
    (PyNaCl), which verifies the same Ed25519 signatures as OpenSSL (``cryptography``, which
    signs) in well under half the time: ``verify_records`` checks one per record."""
    try:
        public = VerifyKey(_unb64(public_key_b64))
    except (ValueError, TypeError):
        return lambda data, signature: False

    def verify(data: bytes, signature_b64: str) -> bool:
        try:
            public.verify(data, _unb64(signature_b64))
        except (BadSignatureError, ValueError, TypeError):
            return False
        return True

    return verify


class Pkcs12Error(ValueError):
    """A PKCS#12 file that cannot be read; the message says why, for a person."""


def pkcs12_load(data: bytes, password: str) -> tuple[PrivateKeyTypes, x509.Certificate]:
    """The private key and certificate of a PKCS#12 file; both must be there."""
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8") if password else None
        )
    except ValueError as error:
        raise Pkcs12Error("This is not a PKCS#12 file, or the password is wrong.") from error
    if key is None or certificate is None:
        raise Pkcs12Error("The PKCS#12 file must hold both a private key and its certificate.")
    return key, certificate


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as error:
        raise ValueError("not base64") from error
