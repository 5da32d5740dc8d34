"""``manage.py two_factor``: a person's two-factor sign-in, for operators.

manage.py two_factor status USERNAME
manage.py two_factor reset USERNAME

``reset`` removes the person's authenticator and recovery codes (a lost phone and lost
codes). They sign in with their password alone; if they are an attester, an administrator
or staff, they are asked to set up a new authenticator before they sign or manage.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from questionnaire.accounts import devices
from questionnaire.accounts.two_factor import needs_second_factor
from questionnaire.audit import Action, Origin, audit_log
from questionnaire.models import Organisation


class Command(BaseCommand):
    help = "Show or reset a person's two-factor sign-in."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="status|reset")
        status = actions.add_parser("status", help="whether the person has a second factor")
        status.add_argument("username")
        reset = actions.add_parser(
            "reset", help="remove the person's authenticator and recovery codes"
        )
        reset.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options["username"])
        if options["action"] == "reset":
            removed = devices.second_factor_remove(user=user)
            if removed:
                _audit_reset(user)
                self.stdout.write(
                    f"Two-factor sign-in of {user.get_username()} reset: authenticator and "
                    "recovery codes removed. They sign in with their password and set up a "
                    "new authenticator."
                )
            else:
                self.stdout.write(f"{user.get_username()} has no two-factor sign-in to reset.")
            return
        authenticator = "yes" if devices.authenticator_of(user) is not None else "none"
        required = "required" if needs_second_factor(user) else "optional"
        self.stdout.write(
            f"{user.get_username()}: authenticator {authenticator}, "
            f"{devices.recovery_codes_left(user=user)} recovery codes left, "
            f"second factor {required}."
        )

    def _user(self, username: str) -> User:
        user_model = get_user_model()
        user = user_model.objects.filter(**{user_model.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        return user


def _audit_reset(user: User) -> None:
    """One event in the trail of each organisation the person belongs to (its
    administrators see it there), or one without an organisation."""
    organisations: list[Organisation | None] = list(
        Organisation.objects.filter(memberships__user=user)
    )
    for organisation in organisations or [None]:
        audit_log(
            action=Action.TWO_FACTOR_RESET,
            origin=Origin(via="manage.py two_factor reset"),
            organisation=organisation,
            object_id=user.get_username(),
            detail={"username": user.get_username()},
        )
