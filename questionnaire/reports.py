"""The PDF report of a signed assessment record: HTML → PDF with WeasyPrint, a URL fetcher
that can only reach the project's static files, and a PAdES signature with pyHanko.

The PDF carries the record's export document as an attachment named ``record.json``, so
anyone holding the PDF alone can check the record's Ed25519 signature. The PDF signature
(an X.509 certificate held as PKCS#12 outside the repository) says in addition that this
very file came from the service and has not changed since.

WeasyPrint renders the same HTML to different bytes each time (dates, ids), so a report is
rendered once, signed, stored, and the stored bytes are what people download.
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import os
import tempfile
import threading
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import segno
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from weasyprint import HTML, Attachment  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

from questionnaire import presentation
from questionnaire.scoring import AnswersError, RuleSet, load, parse_answers
from questionnaire.scoring.answers import Compute
from questionnaire.scoring.compute import describe, estimate
from questionnaire.scoring.numbers import format_human, parse_number

__all__ = [
    "ATTACHMENT_NAME",
    "SIGNATURE_FIELD",
    "CertificateError",
    "FetchRefused",
    "PdfCheck",
    "StaticFetcher",
    "certificate_fingerprint",
    "certificate_subject",
    "document_certificate_create",
    "document_certificate_import",
    "pdf_check",
    "pdf_sign",
    "report_pdf",
    "static_url",
]

ATTACHMENT_NAME = "record.json"
SIGNATURE_FIELD = "GPAI Assessor record"
SIGNATURE_REASON = "Signed assessment record"
TEMPLATE = "reports/record.html"
STYLESHEET = "css/report.css"

# Static files are addressed on a host that cannot exist (RFC 2606 reserves .invalid), so a
# URL the fetcher serves can never also mean something on the network. The fetcher never
# opens a connection whatever the URL says.
REPORT_HOST = "gpai-assessor.invalid"
STATIC_BASE_URL = f"https://{REPORT_HOST}/static/"

CERTIFICATE_YEARS = 10
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024  # a record is tens of kilobytes
NAME_TREE_DEPTH = 16  # far deeper than any real /EmbeddedFiles tree; stops a crafted loop

METHOD_LABELS = {
    "direct": "Stated directly by the provider",
    "architecture": "From the model architecture (parameters × training tokens)",
    "hardware": "From the hardware used (chips × time × peak throughput × utilisation)",
}


# ---------------------------------------------------------------------- the URL fetcher


class FetchRefused(ValueError):
    """A URL the report may not load. WeasyPrint logs it and leaves the resource out."""


def static_url(path: str) -> str:
    """The address of a static file (``css/report.css``) as the report's fetcher serves it."""
    return f"{STATIC_BASE_URL}{path}"


def static_file(url: str) -> Path:
    """The static file that ``url`` names, or ``FetchRefused``.

    Only ``https://gpai-assessor.invalid/static/<path>`` is served, where ``<path>`` is a
    plain relative path (no ``..``, ``.``, empty or encoded separators) that Django's
    staticfiles finders or ``STATIC_ROOT`` hold.
    """
    parts = urlsplit(url)
    prefix = "/static/"
    if (
        parts.scheme != "https"
        or parts.netloc != REPORT_HOST
        or parts.query
        or not parts.path.startswith(prefix)
    ):
        raise FetchRefused(f"The report may only load its own static files, not {url[:200]!r}.")
    relative = unquote(parts.path[len(prefix) :])
    segments = relative.split("/")
    if any(segment in ("", ".", "..") for segment in segments) or any(
        character in relative for character in ("\\", "\x00")
    ):
        raise FetchRefused(f"Not a plain static file path: {relative[:200]!r}.")
    found = finders.find(relative)
    candidates: list[Path] = [Path(found)] if isinstance(found, str) else []
    if settings.STATIC_ROOT:
        candidates.append(Path(settings.STATIC_ROOT) / relative)
    roots = [Path(root).resolve() for root in _static_roots()]
    for candidate in candidates:
        resolved = candidate.resolve()
        # A symbolic link inside a static folder must not lead outside all of them.
        if resolved.is_file() and any(resolved.is_relative_to(root) for root in roots):
            return resolved
    raise FetchRefused(f"No static file {relative[:200]!r}.")


