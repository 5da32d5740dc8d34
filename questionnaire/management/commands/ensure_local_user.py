"""Make sure a local superuser exists, so `make run` ends with someone who can sign in.

The password is random and printed only when the user is created; it is never reset or
shown again, so running the command on every start is safe.
"""

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"
LOCAL_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = "Create the local superuser 'admin' with a random password, if it does not exist."

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(**{user_model.USERNAME_FIELD: USERNAME}).exists():
            self.stdout.write(
                f"User '{USERNAME}' already exists; to set a new password run: "
                f"python manage.py changepassword {USERNAME}"
            )
            return

        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(USERNAME, email="", password=password)
        self.stdout.write(
            "\n".join(
                [
                    self.style.SUCCESS(f"Created the local superuser '{USERNAME}'."),
                    f"  Open:     {LOCAL_URL}",
                    f"  Username: {USERNAME}",
                    f"  Password: {password}",
                    "This password is shown only this once.",
                ]
            )
        )
