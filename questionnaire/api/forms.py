"""The form that makes an API token: a name and its scopes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from questionnaire.models import ApiToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_(
            "Say which pipeline or job uses it, for example “pre-training cluster A”. "
            "The audit trail names the token by it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter a name for the token.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        choices=[(value, _(label)) for value, label in ApiToken.Scope.choices],
        initial=[ApiToken.Scope.WRITE_LEDGER, ApiToken.Scope.READ_MODELS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Write ledger entries: file a model's training compute. Read models: read "
            "the organisation's models, their ledgers and totals."
        ),
        error_messages={"required": _("Choose at least one thing the token may do.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "token-%s")
        super().__init__(*args, **kwargs)


class RevokeForm(forms.Form):
    token = forms.IntegerField(widget=forms.HiddenInput)
