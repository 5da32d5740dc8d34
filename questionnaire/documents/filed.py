"""The filled documents a signed record's regulator bundle carries (``documents.bundle``)."""

from __future__ import annotations

from questionnaire.documents import exports
from questionnaire.documents.formats import FORMATS, called_for
from questionnaire.documents.selectors import document_carried, document_filled
from questionnaire.models import AssessmentRecord


def bundle_documents(*, record: AssessmentRecord) -> list[tuple[str, bytes]]:
    """The filled documents of the record's assessment, as (file name, content) pairs: each
    goes into the bundle under ``documents/<name>``, is listed in its signed manifest and is
    checked by its verifier. Names are plain path segments (letters, digits, ``.``, ``_``,
    ``-``, separated by ``/``).

    Every document the assessment's obligations call for, and any other the provider saved:
    its newest saved version (carried from the assessment re-assessed, if this one has none),
    or the proposals from the answers when none is saved, as the document pages export them.
    Each as a PDF, and as its editable or publishable form beside it (Word, or HTML for the
    public summary)."""
    assessment = record.assessment
    if assessment is None:
        return []
    files: list[tuple[str, bytes]] = []
    for document in FORMATS.values():
        saved, _ = document_carried(assessment=assessment, document=document)
        if not called_for(document, assessment.result) and saved is None:
            continue
        filled = document_filled(assessment=assessment, document=document, record=record)
        stem = document.slug
        files.append((f"{stem}.pdf", exports.document_pdf(filled)))
        if "docx" in document.exports:
            files.append((f"{stem}.docx", exports.document_docx(filled)))
        if "html" in document.exports:
            files.append((f"{stem}.html", exports.document_html(filled, standalone=True).encode()))
    return files
