"""The X.509 document certificates that sign PDF reports: made here (self-signed) or imported
from an organisation's PKCS#12 file; kept as PKCS#12 outside the repository.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from questionnaire.lib.keys import Pkcs12Error, pkcs12_load, private_file_write

logger = logging.getLogger(__name__)

CERTIFICATE_YEARS = 10


class CertificateError(ValueError):
    """A certificate or PKCS#12 file that cannot sign reports; the message says why."""


def document_certificate_create(*, path: Path, common_name: str, password: str = "") -> str:
    """Make a self-signed certificate for signing reports and write it with its private key
    as PKCS#12 to ``path`` (mode 0600, replaced atomically); return the certificate PEM.

    ECDSA on P-256 with SHA-256: PDF 1.7 readers that check signatures (Acrobat, Foxit,
    Okular) and pyHanko accept it, and it signs in milliseconds, where pyHanko's loading of
    an RSA 3072 key costs about 0.1 s per signature. Key usage is digital signature and
    non-repudiation, which is what PDF validators look for in a document signer.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now.replace(year=now.year + CERTIFICATE_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password.encode("utf-8"))
        if password
        else serialization.NoEncryption()
    )
    data = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"), key, certificate, None, encryption
    )
    private_file_write(path, data)
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def document_certificate_import(*, source: Path, password: str, path: Path) -> str:
    """Check an organisation's PKCS#12 file (a private key, its certificate, the password)
    and copy it to ``path`` (mode 0600); return the certificate PEM."""
    try:
        data = source.read_bytes()
    except OSError as error:
        raise CertificateError(f"Cannot read {source}: {error.strerror}.") from error
    certificate = _pkcs12_certificate(data, password)
    private_file_write(path, data)
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _pkcs12_certificate(data: bytes, password: str) -> x509.Certificate:
    try:
        key, certificate = pkcs12_load(data, password)
    except Pkcs12Error as error:
        raise CertificateError(str(error)) from error
    if not isinstance(
        key,
        rsa.RSAPrivateKey
        | ec.EllipticCurvePrivateKey
        | ed25519.Ed25519PrivateKey
        | ed448.Ed448PrivateKey,
    ):
        raise CertificateError("The private key must be RSA, ECDSA or EdDSA.")
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(
        serialization.Encoding.DER, public
    ) != certificate.public_key().public_bytes(serialization.Encoding.DER, public):
        raise CertificateError("The private key does not belong to the certificate.")
    if certificate.not_valid_after_utc <= datetime.now(UTC):
        raise CertificateError("The certificate has expired.")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        # Accepted, but some PDF validators want a document signer to state its key usage.
        logger.warning(
            "The document certificate %s has no key usage extension.",
            certificate.subject.rfc4514_string(),
        )
        return certificate
    if not usage.content_commitment:
        # PDF validators, pyHanko's included, require non-repudiation of a document signer.
        raise CertificateError("The certificate's key usage must include non-repudiation.")
    return certificate


def _certificate(pem: str) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise CertificateError("Not a PEM certificate.") from error


def certificate_fingerprint(pem: str) -> str:
    """SHA-256 of the certificate's DER, in lowercase hex."""
    return _certificate(pem).fingerprint(hashes.SHA256()).hex()


def certificate_subject(pem: str) -> str:
    """The certificate's subject as an RFC 4514 string: ``CN=Acme AI Ltd reports``."""
    return _certificate(pem).subject.rfc4514_string()
