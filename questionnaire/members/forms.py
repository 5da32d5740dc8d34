"""The forms of the members room: an invitation, a member's role, an account made to accept
an invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from questionnaire.models import Membership

ROLE_HELP = _(
    "Member: prepares assessments. Reviewer: also reviews others' answers. Attester: also "
    "attests and signs. Administrator: also manages the members, re-assesses the records and "
    "reads the audit trail."
)


def _role_choices() -> list[tuple[str, object]]:
    """The roles with their English labels translated when shown."""
    return [(value, _(label)) for value, label in Membership.Role.choices]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_(
            "We e-mail the link there. Leave it empty to copy the link and pass it on yourself."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=_role_choices(),
        initial=Membership.Role.MEMBER,
        help_text=ROLE_HELP,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "invite-%s")
        super().__init__(*args, **kwargs)


class RoleForm(forms.Form):
    """One member's role (the member is named by the address's ``member`` field)."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=_role_choices(),
        error_messages={"invalid_choice": _("Choose one of the roles listed.")},
    )


class AccountForm(auth_forms.UserCreationForm):  # type: ignore[type-arg]
    """A new account to accept an invitation with: a username, an optional e-mail address
    and a password that Django's password validators accept (their rules shown as the list
    Django writes, as on the password change page)."""

    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_("For e-mail about assessments waiting for you."),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
    )

    class Meta(auth_forms.UserCreationForm.Meta):  # type: ignore[name-defined,misc]
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "account-%s")
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)
        # Safe: Django builds the list with format_html from the validators' own texts.
        rules = str(password_validation.password_validators_help_text_html())
        self.fields["password1"].help_text = mark_safe(rules)  # noqa: S308
