from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class QuestionnaireConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questionnaire"
    verbose_name = gettext_lazy("GPAI questionnaire")

    def ready(self) -> None:
        # A sign-in of someone with a second factor waits for it, and brings back the
        # language the person chose (questionnaire.accounts).
        from questionnaire.accounts import language, signals  # noqa: F401
        from questionnaire.accounts.package_names import name_package_models

        # django-otp's and django-axes' names and help texts in the reader's language.
        name_package_models()

        from questionnaire.lib.csp_policy import csp_policies_built_once

        csp_policies_built_once()
