"""The form of a document: one input per field of its format, each labelled, with its
recipients and the proposal from the answers in its hint."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from questionnaire.documents.formats import DocumentFormat, Field, Kind

LINE_MAX = 500
TEXT_MAX = 20_000


class DocumentForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        document: DocumentFormat,
        proposed: Mapping[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        for field in document.fields:
            self.fields[field.id] = form_field(field, proposed=proposed.get(field.id, ""))

    def values(self) -> dict[str, str]:
        """The cleaned values, every one as text (dates in ISO form)."""
        out: dict[str, str] = {}
        for name, value in self.cleaned_data.items():
            out[name] = value.isoformat() if isinstance(value, date) else str(value or "")
        return out

    def sections(self) -> list[dict[str, Any]]:
        """The bound fields grouped as the format's sections, for the template."""
        groups: list[dict[str, Any]] = []
        if self.document.header_fields:
            groups.append(
                {
                    "id": "header",
                    "title": gettext("About this document"),
                    "note": "",
                    "fields": [self[f.id] for f in self.document.header_fields],
                }
            )
        groups.extend(
            {
                "id": section.id,
                "title": gettext(section.title),
                "note": gettext(section.note) if section.note else "",
                "fields": [self[f.id] for f in section.fields],
            }
            for section in self.document.sections
        )
        return groups


def form_field(field: Field, *, proposed: str) -> forms.Field:
    hint = gettext("For %(recipients)s.") % {"recipients": field.recipients_text}
    if field.help:
        hint += f" {gettext(field.help)}"
    if proposed:
        hint += " " + gettext("Proposed from the assessment's answers: check it.")
    label = field.local_label
    common: dict[str, Any] = {"label": label, "required": False, "help_text": hint}
    if field.kind is Kind.LINE:
        return forms.CharField(max_length=LINE_MAX, **common)
    if field.kind is Kind.TEXT:
        return forms.CharField(
            max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}), **common
        )
    if field.kind is Kind.DATE:
        return forms.DateField(
            input_formats=["%Y-%m-%d"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            error_messages={
                "invalid": gettext("%(label)s: enter a date as YYYY-MM-DD.") % {"label": label}
            },
            **common,
        )
    if field.kind is Kind.YES_NO:
        return forms.ChoiceField(
            choices=(("", gettext_lazy("Not stated")), *_choices(field)),
            widget=forms.RadioSelect,
            **common,
        )
    return forms.ChoiceField(choices=_choices(field), **common)


def _choices(field: Field) -> list[tuple[str, str]]:
    return [(key, gettext(label)) for key, label in field.choices]
