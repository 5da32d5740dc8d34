"""The number parser's refusals on the ledger's pages in the reader's language: a CSV
import naming line and column, and an external model's compute typed in the lineage form
(both read the contract's notation). English pages keep the parser's English message."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from questionnaire.i18n.answers import NUMBER_MESSAGES
from questionnaire.ledger.services import registered_model_create
from questionnaire.models import LedgerEntry, ModelLineage
from questionnaire.scoring.numbers import ERROR_TEMPLATES
from tests.people import signed_in

HEADER = "key,kind,status,method,flop,chips,hours,utilisation,accelerator\n"
GOOD_ROWS = "".join(
    ["pt-1,pre_training,finished,direct,4e24,,,,\n", "pt-2,pre_training,finished,direct,1e24,,,,\n"]
)
ENGLISH_INVALID = "is not a number; write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"


@pytest.fixture
def model(acme, owner):
    return registered_model_create(organisation=acme, name="Falcon", user=owner)


def text_of(response) -> str:
    return " ".join(response.content.decode().replace("&#x27;", "'").split())


def upload(client, model, language: str, rows: str):
    client.cookies["django_language"] = language
    csv = (HEADER + GOOD_ROWS + rows).encode()
    return client.post(
        reverse("model_ledger_import", args=[model.public_id]),
        {"import-file": SimpleUploadedFile("ledger.csv", csv, content_type="text/csv")},
    )


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("de", "Zeile 4, Spalte chips: „lots“ ist keine Zahl; schreiben Sie die Zahl etwa so:"),
        ("fr", "ligne 4, colonne chips : « lots » n'est pas un nombre ; écrivez le nombre"),
    ],
)
def test_an_unreadable_figure_of_an_import_is_refused_in_the_language(
    owner, model, language, refusal
):
    client = signed_in(owner)
    response = upload(
        client, model, language, "ft-1,fine_tuning,planned,hardware,,lots,720,0.4,h100\n"
    )
    assert response.status_code == 400
    body = text_of(response)
    assert refusal in body
    assert "7B, 15.6T, 3.2e24, 3.2 × 10^24" in body  # the notation the import reads
    assert ENGLISH_INVALID not in body
    assert "'lots'" not in body
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("de", "Zeile 4, Spalte flop: liegt außerhalb des zulässigen Bereichs"),
        ("fr", "ligne 4, colonne flop : est hors limites"),
    ],
)
def test_a_figure_out_of_range_is_refused_in_the_language(owner, model, language, refusal):
    client = signed_in(owner)
    response = upload(client, model, language, "pt-3,pre_training,finished,direct,1e2000,,,,\n")
    assert response.status_code == 400
    body = text_of(response)
    assert refusal in body
    assert "10^-1000" in body
    assert "is out of range" not in body


def test_an_english_page_keeps_the_parsers_message(owner_client, model):
    response = upload(
        owner_client, model, "en", "ft-1,fine_tuning,planned,hardware,,lots,720,0.4,h100\n"
    )
    assert response.status_code == 400
    assert f"line 4, column chips: 'lots' {ENGLISH_INVALID}" in text_of(response)


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("de", "„viel“ ist keine Zahl"),
        ("fr", "« viel » n'est pas un nombre"),
        ("en", f"'viel' {ENGLISH_INVALID}"),
    ],
)
def test_an_external_models_unreadable_compute_is_refused_in_the_language(
    owner_client, model, language, refusal
):
    owner_client.cookies["django_language"] = language
    response = owner_client.post(
        reverse("model_lineage_add", args=[model.public_id]),
        {
            "lineage-kind": "merged_from",
            "lineage-parent": "",
            "lineage-external_name": "Vision encoder",
            "lineage-external_flop": "viel",
        },
    )
    assert response.status_code == 400
    assert refusal in text_of(response)
    assert not ModelLineage.objects.exists()


def test_every_parser_message_is_a_catalogue_entry_in_german_and_french():
    assert set(NUMBER_MESSAGES) == set(ERROR_TEMPLATES)
    for template in ERROR_TEMPLATES:
        for language in ("de", "fr"):
            with translation.override(language):
                translated = translation.gettext(template)
            assert translated != template, (language, template)
            placeholders = sorted(re.findall(r"%\(\w+\)s", template))
            assert sorted(re.findall(r"%\(\w+\)s", translated)) == placeholders
