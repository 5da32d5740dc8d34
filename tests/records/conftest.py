"""Fixtures for the signed-record tests.

The people are those of the web tests (re-declared here: a conftest is only visible in its
own folder): organisation "acme" with alice, an attester, and bob, a member; eve, an
administrator of "other", is the outsider who must see nothing of acme's.

``signing_setup`` points the record signing key, the document certificate and the media
folder at the test's temporary folder and runs ``manage.py signing_key create``. It needs
the database, so test modules ask for it (``pytest.mark.usefixtures("signing_setup")``)
rather than every test of the folder getting it.

Records' PDF reports are stubbed unless a test is marked ``real_pdf`` (tests/conftest.py,
``stub_report_rendering``). The helpers below make assessments and records, read them back
(``payload_of``, ``record_page``, ``verify_records``) and tamper with them behind the ORM.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client

from questionnaire import services
from questionnaire.models import Assessment, AssessmentRecord, Organisation
from questionnaire.scoring import assess
from tests.samples import SYSTEMIC_ANSWERS

ANSWERS = SYSTEMIC_ANSWERS


def shown_for(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The questions as the wizard showed them (step, key, label, help text, answer), with
    the typographic quotes and multiplication signs real wording has."""

    def row(
        step: str, title: str, key: str, label: str, help_text: str, answer: str
    ) -> dict[str, str]:
        return {
            "step": step,
            "step_title": title,
            "key": key,
            "field": key.replace(".", "_"),
            "label": label,
            "help_text": help_text,
            "answer": answer,
        }

    return [
        row(
            "model",
            "The model and your role",
            "model_name",
            "What is the model called?",
            "The name you use for it internally or on the market.",
            str(answers.get("model_name", "")),
        ),
        row(
            "model",
            "The model and your role",
            "role",
            "What is your role for this model?",
            "“Developer” means you trained it yourself.",
            "I developed (trained) the model",
        ),
        row(
            "market",
            "Market placement",
            "placement",
            "Is the model placed on the EU market?",
            "",
            "Yes, it is placed on the market",
        ),
        row(
            "compute",
            "Training compute",
            "compute.periods",
            "How much hardware trained it?",
            "Chips × hours × utilisation.",
            "16,384 × NVIDIA H100 × 2,000 h × 0.4",
        ),
    ]


# ------------------------------------------------------------------ keys


@dataclass(frozen=True)
class SigningPaths:
    key_file: Path
    certificate_file: Path
    media_root: Path


@pytest.fixture
def signing_paths(settings, tmp_path) -> SigningPaths:
    """Keys, certificate and stored reports in the test's own folder; nothing made yet."""
    paths = SigningPaths(
        key_file=tmp_path / "keys" / "record-signing-key.pem",
        certificate_file=tmp_path / "keys" / "document-certificate.p12",
        media_root=tmp_path / "media",
    )
    settings.RECORD_SIGNING_KEY_FILE = paths.key_file
    settings.RECORD_DOCUMENT_CERT_FILE = paths.certificate_file
    settings.MEDIA_ROOT = paths.media_root
    return paths


@pytest.fixture
def signing_setup(signing_paths: SigningPaths, db: None) -> SigningPaths:
    """``manage.py signing_key create`` in a temporary folder: the record signing key and the
    document certificate exist and are published."""
    call_command("signing_key", "create", stdout=StringIO(), stderr=StringIO())
    return signing_paths


# ------------------------------------------------------------------ assessments and records


def make_assessment(organisation: Organisation, user: User, **answer_overrides: Any) -> Assessment:
    """A completed assessment as the wizard would store it: answers, wording shown, result."""
    answers = copy.deepcopy(ANSWERS)
    answers.update(answer_overrides)
    return services.assessment_create(
        organisation=organisation,
        user=user,
        answers=answers,
        shown=shown_for(answers),
        result=assess(answers),
    )


def make_record(
    organisation: Organisation,
    attester: User,
    *,
    assessment: Assessment | None = None,
    supersedes: AssessmentRecord | None = None,
    name: str = "Alice Example",
    function: str = "Head of Legal",
    **answer_overrides: Any,
) -> AssessmentRecord:
    if assessment is None:
        assessment = make_assessment(organisation, attester, **answer_overrides)
    return services.record_create(
        assessment=assessment,
        attester=attester,
        name=name,
        function=function,
        supersedes=supersedes,
    )


@pytest.fixture
def assessment_factory(signing_setup) -> Callable[..., Assessment]:
    return make_assessment


@pytest.fixture
def record_factory(signing_setup) -> Callable[..., AssessmentRecord]:
    return make_record


def stored_report(record: AssessmentRecord) -> bytes:
    """The PDF report exactly as it sits in storage."""
    with default_storage.open(record.report.file.name, "rb") as handle:
        data: bytes = handle.read()
    return data


def export_bytes(client: Client, record: AssessmentRecord) -> bytes:
    response = client.get(f"/records/{record.public_id}.json")
    assert response.status_code == 200, response.status_code
    return response.content


def export_json(client: Client, record: AssessmentRecord) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(export_bytes(client, record))
    return document


# ------------------------------------------------------------------ reading records back

SIGNATURE_FAILED = "Signature check failed"
SIGNATURE_VALID = "Signed and intact."


def verify_records(*args: str) -> tuple[int, str, str]:
    """``manage.py verify_records``: exit status, stdout, stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_records", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    else:
        code = 0
    return code, out.getvalue(), err.getvalue()


def failing_ids(stderr: str) -> set[str]:
    """The record ids (or ``organisation SLUG``) that ``verify_records`` lists as failing."""
    return set(re.findall(r"^FAILED ([^:]+):", stderr, re.M))


def record_page(client: Client, record: AssessmentRecord) -> str:
    response = client.get(f"/records/{record.public_id}/")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def payload_of(record: AssessmentRecord) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(bytes(record.payload))
    return payload


def fresh(record: AssessmentRecord) -> AssessmentRecord:
    return AssessmentRecord.objects.get(pk=record.pk)


def three_records(acme: Organisation, owner: User) -> list[AssessmentRecord]:
    return [
        make_record(acme, owner, model_name=name)
        for name in ("First-7B", "Second-13B", "Third-70B")
    ]


# ------------------------------------------------------------------ tampering behind the ORM


def raw_update(record: AssessmentRecord, column: str, value: Any) -> None:
    """Change one column of a stored record with SQL, as someone with database access
    could: the ORM refuses."""
    assert column.isidentifier()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE questionnaire_assessmentrecord SET {column} = %s WHERE id = %s",  # noqa: S608
            [value, record.pk],
        )


def raw_delete(record: AssessmentRecord) -> None:
    """Delete a record with SQL, and its report row with it, as someone covering their
    tracks with database access would."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM questionnaire_recordreport WHERE record_id = %s", [record.pk])
        cursor.execute("DELETE FROM questionnaire_assessmentrecord WHERE id = %s", [record.pk])


def raw_column(record: AssessmentRecord, column: str) -> Any:
    assert column.isidentifier()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM questionnaire_assessmentrecord WHERE id = %s",  # noqa: S608
            [record.pk],
        )
        row = cursor.fetchone()
    assert row is not None
    return row[0]


def flip_char(text: str, index: int, alphabet: str) -> str:
    """``text`` with the character at ``index`` replaced by another one of ``alphabet``."""
    current = text[index]
    replacement = next(char for char in alphabet if char != current)
    return text[:index] + replacement + text[index + 1 :]
