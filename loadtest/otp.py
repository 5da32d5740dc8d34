"""The authenticator app of the load test's people: RFC 6238 codes from a django-otp
``TOTPDevice`` key (hex), 6 digits, 30-second steps from 0 (the device's defaults). Plain
Python, so that locust needs nothing of the app; tests/loadtest/test_otp.py checks it against
django-otp itself."""

from __future__ import annotations

import hmac
import struct
import time
from hashlib import sha1


def totp(key_hex: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows at ``at`` (now when not given)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
