"""The PDF report of a record (questionnaire.reports): what it prints, what it embeds, what
its fetcher may load, and how its PAdES signature is made and checked.

Rendering takes a few tenths of a second, so the typical report is rendered once per module
and its text read once; the tests then read that text.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader

from questionnaire import presentation
from questionnaire.models import DocumentCertificate
from questionnaire.reports import certificates, fetcher, pades, render
from tests.samples import HARDWARE_ANSWERS, HARDWARE_SHOWN, shown_rows, signed_export

# The PDF itself is under test here: never the stub of tests/conftest.py.
pytestmark = pytest.mark.real_pdf

A4 = (595.28, 841.89)  # points
MALICIOUS_ANSWER = '<img src="file:///etc/passwd">'
MALICIOUS_LABEL = "<script>alert(1)</script>"

ANSWERS = HARDWARE_ANSWERS

SHOWN = HARDWARE_SHOWN


make_export = signed_export


def shown_questions() -> list[dict[str, Any]]:
    return shown_rows(SHOWN)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeezed(text: str) -> str:
    """Text without any whitespace: where a line wraps does not matter."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    return make_export(supersedes="0b7d6a51-8a0e-4c1e-9d55-6f0f4b9f2d1a")


@pytest.fixture(scope="module")
def pdf(export) -> bytes:
    return render.report_pdf(export=export, verify_url="https://gpai.example/verify/")


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return squeezed(text_of(pdf))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, str]:
    """The service's document certificate: a PKCS#12 file and its PEM."""
    path = tmp_path_factory.mktemp("keys") / "document.p12"
    pem = certificates.document_certificate_create(
        path=path, common_name="GPAI Assessor document signing", password="s3cret"
    )
    return path, pem


@pytest.fixture(scope="module")
def signed(pdf, certificate) -> bytes:
    path, _ = certificate
    return pades.pdf_sign(pdf, pkcs12_path=path, password="s3cret")


# ------------------------------------------------------------------ what the report prints


def test_it_states_the_verdict_in_one_sentence(export, text):
    assert squeezed(presentation.verdict(export["payload"]["result"])) in text


def test_it_opens_with_the_model_organisation_date_rule_set_and_record(export, text):
    payload = export["payload"]
    title_block = text[: text.index("Verdict")]
    for fact in (
        payload["model_name"],
        payload["organisation"]["name"],
        "28November2026,01:55UTC",
        payload["ruleset"],
        payload["record_id"],
    ):
        assert squeezed(fact) in title_block


