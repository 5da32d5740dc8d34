"""PAdES signatures on PDF reports (pyHanko): sign once when the report is stored, check an
uploaded PDF against the service's certificates.

The PDF carries the record's export document as an attachment named ``record.json``, so
anyone holding the PDF alone can check the record's Ed25519 signature. The PDF signature says
in addition that this very file came from the service and has not changed since.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from cryptography import x509
from django.utils.translation import gettext_noop
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import InvisSigSettings, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.signers import constants
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from questionnaire.lib.jsonutil import loads_strict

logger = logging.getLogger(__name__)

ATTACHMENT_NAME = "record.json"
SIGNATURE_FIELD = "GPAI Assessor record"
SIGNATURE_REASON = "Signed assessment record"
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024  # a record is tens of kilobytes
NAME_TREE_DEPTH = 16  # far deeper than any real /EmbeddedFiles tree; stops a crafted loop


# The signature's field has an invisible widget. PDF/A wants every widget printable; PDF/UA
# wants every annotation tagged or hidden, unless it lies outside the page: pyHanko's answer
# for both is a printable widget of no size, placed off the page (InvisSigSettings).
SIGNATURE_FIELD_SPEC = SigFieldSpec(
    sig_field_name=SIGNATURE_FIELD,
    invis_sig_settings=InvisSigSettings(
        set_print_flag=True, set_hidden_flag=False, box_out_of_bounds=True
    ),
    readable_field_name="Digital signature of GPAI Assessor over this report",
)


class _Pdf17Signer(signers.PdfSigner):
    """pyHanko declares a file signed with ECDSA on a P-256 curve (the self-signed document
    certificate's key) or with EdDSA a PDF 2.0 file, with the ISO/TS 32002 extension. The
    report is PDF/A-3, which is PDF 1.7, so only the ESIC extension that PAdES declares in
    PDF 1.7 is registered: the signature itself is the same, and PAdES allows ECDSA."""

    def register_extensions(self, pdf_out: BasePdfFileWriter, *, md_algorithm: str) -> None:
        pdf_out.ensure_output_version(version=(1, 7))
        pdf_out.register_extension(constants.ESIC_EXTENSION_1)


def pdf_sign(pdf: bytes, *, pkcs12_path: Path, password: str = "") -> bytes:
    """A PAdES B-B signature over the whole document, added as an incremental update.

    The report is PDF/A-3b and tagged (``render.report_pdf``); an incremental update and a
    PAdES signature are allowed in both, and the file stays PDF 1.7 (``_Pdf17Signer``).
    pyHanko also sets the XMP ``pdf:Producer`` and ``xmp:ModifyDate`` and the document
    information's /Producer, and keeps the PDF/A and PDF/UA identification of the XMP."""
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
    output = _Pdf17Signer(metadata, signer=signer, new_field_spec=SIGNATURE_FIELD_SPEC).sign_pdf(
        writer
    )
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
        return PdfCheck(intact=False, problem=gettext_noop("The file is not a PDF."))
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:  # any parser failure on untrusted bytes means "damaged"
        logger.warning("PDF check: the file cannot be parsed: %s", _describe(error))
        return PdfCheck(
            intact=False, problem=gettext_noop("The file is not a PDF, or it is damaged.")
        )
    export = _attached_export(reader)
    if not signatures:
        return PdfCheck(
            intact=False, export=export, problem=gettext_noop("This PDF has no signature.")
        )
    roots = _trust_roots(trusted_certificates)
    if not roots:
        return PdfCheck(
            intact=False,
            export=export,
            problem=gettext_noop("No trusted certificate is configured to check it."),
        )
    # The last signature is the one that can cover the whole file.
    signature = signatures[-1]
    try:
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=roots), skip_diff=True
        )
    except Exception as error:  # a malformed signature is a failed check, not a crash
        logger.warning("PDF check: the signature cannot be validated: %s", _describe(error))
        return PdfCheck(
            intact=False,
            export=export,
            problem=gettext_noop("The signature in this PDF cannot be read."),
        )
    signer = _subject(status.signing_cert.dump())
    signed_at = status.signer_reported_dt
    problem = _signature_problem(status)
    return PdfCheck(
        intact=problem is None, signer=signer, signed_at=signed_at, export=export, problem=problem
    )


def _signature_problem(status: Any) -> str | None:
    if not status.intact or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return gettext_noop("The file was changed after it was signed.")
    if not status.valid:
        return gettext_noop("The signature does not match the certificate it names.")
    if not status.trusted:
        return gettext_noop("The file was not signed with a certificate this service trusts.")
    if not status.bottom_line:
        return gettext_noop("The signature does not meet the requirements for a signed report.")
    return None


def _trust_roots(pems: list[str]) -> list[Any]:
    roots = []
    for pem in pems:
        try:
            roots.extend(load_certs_from_pemder_data(pem.encode("ascii")))
        except Exception as error:  # one unreadable entry must not hide the others
            logger.warning(
                "A trusted document certificate cannot be read and is skipped: %s",
                _describe(error),
            )
    return roots


def _subject(der: bytes) -> str | None:
    try:
        return x509.load_der_x509_certificate(der).subject.rfc4514_string()
    except ValueError as error:
        logger.warning("PDF check: the signing certificate cannot be read: %s", error)
        return None


def _attached_export(reader: PdfFileReader) -> dict[str, Any] | None:
    """The ``record.json`` attachment of the PDF, parsed, or None."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]
        for name, filespec in _name_tree(names, depth=0):
            if name == ATTACHMENT_NAME:
                data = _stream_bytes(filespec["/EF"]["/F"])
                document = loads_strict(data.decode("utf-8")) if data is not None else None
                return document if isinstance(document, dict) else None
    except Exception as error:  # absent or malformed: there is no export to show
        logger.warning(
            "PDF check: no readable %s attachment: %s", ATTACHMENT_NAME, _describe(error)
        )
        return None
    return None


def _describe(error: BaseException) -> str:
    """The exception's type and message, short: the bytes it comes from are untrusted."""
    return f"{type(error).__name__}: {str(error)[:200]!r}"


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
