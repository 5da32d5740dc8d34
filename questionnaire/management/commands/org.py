"""``manage.py org``: organisations and their members, for operators.

manage.py org create SLUG "Name" [--no-four-eyes] [--review-required]
manage.py org add SLUG USERNAME [--role member|reviewer|attester|admin]
manage.py org set SLUG [--four-eyes on|off] [--review-required on|off]
manage.py org list

An organisation made here requires four eyes (the person who prepared an assessment never
attests it) unless told otherwise.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug

from questionnaire import services
from questionnaire.audit import Action, Origin, audit_log
from questionnaire.models import Membership, Organisation


class Command(BaseCommand):
    help = "Create organisations and add members to them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="create|add|set|list")
        create = actions.add_parser("create", help="create an organisation")
        create.add_argument("slug", help="short identifier, such as acme")
        create.add_argument("name", help='display name, such as "Acme AI Ltd"')
        create.add_argument(
            "--no-four-eyes",
            action="store_true",
            help="let the person who prepared an assessment attest it too (four eyes are on "
            "by default)",
        )
        create.add_argument(
            "--review-required",
            action="store_true",
            help="a reviewer approves every assessment before anyone may attest it",
        )
        settings = actions.add_parser("set", help="turn four eyes or the required review on or off")
        settings.add_argument("slug")
        settings.add_argument("--four-eyes", choices=["on", "off"])
        settings.add_argument("--review-required", choices=["on", "off"])
        add = actions.add_parser("add", help="add a user to an organisation, or change their role")
        add.add_argument("slug")
        add.add_argument("username")
        add.add_argument(
            "--role",
            choices=[role.value for role in Membership.Role],
            default=Membership.Role.MEMBER,
        )
        actions.add_parser("list", help="list organisations and their members")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(
                options["slug"],
                options["name"],
                four_eyes=not options["no_four_eyes"],
                review_required=options["review_required"],
            )
        elif action == "set":
            self._set(options["slug"], options["four_eyes"], options["review_required"])
        elif action == "add":
            self._add(options["slug"], options["username"], options["role"])
        else:
            self._list()

    def _create(self, slug: str, name: str, *, four_eyes: bool, review_required: bool) -> None:
        try:
            validate_slug(slug)
        except ValidationError:
            raise CommandError(
                f"{slug!r} is not a valid slug: use letters, numbers, hyphens or underscores."
            ) from None
        if not name.strip():
            raise CommandError("The organisation needs a name.")
        if Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"An organisation with the slug {slug!r} already exists.")
        organisation = services.organisation_create(
            slug=slug, name=name.strip(), four_eyes=four_eyes, review_required=review_required
        )
        self.stdout.write(
            f"Created organisation {organisation.slug} ({organisation.name}); "
            + _settings_text(organisation)
        )

    def _set(self, slug: str, four_eyes: str | None, review_required: str | None) -> None:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"No organisation with the slug {slug!r}.")
        if four_eyes is None and review_required is None:
            raise CommandError("Say what to set: --four-eyes on|off, --review-required on|off.")
        services.organisation_settings_set(
            organisation=organisation,
            four_eyes=None if four_eyes is None else four_eyes == "on",
            review_required=None if review_required is None else review_required == "on",
            origin=Origin(via="manage.py org set"),
        )
        self.stdout.write(f"{organisation.slug}: " + _settings_text(organisation))

    def _add(self, slug: str, username: str, role: str) -> None:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(
                f"No organisation with the slug {slug!r}; create it with: org create"
            )
        user_model = get_user_model()
        user = user_model.objects.filter(**{user_model.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user named {username!r}; create it with: createsuperuser")
        before = Membership.objects.filter(organisation=organisation, user=user).first()
        membership = services.membership_set(organisation=organisation, user=user, role=role)
        audit_log(
            action=Action.ORGANISATION_MEMBER_CHANGED,
            origin=Origin(via="manage.py org add"),
            organisation=organisation,
            object_id=user.get_username(),
            detail={
                "username": user.get_username(),
                "role_before": before.role if before else None,
                "role": membership.role,
            },
        )
        self.stdout.write(f"{username} is now {membership.get_role_display().lower()} of {slug}.")

    def _list(self) -> None:
        for organisation in Organisation.objects.prefetch_related("memberships__user"):
            self.stdout.write(
                f"{organisation.slug}\t{organisation.name}\t"
                f"four eyes {'on' if organisation.four_eyes else 'off'}, "
                f"review {'required' if organisation.review_required else 'optional'}"
            )
            for membership in organisation.memberships.all():
                self.stdout.write(f"  {membership.user.get_username()}\t{membership.role}")


def _settings_text(organisation: Organisation) -> str:
    four_eyes = (
        "four eyes on (the preparer of an assessment never attests it)"
        if organisation.four_eyes
        else "four eyes off"
    )
    review = (
        "a review is required before a signature"
        if organisation.review_required
        else "a review is optional"
    )
    return f"{four_eyes}, {review}."
