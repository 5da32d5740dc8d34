"""Settings come from the environment (and the git-ignored .env.local that `make run`
writes); the risky cases start Django in a real subprocess. Unset means production."""

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import dev_secret_key, envbool, envint, envlist, read_env_file

ROOT = Path(__file__).resolve().parents[2]

PRINT_DEBUG = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.SECRET_KEY)"
)

PRINT_DATABASE = (
    "import django; django.setup(); from django.conf import settings; "
    "db = settings.DATABASES['default']; print(db['ENGINE'], db['NAME'])"
)


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run a Python command in the project with only the given settings variables set (and,
    unless DJANGO_ENV_FILE is given, no environment file: a developer's .env.local is not
    read)."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    clean["DJANGO_ENV_FILE"] = ""
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


def test_with_nothing_set_it_is_production_and_refuses_to_start_without_a_secret_key():
    result = run_django(["manage.py", "check"])

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "make run" in result.stderr
    assert "Traceback" not in result.stderr


def test_with_only_a_secret_key_debug_is_off():
    result = run_django(["-c", PRINT_DEBUG], DJANGO_SECRET_KEY=production_key())

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_debug_is_on_only_when_asked_for():
    result = run_django(["-c", PRINT_DEBUG], DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_the_local_environment_file_is_read(tmp_path):
    env_file = tmp_path / ".env.local"
    env_file.write_text("# made by make run\nDJANGO_DEBUG=1\nDJANGO_SECRET_KEY='from-the-file'\n")

    result = run_django(["-c", PRINT_DEBUG], DJANGO_ENV_FILE=str(env_file))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "from-the-file"]


def test_real_environment_variables_win_over_the_local_file(tmp_path):
    env_file = tmp_path / ".env.local"
    env_file.write_text("DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=from-the-file\n")

    result = run_django(
        ["-c", PRINT_DEBUG],
        DJANGO_ENV_FILE=str(env_file),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="from-the-environment",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "from-the-environment"]


def test_the_file_parser_skips_comments_and_names_a_malformed_line(tmp_path, monkeypatch):
    monkeypatch.delenv("GPAI_TEST_FROM_FILE", raising=False)
    monkeypatch.setenv("GPAI_TEST_ALREADY_SET", "real")
    good = tmp_path / "good.env"
    good.write_text('# comment\n\nexport GPAI_TEST_FROM_FILE="a b"\nGPAI_TEST_ALREADY_SET=file\n')
    bad = tmp_path / "bad.env"
    bad.write_text("GPAI_OK=1\nnot a setting\n")

    read_env_file(good)
    read_env_file(tmp_path / "missing.env")

    assert os.environ["GPAI_TEST_FROM_FILE"] == "a b"
    assert os.environ["GPAI_TEST_ALREADY_SET"] == "real"
    monkeypatch.delenv("GPAI_TEST_FROM_FILE")
    with pytest.raises(ImproperlyConfigured, match="line 2"):
        read_env_file(bad)
    monkeypatch.delenv("GPAI_OK", raising=False)


def test_make_writes_a_private_local_file_that_starts_development(tmp_path):
    made = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-f",
            str(ROOT / "Makefile"),
            "-C",
            str(tmp_path),
            ".env.local",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    env_file = tmp_path / ".env.local"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    lines = env_file.read_text().splitlines()
    assert "DJANGO_DEBUG=1" in lines
    [key_line] = [line for line in lines if line.startswith("DJANGO_SECRET_KEY=")]
    assert len(key_line.removeprefix("DJANGO_SECRET_KEY=")) >= 50

    result = run_django(["-c", PRINT_DEBUG], DJANGO_ENV_FILE=str(env_file))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_the_local_file_is_ignored_by_git():
    result = subprocess.run(
        ["git", "check-ignore", "-q", ".env.local"], cwd=ROOT, check=False, timeout=30
    )

    assert result.returncode == 0


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


def test_a_sqlite_database_url_gets_the_same_options_for_concurrent_use(tmp_path):
    database = tmp_path / "other.sqlite3"
    result = run_django(
        ["-c", PRINT_DATABASE.replace("db['NAME']", "db['OPTIONS']")],
        DJANGO_SECRET_KEY=production_key(),
        DATABASE_URL=f"sqlite:///{database}",
    )

    assert result.returncode == 0, result.stderr
    assert "'transaction_mode': 'IMMEDIATE'" in result.stdout
    assert "journal_mode=WAL" in result.stdout
    assert "'timeout': 20" in result.stdout


def test_sessions_end_after_eight_hours():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is False


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
