"""Writes of the documents room: saving a version of a document."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from questionnaire.documents.formats import DocumentFormat
from questionnaire.documents.selectors import document_latest
from questionnaire.models import Assessment, DocumentVersion


def document_save(
    *,
    assessment: Assessment,
    document: DocumentFormat,
    values: Mapping[str, str],
    user: User,
) -> DocumentVersion | None:
    """Save the provider's values as the document's next version, numbered after the
    newest. Nothing is saved (None) when they equal the newest version's: pressing Save
    twice does not make two versions. Two people saving at once both get a version: the
    loser of the race for a number takes the next one."""
    clean = {f.id: str(values.get(f.id, "")).strip() for f in document.fields}
    for _attempt in range(3):
        latest = document_latest(assessment=assessment, document=document)
        if (
            latest is not None
            and latest.values == clean
            and latest.format_version == (document.format_version)
        ):
            return None
        try:
            with transaction.atomic():
                return DocumentVersion.objects.create(
                    organisation=assessment.organisation,
                    assessment=assessment,
                    kind=document.kind,
                    number=(latest.number if latest else 0) + 1,
                    format_version=document.format_version,
                    values=clean,
                    created_by=user,
                )
        except IntegrityError:
            continue
    raise RuntimeError("Could not number the document's version; try again.")