def test_its_sections_come_in_the_order_a_reader_needs_them(text):
    headings = [
        "Verdict",
        "Trainingcompute",
        "Why",
        "Obligations",
        "Pointstowatch",
        "Openquestions",
        "Theanswers,withthequestionsastheywereasked",
        "Attestation",
        "Signatureandverification",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_it_shows_the_compute_estimate_its_method_and_assumptions(export, text):
    assert "2.9×10²⁴FLOP" in text
    assert squeezed("From the hardware used") in text
    assert squeezed("1,024 × NVIDIA H100 SXM") in text
    assert squeezed("Utilisation is the share of the chips' peak throughput") in text
    assert squeezed("Cross-check by a second method: 6 × 7.0 × 10¹⁰ parameters") in text


def test_it_draws_the_threshold_chart(export, text):
    payload = export["payload"]
    chart = presentation.chart_for_result(payload["result"])
    assert chart is not None
    assert squeezed(chart.description) in text


def test_it_gives_each_reason_with_its_citation(export, text):
    for reason in export["payload"]["result"]["reasons"]:
        written = presentation.superscript_exponents(reason["text"])
        assert squeezed(f"{written} ({reason['cite']})") in text


def test_it_lists_each_obligation_with_its_article_and_due_date(export, text):
    obligations = export["payload"]["result"]["obligations"]
    assert obligations
    for obligation in obligations:
        words = presentation.status_words(obligation, obligation.get("status")).text
        assert squeezed(f"{obligation['title']} {obligation['article']} {words}") in text
        assert obligation["due"] in words


def test_it_states_the_article_52_notification_deadline(text):
    assert squeezed("Art. 52 notification deadline: Not required on these answers.") in text


def test_it_explains_the_flags_and_lists_the_open_questions(export, text):
    result = export["payload"]["result"]
    for flag in presentation.flags_explained(result):
        assert squeezed(f"{flag['label']} {flag['text']}") in text
    for question in result["open_questions"]:
        assert squeezed(presentation.superscript_exponents(question)) in text


def test_it_prints_each_answer_beside_the_exact_wording_that_was_asked(export, text):
    for question in export["payload"]["questions"]:
        assert squeezed(f"{question['label']} {question['answer']}") in text


def test_it_prints_the_attestation(export, text):
    attestation = export["payload"]["attestation"]
    block = text[text.index("Attestation") :]
    assert squeezed(attestation["statement"]) in block
    assert squeezed(f"Name {attestation['name']}") in block
    assert squeezed(f"Function {attestation['function']}") in block
    assert squeezed(f"Username {attestation['username']}") in block
    assert squeezed("Time 28 November 2026, 01:55 UTC") in block


def test_it_prints_the_record_hash_key_id_and_verification_address(export, text):
    block = text[text.index("Signatureandverification") :]
    assert squeezed(f"Record hash (SHA-256) {export['sha256']}") in block
    assert export["key_id"] in block
    assert "https://gpai.example/verify/" in block


def test_it_names_the_record_it_supersedes(text):
    assert "supersedes0b7d6a51-8a0e-4c1e-9d55-6f0f4b9f2d1a" in text


def test_a_record_that_supersedes_nothing_says_nothing_about_it():
    pdf = render.report_pdf(export=make_export(), verify_url="https://gpai.example/verify/")
    assert "supersede" not in text_of(pdf).lower()


def test_a_systemic_risk_record_gives_the_notification_date_and_its_assumptions():
    answers = {
        "schema": 1,
        "model_name": "Big-MoE",
        "role": "developer",
        "placement": "placed",
        "placed_on": "2026-03-01",
        "established_in_eu": True,
        "generates": ["text"],
        "generality": "wide",
        "compute": {
            "method": "architecture",
            "parameters": "400B",
            "tokens": "30T",
            "mixture_of_experts": True,
        },
        "synthetic_data_flop": "1e24",
        "threshold_known_on": "2026-01-10",
    }
    export = make_export(answers=answers)
    result = export["payload"]["result"]
    assert result["notification_due"] == "2026-01-24"
    notify = next(o for o in result["obligations"] if o["id"] == "art52_notify")
    words = presentation.status_words(notify, notify.get("status")).text
    if "status" in notify:
        assert words.startswith("Overdue since 2026-01-24")
        deadline = f"Art. 52 notification deadline: {words}."
    else:
        assert words == "Due: 2026-01-24"
        deadline = "Art. 52 notification deadline: Notify the Commission by 2026-01-24."
    text = squeezed(text_of(render.report_pdf(export=export, verify_url="https://x/verify/")))
    assert squeezed(deadline) in text
    assert squeezed(f"Art. 52(1) {words}") in text
    assert squeezed("the parameters given are the active parameters per token") in text
    assert squeezed("Synthetic data generation: 1e24 (= 10²⁴) FLOP") in text
    assert squeezed("Cumulative compute 7.3 × 10²⁵ FLOP") in text


def test_an_out_of_scope_record_renders_without_compute_or_chart():
    answers = {
        "schema": 1,
        "model_name": "Lab-1",
        "role": "developer",
        "placement": "research_only",
    }
    export = make_export(answers=answers, questions=[])
    context = render.report_context(export=export, verify_url="https://x/verify/")
    assert context["chart"] is None
    text = squeezed(text_of(render.report_pdf(export=export, verify_url="https://x/verify/")))
    assert squeezed(presentation.verdict(export["payload"]["result"])) in text
    assert squeezed("No GPAI provider obligations on these answers.") in text
    assert squeezed("Training compute not given") in text
    assert squeezed("The record holds no question wording.") in text


def test_the_qr_code_encodes_the_verification_address(export):
    context = render.report_context(export=export, verify_url="https://gpai.example/verify/")
    assert context["qr_code"].startswith("data:image/svg+xml")


def test_every_page_is_numbered_page_x_of_y_and_names_the_record(export, pdf):
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    footer = squeezed(f"Record {export['record_id']} · rule set {export['payload']['ruleset']}")
    for number, page in enumerate(pages, start=1):
        page_text = squeezed(page.extract_text())
        assert f"Page{number}of{len(pages)}" in page_text
        assert footer in page_text


def test_every_page_is_a4(pdf):
    for page in PdfReader(io.BytesIO(pdf)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 2), round(height, 2)) == A4


