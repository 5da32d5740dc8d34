"""A document's exports: a PDF (WeasyPrint, the project's fonts, nothing fetched from
elsewhere), an HTML page ready to publish (one file, its styles inside) and a Word document
(.docx) a lawyer goes on working on in a word processor.

All three are made from one ``Filled`` document: the format's fields with the values of a
saved version (or, before the first save, the proposals from the answers), and where they
came from. Every value is text the provider typed: autoescaped in HTML, plain runs in Word.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from questionnaire.documents.formats import (
    NOTIFICATION,
    DocumentFormat,
    Field,
    warnings_for,
)
from questionnaire.lib.downloads import name_part
from questionnaire.scoring.texts import format_date

TEMPLATE = "documents/document.html"
STYLESHEET = "css/document.css"
TO_COMPLETE = gettext_noop("To be completed by the provider.")


def _language() -> str:
    return (translation.get_language() or "en").split("-")[0]


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class Filled:
    """A document with its values, ready to export."""

    document: DocumentFormat
    values: dict[str, str]
    model_name: str
    provider_name: str
    assessment_id: str
    version: VersionInfo | None
    """The saved version exported; None for the proposals of a document not yet saved."""
    versions: Sequence[VersionInfo] = ()
    carried_from: str = ""
    """The earlier assessment whose saved version this is, when it is not this one's own."""
    record_id: str = ""
    record_sha256: str = ""
    modifier: bool = False
    format_version: str = ""

    @property
    def filename_stem(self) -> str:
        version = f"v{self.version.number}" if self.version else "draft"
        return f"{name_part(self.model_name)}-{self.document.slug}-{version}"

    def rows(self, fields: Sequence[Field]) -> list[dict[str, Any]]:
        return [
            {
                "id": f.id,
                "label": f.local_label,
                "recipients": f.recipients_text,
                "value": self.values.get(f.id, ""),
                "shown": _shown(f, self.values.get(f.id, "")),
            }
            for f in fields
        ]

    def context(self) -> dict[str, Any]:
        document = self.document
        format_version = self.format_version or document.format_version
        return {
            "filled": self,
            "document": document,
            "language": _language(),
            "title": gettext(document.title),
            "source_note": gettext(document.source_note),
            "modifier_note": gettext(document.modifier_note) if document.modifier_note else "",
            "format_version": gettext(format_version),
            "meta_lines": _meta_lines(self, format_version),
            "is_notification": document is NOTIFICATION,
            "header_rows": self.rows(document.header_fields),
            "sections": [
                {
                    "title": gettext(s.title),
                    "note": gettext(s.note) if s.note else "",
                    "rows": self.rows(s.fields),
                }
                for s in document.sections
            ],
            "warnings": warnings_for(document, self.values),
            "to_complete": gettext(TO_COMPLETE),
            "earlier_versions": [
                v for v in self.versions if self.version is None or v.number < self.version.number
            ],
        }


def _shown(field: Field, value: str) -> str:
    """A value as printed: a choice by its label, yes/no as words."""
    if not value:
        return ""
    for key, label in field.choices:
        if key == value:
            return gettext(label)
    return value


def document_html(filled: Filled, *, standalone: bool) -> str:
    """The document as HTML: for the PDF (``standalone=False``: the stylesheet linked, the
    fetcher serves it) or to publish (one file, the stylesheet inside, no font files)."""
    context = filled.context()
    if standalone:
        context["inline_css"] = _inline_css()
    else:
        from questionnaire.reports.fetcher import static_url

        context["stylesheet"] = static_url(STYLESHEET)
    return render_to_string(TEMPLATE, context)


def _inline_css() -> str:
    path = finders.find(STYLESHEET)
    if not isinstance(path, str):
        return ""
    with open(path, encoding="utf-8") as handle:
        css = handle.read()
    # The published page has no font files beside it: its readers' own fonts serve.
    return "\n".join(line for line in css.splitlines() if not line.startswith("@import"))


