"""The URL fetcher WeasyPrint renders reports with: it serves the project's static files and
``data:`` URIs, and nothing else; it never opens a connection whatever the URL says.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

# Static files are addressed on a host that cannot exist (RFC 2606 reserves .invalid), so a
# URL the fetcher serves can never also mean something on the network. The fetcher never
# opens a connection whatever the URL says.
REPORT_HOST = "gpai-assessor.invalid"
STATIC_BASE_URL = f"https://{REPORT_HOST}/static/"


class FetchRefused(ValueError):
    """A URL the report may not load. WeasyPrint logs it and leaves the resource out."""


def static_url(path: str) -> str:
    """The address of a static file (``css/report.css``) as the report's fetcher serves it."""
    return f"{STATIC_BASE_URL}{path}"


def static_file(url: str) -> Path:
    """The static file that ``url`` names, or ``FetchRefused``.

    Only ``https://gpai-assessor.invalid/static/<path>`` is served, where ``<path>`` is a
    plain relative path (no ``..``, ``.``, empty or encoded separators) that Django's
    staticfiles finders or ``STATIC_ROOT`` hold.
    """
    parts = urlsplit(url)
    prefix = "/static/"
    if (
        parts.scheme != "https"
        or parts.netloc != REPORT_HOST
        or parts.query
        or not parts.path.startswith(prefix)
    ):
        raise FetchRefused(f"The report may only load its own static files, not {url[:200]!r}.")
    relative = unquote(parts.path[len(prefix) :])
    segments = relative.split("/")
    if any(segment in ("", ".", "..") for segment in segments) or any(
        character in relative for character in ("\\", "\x00")
    ):
        raise FetchRefused(f"Not a plain static file path: {relative[:200]!r}.")
    found = finders.find(relative)
    candidates: list[Path] = [Path(found)] if isinstance(found, str) else []
    if settings.STATIC_ROOT:
        candidates.append(Path(settings.STATIC_ROOT) / relative)
    roots = [Path(root).resolve() for root in _static_roots()]
    for candidate in candidates:
        resolved = candidate.resolve()
        # A symbolic link inside a static folder must not lead outside all of them.
        if resolved.is_file() and any(resolved.is_relative_to(root) for root in roots):
            return resolved
    raise FetchRefused(f"No static file {relative[:200]!r}.")


def _static_roots() -> Iterator[str]:
    """Every folder a static file may come from: the finders' storages and ``STATIC_ROOT``."""
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                yield str(location)
    if settings.STATIC_ROOT:
        yield str(settings.STATIC_ROOT)


class StaticFetcher(URLFetcher):
    """WeasyPrint's URL fetcher for reports: the project's static files and ``data:`` URIs,
    nothing else (no ``file:``, no network, no other path). Refusals raise ``FetchRefused``,
    which WeasyPrint reports as a warning before leaving the resource out."""

    def __init__(self) -> None:
        # The parent only ever sees data: URIs; the protocol list makes sure of it.
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        path = static_file(url)
        content_type = _content_type(path)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def _content_type(path: Path) -> str:
    # The mimetypes table lacks web fonts on some systems; WeasyPrint checks text/css.
    known = {".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff"}
    return (
        known.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )
