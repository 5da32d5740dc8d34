"""English is written the British way (LANGUAGE_CODE "en" was "en-gb"): Django's en_GB
formats, so dates read "9 Mar 2026" and not "Mar. 9, 2026"."""

from django.conf.locale.en_GB.formats import *  # type: ignore[import-untyped]  # noqa: F403
