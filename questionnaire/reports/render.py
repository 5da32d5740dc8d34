"""The report of a signed record, as HTML and as an unsigned PDF (WeasyPrint).

WeasyPrint renders the same HTML to different bytes each time (dates, ids), so a report is
rendered once, signed, stored, and the stored bytes are what people download.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import pydyf  # type: ignore[import-untyped]
import segno
from django.template.loader import render_to_string
from weasyprint import HTML, Attachment  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from questionnaire import presentation
from questionnaire.checklist import checklist_for
from questionnaire.reports.fetcher import STATIC_BASE_URL, StaticFetcher, static_url
from questionnaire.reports.pades import ATTACHMENT_NAME
from questionnaire.scoring.numbers import format_human
from questionnaire.scoring.vocabulary import Flag

logger = logging.getLogger(__name__)

TEMPLATE = "reports/record.html"
STYLESHEET = "css/report.css"

METHOD_LABELS = {
    "direct": "Stated directly by the provider",
    "architecture": "From the model architecture (parameters × training tokens)",
    "hardware": "From the hardware used (chips × time × peak throughput × utilisation)",
}


PDF_VARIANT = "pdf/a-3b"
"""Archival: PDF/A-3 (level B) is the PDF/A part that allows the attached record.json."""

XMP_EXTRA_NAMESPACES = {
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}

# PDF/A allows XMP properties of its predefined schemas only, unless the file describes the
# others: this declares the PDF/UA identification schema (pdfuaid:part), as PDF/UA files
# that are PDF/A too do.
PDFUA_EXTENSION_SCHEMA = """\
<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" \
xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#" rdf:about="">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed\
</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""


def report_pdf(*, export: dict[str, Any], verify_url: str) -> bytes:
    """The unsigned PDF report of a record's export document, with the export attached as
    ``record.json``. ``verify_url`` is printed and encoded in a QR code.

    For everyone and for the archive: tagged (a structure tree, the language, the title
    shown; PDF/UA-1 declared) and PDF/A-3b (fonts embedded, an sRGB output intent, XMP
    metadata, the attachment's relationship), as WeasyPrint's ``pdf/a-3b`` variant and
    ``pdf_tags`` make them. ``pades.pdf_sign`` keeps what it changes consistent."""
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
    pdf: bytes = document.write_pdf(
        attachments=[attachment],
        font_config=_font_config(),
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        finisher=_declare_pdf_ua,
    )
    return pdf


