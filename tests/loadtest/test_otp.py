"""The load test's authenticator codes are the ones django-otp computes for the same key."""

from __future__ import annotations

import secrets

import pytest
from django_otp.oath import TOTP

from loadtest.otp import totp


@pytest.mark.parametrize("moment", [0, 29, 30, 1_764_000_000, 1_764_000_015])
def test_the_load_tests_codes_are_django_otps(moment):
    key = secrets.token_hex(20)
    device = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6, drift=0)
    device.time = moment

    assert totp(key, at=moment) == f"{device.token():06d}"