def test_its_fonts_are_the_shipped_ones_embedded_not_system_fonts(pdf):
    shipped = {
        TTFont(path)["name"].getDebugName(4)
        for path in (Path(settings.BASE_DIR) / "static" / "fonts").glob("*.woff")
    }
    embedded = embedded_font_names(PdfReader(io.BytesIO(pdf)))
    assert embedded
    assert embedded <= shipped
    assert {"Source Serif 4 Regular", "Source Sans 3 Bold"} <= embedded


def embedded_font_names(reader: PdfReader) -> set[str]:
    """The full name (name table) of every font program embedded in the PDF, XObjects
    included; a font without an embedded program fails the test."""
    names: set[str] = set()

    def visit(resources: Any) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            assert program is not None, f"{font['/BaseFont']} is not embedded"
            names.add(TTFont(io.BytesIO(program.get_object().get_data()))["name"].getDebugName(4))
        for xobject in resources.get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return names


def test_the_export_is_attached_as_record_json(export, pdf):
    attachments = PdfReader(io.BytesIO(pdf)).attachments
    assert list(attachments) == ["record.json"]
    assert json.loads(attachments["record.json"][0]) == export


# ------------------------------------------------------------------ safe rendering


class RecordingFetcher(fetcher.StaticFetcher):
    """The report's fetcher, noting every URL WeasyPrint asks it for."""

    asked: list[str] = []

    def fetch(self, url, headers=None):
        RecordingFetcher.asked.append(url)
        return super().fetch(url, headers)


@pytest.fixture(scope="module")
def malicious_pdf() -> bytes:
    """Rendered once for the module; ``RecordingFetcher.asked`` keeps what that render asked."""
    questions = shown_questions()
    questions[0] = {**questions[0], "answer": MALICIOUS_ANSWER}
    questions[1] = {**questions[1], "label": MALICIOUS_LABEL}
    RecordingFetcher.asked = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(render, "StaticFetcher", RecordingFetcher)
        return render.report_pdf(
            export=make_export(questions=questions), verify_url="https://gpai.example/verify/"
        )


def test_user_text_prints_as_literal_text(malicious_pdf):
    text = text_of(malicious_pdf)
    assert MALICIOUS_ANSWER in text
    assert MALICIOUS_LABEL in text


def test_user_text_makes_the_renderer_fetch_nothing(malicious_pdf):
    asked = RecordingFetcher.asked
    assert asked, "the stylesheet goes through the fetcher"
    assert not [url for url in asked if "passwd" in url or url.startswith("file:")]
    for url in asked:
        assert url.startswith((fetcher.STATIC_BASE_URL, "data:")), url


def test_the_template_never_marks_text_safe_nor_styles_inline():
    template = (Path(settings.BASE_DIR) / "templates" / "reports" / "record.html").read_text()
    assert "|safe" not in template
    assert "autoescape off" not in template
    assert "style=" not in template
    assert "<style" not in template


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/static/css/report.css",
        "ftp://example.com/x.css",
        f"https://{fetcher.REPORT_HOST}/static/../config/settings.py",
        f"https://{fetcher.REPORT_HOST}/static/%2e%2e/config/settings.py",
        f"https://{fetcher.REPORT_HOST}/static/css/%2e%2e/%2e%2e/config/settings.py",
        f"https://{fetcher.REPORT_HOST}/static/%2Fetc%2Fpasswd",
        f"https://{fetcher.REPORT_HOST}/static//etc/passwd",
        f"https://{fetcher.REPORT_HOST}/config/settings.py",
        f"https://{fetcher.REPORT_HOST}/static/css/missing.css",
        f"http://{fetcher.REPORT_HOST}/static/css/report.css",
        "/static/css/report.css",
        "static/css/report.css",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ValueError):
        fetcher.StaticFetcher().fetch(url)


