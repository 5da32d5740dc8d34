"""The second factor of a person: an authenticator app (TOTP, RFC 6238) and recovery codes.

Both are django-otp devices. The authenticator is one confirmed ``TOTPDevice`` named
"default"; the recovery codes are the tokens of one ``StaticDevice``, each deleted when it is
used. A device is only ever stored confirmed: the secret of a set-up in progress waits in the
session until the person types a first code from it (see ``views.two_factor_setup``).

Every check goes through the devices' own throttling (1, 2, 4, 8 … seconds between attempts
after each wrong code), and a TOTP code is accepted once: a code just used cannot be used
again in the same 30 seconds.
"""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import segno
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils.translation import gettext
from django_otp import devices_for_user, user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

User = AuthUser | AnonymousUser

DEVICE_NAME = "default"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6
# One 30-second step either side of now: phones whose clock is a little off still work.
TOTP_TOLERANCE = 1


def has_device(user: User) -> bool:
    """Whether the person has a confirmed second factor (an authenticator or recovery codes)."""
    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


def authenticator_of(user: User) -> Any | None:
    """The person's confirmed authenticator (``TOTPDevice``), or ``None``."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("-id").first()


def recovery_codes_left(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


# ------------------------------------------------------------------ setting up


def totp_key_new() -> str:
    """A new random TOTP secret, 20 bytes as hex (the form TOTPDevice stores)."""
    return str(random_hex(20))


def totp_key_for_typing(key: str) -> str:
    """The secret as authenticator apps take it when typed: base32, in groups of four."""
    text = b32encode(unhexlify(key)).decode("ascii").rstrip("=")
    return " ".join(text[index : index + 4] for index in range(0, len(text), 4))


def totp_config_url(*, user: AuthUser, key: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code (issuer from
    settings.OTP_TOTP_ISSUER)."""
    return str(TOTPDevice(user=user, key=key, name=DEVICE_NAME).config_url)


def totp_qr_svg(config_url: str) -> str:
    """The QR code of ``config_url`` as SVG markup to place inline in the page: no request
    leaves the page for it, and the markup holds presentation attributes only (no style
    attribute), as the Content-Security-Policy requires."""
    return str(
        segno.make(config_url, error="m").svg_inline(
            scale=4,
            border=4,
            dark="#000",
            light="#fff",
            svgclass="qr-code",
            title=gettext("QR code to scan with your authenticator app"),
        )
    )


def totp_device_confirm(*, user: AuthUser, key: str, token: str) -> Any | None:
    """Store ``key`` as the person's authenticator if ``token`` is its current code,
    replacing any authenticator they had; ``None`` (and nothing stored) otherwise.

    The code is checked against the key itself, not through an unsaved device: a wrong code
    must not save anything."""
    token = token_normalised(token)
    if len(token) != TOTP_DIGITS or not token.isdigit():
        return None
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=TOTP_DIGITS, drift=0)
    totp.time = time.time()
    if not totp.verify(int(token), tolerance=TOTP_TOLERANCE):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        # last_t: the code just typed is used; it cannot also verify a sign-in.
        return TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=key, confirmed=True, last_t=totp.t()
        )


def recovery_codes_generate(*, user: AuthUser) -> list[str]:
    """Ten new recovery codes for the person, each good once; the old ones stop working."""
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [recovery_code_shown(code) for code in codes]


def recovery_code_shown(code: str) -> str:
    """A recovery code as the page shows it: ``abcd-efgh`` (the dash is optional to type)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def second_factor_remove(*, user: AuthUser) -> int:
    """Delete the person's authenticator and recovery codes; how many devices went."""
    removed = 0
    with transaction.atomic():
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
    return removed


# ------------------------------------------------------------------ checking a code


@dataclass(frozen=True)
class Check:
    """What a code proved: the device that accepted it, or when the person may try again
    (``retry_after``) if every device that could take it is paused after wrong codes."""

    device: Any | None
    retry_after: datetime | None = None


def token_normalised(token: str) -> str:
    """Spaces and dashes are for reading; codes are compared without them, in lower case."""
    return "".join(token.split()).replace("-", "").lower()


def second_factor_check(*, user: AuthUser, token: str) -> Check:
    """Check a code typed by the person: six digits go to the authenticator, anything else
    to the recovery codes (a recovery code is used up when it matches). Trying a code on the
    wrong kind of device would count as a wrong attempt there and pause it."""
    token = token_normalised(token)
    if not token:
        return Check(device=None)
    model: Any = TOTPDevice if len(token) == TOTP_DIGITS and token.isdigit() else StaticDevice
    retry_after: datetime | None = None
    with transaction.atomic():
        devices = model.objects.devices_for_user(user, confirmed=True).select_for_update()
        for device in devices:
            allowed, details = device.verify_is_allowed()
            if not allowed:
                until = (details or {}).get("locked_until")
                if isinstance(until, datetime):
                    retry_after = until if retry_after is None else max(retry_after, until)
                continue
            if device.verify_token(token):
                return Check(device=device)
    return Check(device=None, retry_after=retry_after)
