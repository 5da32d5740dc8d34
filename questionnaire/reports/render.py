"""The report of a signed record, as HTML and as an unsigned PDF (WeasyPrint).

WeasyPrint renders the same HTML to different bytes each time (dates, ids), so a report is
rendered once, signed, stored, and the stored bytes are what people download.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import pydyf  # type: ignore[import-untyped]
import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from weasyprint import HTML, Attachment  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from questionnaire import presentation
from questionnaire.checklist import checklist_for
from questionnaire.i18n.results import result_in
from questionnaire.reports.fetcher import STATIC_BASE_URL, StaticFetcher, static_url
from questionnaire.reports.pades import ATTACHMENT_NAME
from questionnaire.scoring import DEFAULT_RULESET, load, texts
from questionnaire.scoring.numbers import format_human, localise_number, parse_number
from questionnaire.scoring.vocabulary import Flag

logger = logging.getLogger(__name__)

TEMPLATE = "reports/record.html"
STYLESHEET = "css/report.css"

METHOD_LABELS = {
    "direct": gettext_lazy("Stated directly by the provider"),
    "architecture": gettext_lazy("From the model architecture (parameters × training tokens)"),
    "hardware": gettext_lazy(
        "From the hardware used (chips × time × peak throughput × utilisation)"
    ),
}

REPORT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def signed_language(payload: Mapping[str, Any]) -> str:
    """The language a record was attested in: its signed ``language``; English for a record
    made before records carried one (or naming a language this service does not speak)."""
    language = payload.get("language")
    return language if isinstance(language, str) and language in REPORT_LANGUAGES else "en"


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


def report_pdf(*, export: dict[str, Any], verify_url: str, language: str | None = None) -> bytes:
    """The unsigned PDF report of a record's export document, with the export attached as
    ``record.json``. ``verify_url`` is printed and encoded in a QR code.

    In the record's signed language (``signed_language``) unless ``language`` names another
    one: then it is a translation, every page of which says so and names the signed language
    (it is never signed nor stored; the signed report stays the one of the signed language).
    The attached record is the signed one, in its canonical form, either way.

    For everyone and for the archive: tagged (a structure tree, the language, the title
    shown; PDF/UA-1 declared) and PDF/A-3b (fonts embedded, an sRGB output intent, XMP
    metadata, the attachment's relationship), as WeasyPrint's ``pdf/a-3b`` variant and
    ``pdf_tags`` make them. ``pades.pdf_sign`` keeps what it changes consistent."""
    signed = signed_language(export["payload"])
    language = language if language in REPORT_LANGUAGES else signed
    with translation.override(language):
        html = render_to_string(
            TEMPLATE,
            report_context(
                export=export,
                verify_url=verify_url,
                language=language,
                translation_of=signed if language != signed else None,
            ),
        )
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


def report_context(
    *,
    export: Mapping[str, Any],
    verify_url: str,
    language: str = "en",
    translation_of: str | None = None,
) -> dict[str, Any]:
    """Everything the report template shows, worked out here so the template stays plain.
    Its words are in the active language (``report_pdf`` activates ``language``); the
    result's texts in ``language`` (``result_in``), its dates and figures in local notation.
    ``translation_of``: the signed language, when this report is a translation."""
    payload = export["payload"]
    answers = payload.get("answers", {})
    result = result_in(payload["result"], language)
    shown = payload.get("texts_shown") if language == signed_language(payload) else None
    if not isinstance(shown, Mapping):
        shown = {}
    result = _with_texts_shown(result, shown)
    obligations = result.get("obligations", [])
    notify = next((o for o in obligations if o.get("id") == "art52_notify"), None)
    duties = presentation.obligations_view(result, answers=answers, attested=True)
    if language != "en":
        duties = _local_duties(duties, result, language)
    translation_note = ""
    if translation_of is not None:
        name = str(translation.get_language_info(translation_of)["name_translated"])
        if language == "fr":  # French writes the names of languages in lower case
            name = name[:1].lower() + name[1:]
        translation_note = _("Translation — not signed; the signed language is %(language)s.") % {
            "language": name
        }
    return {
        "language": language,
        "translation_note": translation_note,
        "stylesheet": static_url(STYLESHEET),
        "export": export,
        "payload": payload,
        "result": result,
        "attestation": payload.get("attestation", {}),
        "attested_at": _timestamp(payload.get("attestation", {}).get("attested_at"), language),
        "verdict": _text_shown(shown, "verdict") or _verdict(result, language),
        "classification": _text_shown(shown, "classification")
        or _classification(result["classification"], language),
        "flags": _flags_shown(_flags(result, language), shown),
        "obligations": duties,
        "notification": _notification(result, notify, duties, language),
        "compute": _compute_facts(answers, result, language),
        "chart": presentation.chart_for_result(result, language=language),
        "question_groups": presentation.group_by_step(payload.get("questions", [])),
        # What the signed documents call for, item by item; never anyone's progress on it.
        "checklist": checklist_for(result, answers if isinstance(answers, Mapping) else {}),
        "verify_url": verify_url,
        "qr_code": segno.make(verify_url, error="m").svg_data_uri(scale=4, border=4),
    }


def _with_texts_shown(result: Mapping[str, Any], shown: Mapping[str, Any]) -> Mapping[str, Any]:
    """``result`` with the texts the attester was shown and signed (``texts_shown``, a record
    attested in another language than English) in place of those rendered again; the
    rendered ones where the signed ones do not match the result's shape."""
    if not shown:
        return result
    local: dict[str, Any] = {**result}
    for key in ("reasons", "notes"):
        texts, items = shown.get(key), result.get(key)
        if isinstance(texts, list) and isinstance(items, list) and len(texts) == len(items):
            local[key] = [
                {**item, "text": str(text)} if isinstance(item, Mapping) else item
                for item, text in zip(items, texts, strict=True)
            ]
    questions = shown.get("open_questions")
    if isinstance(questions, list) and len(questions) == len(result.get("open_questions") or []):
        local["open_questions"] = [str(text) for text in questions]
    titles = shown.get("obligations")
    if isinstance(titles, Mapping) and isinstance(result.get("obligations"), list):
        local["obligations"] = [
            {**item, "title": str(titles.get(item.get("id"), item.get("title")))}
            if isinstance(item, Mapping)
            else item
            for item in result["obligations"]
        ]
    return local


def _text_shown(shown: Mapping[str, Any], key: str) -> str:
    text = shown.get(key)
    return text if isinstance(text, str) else ""


def _flags_shown(flags: list[dict[str, str]], shown: Mapping[str, Any]) -> list[dict[str, str]]:
    signed = shown.get("flags")
    if not isinstance(signed, Mapping):
        return flags
    explained = []
    for item in flags:
        texts = signed.get(item["flag"])
        if isinstance(texts, Mapping):
            item = {
                "flag": item["flag"],
                "label": str(texts.get("label") or item["label"]),
                "text": str(texts.get("text") or item["text"]),
            }
        explained.append(item)
    return explained


def _verdict(result: Mapping[str, Any], language: str) -> str:
    text = presentation.verdict(result)
    if language == "en":
        return text
    if text.startswith(presentation.NOT_PROVIDER):
        return f"{_(presentation.NOT_PROVIDER)} {_(presentation.ORIGINAL_SHOWN)}"
    return _(text)


def _classification(classification: str, language: str) -> str:
    label = presentation.CLASSIFICATION_LABELS.get(classification, classification)
    return label if language == "en" else _(label)


def _day_text(value: object, language: str) -> str | None:
    """A signed ISO date as a reader of ``language`` writes it (English keeps the ISO date
    its pages show); the text as given when it is not a date."""
    if not value:
        return None
    if language == "en" or not isinstance(value, str):
        return str(value)
    try:
        return texts.format_date(date.fromisoformat(value), language)
    except ValueError:
        return value


_STATUS_LEADS = {
    "Due:": gettext_lazy("Due:"),
    "Due": gettext_lazy("Due"),
    "Due: date unknown — notify without delay": gettext_lazy(
        "Due: date unknown — notify without delay"
    ),
    "Due: before placing on the market": gettext_lazy("Due: before placing on the market"),
    "Due before placing on the market": gettext_lazy("Due before placing on the market"),
    "Applies since": gettext_lazy("Applies since"),
    "Applies now": gettext_lazy("Applies now"),
    "Overdue since": gettext_lazy("Overdue since"),
    "Overdue": gettext_lazy("Overdue"),
    "Done: notified on": gettext_lazy("Done: notified on"),
    "Done: the Commission has been notified": gettext_lazy(
        "Done: the Commission has been notified"
    ),
    "Recommended by": gettext_lazy("Recommended by"),
    "Recommended": gettext_lazy("Recommended"),
}


def _local_words(words: presentation.StatusWords, language: str) -> presentation.StatusWords:
    lead = _STATUS_LEADS.get(words.lead)
    tail = words.tail
    if tail == presentation.NOTIFY_NOW:
        tail = " — " + _("notify the AI Office now")
    return presentation.StatusWords(
        str(lead) if lead is not None else words.lead, _day_text(words.day, language), tail
    )


def _local_duties(
    duties: presentation.ObligationsView, result: Mapping[str, Any], language: str
) -> presentation.ObligationsView:
    """The obligations in ``language``: status words, dates, the label, the fines."""

    def line_in(line: presentation.ObligationLine) -> presentation.ObligationLine:
        return dataclasses.replace(
            line,
            words=_local_words(line.words, language),
            why=_(line.why) if line.why else "",
        )

    lines = tuple(line_in(line) for line in duties.lines)
    label = ""
    if duties.assessed_on:
        label = _("Statuses as attested on %(date)s") % {
            "date": _day_text(duties.assessed_on, language)
        }
    fines = ""
    if duties.fines:
        rules = _rules(result)
        fines = _(presentation.FINES).format(
            fines_from=texts.format_date(rules.fines_apply_from, language)
        )
    return dataclasses.replace(
        duties,
        lines=lines,
        overdue=tuple(line for line in lines if line.overdue),
        label=label,
        fines=fines,
        notification=None
        if duties.notification is None
        else _local_words(duties.notification, language),
    )


def _rules(result: Mapping[str, Any]) -> Any:
    try:
        return load(str(result.get("ruleset") or DEFAULT_RULESET))
    except KeyError:
        return load()


def _flags(result: Mapping[str, Any], language: str) -> list[dict[str, str]]:
    """The result's flags explained, in ``language``, with the rule set's values quoted in
    local notation."""
    english = presentation.flags_explained(result)
    if language == "en":
        return english
    rules = _rules(result)
    values = {
        "margin": texts.format_percent(str(rules.estimate_margin), language),
        "disagree_margin": texts.format_percent(str(rules.methods_disagree_margin), language),
        "reach": texts.format_count(rules.reach_eu_business_users, language),
        "apply_from": texts.format_date(rules.obligations_apply_from, language),
        "comply_by": texts.format_date(rules.legacy_compliance_by, language),
    }
    explained = []
    for item in english:
        flag = item["flag"]
        label = texts.flag_label(flag, language, item["label"])
        text = texts.flag_text(flag, language, item["text"])
        try:
            label, text = label.format(**values), text.format(**values)
        except (KeyError, IndexError, ValueError):
            logger.warning("Report: flag %r has a text this version cannot fill.", flag)
        explained.append({"flag": flag, "label": label, "text": text})
    return explained


def _timestamp(value: object, language: str = "en") -> str:
    """``28 November 2026, 01:55 UTC`` from the record's ISO time (as its page shows it),
    ``28. November 2026, 01:55 UTC`` in German; the text as given otherwise."""
    if not isinstance(value, str):
        return ""
    moment = presentation.utc_moment(value)
    if moment is None:
        logger.warning("Report: attestation time %r is not an ISO time; printed as given.", value)
        return value
    if language == "en":
        return moment.text
    at = datetime.fromisoformat(moment.iso.replace("Z", "+00:00"))
    return f"{texts.format_date(at.date(), language)}, {at:%H:%M} UTC"


def _notification(
    result: Mapping[str, Any],
    notify: Mapping[str, Any] | None,
    duties: presentation.ObligationsView,
    language: str = "en",
) -> str:
    if duties.has_statuses:
        if duties.notification is None:
            return _("Not required on these answers.")
        return f"{duties.notification.text}."
    if result.get("notification_due"):
        return _("Notify the Commission by %(date)s.") % {
            "date": _day_text(result["notification_due"], language)
        }
    if notify is not None:
        return _("Required; the date is unknown, so notify the Commission without delay.")
    return _("Not required on these answers.")


def _compute_facts(
    answers: Mapping[str, Any], result: Mapping[str, Any], language: str = "en"
) -> dict[str, Any]:
    """The estimate, how it was made and the assumptions behind it, in plain words, from the
    signed result's figures and the answers as entered: nothing is recomputed."""
    figures = presentation.figures_of(result)
    compute = figures.get("compute") if figures else None
    lower_bound = Flag.COMPUTE_LOWER_BOUND in (result.get("flags") or [])
    method = METHOD_LABELS.get(result.get("compute_method") or "")
    facts: dict[str, Any] = {
        "training": _flop(result.get("training_flop"), language=language),
        "cumulative": _flop(result.get("cumulative_flop"), at_least=lower_bound, language=language),
        "method": str(method) if method is not None else "",
        "how": "",
        "assumptions": [],
    }
    if figures is None:
        return facts
    assumptions: list[str] = []
    if compute is not None:
        facts["how"] = _calculation(compute["description"], figures.get("training_flop"), language)
        entered = compute.get("entered") or {}
        if entered.get("mixture_of_experts"):
            assumptions.append(
                _("Mixture of experts: the parameters given are the active parameters per token.")
            )
        if compute["method"] == "hardware":
            assumptions.append(
                _("Utilisation is the share of the chips' peak throughput actually achieved.")
            )
        for check in compute.get("checks", []):
            assumptions.append(
                _("Cross-check by a second method: %(calculation)s.")
                % {"calculation": _calculation(check["description"], check["flop"], language)}
            )
    given = [
        f"{presentation.entered_and_read(answers.get(key), language)} {what}"
        for key, what in (
            ("parameters", _("parameters")),
            ("training_tokens", _("training tokens")),
        )
        if answers.get(key) not in (None, "")
    ]
    if given:
        assumptions.append(_("Model facts given: %(facts)s.") % {"facts": ", ".join(given)})
    synthetic = answers.get("synthetic_data_flop")
    if synthetic not in (None, "", 0, "0"):
        assumptions.append(
            _(
                "Synthetic data generation: %(figure)s FLOP, counted towards cumulative "
                "compute only."
            )
            % {"figure": presentation.entered_and_read(synthetic, language)}
        )
    margin_value = Decimal(figures["estimate_margin"])
    margin = (
        presentation.percent(margin_value)
        if language == "en"
        else texts.format_percent(str(margin_value), language)
    )
    assumptions.append(
        _(
            "An estimate is taken to be accurate within ±%(margin)s; a threshold inside that "
            "margin makes the result borderline."
        )
        % {"margin": margin}
    )
    facts["assumptions"] = assumptions
    return facts


def _calculation(description: str, flop: object, language: str = "en") -> str:
    if language != "en":
        description = texts._description(description, language)
    if flop in (None, ""):
        return presentation.superscript_exponents(description)
    figure = localise_number(format_human(Decimal(str(flop))), language)
    return presentation.superscript_exponents(f"{description} = {figure} FLOP")


def _flop(value: object, *, at_least: bool = False, language: str = "en") -> str:
    if value in (None, ""):
        return _("not given")
    try:
        if language == "en":
            text = presentation.flop_text(value)
        else:
            text = presentation.superscript_exponents(
                f"{localise_number(format_human(parse_number(value)), language)} FLOP"
            )
        return _("At least %(figure)s") % {"figure": text} if at_least else text
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
