"""The forms of the two-factor pages (the code field is ``otp_token`` on every one), and the
password change form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from questionnaire.accounts import devices


def _code_input(*, numeric: bool) -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "inputmode": "numeric" if numeric else "text",
            "autocapitalize": "none",
            "spellcheck": "false",
        }
    )


class SetupForm(forms.Form):
    """The first code from the newly added authenticator, which proves it works."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6 digits the app shows for GPAI Assessor now."),
        max_length=20,
        widget=_code_input(numeric=True),
        error_messages={"required": _("Enter the 6-digit code the app shows.")},
    )

    def __init__(self, *args: Any, user: Any, key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.key = key
        self.device: Any | None = None

    def clean_otp_token(self) -> str:
        token: str = self.cleaned_data["otp_token"]
        self.device = devices.totp_device_confirm(user=self.user, key=self.key, token=token)
        if self.device is None:
            raise forms.ValidationError(
                gettext(
                    "That code does not match. Check that the app shows GPAI Assessor and type "
                    "the 6 digits it shows now (a code changes every 30 seconds)."
                )
            )
        return token


class VerifyForm(forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    otp_token = forms.CharField(
        label=_("Code"),
        help_text=_(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes "
            "(each works once)."
        ),
        max_length=40,
        widget=_code_input(numeric=False),
        error_messages={"required": _("Enter the code from your authenticator app.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Any | None = None

    def clean_otp_token(self) -> str:
        token: str = self.cleaned_data["otp_token"]
        check = devices.second_factor_check(user=self.user, token=token)
        if check.device is None:
            if check.retry_after is not None:
                raise forms.ValidationError(
                    gettext(
                        "Too many wrong codes in a row: wait a few seconds, then type the code "
                        "the app shows at that moment."
                    )
                )
            raise forms.ValidationError(
                gettext(
                    "That code is not right, or was used already. Type the code the app shows "
                    "now, or an unused recovery code."
                )
            )
        self.device = check.device
        return token


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's, with the password rules shown as the list Django writes. Django gives that
    list as HTML in a lazy plain string, which the page, like any help text it cannot tell
    from an admin's plain text, would show escaped, tags and all."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Safe: Django builds the list with format_html from the validators' own texts.
        rules = str(password_validation.password_validators_help_text_html())
        self.fields["new_password1"].help_text = mark_safe(rules)  # noqa: S308