def test_the_fetcher_serves_the_report_stylesheet_and_fonts():
    static = fetcher.StaticFetcher()
    stylesheet = static.fetch(fetcher.static_url("css/report.css"))
    assert stylesheet.content_type == "text/css"
    assert b"@page" in stylesheet.read()
    font = static.fetch(fetcher.static_url("fonts/source-serif-4-latin-400-normal.woff"))
    assert font.read()[:4] == b"wOFF"


def test_the_fetcher_serves_data_uris():
    response = fetcher.StaticFetcher().fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"


# ------------------------------------------------------------------ PDF signatures


def test_a_signed_report_is_intact_and_names_its_signer_and_time(signed, certificate, export):
    _, pem = certificate
    before = datetime.now(UTC)
    check = pades.pdf_check(signed, trusted_certificates=[pem])
    assert check.intact, check.problem
    assert check.problem is None
    assert check.signer == "CN=GPAI Assessor document signing"
    assert check.signed_at is not None
    assert before - timedelta(minutes=5) < check.signed_at <= before
    assert check.export == export


def test_the_signature_is_pades_in_a_named_field_with_a_reason(signed):
    assert b"/ETSI.CAdES.detached" in signed
    assert b"(GPAI Assessor record)" in signed
    assert b"(Signed assessment record)" in signed


def test_signing_is_an_incremental_update_of_the_unsigned_file(pdf, signed):
    assert signed.startswith(pdf)


def test_a_changed_byte_inside_the_signed_range_breaks_it(signed, certificate):
    _, pem = certificate
    middle = len(signed) // 2
    found = re.search(rb"/ByteRange \[([\d ]+)\]", signed)
    assert found is not None
    byte_range = [int(n) for n in found[1].split()]
    assert middle < byte_range[0] + byte_range[1], "the flipped byte must be covered"
    changed = bytearray(signed)
    changed[middle] ^= 0x01
    check = pades.pdf_check(bytes(changed), trusted_certificates=[pem])
    assert not check.intact
    assert check.problem


def test_an_update_appended_after_signing_is_caught(signed, certificate):
    _, pem = certificate
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.set_info(
        generic.DictionaryObject({generic.pdf_name("/Title"): generic.pdf_string("Forged")})
    )
    output = io.BytesIO()
    writer.write(output)
    check = pades.pdf_check(output.getvalue(), trusted_certificates=[pem])
    assert not check.intact
    assert check.problem == "The file was changed after it was signed."


def test_garbage_appended_after_signing_is_reported(signed, certificate):
    _, pem = certificate
    check = pades.pdf_check(
        signed + b"\n1 0 obj\n(garbage)\nendobj\n%%EOF\n", trusted_certificates=[pem]
    )
    assert not check.intact
    assert check.problem


def test_a_report_signed_with_another_certificate_is_not_trusted(signed, tmp_path):
    other = certificates.document_certificate_create(
        path=tmp_path / "other.p12", common_name="Other"
    )
    check = pades.pdf_check(signed, trusted_certificates=[other])
    assert not check.intact
    assert check.problem == "The file was not signed with a certificate this service trusts."
    assert check.signer == "CN=GPAI Assessor document signing"


def test_an_unsigned_report_says_so_and_still_gives_its_record(pdf, certificate, export):
    _, pem = certificate
    check = pades.pdf_check(pdf, trusted_certificates=[pem])
    assert not check.intact
    assert check.problem == "This PDF has no signature."
    assert check.export == export


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"garbage",
        b"%PDF-1.7\nnot really a PDF",
        b"%PDF-" + bytes(range(256)) * 4,
        b'{"format": "gpai-assessor-record"}',
    ],
)
def test_garbage_gives_a_problem_and_raises_nothing(data, certificate):
    _, pem = certificate
    check = pades.pdf_check(data, trusted_certificates=[pem])
    assert not check.intact
    assert check.problem
    assert check.export is None


