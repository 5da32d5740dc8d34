import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def ensure_local_user() -> str:
    out = StringIO()
    call_command("ensure_local_user", stdout=out)
    return out.getvalue()


def printed_password(output: str) -> str:
    match = re.search(r"Password: (\S+)", output)
    assert match, f"no password in: {output!r}"
    return match.group(1)


def test_it_creates_a_superuser_and_prints_where_to_sign_in_once():
    output = ensure_local_user()

    password = printed_password(output)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password(password)
    assert "http://127.0.0.1:8000/" in output
    assert "Username: admin" in output


def test_running_it_again_neither_shows_nor_changes_the_password():
    first_password = printed_password(ensure_local_user())
    stored_hash = get_user_model().objects.get(username="admin").password

    output = ensure_local_user()

    assert first_password not in output
    assert "Password" not in output
    assert "python manage.py changepassword admin" in output
    assert len(output.strip().splitlines()) == 1
    assert get_user_model().objects.get(username="admin").password == stored_hash


def test_each_new_database_gets_its_own_password():
    first = printed_password(ensure_local_user())
    get_user_model().objects.all().delete()

    second = printed_password(ensure_local_user())

    assert first != second
    assert len(second) >= 16
