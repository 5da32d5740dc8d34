"""The evidence on the answers, listed on the result page (as attached) and the record page
(as signed): ``{% assessment_evidence assessment %}``, ``{% record_evidence record payload %}``.
Read through ``evidence.selectors``: only what the user may see."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.urls import reverse

from questionnaire.evidence.selectors import evidence_of_assessment, evidence_signed
from questionnaire.models import Assessment, AssessmentRecord

register = template.Library()

LIST = "questionnaire/includes/evidence_list.html"


def _labels(questions: Any) -> dict[str, str]:
    rows: Iterable[Any] = questions if isinstance(questions, list) else []
    return {
        str(row["key"]): str(row.get("label", row["key"]))
        for row in rows
        if isinstance(row, Mapping) and "key" in row
    }


def _download(evidence: Any) -> str:
    if evidence is None or not evidence.file:
        return ""
    return reverse("evidence_download", kwargs={"evidence_id": evidence.public_id})


@register.inclusion_tag(LIST, takes_context=True)
def assessment_evidence(context: template.Context, assessment: Assessment) -> dict[str, Any]:
    labels = _labels(assessment.shown)
    rows = evidence_of_assessment(user=context["request"].user, assessment=assessment)
    return {
        "signed": False,
        "items": [
            {
                "label": labels.get(row.question_key, row.question_key),
                "name": row.name,
                "url": row.url,
                "size": row.size,
                "sha256": row.sha256,
                "download": _download(row),
                "added_by": row.added_by.get_username(),
                "added_at": row.added_at,
            }
            for row in rows
        ],
    }


@register.inclusion_tag(LIST, takes_context=True)
def record_evidence(
    context: template.Context, record: AssessmentRecord, payload: Mapping[str, Any]
) -> dict[str, Any]:
    labels = _labels(payload.get("questions"))
    entries = evidence_signed(user=context["request"].user, record=record, payload=payload)
    items = []
    for entry in entries:
        stored = entry.get("stored")
        key = str(entry.get("question_key", ""))
        items.append(
            {
                "label": labels.get(key, key),
                "name": entry.get("name", ""),
                "url": entry.get("url", ""),
                "size": entry.get("size"),
                "sha256": entry.get("sha256", ""),
                "download": _download(stored),
                "added_by": stored.added_by.get_username() if stored else "",
                "added_at": stored.added_at if stored else None,
            }
        )
    return {"signed": True, "items": items}