def test_a_truncated_report_gives_a_problem_and_raises_nothing(signed, certificate):
    _, pem = certificate
    check = pades.pdf_check(signed[: len(signed) * 2 // 3], trusted_certificates=[pem])
    assert not check.intact
    assert check.problem


def test_a_bad_trusted_certificate_entry_is_skipped(signed, certificate):
    _, pem = certificate
    check = pades.pdf_check(signed, trusted_certificates=["not a certificate", pem])
    assert check.intact, check.problem


@pytest.mark.django_db
def test_certificates_kept_in_the_table_verify_reports(signed, certificate):
    _, pem = certificate
    DocumentCertificate.objects.create(
        fingerprint=certificates.certificate_fingerprint(pem),
        subject=certificates.certificate_subject(pem),
        certificate_pem=pem,
        retired_at=datetime.now(UTC),  # retired certificates still verify old reports
    )
    trusted = list(DocumentCertificate.objects.values_list("certificate_pem", flat=True))
    assert pades.pdf_check(signed, trusted_certificates=trusted).intact


# ------------------------------------------------------------------ certificates


def test_document_certificate_create_writes_a_private_pkcs12(tmp_path):
    path = tmp_path / "keys" / "document.p12"
    pem = certificates.document_certificate_create(
        path=path, common_name="Acme reports", password="pw"
    )

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["document.p12"]  # no temporary left
    key, certificate, _ = pkcs12.load_key_and_certificates(path.read_bytes(), b"pw")
    assert key is not None and certificate is not None
    assert certificate.public_bytes(serialization.Encoding.PEM).decode() == pem
    assert certificate.subject.rfc4514_string() == "CN=Acme reports"
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert lifetime > timedelta(days=3650 - 1)


def test_document_certificate_create_replaces_an_older_file(tmp_path):
    path = tmp_path / "document.p12"
    first = certificates.document_certificate_create(path=path, common_name="One")
    second = certificates.document_certificate_create(path=path, common_name="Two")
    assert first != second
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def organisation_pkcs12(password: bytes, *, with_key: bool = True) -> bytes:
    """An organisation's own PKCS#12, as a certificate authority would hand it out."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Acme AI Ltd")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
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
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"acme",
        key if with_key else None,
        certificate if with_key else None,
        None if with_key else [certificate],
        serialization.BestAvailableEncryption(password),
    )


def test_document_certificate_import_copies_an_organisations_pkcs12(tmp_path, pdf):
    source = tmp_path / "acme.p12"
    source.write_bytes(organisation_pkcs12(b"acme-pw"))
    path = tmp_path / "keys" / "document.p12"

    pem = certificates.document_certificate_import(source=source, password="acme-pw", path=path)

    assert path.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert certificates.certificate_subject(pem) == "CN=Acme AI Ltd"
    signed = pades.pdf_sign(pdf, pkcs12_path=path, password="acme-pw")
    assert pades.pdf_check(signed, trusted_certificates=[pem]).intact


def test_document_certificate_import_refuses_a_wrong_password(tmp_path):
    source = tmp_path / "acme.p12"
    source.write_bytes(organisation_pkcs12(b"acme-pw"))
    with pytest.raises(certificates.CertificateError, match="password"):
        certificates.document_certificate_import(
            source=source, password="wrong", path=tmp_path / "d"
        )
    assert not (tmp_path / "d").exists()


def test_document_certificate_import_refuses_a_file_without_a_key(tmp_path):
    source = tmp_path / "acme.p12"
    source.write_bytes(organisation_pkcs12(b"acme-pw", with_key=False))
    with pytest.raises(certificates.CertificateError, match="private key"):
        certificates.document_certificate_import(
            source=source, password="acme-pw", path=tmp_path / "d"
        )


def test_certificate_fingerprint_is_the_sha256_of_the_der(certificate):
    _, pem = certificate
    der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(serialization.Encoding.DER)
    assert certificates.certificate_fingerprint(pem) == hashlib.sha256(der).hexdigest()
    assert certificates.certificate_subject(pem) == "CN=GPAI Assessor document signing"


def test_exports_are_not_changed_by_rendering(export):
    before = copy.deepcopy(export)
    render.report_context(export=export, verify_url="https://gpai.example/verify/")
    assert export == before
