"""Reads of the documents room. Every read starts from an assessment or record the caller
obtained through the organisation-scoped selectors (``selectors.assessment_get``,
``selectors.record_get``), so another organisation's documents are never reached."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from questionnaire.documents.exports import Filled, VersionInfo
from questionnaire.documents.formats import DocumentFormat, Source
from questionnaire.models import Assessment, AssessmentRecord, DocumentVersion

if TYPE_CHECKING:
    from django.db.models import QuerySet


def document_versions(
    *, assessment: Assessment, document: DocumentFormat
) -> QuerySet[DocumentVersion]:
    """The saved versions of one document of an assessment, newest first."""
    return (
        DocumentVersion.objects.filter(assessment=assessment, kind=document.kind)
        .select_related("created_by")
        .order_by("-number")
    )


def document_version_get(
    *, assessment: Assessment, document: DocumentFormat, number: int
) -> DocumentVersion | None:
    return document_versions(assessment=assessment, document=document).filter(number=number).first()


def document_latest(*, assessment: Assessment, document: DocumentFormat) -> DocumentVersion | None:
    return document_versions(assessment=assessment, document=document).first()


def document_carried(
    *, assessment: Assessment, document: DocumentFormat
) -> tuple[DocumentVersion | None, Assessment | None]:
    """The newest saved version of the document for this assessment or, when it has none,
    for the assessments it re-assesses (through the record each supersedes, nearest first):
    a re-assessment starts from what the provider wrote before. The second value is the
    earlier assessment the version came from, or None when it is this one's own."""
    current: Assessment | None = assessment
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        latest = document_latest(assessment=current, document=document)
        if latest is not None:
            return latest, (None if current.pk == assessment.pk else current)
        record = current.supersedes
        current = record.assessment if record is not None else None
        if current is not None and current.organisation_id != assessment.organisation_id:
            return None, None
    return None, None


def source_of(assessment: Assessment) -> Source:
    """What the documents of an assessment are prefilled from."""
    return Source(
        answers=assessment.answers or {},
        result=assessment.result or {},
        provider_name=assessment.organisation.name,
    )


def document_filled(
    *,
    assessment: Assessment,
    document: DocumentFormat,
    number: int | None = None,
    record: AssessmentRecord | None = None,
) -> Filled:
    """The document as exported: version ``number``, or the newest saved (carried from the
    assessment this one re-assesses when it has none of its own), or the proposals from the
    answers when none is saved. ``record``: the assessment's signed record, if any."""
    source = source_of(assessment)
    versions = list(document_versions(assessment=assessment, document=document))
    version: DocumentVersion | None
    carried_from: Assessment | None = None
    if number is not None:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404("No such version.")
    else:
        version, carried_from = document_carried(assessment=assessment, document=document)
    values = document.proposed(source)
    if version is not None:
        values.update({k: v for k, v in version.values.items() if k in values})
    return Filled(
        document=document,
        values=values,
        model_name=assessment.model_name,
        provider_name=assessment.organisation.name,
        assessment_id=str(assessment.public_id),
        version=_info(version) if version is not None else None,
        carried_from=str(carried_from.public_id) if carried_from is not None else "",
        versions=[_info(v) for v in versions],
        record_id=str(record.public_id) if record else "",
        record_sha256=record.payload_sha256 if record else "",
        modifier=source.is_modifier,
        format_version=version.format_version if version is not None else "",
    )


def _info(version: DocumentVersion) -> VersionInfo:
    return VersionInfo(
        number=version.number,
        created_at=version.created_at,
        created_by=version.created_by.get_username(),
    )
