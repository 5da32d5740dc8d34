"""Names of downloaded files (questionnaire.lib.downloads): readable, safe, RFC 6266."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from questionnaire.lib.downloads import ascii_name, attachment_header, name_part


@pytest.mark.parametrize(
    ("typed", "part"),
    [
        ("Example 70B", "Example-70B"),
        ("Modèle Ω 7B", "Modèle-Ω-7B"),
        ("../../etc/passwd", "etc-passwd"),
        ('a "quoted"\r\nname; x=y', "a-quoted-name-x-y"),
        ("  ", "model"),
        ("Llama 3.1 (405B)", "Llama-3.1-(405B)"),
    ],
)
def test_a_typed_name_becomes_one_part_of_a_file_name(typed, part):
    assert name_part(typed) == part


def test_a_long_name_is_cut():
    assert len(name_part("x" * 500)) == 80


def test_the_ascii_name_drops_accents_and_other_scripts():
    assert ascii_name("gpai-assessment-Modèle-Ω-7B-2026-11-29-record-12.pdf") == (
        "gpai-assessment-Modele-7B-2026-11-29-record-12.pdf"
    )


def test_the_header_gives_the_ascii_name_and_the_utf8_name():
    header = attachment_header("gpai-assessment-Modèle-Ω-7B-2026-11-29-record-12.pdf")

    plain, encoded = header.split("; filename*=UTF-8''")
    assert plain == 'attachment; filename="gpai-assessment-Modele-7B-2026-11-29-record-12.pdf"'
    assert encoded.isascii() and " " not in encoded and '"' not in encoded
    assert unquote(encoded) == "gpai-assessment-Modèle-Ω-7B-2026-11-29-record-12.pdf"
