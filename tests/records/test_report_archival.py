"""Reports for everyone and for the archive (issue 10, deliverable 4): the signed PDF report
is tagged for assistive technology (PDF/UA-1 declared) and PDF/A-3b (archival, with the
record.json it embeds), as WeasyPrint's ``pdf/a-3b`` variant and ``pdf_tags`` make it, and
stays PAdES-signed and verifiable.

No PDF/A or PDF/UA validator (veraPDF) runs here: this checks, with pypdf, the parts of the
standards a reader or an archive relies on first. The structure tree, the marked-content
flag, the language and the shown title; the XMP identification (and the schema that
declares the PDF/UA property, which PDF/A requires); an sRGB output intent; every font
embedded; the attachment and its relationship; document information that agrees with the
XMP after signing; a file that stays PDF 1.7 once signed; a signature widget that is
printable (PDF/A) and off the page (so that PDF/UA does not ask for it to be tagged)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from questionnaire.reports import certificates, pades, render
from tests.samples import signed_export

pytestmark = pytest.mark.real_pdf


@pytest.fixture(scope="module")
def signed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("archival")
    pem = certificates.document_certificate_create(
        path=folder / "document.p12", common_name="GPAI Assessor archival test"
    )
    export = signed_export()
    unsigned = render.report_pdf(export=export, verify_url="https://gpai.example/verify/")
    return pades.pdf_sign(unsigned, pkcs12_path=Path(folder / "document.p12")), pem, export


def fonts_of(resources: Any, seen: set[int]) -> list[Any]:
    """Every font of these resources and of the form XObjects they draw, recursively."""
    found: list[Any] = []
    if resources is None or id(resources) in seen:
        return found
    seen.add(id(resources))
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        found.append(font.get_object())
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            found += fonts_of(xobject.get("/Resources"), seen)
    return found


def embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # drawn with PDF operators: nothing to embed
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor: Any = font["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_the_signed_report_is_tagged_pdf_a_3b_and_still_verifies(signed_report):
    pdf, pem, export = signed_report
    reader = PdfReader(io.BytesIO(pdf))
    catalog: Any = reader.trailer["/Root"]  # pypdf's objects, read as the PDF spells them

    # Tagged for assistive technology, in English, its title shown instead of a file name.
    tree: Any = catalog["/StructTreeRoot"].get_object()
    document = tree["/K"][0].get_object() if isinstance(tree["/K"], list) else tree["/K"]
    assert document["/S"] == "/Document" and len(document["/K"]) > 10
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True

    # XMP: PDF/A-3 level B, PDF/UA-1, and the extension schema that declares pdfuaid.
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part="3"|<pdfaid:part>3<', xmp)
    assert re.search(r'pdfaid:conformance="B"|<pdfaid:conformance>B<', xmp)
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1<', xmp)
    assert "http://www.aiim.org/pdfua/ns/id/" in xmp and "pdfaExtension:schemas" in xmp
    # PDF/A-3 is PDF 1.7: signing does not declare the file PDF 2.0.
    assert reader.pdf_header == "%PDF-1.7"
    assert catalog.get("/Version") in (None, "/1.7")

    # The document information says what the XMP says, after pyHanko's update too.
    producer = re.search(r'pdf:Producer="([^"]+)"|<pdf:Producer>([^<]+)<', xmp)
    assert producer is not None
    assert reader.metadata is not None
    assert reader.metadata["/Producer"] == (producer.group(1) or producer.group(2))
    assert reader.metadata["/Title"] in xmp

    # Colours have a meaning in the archive: an sRGB output intent with its ICC profile.
    intent: Any
    (intent,) = [item.get_object() for item in catalog["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1"
    assert "sRGB" in intent["/OutputConditionIdentifier"]
    assert intent["/DestOutputProfile"].get_object().get_data()[36:40] == b"acsp"

    # Every font is embedded.
    fonts = [font for page in reader.pages for font in fonts_of(page.get("/Resources"), set())]
    assert fonts and all(embedded(font) for font in fonts), [f["/BaseFont"] for f in fonts]

    # The record travels inside, as the report's source (PDF/A-3 associated file).
    filespec: Any
    (filespec,) = [item.get_object() for item in catalog["/AF"]]
    assert filespec["/AFRelationship"] == "/Source"
    assert filespec["/F"] == pades.ATTACHMENT_NAME
    attached = json.loads(filespec["/EF"]["/F"].get_object().get_data())
    assert attached == export

    # The signature's widget: printable for PDF/A, off the page so PDF/UA needs no tag.
    widget: Any
    (widget,) = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object()["/Subtype"] == "/Widget"
    ]
    assert widget["/FT"] == "/Sig" and widget["/F"] & 4 and not widget["/F"] & 2
    assert all(coordinate < 0 for coordinate in widget["/Rect"])

    # And it is still the signed report /verify/ and verify_records --files accept.
    check = pades.pdf_check(pdf, trusted_certificates=[pem])
    assert check.intact, check.problem
    assert check.export == export