def _static_roots() -> Iterator[str]:
    """Every folder a static file may come from: the finders' storages and ``STATIC_ROOT``."""
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                yield str(location)
    if settings.STATIC_ROOT:
        yield str(settings.STATIC_ROOT)


class StaticFetcher(URLFetcher):
    """WeasyPrint's URL fetcher for reports: the project's static files and ``data:`` URIs,
    nothing else (no ``file:``, no network, no other path). Refusals raise ``FetchRefused``,
    which WeasyPrint reports as a warning before leaving the resource out."""

    def __init__(self) -> None:
        # The parent only ever sees data: URIs; the protocol list makes sure of it.
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        path = static_file(url)
        content_type = _content_type(path)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def _content_type(path: Path) -> str:
    # The mimetypes table lacks web fonts on some systems; WeasyPrint checks text/css.
    known = {".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff"}
    return (
        known.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )


# ---------------------------------------------------------------------- rendering


def report_pdf(*, export: dict[str, Any], verify_url: str) -> bytes:
    """The unsigned PDF report of a record's export document, with the export attached as
    ``record.json``. ``verify_url`` is printed and encoded in a QR code."""
    html = render_to_string(TEMPLATE, report_context(export=export, verify_url=verify_url))
    fetcher = StaticFetcher()
    attachment = Attachment(
        string=json.dumps(export, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8"),
        name=ATTACHMENT_NAME,
        description="The signed assessment record (GPAI Assessor export, JSON).",
        relationship="Source",
        url_fetcher=fetcher,
    )
    document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(attachments=[attachment], font_config=_font_config())
    return pdf


_fonts = threading.local()


def _font_config() -> Any:
    """This thread's WeasyPrint font configuration. It keeps the report's @font-face fonts
    once loaded (WeasyPrint skips a face it already holds), which saves a fifth of each
    render; one per thread, because Pango's font maps are not safe to share."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def report_context(*, export: Mapping[str, Any], verify_url: str) -> dict[str, Any]:
    """Everything the report template shows, worked out here so the template stays plain."""
    payload = export["payload"]
    answers = payload.get("answers", {})
    result = payload["result"]
    obligations = result.get("obligations", [])
    notify = next((o for o in obligations if o.get("id") == "art52_notify"), None)
    return {
        "stylesheet": static_url(STYLESHEET),
        "export": export,
        "payload": payload,
        "result": result,
        "attestation": payload.get("attestation", {}),
        "attested_at": _timestamp(payload.get("attestation", {}).get("attested_at")),
        "verdict": presentation.verdict(result),
        "classification": presentation.CLASSIFICATION_LABELS.get(
            result["classification"], result["classification"]
        ),
        "flags": [
            {**flag, "label": presentation.FLAG_LABELS.get(flag["flag"], flag["flag"])}
            for flag in presentation.flags_explained(result)
        ],
        "notification": _notification(result, notify),
        "compute": _compute_facts(answers, result),
        "chart": presentation.chart_for_result(answers, result),
        "question_groups": presentation.group_by_step(payload.get("questions", [])),
        "verify_url": verify_url,
        "qr_code": segno.make(verify_url, error="m").svg_data_uri(scale=4, border=4),
    }


def _timestamp(value: object) -> str:
    """``2026-11-28 01:55 UTC`` from the record's ISO time; the text as given otherwise."""
    if not isinstance(value, str):
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _notification(result: Mapping[str, Any], notify: Mapping[str, Any] | None) -> str:
    if result.get("notification_due"):
        return f"Notify the Commission by {result['notification_due']}."
    if notify is not None:
        return "Required; the date is unknown, so notify the Commission without delay."
    return "Not required on these answers."


def _compute_facts(answers: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, Any]:
    """The estimate, how it was made and the assumptions behind it, in plain words."""
    facts: dict[str, Any] = {
        "training": _flop(result.get("training_flop")),
        "cumulative": _flop(result.get("cumulative_flop")),
        "method": METHOD_LABELS.get(result.get("compute_method") or "", ""),
        "how": "",
        "assumptions": [],
    }
    try:
        rules = load(result["ruleset"])
        parsed = parse_answers(answers, rules)
    except (AnswersError, KeyError, ValueError):
        return facts
    assumptions: list[str] = []
    compute = parsed.compute
    if compute is not None:
        facts["method"] = METHOD_LABELS.get(compute.method, compute.method)
        facts["how"] = _described(compute, rules)
        if compute.mixture_of_experts:
            assumptions.append(
                "Mixture of experts: the parameters given are the active parameters per token."
            )
        if compute.method == "hardware":
            assumptions.append(
                "Utilisation is the share of the chips' peak throughput actually achieved."
            )
        if compute.check is not None:
            assumptions.append(
                f"Cross-check by a second method: {_described(compute.check, rules)}."
            )
    if parsed.parameters is not None or parsed.training_tokens is not None:
        given = [
            f"{format_human(parsed.parameters)} parameters" if parsed.parameters else "",
            f"{format_human(parsed.training_tokens)} training tokens"
            if parsed.training_tokens
            else "",
        ]
        assumptions.append(f"Model facts given: {', '.join(fact for fact in given if fact)}.")
    if parsed.synthetic_data_flop:
        assumptions.append(
            f"Synthetic data generation: {format_human(parsed.synthetic_data_flop)} FLOP, "
            "counted towards cumulative compute only."
        )
    margin = f"{(rules.estimate_margin * 100).normalize():f}%"
    assumptions.append(
        f"An estimate is taken to be accurate within ±{margin}; a threshold inside that "
        "margin makes the result borderline."
    )
    facts["assumptions"] = assumptions
    return facts


def _described(compute: Compute, rules: RuleSet) -> str:
    try:
        figure = estimate(compute, rules)
    except ValueError:
        return describe(compute, rules)
    return f"{describe(compute, rules)} = {format_human(figure)} FLOP"


def _flop(value: object) -> str:
    if value in (None, ""):
        return "not given"
    try:
        return f"{format_human(parse_number(value))} FLOP"
    except ValueError:
        return str(value)


# ---------------------------------------------------------------------- certificates


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
    _write_private(path, data)
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def document_certificate_import(*, source: Path, password: str, path: Path) -> str:
    """Check an organisation's PKCS#12 file (a private key, its certificate, the password)
    and copy it to ``path`` (mode 0600); return the certificate PEM."""
    try:
        data = source.read_bytes()
    except OSError as error:
        raise CertificateError(f"Cannot read {source}: {error.strerror}.") from error
    certificate = _pkcs12_certificate(data, password)
    _write_private(path, data)
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _pkcs12_certificate(data: bytes, password: str) -> x509.Certificate:
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8") if password else None
        )
    except ValueError as error:
        raise CertificateError("This is not a PKCS#12 file, or the password is wrong.") from error
    if key is None or certificate is None:
        raise CertificateError("The PKCS#12 file must hold both a private key and its certificate.")
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
        return certificate
    if not usage.content_commitment:
        # PDF validators, pyHanko's included, require non-repudiation of a document signer.
        raise CertificateError("The certificate's key usage must include non-repudiation.")
    return certificate


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` with mode 0600, atomically, in a folder made 0700."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


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


# ---------------------------------------------------------------------- PDF signatures


def pdf_sign(pdf: bytes, *, pkcs12_path: Path, password: str = "") -> bytes:
    """A PAdES B-B signature over the whole document, added as an incremental update."""
    signer = signers.SimpleSigner.load_pkcs12_data(
        pkcs12_path.read_bytes(),
        other_certs=[],
        passphrase=password.encode("utf-8") if password else None,
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        reason=SIGNATURE_REASON,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    output = signers.PdfSigner(metadata, signer=signer).sign_pdf(writer)
    return bytes(output.getvalue())


@dataclass(frozen=True)
class PdfCheck:
    """What a PDF says about itself. Trust ``export`` only when ``intact``."""

    intact: bool
    """The PAdES signature covers the whole file, is valid, and was made with one of the
    trusted certificates: the file is exactly as the service signed it. The trusted
    certificates are trust anchors, so their end dates do not apply: a report stays
    verifiable for as long as its certificate is kept (retired ones included)."""
    signer: str | None = None
    """The signing certificate's subject, as the signature states it (trusted or not)."""
    signed_at: datetime | None = None
    """The signing time the signature states."""
    export: dict[str, Any] | None = None
    """The attached ``record.json``, parsed; None when there is none or it is not JSON."""
    problem: str | None = None
    """Why the file is not intact, in a sentence for a person; None when it is."""


def pdf_check(pdf: bytes, *, trusted_certificates: list[str]) -> PdfCheck:
    """Check a PDF report against the service's certificates. Never raises: whatever the
    bytes, the answer is a ``PdfCheck`` whose ``problem`` says what is wrong."""
    if not pdf.lstrip()[:5] == b"%PDF-":
        return PdfCheck(intact=False, problem="The file is not a PDF.")
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # any parser failure on untrusted bytes means "damaged"
        return PdfCheck(intact=False, problem="The file is not a PDF, or it is damaged.")
    export = _attached_export(reader)
    if not signatures:
        return PdfCheck(intact=False, export=export, problem="This PDF has no signature.")
    roots = _trust_roots(trusted_certificates)
    if not roots:
        return PdfCheck(
            intact=False, export=export, problem="No trusted certificate is configured to check it."
        )
    # The last signature is the one that can cover the whole file.
    signature = signatures[-1]
    try:
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=roots), skip_diff=True
        )
    except Exception:  # a malformed signature is a failed check, not a crash
        return PdfCheck(
            intact=False, export=export, problem="The signature in this PDF cannot be read."
        )
    signer = _subject(status.signing_cert.dump())
    signed_at = status.signer_reported_dt
    problem = _signature_problem(status)
    return PdfCheck(
        intact=problem is None, signer=signer, signed_at=signed_at, export=export, problem=problem
    )


def _signature_problem(status: Any) -> str | None:
    if not status.intact or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "The file was changed after it was signed."
    if not status.valid:
        return "The signature does not match the certificate it names."
    if not status.trusted:
        return "The file was not signed with a certificate this service trusts."
    if not status.bottom_line:
        return "The signature does not meet the requirements for a signed report."
    return None


def _trust_roots(pems: list[str]) -> list[Any]:
    roots = []
    for pem in pems:
        try:
            roots.extend(load_certs_from_pemder_data(pem.encode("ascii")))
        except Exception:  # noqa: S112 — one unreadable entry must not hide the others
            continue
    return roots


def _subject(der: bytes) -> str | None:
    try:
        return x509.load_der_x509_certificate(der).subject.rfc4514_string()
    except ValueError:
        return None


def _attached_export(reader: PdfFileReader) -> dict[str, Any] | None:
    """The ``record.json`` attachment of the PDF, parsed, or None."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]
        for name, filespec in _name_tree(names, depth=0):
            if name == ATTACHMENT_NAME:
                data = _stream_bytes(filespec["/EF"]["/F"])
                document = json.loads(data.decode("utf-8")) if data is not None else None
                return document if isinstance(document, dict) else None
    except Exception:  # absent or malformed: there is no export to show
        return None
    return None


def _name_tree(node: Any, *, depth: int) -> Iterator[tuple[str, Any]]:
    """(name, value) pairs of a PDF name tree (ISO 32000-1 §7.9.6)."""
    if depth > NAME_TREE_DEPTH:
        return
    if "/Names" in node:
        pairs = node["/Names"]
        for index in range(0, len(pairs) - 1, 2):
            key = pairs[index]
            name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
            yield name, pairs[index + 1]
    for kid in node.get("/Kids", []):
        yield from _name_tree(kid.get_object(), depth=depth + 1)


def _stream_bytes(stream: Any) -> bytes | None:
    """A stream's content, inflated at most to ``MAX_ATTACHMENT_BYTES``: the PDF is
    untrusted, and a few kilobytes of deflated zeros would otherwise inflate to gigabytes."""
    encoded: bytes = stream.encoded_data
    filters = stream.get("/Filter")
    if filters is None:
        data = encoded
    else:
        names = [str(name) for name in filters] if isinstance(filters, list) else [str(filters)]
        if names != ["/FlateDecode"] or "/DecodeParms" in stream:
            return None  # WeasyPrint writes plain Flate; anything else is not ours
        data = zlib.decompressobj().decompress(encoded, MAX_ATTACHMENT_BYTES + 1)
    return data if len(data) <= MAX_ATTACHMENT_BYTES else None
