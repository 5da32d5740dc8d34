"""What the packages behind sign-in show in the admin in English only, in the reader's
language: django-otp's apps, device models and field help, django-axes' object names, and
the names of Django's own permissions.

- django-otp names its apps and models in English only, and not for a reader ("Otp_Totp",
  "TOTP devices"); its help texts are plain strings, never marked for translation.
- django-axes names a sign-in attempt or log in English ("Access Log for … @ …").
- Django stores each permission's name in the database in English ("Can add question"), so
  its catalogues cannot translate it (Django ticket #1688).

``name_package_models`` (called when the app is ready) sets display names and help texts
from our catalogues. Only display options are set, never the options the models were
defined with (``Options.original_attrs``), which migrations compare; a help text becomes
its lazy translation, equal to the English one, so no migration of a package changes
(``manage.py makemigrations --check``). ``permission_label`` names a permission for the
user and group admin (``questionnaire.admin``)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, gettext_noop

NAMES = {
    "otp_totp": (
        gettext_lazy("Two-factor sign-in: authenticator apps"),
        "totpdevice",
        gettext_lazy("authenticator app (TOTP device)"),
        gettext_lazy("authenticator apps (TOTP devices)"),
    ),
    "otp_static": (
        gettext_lazy("Two-factor sign-in: recovery codes"),
        "staticdevice",
        gettext_lazy("set of recovery codes"),
        gettext_lazy("sets of recovery codes"),
    ),
}

# django-otp's help texts, by their English text (django_otp/models.py and its plugins).
HELP_TEXTS: dict[str, Promise] = {
    "The user that this device belongs to.": gettext_lazy("The user that this device belongs to."),
    "The human-readable name of this device.": gettext_lazy(
        "The human-readable name of this device."
    ),
    "Is this device ready for use?": gettext_lazy("Is this device ready for use?"),
    "The date and time when this device was initially created in the system.": gettext_lazy(
        "The date and time when this device was initially created in the system."
    ),
    "The most recent date and time this device was used.": gettext_lazy(
        "The most recent date and time this device was used."
    ),
    "A hex-encoded secret key of up to 40 bytes.": gettext_lazy(
        "A hex-encoded secret key of up to 40 bytes."
    ),
    "The time step in seconds.": gettext_lazy("The time step in seconds."),
    "The Unix time at which to begin counting steps.": gettext_lazy(
        "The Unix time at which to begin counting steps."
    ),
    "The number of digits to expect in a token.": gettext_lazy(
        "The number of digits to expect in a token."
    ),
    "The number of time steps in the past or future to allow.": gettext_lazy(
        "The number of time steps in the past or future to allow."
    ),
    "The number of time steps the prover is known to deviate from our clock.": gettext_lazy(
        "The number of time steps the prover is known to deviate from our clock."
    ),
    "The t value of the latest verified token. The next token must be at a higher time "
    "step.": gettext_lazy(
        "The t value of the latest verified token. The next token must be at a higher time step."
    ),
    "A timestamp of the last failed verification attempt. Null if last attempt "
    "succeeded.": gettext_lazy(
        "A timestamp of the last failed verification attempt. Null if last attempt succeeded."
    ),
    "Number of successive failed attempts.": gettext_lazy("Number of successive failed attempts."),
    "The timestamp of the moment of expiry of the saved token.": gettext_lazy(
        "The timestamp of the moment of expiry of the saved token."
    ),
    "The last time a token was generated for this device.": gettext_lazy(
        "The last time a token was generated for this device."
    ),
}

# Django 5.2's German catalogues lack these texts of its admin and its user forms, so a German
# admin page showed them in English; ours has them (the French ones are Django's own, or say
# "compte" or "personne" where Django says "utilisateur", which the terminology table keeps
# for the Act's own term).
DJANGO_GERMAN_GAPS = (
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
)

# The actions of Django's default permissions ("Can add question").
PERMISSION_ACTIONS = {
    "add": gettext_lazy("Can add %(name)s"),
    "change": gettext_lazy("Can change %(name)s"),
    "delete": gettext_lazy("Can delete %(name)s"),
    "view": gettext_lazy("Can view %(name)s"),
}


def name_package_models() -> None:
    """Display names and help texts of django-otp, and object names of django-axes, from
    our catalogues."""
    for label, (app_name, model_name, singular, plural) in NAMES.items():
        if not apps.is_installed(f"django_otp.plugins.{label}"):
            continue
        config = apps.get_app_config(label)
        config.verbose_name = app_name
        options = config.get_model(model_name)._meta
        options.verbose_name = singular
        options.verbose_name_plural = plural
        for model in config.get_models():
            for field in model._meta.get_fields():
                help_text = getattr(field, "help_text", None)
                if isinstance(help_text, str) and help_text in HELP_TEXTS:
                    field.help_text = HELP_TEXTS[help_text]  # type: ignore[union-attr]
    if apps.is_installed("axes"):
        config = apps.get_app_config("axes")
        config.get_model("AccessLog").__str__ = _access_log_name  # type: ignore[method-assign]
        config.get_model("AccessAttempt").__str__ = _access_attempt_name  # type: ignore[method-assign]
        config.get_model("AccessFailureLog").__str__ = _access_failure_name  # type: ignore[method-assign]


def _moment(value: Any) -> str:
    """A date and time as the admin shows it in the reader's language."""
    if value is None:
        return "—"
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _access_log_name(log: Any) -> str:
    return gettext("Sign-in of %(username)s at %(moment)s") % {
        "username": log.username,
        "moment": _moment(log.attempt_time),
    }


def _access_attempt_name(attempt: Any) -> str:
    return gettext("Failed sign-ins of %(username)s since %(moment)s") % {
        "username": attempt.username,
        "moment": _moment(attempt.attempt_time),
    }


def _access_failure_name(failure: Any) -> str:
    text = (
        gettext("Failed sign-in of %(username)s at %(moment)s from %(address)s; sign-in paused")
        if failure.locked_out
        else gettext("Failed sign-in of %(username)s at %(moment)s from %(address)s")
    )
    return text % {
        "username": failure.username,
        "moment": _moment(failure.attempt_time),
        "address": failure.ip_address,
    }


def permission_label(permission: Permission) -> str:
    """A permission as the admin lists it ("Fragebogen | Frage | Kann Frage hinzufügen"):
    Django's own name for it, with a default permission's name in the reader's language."""
    action, _, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    name: str = permission.name
    if (
        action in PERMISSION_ACTIONS
        and model is not None
        and model._meta.model_name == model_name
        # The model's name as it was when Django named the permission; ours may differ.
        and name.startswith(f"Can {action} ")
    ):
        name = PERMISSION_ACTIONS[action] % {"name": model._meta.verbose_name}
    return f"{permission.content_type} | {name}"
