"""Settings come from the environment; the risky cases start Django in a real subprocess."""

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import dev_secret_key, envbool, envint, envlist

ROOT = Path(__file__).resolve().parents[2]

PRINT_DATABASE = (
    "import django; django.setup(); from django.conf import settings; "
    "db = settings.DATABASES['default']; print(db['ENGINE'], db['NAME'])"
)


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run a Python command in the project with only the given settings variables set."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def production_key() -> str:
    return secrets.token_urlsafe(50)


def test_production_refuses_to_start_without_a_secret_key_and_says_which_variable():
    result = run_django(["manage.py", "check"], DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_starts_with_a_secret_key():
    result = run_django(
        ["manage.py", "check"], DJANGO_DEBUG="0", DJANGO_SECRET_KEY=production_key()
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_pass_the_deployment_checklist():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=production_key(),
        DJANGO_ALLOWED_HOSTS="assessor.example.org",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="1",
        DJANGO_HSTS_PRELOAD="1",
    )

    assert result.returncode == 0, result.stderr


def test_a_postgres_database_url_selects_postgresql():
    result = run_django(
        ["-c", PRINT_DATABASE],
        DJANGO_SECRET_KEY=production_key(),
        DATABASE_URL="postgres://u:p@h:5432/db",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "db"]


def test_without_a_database_url_the_database_is_sqlite_in_the_data_folder():
    result = run_django(["-c", PRINT_DATABASE], DJANGO_SECRET_KEY=production_key())

    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "data" / "db.sqlite3"


def test_an_unclear_debug_value_is_refused_rather_than_guessed():
    result = run_django(["manage.py", "check"], DJANGO_DEBUG="maybe")

    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_a_development_key_is_made_once_readable_only_by_its_owner(tmp_path):
    key_file = tmp_path / "data" / "dev-secret-key"

    first = dev_secret_key(key_file)
    second = dev_secret_key(key_file)

    assert first == second
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == ["dev-secret-key"]


def test_two_development_setups_get_different_keys(tmp_path):
    assert dev_secret_key(tmp_path / "a" / "key") != dev_secret_key(tmp_path / "b" / "key")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("On", True), ("0", False), ("no", False), ("", True)],
)
def test_yes_no_variables_accept_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("GPAI_TEST_FLAG", value)

    assert envbool("GPAI_TEST_FLAG", True) is expected


def test_number_variables_name_the_variable_when_the_value_is_not_a_number(monkeypatch):
    monkeypatch.setenv("GPAI_TEST_NUMBER", "a year")

    with pytest.raises(ImproperlyConfigured, match="GPAI_TEST_NUMBER"):
        envint("GPAI_TEST_NUMBER", 0)


def test_list_variables_are_comma_separated_and_ignore_blanks(monkeypatch):
    monkeypatch.setenv("GPAI_TEST_LIST", " a.example, ,b.example ")

    assert envlist("GPAI_TEST_LIST", []) == ["a.example", "b.example"]
