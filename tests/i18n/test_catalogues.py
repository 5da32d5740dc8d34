"""``manage.py compile_catalogues``: polib writes each .mo beside its .po, only when the .po
is newer, and Django serves what it wrote."""

from __future__ import annotations

import os
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from questionnaire.i18n.catalogues import catalogues_compile, catalogues_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    """A copy of the project's catalogues, without their .mo files."""
    folder = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", folder, ignore=shutil.ignore_patterns("*.mo"))
    return folder


def test_the_catalogues_are_german_and_french() -> None:
    assert [path.relative_to(ROOT).as_posix() for path in catalogues_in(settings.LOCALE_PATHS)] == [
        "locale/de/LC_MESSAGES/django.po",
        # The admin scripts' texts Django's German catalogue lacks (tests/i18n/test_admin_packages.py).
        "locale/de/LC_MESSAGES/djangojs.po",
        "locale/fr/LC_MESSAGES/django.po",
    ]


def test_a_second_run_writes_nothing(locale: Path) -> None:
    written = catalogues_compile([locale])
    assert sorted(path.relative_to(locale).as_posix() for path in written) == [
        "de/LC_MESSAGES/django.mo",
        "de/LC_MESSAGES/djangojs.mo",
        "fr/LC_MESSAGES/django.mo",
    ]
    times = {path: path.stat().st_mtime_ns for path in written}
    assert catalogues_compile([locale]) == []
    assert {path: path.stat().st_mtime_ns for path in written} == times


def test_a_changed_catalogue_is_compiled_again(locale: Path) -> None:
    catalogues_compile([locale])
    po = locale / "fr" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    edited = mo.stat().st_mtime + 10  # the .po edited after its .mo was written
    os.utime(po, (edited, edited))
    assert catalogues_compile([locale]) == [mo]


def test_the_command_says_what_it_did(settings: object, locale: Path) -> None:
    settings.LOCALE_PATHS = [locale]  # type: ignore[attr-defined]
    out = StringIO()
    call_command("compile_catalogues", stdout=out)
    assert out.getvalue().count("Compiled ") == 3
    out = StringIO()
    call_command("compile_catalogues", stdout=out)
    assert out.getvalue() == "Catalogues up to date.\n"


def test_django_serves_the_compiled_catalogue(settings: object, locale: Path) -> None:
    po = locale / "de" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po))
    catalogue.append(polib.POEntry(msgid="A test-only sentence.", msgstr="Ein Satz nur für Tests."))
    catalogue.save()
    catalogues_compile([locale])
    # Django's test signals empty its catalogue cache when LOCALE_PATHS changes (and back).
    settings.LOCALE_PATHS = [locale]  # type: ignore[attr-defined]
    with translation.override("de"):
        assert translation.gettext("A test-only sentence.") == "Ein Satz nur für Tests."
        assert translation.gettext("Skip to main content") == "Zum Hauptinhalt springen"


def test_the_projects_catalogues_are_compiled_and_complete() -> None:
    for po in catalogues_in(settings.LOCALE_PATHS):
        catalogue = polib.pofile(str(po))
        assert not po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime, po
        assert catalogue.percent_translated() == 100, (po, catalogue.untranslated_entries())
        assert catalogue.fuzzy_entries() == [], po
        assert not catalogue.metadata_is_fuzzy, po
