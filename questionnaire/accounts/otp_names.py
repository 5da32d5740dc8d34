"""The names the admin shows for django-otp's apps and device models, in the reader's
language.

django-otp names them in English only, and not for a reader ("Otp_Totp", "TOTP devices").
``name_second_factor_models`` (called when the app is ready) gives each app and device
model a display name from our catalogues. Only the display options are set, never the
options the models were defined with (``Options.original_attrs``), which migrations
compare: no migration of django-otp changes (``manage.py makemigrations --check``)."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy

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


def name_second_factor_models() -> None:
    for label, (app_name, model_name, singular, plural) in NAMES.items():
        if not apps.is_installed(f"django_otp.plugins.{label}"):
            continue
        config = apps.get_app_config(label)
        config.verbose_name = app_name
        options = config.get_model(model_name)._meta
        options.verbose_name = singular
        options.verbose_name_plural = plural
