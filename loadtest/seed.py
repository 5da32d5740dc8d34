"""Seed the load test's throwaway database: one organisation, attesters with known passwords
(and, where the app has two-factor sign-in, a confirmed authenticator with a known key each),
and the signing keys. Writes the accounts as JSON for the locustfile.

    DJANGO_SETTINGS_MODULE=config.settings python -m loadtest.seed --users 32 --out users.json

Run by loadtest/run.py with the load test's own settings (a database, key files and media
folder in a temporary directory): never against a real database.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
from pathlib import Path
from typing import Any

import django

ORGANISATION = ("loadtest", "Load Test Ltd")
# Known to this test only: throwaway accounts in a throwaway database.
PASSWORD_PREFIX = "load-test-password-"  # noqa: S105


def seed(*, users: int) -> list[dict[str, Any]]:
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from questionnaire import services
    from questionnaire.models import Membership

    call_command("signing_key", "create", "--if-missing")
    organisation = services.organisation_create(slug=ORGANISATION[0], name=ORGANISATION[1])
    # One password for everyone, hashed once: 32 hashes at full strength take a while.
    password = PASSWORD_PREFIX + secrets.token_hex(8)
    hashed = make_password(password)
    two_factor = apps.is_installed("django_otp.plugins.otp_totp")
    accounts = []
    for number in range(1, users + 1):
        user = get_user_model().objects.create(
            username=f"attester{number:02d}", email=f"attester{number:02d}@example.com"
        )
        user.password = hashed
        user.save(update_fields=["password"])
        services.membership_set(organisation=organisation, user=user, role=Membership.Role.ATTESTER)
        key = None
        if two_factor:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            key = secrets.token_hex(20)
            TOTPDevice.objects.create(user=user, name="default", confirmed=True, key=key)
        accounts.append({"username": user.get_username(), "password": password, "totp_key": key})
    return accounts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    accounts = seed(users=options.users)
    fd = os.open(options.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(accounts, handle)
    print(f"Seeded {len(accounts)} attesters of {ORGANISATION[1]!r} into {options.out}.")


if __name__ == "__main__":
    main()
