"""The documents' pages and downloads: an assessment's documents (the list, a document's
form where each save keeps a new version, its exports as PDF, Word or HTML) and a signed
record's regulator bundle.

Reads go through the organisation-scoped selectors (another organisation's assessment or
record is a 404); the provider's values are saved by ``documents.services``. A signed record
is never touched: the documents are the organisation's working data, prefilled from the
assessment. An import-linter contract keeps the models out of this module."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from questionnaire import selectors, services
from questionnaire.audit import Action, audit_log
from questionnaire.documents import bundle, exports
from questionnaire.documents import selectors as document_selectors
from questionnaire.documents.formats import (
    BY_SLUG,
    FORMATS,
    DocumentFormat,
    called_for,
    warnings_for,
)
from questionnaire.documents.forms import DocumentForm
from questionnaire.documents.services import document_save
from questionnaire.lib.downloads import attachment_header
from questionnaire.records import chain, export, stored_files

if TYPE_CHECKING:
    from questionnaire.models import Assessment, AssessmentRecord


logger = logging.getLogger(__name__)


@login_required
@require_safe
def record_bundle(request: HttpRequest, public_id: str) -> HttpResponse:
    """The record's regulator bundle (``documents.bundle``), its manifest signed now. Until
    the record's PDF report is stored, a page that says so (202), as the report's own
    download answers; a stored report that no longer matches its hash is refused (409)."""
    record = selectors.record_get(user=request.user, public_id=public_id)
    report = selectors.record_report_of(record=record)
    if report is None:
        services.report_recover(record=record)
        response = render(
            request, "questionnaire/documents/bundle_preparing.html", {"record": record}, status=202
        )
        response["Retry-After"] = "2"
        return response
    try:
        pdf = stored_files.report_bytes(report, purpose="bundle")
    except stored_files.ReportMissing:
        raise Http404("This record's report is not in storage.") from None
    except stored_files.ReportChanged:
        return _refused(
            gettext("The stored report no longer matches the SHA-256 recorded when it was signed.")
        )
    payload = chain.payload_of(record)
    if payload is None:
        logger.warning(
            "Record %s: its stored payload is no longer JSON; bundle refused with 409.",
            record.public_id,
        )
        return _refused(
            gettext("The stored record is damaged: its content is no longer what was signed.")
        )
    made = bundle.record_bundle(
        record=record, payload=payload, report_bytes=pdf, report_sha256=report.sha256
    )
    # Audited before the response is built (questionnaire.audit), with the hash of the signed
    # manifest, which names this very bundle should it turn up later.
    audit_log(
        action=Action.RECORD_BUNDLE_DOWNLOADED,
        request=request,
        record=record,
        detail={"manifest_sha256": made.manifest_sha256, "files": len(made.paths)},
    )
    name = export.download_name(payload, extension="zip").removesuffix(".zip")
    return HttpResponse(
        made.data,
        content_type="application/zip",
        headers={"Content-Disposition": attachment_header(f"{name}-regulator-bundle.zip")},
    )


def _refused(message: str) -> HttpResponse:
    return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")


# ------------------------------------------------------------------ documents


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def _document(slug: str) -> DocumentFormat:
    document = BY_SLUG.get(slug)
    if document is None:
        raise Http404("No such document.")
    return document


def _assessment(request: HttpRequest, public_id: str) -> Assessment:
    return selectors.assessment_get(user=request.user, public_id=public_id)


@login_required
@require_safe
def documents_index(request: HttpRequest, public_id: str) -> HttpResponse:
    assessment = _assessment(request, public_id)
    rows = []
    for document in FORMATS.values():
        latest, carried_from = document_selectors.document_carried(
            assessment=assessment, document=document
        )
        rows.append(
            {
                "document": document,
                "called_for": called_for(document, assessment.result),
                "latest": latest,
                "carried_from": carried_from,
            }
        )
    return render(
        request,
        "questionnaire/documents/index.html",
        {
            "assessment": assessment,
            "record": _record_of(request, assessment),
            "called": [row for row in rows if row["called_for"]],
            "others": [row for row in rows if not row["called_for"]],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_edit(request: HttpRequest, public_id: str, document_slug: str) -> HttpResponse:
    assessment = _assessment(request, public_id)
    document = _document(document_slug)
    source = document_selectors.source_of(assessment)
    proposed = document.proposed(source)
    latest, carried_from = document_selectors.document_carried(
        assessment=assessment, document=document
    )
    initial = dict(proposed)
    if latest is not None:
        initial.update({key: value for key, value in latest.values.items() if key in initial})
    if request.method == "POST":
        form = DocumentForm(request.POST, document=document, proposed=proposed)
        if form.is_valid():
            saved = document_save(
                assessment=assessment,
                document=document,
                values=form.values(),
                user=cast(User, request.user),
            )
            if saved is None:
                messages.info(request, gettext("Nothing changed since the last saved version."))
            else:
                messages.success(
                    request,
                    gettext("%(document)s: version %(number)s saved.")
                    % {"document": gettext(document.title), "number": saved.number},
                )
            return redirect(
                reverse(
                    "document_edit",
                    kwargs={"public_id": assessment.public_id, "document_slug": document.slug},
                )
            )
        status = 400
    else:
        form = DocumentForm(initial=initial, document=document, proposed=proposed)
        status = 200
    own_versions = list(
        document_selectors.document_versions(assessment=assessment, document=document)
    )
    return render(
        request,
        "questionnaire/documents/edit.html",
        {
            "assessment": assessment,
            "record": _record_of(request, assessment),
            "document": document,
            "form": form,
            "sections": form.sections(),
            "called_for": called_for(document, assessment.result),
            "modifier": source.is_modifier,
            "latest": latest,
            "carried_from": carried_from,
            "versions": own_versions,
            "warnings": warnings_for(document, latest.values if latest else proposed),
            "prefilled": sum(1 for value in proposed.values() if value),
            "field_count": len(document.fields),
        },
        status=status,
    )


@login_required
@require_safe
def document_export(
    request: HttpRequest,
    public_id: str,
    document_slug: str,
    extension: str,
    number: int | None = None,
) -> HttpResponse:
    """The newest saved version (or, before any save, the proposals) or version ``number``,
    as ``extension``."""
    assessment = _assessment(request, public_id)
    document = _document(document_slug)
    if extension not in document.exports:
        raise Http404("This document has no such export.")
    filled = document_selectors.document_filled(
        assessment=assessment,
        document=document,
        number=number,
        record=_record_of(request, assessment),
    )
    if extension == "pdf":
        body = exports.document_pdf(filled)
    elif extension == "docx":
        body = exports.document_docx(filled)
    else:
        body = exports.document_html(filled, standalone=True).encode("utf-8")
    return HttpResponse(
        body,
        content_type=CONTENT_TYPES[extension],
        headers={"Content-Disposition": attachment_header(f"{filled.filename_stem}.{extension}")},
    )


def _record_of(request: HttpRequest, assessment: Assessment) -> AssessmentRecord | None:
    return selectors.assessment_records(user=request.user, assessment=assessment).first()
