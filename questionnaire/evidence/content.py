"""What an evidence file may be, judged by its content, and the name it is kept under.

A file's name says nothing reliable about it: ``setup.exe`` renamed ``report.pdf`` is still
a program. So the type comes from the bytes (the "magic" at the start, the entries of a
zip-based office file, or text that decodes as UTF-8), and the name must then agree with
it. Accepted: PDF; PNG, JPEG, GIF and WebP images; XLSX and ODS spreadsheets; DOCX and ODT
texts; CSV and plain text. Everything else is refused, programs and scripts by name.

Django only for the reader's language (the messages, sizes as they write them): the size
limit is given by the caller (``GPAI_EVIDENCE_MAX_BYTES``).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from questionnaire.lib.downloads import name_part

__all__ = [
    "ACCEPTED",
    "KINDS",
    "LINK_MAX",
    "CheckedFile",
    "FileKind",
    "Refused",
    "file_check",
    "link_check",
    "size_text",
]

ACCEPTED = gettext_noop(
    "a PDF, an image (PNG, JPEG, GIF, WebP), a spreadsheet (XLSX, ODS), a text document "
    "(DOCX, ODT), or plain text or CSV"
)
LINK_MAX = 500  # Evidence.url's max_length
NAME_MAX = 120
"""The longest name a file is kept under, extension included (the column holds 255)."""

_CHUNK = 64 * 1024
_HEAD = 4096
# What a zip-based office file may need to be told apart: its few-byte "mimetype" entry
# (OpenDocument) and its "[Content_Types].xml" (Office Open XML). Anything larger is not
# read: a zip entry can inflate to gigabytes.
_MIMETYPE_MAX = 200
_CONTENT_TYPES_MAX = 1024 * 1024


class Refused(Exception):
    """The file or link is not accepted; ``field`` is the form field the message belongs to
    (``"file"`` or ``"url"``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class FileKind:
    what: str  # as a sentence says it: "a PDF document" (English; gettext(what) translates)
    content_type: str
    extensions: tuple[str, ...]  # the first is the one added to a name without any


PDF = FileKind(gettext_noop("a PDF document"), "application/pdf", (".pdf",))
PNG = FileKind(gettext_noop("a PNG image"), "image/png", (".png",))
JPEG = FileKind(gettext_noop("a JPEG image"), "image/jpeg", (".jpg", ".jpeg"))
GIF = FileKind(gettext_noop("a GIF image"), "image/gif", (".gif",))
WEBP = FileKind(gettext_noop("a WebP image"), "image/webp", (".webp",))
XLSX = FileKind(
    gettext_noop("an Excel spreadsheet (XLSX)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
DOCX = FileKind(
    gettext_noop("a Word document (DOCX)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
ODS = FileKind(
    gettext_noop("an OpenDocument spreadsheet (ODS)"),
    "application/vnd.oasis.opendocument.spreadsheet",
    (".ods",),
)
ODT = FileKind(
    gettext_noop("an OpenDocument text (ODT)"), "application/vnd.oasis.opendocument.text", (".odt",)
)
CSV = FileKind(gettext_noop("a CSV file"), "text/csv; charset=utf-8", (".csv", ".tsv"))
TEXT = FileKind(
    gettext_noop("a plain text file"), "text/plain; charset=utf-8", (".txt", ".md", ".text")
)
KINDS = (PDF, PNG, JPEG, GIF, WEBP, XLSX, DOCX, ODS, ODT, CSV, TEXT)

# Programs and scripts, refused by what they are whatever they are called.
_PROGRAMS = (
    (b"MZ", gettext_noop("a Windows program")),
    (b"\x7fELF", gettext_noop("a Linux program")),
    (b"\xcf\xfa\xed\xfe", gettext_noop("a macOS program")),
    (b"\xce\xfa\xed\xfe", gettext_noop("a macOS program")),
    (b"\xfe\xed\xfa\xcf", gettext_noop("a macOS program")),
    (b"\xfe\xed\xfa\xce", gettext_noop("a macOS program")),
    (b"\xca\xfe\xba\xbe", gettext_noop("a macOS or Java program")),
    (b"#!", gettext_noop("a script")),
)
_MAGIC = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
)
# Text that a browser would run or render as a page: never evidence, even named .txt.
_MARKUP = ("<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe")
_OFFICE_TYPES = (
    (b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX),
    (b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX),
)
_OPENDOCUMENT_TYPES = {ODS.content_type: ODS, ODT.content_type: ODT}
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}\Z")


@dataclass(frozen=True)
class CheckedFile:
    """An accepted file: the name it is kept under, its kind, size and SHA-256."""

    name: str
    kind: FileKind
    size: int
    sha256: str


def size_text(size: int) -> str:
    """``10 MB``, ``2.5 MB``, ``900 KB`` or ``12 bytes``: sizes as people read them, in the
    reader's language (``2,5 MB``, ``2,5 Mo``)."""
    if size >= 1024 * 1024:
        megabytes = round(size / (1024 * 1024), 1)
        shown = number_format(megabytes, decimal_pos=0 if megabytes.is_integer() else 1)
        return _("%(size)s MB") % {"size": shown}
    if size >= 1024:
        return _("%(size)s KB") % {"size": number_format(round(size / 1024), decimal_pos=0)}
    return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}


def file_check(*, name: str, handle: BinaryIO, size: int, max_bytes: int) -> CheckedFile:
    """Check an uploaded file: its name (no folder path in it), its size (not empty, at most
    ``max_bytes``), its type by content, and that its name's extension agrees with that
    type (a name without one gets the type's). Reads ``handle`` from its start; ``Refused``
    (field ``"file"``) says what is wrong, naming the file."""
    shown = _printable(name) or _("The file")
    _name_check(name, shown)
    if size <= 0:
        raise Refused(
            "file",
            _("“%(name)s” is empty: choose the file that holds the evidence.") % {"name": shown},
        )
    if size > max_bytes:
        raise Refused(
            "file",
            _(
                "“%(name)s” is %(size)s: evidence files can be at most %(limit)s. Attach a "
                "smaller file, or link to where it is kept."
            )
            % {"name": shown, "size": size_text(size), "limit": size_text(max_bytes)},
        )
    handle.seek(0)
    head = handle.read(_HEAD)
    for magic, what in _PROGRAMS:
        if head.startswith(magic):
            raise Refused(
                "file",
                _(
                    "“%(name)s” is %(what)s, whatever its name says: programs and scripts are "
                    "never accepted as evidence. Attach %(accepted)s."
                )
                % {"name": shown, "what": _(what), "accepted": _(ACCEPTED)},
            )
    sha256, read, text = _scan(handle, max_bytes)
    if read > max_bytes:
        raise Refused(
            "file",
            _("“%(name)s” is over %(limit)s: evidence files can be at most %(limit)s.")
            % {"name": shown, "limit": size_text(max_bytes)},
        )
    kind = _binary_kind(head, handle) or (_text_kind(head, name, shown) if text else None)
    if kind is None:
        raise Refused(
            "file",
            _("“%(name)s” is not a type of file accepted as evidence. Attach %(accepted)s.")
            % {"name": shown, "accepted": _(ACCEPTED)},
        )
    return CheckedFile(name=_kept_name(name, kind, shown), kind=kind, size=read, sha256=sha256)


def _printable(text: str) -> str:
    return "".join(char for char in text if char.isprintable()).strip()[:NAME_MAX]


def _name_check(name: str, shown: str) -> None:
    """A file name is one name: a folder path in it (``../../etc/passwd``, ``C:\\x``) is
    refused rather than guessed at. (Django's upload parser already keeps only the last
    part of a path a browser sends; this refuses one that reaches the service otherwise.)"""
    if "/" in name or "\\" in name or name.strip() in {".", ".."}:
        raise Refused(
            "file",
            _(
                "The file name “%(name)s” holds a folder path: only a plain name such as "
                "report.pdf is accepted. Rename the file and attach it again."
            )
            % {"name": shown},
        )
    if any(not char.isprintable() for char in name):
        raise Refused(
            "file",
            _(
                "The file name “%(name)s” holds control characters: rename the file and "
                "attach it again."
            )
            % {"name": shown},
        )


def _scan(handle: BinaryIO, max_bytes: int) -> tuple[str, int, bool]:
    """SHA-256 and size of the whole file (read once, in chunks, stopping past
    ``max_bytes``), and whether it is UTF-8 text without NUL."""
    handle.seek(0)
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    read = 0
    text = True
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        read += len(chunk)
        if read > max_bytes:
            break
        if text:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                text = False
            text = text and b"\x00" not in chunk
    if text:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            text = False
    return digest.hexdigest(), read, text


def _binary_kind(head: bytes, handle: BinaryIO) -> FileKind | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(handle)
    return None


def _office_kind(handle: BinaryIO) -> FileKind | None:
    """XLSX or DOCX by the main part its ``[Content_Types].xml`` declares (macro-enabled
    workbooks declare another, and are refused); ODS or ODT by its ``mimetype`` entry. Any
    other zip is refused."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = {info.filename: info for info in archive.infolist()}
            mimetype = entries.get("mimetype")
            if mimetype is not None and mimetype.file_size <= _MIMETYPE_MAX:
                declared = archive.read(mimetype).decode("ascii", "replace").strip()
                if declared in _OPENDOCUMENT_TYPES:
                    return _OPENDOCUMENT_TYPES[declared]
            types = entries.get("[Content_Types].xml")
            if types is not None and types.file_size <= _CONTENT_TYPES_MAX:
                listed = archive.read(types)
                for marker, kind in _OFFICE_TYPES:
                    if marker in listed:
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, RuntimeError):
        return None  # damaged, encrypted or otherwise unreadable: not an office file
    except NotImplementedError:  # a compression method zipfile does not know
        return None
    return None


def _text_kind(head: bytes, name: str, shown: str) -> FileKind:
    start = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").lower()
    if start.startswith(_MARKUP):
        raise Refused(
            "file",
            _(
                "“%(name)s” is a web page or markup (HTML, SVG or XML), which a browser could "
                "run: not accepted as evidence. Attach %(accepted)s."
            )
            % {"name": shown, "accepted": _(ACCEPTED)},
        )
    return CSV if _suffix(name) in CSV.extensions else TEXT


def _suffix(name: str) -> str:
    match = _SUFFIX.search(name.strip())
    return match.group(0).lower() if match else ""


def _kept_name(name: str, kind: FileKind, shown: str) -> str:
    """The name the file is kept and downloaded under: letters (of any script), digits and
    ``. _ + ( ) -``, every other run of characters one ``-``, the extension in lower case;
    a name without an extension gets its type's. An extension that names another type is
    refused: the file is not what its name says."""
    name = unicodedata.normalize("NFC", name.strip())
    suffix = _suffix(name)
    if suffix and suffix not in kind.extensions:
        if suffix in {extension for other in KINDS for extension in other.extensions}:
            raise Refused(
                "file",
                _(
                    "“%(name)s” is %(what)s, not what its name ends in (%(suffix)s): rename it "
                    "to end in %(extension)s and attach it again."
                )
                % {
                    "name": shown,
                    "what": _(kind.what),
                    "suffix": suffix,
                    "extension": kind.extensions[0],
                },
            )
        raise Refused(
            "file",
            _(
                "“%(name)s” ends in %(suffix)s, which is not a type accepted as evidence, "
                "though it holds %(what)s: rename it to end in %(extension)s."
            )
            % {
                "name": shown,
                "suffix": suffix,
                "what": _(kind.what),
                "extension": kind.extensions[0],
            },
        )
    stem = name[: -len(suffix)] if suffix else name
    kept_suffix = suffix or kind.extensions[0]
    return name_part(stem, fallback="evidence")[: NAME_MAX - len(kept_suffix)] + kept_suffix


def link_check(url: str) -> str:
    """A link to evidence kept elsewhere: an ``http(s)`` address of at most ``LINK_MAX``
    characters, with a host and no user name or password in it. Returns it stripped;
    ``Refused`` (field ``"url"``) otherwise."""
    url = url.strip()
    if len(url) > LINK_MAX:
        raise Refused(
            "url", _("The link can be at most %(limit)d characters long.") % {"limit": LINK_MAX}
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme.lower() not in {"http", "https"} or not host:
        raise Refused(
            "url",
            _(
                "Enter a web address starting with https:// or http://, such as "
                "https://example.com/run.pdf."
            ),
        )
    if parts.username is not None or parts.password is not None:
        raise Refused(
            "url",
            _(
                "Leave the user name and password out of the link: anyone who reads the "
                "assessment would see them."
            ),
        )
    if any(char.isspace() or not char.isprintable() for char in url):
        raise Refused(
            "url",
            _("A web address has no spaces: enter one such as https://example.com/run.pdf."),
        )
    return url
