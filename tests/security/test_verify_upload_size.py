"""``/verify/`` refuses an oversized upload from its Content-Length, before reading it (an
attack run saw a 200 MB upload read in full before being refused); the message names the
limit. CSRF is still checked for every upload that is read."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test import Client

pytestmark = pytest.mark.django_db


def _post(client: Client, size: int, **extra: str):
    upload = SimpleUploadedFile("big.json", b"{" + b" " * (size - 2) + b"}", "application/json")
    return client.post("/verify/", {"document": upload, **extra})


@pytest.fixture
def small_limit(settings):
    settings.VERIFY_UPLOAD_MAX_BYTES = 1024 * 1024  # 1 MB
    return settings.VERIFY_UPLOAD_MAX_BYTES


def test_an_oversized_upload_is_refused_unread_naming_the_limit(small_limit, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the upload was read")

    monkeypatch.setattr(MultiPartParser, "parse", never)

    response = _post(Client(), 2 * small_limit)

    assert response.status_code == 413
    assert "larger than 1 MB" in html.unescape(response.content.decode())


def test_the_size_check_comes_before_the_csrf_check(small_limit):
    response = _post(Client(enforce_csrf_checks=True), 2 * small_limit)

    assert response.status_code == 413


def test_an_upload_within_the_limit_still_needs_the_csrf_token(small_limit):
    assert _post(Client(enforce_csrf_checks=True), 1000).status_code == 403


def test_an_upload_within_the_limit_is_checked(small_limit):
    response = _post(Client(), small_limit)

    assert response.status_code == 200
    assert "Not authentic." in response.content.decode()


def test_request_bodies_and_uploads_held_in_memory_are_bounded():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert settings.VERIFY_UPLOAD_MAX_BYTES == 10 * 1024 * 1024
