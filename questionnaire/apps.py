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
        from questionnaire.accounts.otp_names import name_second_factor_models

        # django-otp's apps and device models, named for the admin in the reader's language.
        name_second_factor_models()
