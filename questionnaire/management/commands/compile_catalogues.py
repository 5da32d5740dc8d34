"""``manage.py compile_catalogues``: compile every ``.po`` under LOCALE_PATHS to its ``.mo``
with polib (no GNU gettext needed), rewriting only a ``.mo`` missing or older than its
``.po``, and say which were written. ``make run`` and ``make test`` call it, and so does the
test suite's setup (tests/conftest.py). Updating the catalogues: README, "Languages"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from questionnaire.i18n.catalogues import catalogues_compile


class Command(BaseCommand):
    help = "Compile the .po catalogues of LOCALE_PATHS to .mo (only those changed since)."

    def handle(self, *args: Any, **options: Any) -> None:
        written = catalogues_compile(settings.LOCALE_PATHS)
        for mo in written:
            self.stdout.write(f"Compiled {mo}")
        if not written:
            self.stdout.write("Catalogues up to date.")