def _declare_pdf_ua(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher, run before the PDF is written: the XMP metadata of the PDF/A
    variant gains ``pdfuaid:part=1`` (WeasyPrint's ``pdf/ua-1`` variant declares the same
    tagging so; a PDF has one variant) and the schema that declares it. The document
    information's /Producer goes: pyHanko's signature rewrites the XMP producer, and the
    two must agree in a PDF/A file; pyHanko then writes its own name in both."""
    for prefix, uri in XMP_EXTRA_NAMESPACES.items():
        ElementTree.register_namespace(prefix, uri)
    # Both XML texts are ours (WeasyPrint serialises the record's text escaped), so the
    # standard parser is safe here: nothing untrusted is parsed.
    rdf = ElementTree.fromstring(document.metadata.generate_rdf_metadata("a", 3, "B"))  # noqa: S314
    identification = rdf[0]  # WeasyPrint's first description names the PDF/A part
    identification.set(f"{{{XMP_EXTRA_NAMESPACES['pdfuaid']}}}part", "1")
    rdf.append(ElementTree.fromstring(PDFUA_EXTENSION_SCHEMA))  # noqa: S314
    metadata = next(
        item
        for item in pdf.objects
        if isinstance(item, pydyf.Stream) and item.extra.get("Type") == "/Metadata"
    )
    metadata.stream = [
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        + ElementTree.tostring(rdf, encoding="utf-8", xml_declaration=False)
        + b'</x:xmpmeta>\n<?xpacket end="r"?>'
    ]
    pdf.info.pop("Producer", None)
    # WeasyPrint lists the attachment's file specification twice in /AF; once is enough.
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))


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
    duties = presentation.obligations_view(result, answers=answers, attested=True)
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
        "flags": presentation.flags_explained(result),
        "obligations": duties,
        "notification": _notification(result, notify, duties),
        "compute": _compute_facts(answers, result),
        "chart": presentation.chart_for_result(result),
        "question_groups": presentation.group_by_step(payload.get("questions", [])),
        # What the signed documents call for, item by item; never anyone's progress on it.
        "checklist": checklist_for(result, answers if isinstance(answers, Mapping) else {}),
        "verify_url": verify_url,
        "qr_code": segno.make(verify_url, error="m").svg_data_uri(scale=4, border=4),
    }


def _timestamp(value: object) -> str:
    """``28 November 2026, 01:55 UTC`` from the record's ISO time (as its page shows it);
    the text as given otherwise."""
    if not isinstance(value, str):
        return ""
    moment = presentation.utc_moment(value)
    if moment is None:
        logger.warning("Report: attestation time %r is not an ISO time; printed as given.", value)
        return value
    return moment.text


def _notification(
    result: Mapping[str, Any],
    notify: Mapping[str, Any] | None,
    duties: presentation.ObligationsView,
) -> str:
    if duties.has_statuses:
        if duties.notification is None:
            return "Not required on these answers."
        return f"{duties.notification.text}."
    if result.get("notification_due"):
        return f"Notify the Commission by {result['notification_due']}."
    if notify is not None:
        return "Required; the date is unknown, so notify the Commission without delay."
    return "Not required on these answers."


def _compute_facts(answers: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, Any]:
    """The estimate, how it was made and the assumptions behind it, in plain words, from the
    signed result's figures and the answers as entered: nothing is recomputed."""
    figures = presentation.figures_of(result)
    compute = figures.get("compute") if figures else None
    lower_bound = Flag.COMPUTE_LOWER_BOUND in (result.get("flags") or [])
    facts: dict[str, Any] = {
        "training": _flop(result.get("training_flop")),
        "cumulative": _flop(result.get("cumulative_flop"), at_least=lower_bound),
        "method": METHOD_LABELS.get(result.get("compute_method") or "", ""),
        "how": "",
        "assumptions": [],
    }
    if figures is None:
        return facts
    assumptions: list[str] = []
    if compute is not None:
        facts["how"] = _calculation(compute["description"], figures.get("training_flop"))
        entered = compute.get("entered") or {}
        if entered.get("mixture_of_experts"):
            assumptions.append(
                "Mixture of experts: the parameters given are the active parameters per token."
            )
        if compute["method"] == "hardware":
            assumptions.append(
                "Utilisation is the share of the chips' peak throughput actually achieved."
            )
        for check in compute.get("checks", []):
            assumptions.append(
                "Cross-check by a second method: "
                f"{_calculation(check['description'], check['flop'])}."
            )
    given = [
        f"{presentation.entered_and_read(answers.get(key))} {what}"
        for key, what in (("parameters", "parameters"), ("training_tokens", "training tokens"))
        if answers.get(key) not in (None, "")
    ]
    if given:
        assumptions.append(f"Model facts given: {', '.join(given)}.")
    synthetic = answers.get("synthetic_data_flop")
    if synthetic not in (None, "", 0, "0"):
        assumptions.append(
            f"Synthetic data generation: {presentation.entered_and_read(synthetic)} FLOP, "
            "counted towards cumulative compute only."
        )
    margin = presentation.percent(Decimal(figures["estimate_margin"]))
    assumptions.append(
        f"An estimate is taken to be accurate within ±{margin}; a threshold inside that "
        "margin makes the result borderline."
    )
    facts["assumptions"] = assumptions
    return facts


def _calculation(description: str, flop: object) -> str:
    if flop in (None, ""):
        return presentation.superscript_exponents(description)
    return presentation.superscript_exponents(
        f"{description} = {format_human(Decimal(str(flop)))} FLOP"
    )


def _flop(value: object, *, at_least: bool = False) -> str:
    if value in (None, ""):
        return "not given"
    try:
        text = presentation.flop_text(value)
        return f"At least {text}" if at_least else text
    except ValueError:
        logger.warning("Report: %r is not a number of FLOP; printed as given.", value)
        return str(value)


def html_pdf(html: str) -> bytes:
    """A PDF of HTML that links only the project's static files (the documents a provider
    files): tagged, with this thread's fonts, nothing fetched from elsewhere."""
    fetcher = StaticFetcher()
    document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(font_config=_font_config(), pdf_tags=True)
    return pdf
