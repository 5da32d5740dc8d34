"""Fixtures of the evidence tests: acme's draft (alice's), files of every kind accepted and
refused, and helpers that attach evidence, complete the draft and sign it.

The signing fixtures of tests/records are imported (a conftest is only seen in its folder);
``signing_setup`` also points the media folder, where evidence is stored, at the test's
temporary folder."""

from __future__ import annotations

import copy
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from questionnaire import services
from questionnaire.evidence import services as evidence_services
from questionnaire.models import Assessment, AssessmentRecord, Draft, Evidence
from questionnaire.scoring import assess
from tests.records.conftest import ANSWERS, shown_for, signing_paths, signing_setup

__all__ = ["signing_paths", "signing_setup"]

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20)
GIF = b"GIF89a" + bytes(20)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(20)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(100)
ELF = b"\x7fELF\x02\x01\x01" + bytes(100)
SCRIPT = b"#!/bin/sh\nrm -rf /\n"
HTML = b"  <!DOCTYPE html><html><script>alert(1)</script></html>"
CSV = b"model,flop\nExample-7B,3.8e25\n"
TEXT = "Training run report: 3.8 × 10^25 FLOP.\n".encode()

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def office_zip(main_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/xl/workbook.xml" '
            f'ContentType="{main_type}"/></Types>',
        )
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def opendocument(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("setup.exe", EXE)
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def draft(signing_setup, acme, owner) -> Draft:
    """Alice's draft in acme, its answers saved (the review step is reached by the page
    tests through the wizard itself)."""
    return Draft.objects.create(
        organisation=acme, owner=owner, current_step="review", model_name="Example-7B"
    )


def attach(draft: Draft, user, name: str = "training-run.pdf", data: bytes = PDF, key="model_name"):
    return evidence_services.evidence_add_file(
        draft=draft, question_key=key, upload=upload(name, data), user=user
    )


def complete(draft: Draft, user) -> Assessment:
    """The draft completed into an assessment, as finishing the wizard does."""
    answers = copy.deepcopy(ANSWERS)
    return services.assessment_create(
        organisation=draft.organisation,
        user=user,
        answers=answers,
        shown=shown_for(answers),
        result=assess(answers),
        draft=draft,
    )


def sign(assessment: Assessment, attester) -> AssessmentRecord:
    return services.record_create(
        assessment=assessment, attester=attester, name="Alice Example", function="Head of Legal"
    )


def stored_bytes(evidence: Evidence) -> bytes:
    with evidence.file.open("rb") as handle:
        data: bytes = handle.read()
    return data
