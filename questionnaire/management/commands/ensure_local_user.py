"""Make sure a local superuser exists, so `make run` ends with someone who can sign in.

The password is random and printed only when the user is created; it is never reset or
shown again, so running the command on every start is safe. The user is an administrator
of a demo organisation, so they can start assessments at once.
"""

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from questionnaire import services
from questionnaire.models import Membership, Organisation

USERNAME = "admin"
DEMO_SLUG = "demo"
DEMO_NAME = "Demo organisation"
LOCAL_URL = "http://127.0.0.1:8000/"
FOUR_EYES_NOTE = (
    f"The {DEMO_NAME.lower()} has four eyes off, so one person can prepare, review and sign "
    f"(turn them on with: python manage.py org set {DEMO_SLUG} --four-eyes on)."
)


class Command(BaseCommand):
    help = "Create the local superuser 'admin' with a random password, if it does not exist."

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        existing = user_model.objects.filter(**{user_model.USERNAME_FIELD: USERNAME}).first()
        if existing is not None:
            self._join_demo(existing)
            self.stdout.write(
                f"User '{USERNAME}' already exists; to set a new password run: "
                f"python manage.py changepassword {USERNAME} (lost its authenticator app? "
                f"python manage.py two_factor reset {USERNAME})"
            )
            return

        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_superuser(USERNAME, email="", password=password)
        self._join_demo(user)
        self.stdout.write(
            "\n".join(
                [
                    self.style.SUCCESS(f"Created the local superuser '{USERNAME}'."),
                    f"  Open:     {LOCAL_URL}",
                    f"  Username: {USERNAME}",
                    f"  Password: {password}",
                    "This password is shown only this once.",
                    "At the first sign-in you set up two-factor sign-in with an authenticator "
                    "app: administrators sign with a second factor.",
                    FOUR_EYES_NOTE,
                ]
            )
        )

    def _join_demo(self, user: Any) -> None:
        # Four eyes and the review stay off: the demo works for one person, who prepares,
        # reviews and signs (`manage.py org set demo --four-eyes on` to try them).
        organisation, _ = Organisation.objects.get_or_create(
            slug=DEMO_SLUG, defaults={"name": DEMO_NAME, "four_eyes": False}
        )
        if not Membership.objects.filter(organisation=organisation, user=user).exists():
            services.membership_set(
                organisation=organisation, user=user, role=Membership.Role.ADMIN
            )