def document_pdf(filled: Filled) -> bytes:
    from questionnaire.reports.render import html_pdf

    return html_pdf(document_html(filled, standalone=False))


def _title(filled: Filled) -> str:
    return f"{gettext(filled.document.title)}: {filled.model_name}"


def document_docx(filled: Filled) -> bytes:
    """The document as a Word file: headings for the sections, each field's label (with its
    recipients) and value as paragraphs the lawyer edits, "to be completed" where empty."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    context = filled.context()
    word = Document()
    word.core_properties.title = _title(filled)
    word.core_properties.author = filled.provider_name
    word.add_heading(context["title"], level=0)
    intro = word.add_paragraph()
    intro.add_run(f"{filled.model_name} — {filled.provider_name}").bold = True
    for line in context["meta_lines"]:
        word.add_paragraph(line, style="List Bullet")
    every = filled.document.recipients_text
    word.add_paragraph(
        context["source_note"]
        + (
            " " + gettext("Every field is for %(recipients)s.") % {"recipients": every}
            if every
            else ""
        )
    )
    if filled.modifier and context["modifier_note"]:
        word.add_paragraph(context["modifier_note"])
    for warning in context["warnings"]:
        word.add_paragraph(gettext("Check before filing: %(warning)s") % {"warning": warning})

    def rows(items: list[dict[str, Any]]) -> None:
        for row in items:
            label = word.add_paragraph()
            label.paragraph_format.space_after = Pt(0)
            label.add_run(row["label"]).bold = True
            if not filled.document.recipients_text:
                recipients = label.add_run(
                    "  " + gettext("(for %(recipients)s)") % {"recipients": row["recipients"]}
                )
                recipients.italic = True
                recipients.font.size = Pt(8)
            value = word.add_paragraph()
            if row["shown"]:
                value.add_run(row["shown"])
            else:
                placeholder = value.add_run(context["to_complete"])
                placeholder.italic = True
                placeholder.font.color.rgb = RGBColor(0x8A, 0x4B, 0x00)

    if context["header_rows"]:
        word.add_heading(gettext("About this document"), level=1)
        rows(context["header_rows"])
    for section in context["sections"]:
        word.add_heading(section["title"], level=1)
        if section["note"]:
            word.add_paragraph(section["note"])
        rows(section["rows"])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _meta_lines(filled: Filled, format_version: str) -> list[str]:
    language = _language()
    lines = [gettext("Format followed: %(format)s.") % {"format": gettext(format_version)}]
    if filled.version is not None:
        moment = timezone.localtime(filled.version.created_at)
        when = (
            f"{moment:%d %B %Y, %H:%M}"
            if language == "en"
            else f"{format_date(moment.date(), language)}, {moment:%H:%M}"
        )
        details = {
            "number": filled.version.number,
            "when": when,
            "who": filled.version.created_by,
            "earlier": filled.carried_from,
        }
        if filled.carried_from:
            saved = (
                gettext(
                    "Version %(number)s saved on %(when)s by %(who)s for the earlier "
                    "assessment %(earlier)s, which this one re-assesses."
                )
                % details
            )
        else:
            saved = gettext("Version %(number)s saved on %(when)s by %(who)s.") % details
        lines.append(saved)
    else:
        lines.append(gettext("Not saved yet: the values proposed from the assessment's answers."))
    if filled.record_id:
        lines.append(
            gettext(
                "Prefilled from assessment %(assessment)s, signed as record %(record)s "
                "(SHA-256 %(sha256)s) with GPAI Assessor."
            )
            % {
                "assessment": filled.assessment_id,
                "record": filled.record_id,
                "sha256": filled.record_sha256,
            }
        )
    else:
        lines.append(
            gettext("Prefilled from assessment %(assessment)s with GPAI Assessor.")
            % {"assessment": filled.assessment_id}
        )
    return lines
