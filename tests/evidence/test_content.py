"""What an evidence file may be: judged by its bytes, never by its name (evidence.content)."""

from __future__ import annotations

import io

import pytest

from questionnaire.evidence.content import Refused, file_check, link_check
from tests.evidence.conftest import (
    CSV,
    DOCX_TYPE,
    ELF,
    EXE,
    GIF,
    HTML,
    JPEG,
    PDF,
    PNG,
    SCRIPT,
    TEXT,
    WEBP,
    XLSM_TYPE,
    XLSX_TYPE,
    office_zip,
    opendocument,
    plain_zip,
)

LIMIT = 10 * 1024 * 1024


def check(name: str, data: bytes, limit: int = LIMIT):
    return file_check(name=name, handle=io.BytesIO(data), size=len(data), max_bytes=limit)


def refusal(name: str, data: bytes, limit: int = LIMIT) -> str:
    with pytest.raises(Refused) as refused:
        check(name, data, limit)
    assert refused.value.field == "file"
    return refused.value.message


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("chart.png", PNG, "image/png"),
        ("photo.JPG", JPEG, "image/jpeg"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        ("anim.gif", GIF, "image/gif"),
        ("picture.webp", WEBP, "image/webp"),
        (
            "compute.xlsx",
            office_zip(XLSX_TYPE),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "licence.docx",
            office_zip(DOCX_TYPE),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "compute.ods",
            opendocument("application/vnd.oasis.opendocument.spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        (
            "licence.odt",
            opendocument("application/vnd.oasis.opendocument.text"),
            "application/vnd.oasis.opendocument.text",
        ),
        ("runs.csv", CSV, "text/csv; charset=utf-8"),
        ("notes.txt", TEXT, "text/plain; charset=utf-8"),
    ],
)
def test_it_accepts_each_kind_by_its_content(name, data, content_type):
    checked = check(name, data)

    assert checked.kind.content_type == content_type
    assert checked.size == len(data)
    assert len(checked.sha256) == 64
    assert checked.name == name.rsplit(".", 1)[0] + "." + name.rsplit(".", 1)[1].lower()


def test_its_sha256_is_that_of_the_bytes():
    import hashlib

    assert check("report.pdf", PDF).sha256 == hashlib.sha256(PDF).hexdigest()


def test_a_file_over_the_limit_is_refused_naming_the_limit():
    message = refusal("big.pdf", PDF + bytes(2000), limit=1024)

    assert "“big.pdf”" in message
    assert "at most 1 KB" in message


def test_an_empty_file_is_refused():
    assert "is empty" in refusal("empty.pdf", b"")


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("report.pdf", EXE, "a Windows program"),
        ("setup.exe", EXE, "a Windows program"),
        ("data.csv", ELF, "a Linux program"),
        ("notes.txt", SCRIPT, "a script"),
    ],
)
def test_a_program_is_refused_whatever_its_name_says(name, data, what):
    message = refusal(name, data)

    assert f"“{name}” is {what}, whatever its name says" in message
    assert "never accepted" in message


def test_a_web_page_is_refused_even_named_txt():
    assert "web page" in refusal("notes.txt", HTML)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("archive.zip", plain_zip()),
        ("macros.xlsx", office_zip(XLSM_TYPE)),
        ("legacy.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)),
        ("binary.bin", bytes(range(256))),
        ("latin1.txt", "café".encode("latin-1")),
        ("nul.txt", b"text\x00more"),
    ],
)
def test_an_unknown_type_is_refused(name, data):
    assert "not a type of file accepted as evidence" in refusal(name, data)


def test_a_name_that_says_another_type_is_refused():
    message = refusal("chart.pdf", PNG)

    assert "is a PNG image, not what its name ends in (.pdf)" in message
    assert "rename it to end in .png" in message


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "..\\..\\windows\\report.pdf", "reports/report.pdf", ".."]
)
def test_a_path_in_the_name_is_refused(name):
    assert "holds a folder path" in refusal(name, PDF)


def test_a_name_is_cleaned_and_given_the_type_extension_when_it_has_none():
    assert check("Training run (final) – v2.PDF", PDF).name == "Training-run-(final)-v2.pdf"
    assert check("Modèle Ω report", PDF).name == "Modèle-Ω-report.pdf"
    assert check("README", TEXT).name == "README.txt"


@pytest.mark.parametrize(
    "url",
    [
        "https://files.example.com/run.pdf",
        "http://example.com",
        "  https://example.com/a?b=c#d  ",
    ],
)
def test_http_links_are_accepted(url):
    assert link_check(url) == url.strip()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("javascript:alert(1)", "starting with https://"),
        ("ftp://example.com/run.pdf", "starting with https://"),
        ("files.example.com/run.pdf", "starting with https://"),
        ("https://", "starting with https://"),
        ("https://user:secret@example.com/", "user name and password"),
        ("https://example.com/a b", "no spaces"),
        ("https://example.com/" + "a" * 600, "at most 500"),
    ],
)
def test_other_links_are_refused(url, says):
    with pytest.raises(Refused) as refused:
        link_check(url)

    assert refused.value.field == "url"
    assert says in refused.value.message
