"""The form that attaches evidence to one answer: a file, a link, or both."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from questionnaire.evidence.content import ACCEPTED, KINDS, size_text

__all__ = ["EvidenceForm"]

ACCEPT = ",".join(
    sorted({extension for kind in KINDS for extension in kind.extensions})
    + sorted({kind.content_type.split(";")[0] for kind in KINDS})
)


class EvidenceForm(forms.Form):
    """``form_id``, when given, ties the inputs to a ``<form id=…>`` elsewhere on the page
    (their ``form`` attribute): the review step shows them beside each answer, inside the
    questionnaire's own form, which cannot hold another."""

    file = forms.FileField(
        required=False,
        allow_empty_file=True,  # refused with the service's own message, which names it
        label=gettext_lazy("A file"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    url = forms.CharField(
        required=False,
        strip=True,
        label=gettext_lazy("Or a link to it"),
        help_text=gettext_lazy("An address starting with https://, where the evidence is kept."),
        widget=forms.URLInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, max_bytes: int, form_id: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accepted = _(ACCEPTED)
        self.fields["file"].help_text = _("%(accepted)s; at most %(limit)s.") % {
            "accepted": f"{accepted[:1].upper()}{accepted[1:]}",
            "limit": size_text(max_bytes),
        }
        if form_id:
            for field in self.fields.values():
                field.widget.attrs["form"] = form_id

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("file") and not cleaned.get("url") and not self.errors:
            self.add_error("file", _("Choose a file, or enter a link to the evidence."))
        return cleaned
