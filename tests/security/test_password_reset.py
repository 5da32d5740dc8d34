"""No password-reset page is live: no mail is configured, so a reset request would be
accepted and never answered (and a silent mail server would hold a worker)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

RESET_URLS = [
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/accounts/reset/MQ/set-password/",
    "/accounts/reset/done/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", RESET_URLS)
def test_password_reset_pages_answer_404(url):
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("name", ["password_reset", "password_reset_confirm"])
def test_no_password_reset_url_is_routed(name):
    with pytest.raises(NoReverseMatch):
        reverse(name, kwargs={"uidb64": "MQ", "token": "t"} if "confirm" in name else None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/password_change/", "/accounts/password_change/done/"]
)
def test_the_sign_in_pages_stay(url):
    assert Client().get(url).status_code in (200, 302)
