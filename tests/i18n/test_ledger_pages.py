"""The model register in German and French: the models index and a model page (its chart
and text alternative, a crossing of the systemic-risk threshold with its Art. 52 deadline,
the CSV import with a refusal) show German or French words, FLOP figures in local notation
and local dates; English stays as it was."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionnaire.ledger.services import (
    ledger_entry_put,
    notification_deadline,
    registered_model_create,
)
from questionnaire.scoring import load
from questionnaire.scoring.texts import format_date
from tests.ledger.conftest import direct
from tests.people import signed_in

KNOWN = date(2026, 11, 2)

ENGLISH = (
    "The systemic-risk threshold is crossed: notify the Commission",
    "Training compute, actual",
    "Cumulative compute, planned",
    "The chart's figures as a table",
    "Import entries from a CSV file",
    "Record where the weights came from",
    "Pre-training",
    "Finished",
    "on a logarithmic scale",
)

WORDS = {
    "de": (
        "Der Schwellenwert für systemisches Risiko ist überschritten",
        "Art. 52 Abs. 1 verlangt die Mitteilung",
        "Trainingsberechnungen, tatsächlich",
        "Kumulierte Berechnungen, geplant",
        "Einträge aus einer CSV-Datei importieren",
        "Vortraining",
        "Abgeschlossen",
        "auf logarithmischer Skala",
    ),
    "fr": (
        "Le seuil de risque systémique est franchi",
        "demande la notification sans tarder",
        "Calcul d'entraînement, effectif",
        "Calcul cumulé, prévu",
        "Importer des entrées depuis un fichier CSV",
        "Pré-entraînement",
        "Terminé",
        "sur une échelle logarithmique",
    ),
}


def page(client, path: str, language: str, **kwargs) -> str:
    client.cookies["django_language"] = language
    response = client.get(path, **kwargs)
    assert response.status_code == 200
    return " ".join(response.content.decode().replace("&#x27;", "'").split())


@pytest.fixture
def model(acme, owner):
    return registered_model_create(organisation=acme, name="Falcon", user=owner)


@pytest.fixture
def crossed(model):
    rules = load()
    ledger_entry_put(model=model, key="pre", source="api", data=direct("3e24"), today=KNOWN)
    ledger_entry_put(
        model=model,
        key="big",
        source="api",
        data=direct(str(rules.systemic_risk_cumulative_flop * 2)),
        today=KNOWN,
    )
    return model


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_model_page_is_in_the_language(owner_client, crossed, language):
    body = page(owner_client, reverse("model_detail", args=[crossed.public_id]), language)
    for words in WORDS[language]:
        assert words in body, words
    for english in ENGLISH:
        assert english not in body, english
    # The deadline: the date of the crossing and the due date written the local way.
    assert format_date(KNOWN, language) in body
    assert format_date(notification_deadline(KNOWN), language) in body
    # FLOP figures in local notation: 3,0 × 10²⁴ FLOP (the entry), not 3.0 × 10²⁴.
    assert "3,0 × 10²⁴ FLOP" in body
    assert "3.0 × 10²⁴ FLOP" not in body
    assert "<td>2.3e25</td>" not in body  # the chart's table too
    assert "<td>2,3 × 10²⁵</td>" in body


def test_english_is_unchanged(owner_client, crossed):
    body = page(owner_client, reverse("model_detail", args=[crossed.public_id]), "en")
    for english in ENGLISH:
        assert english in body, english
    assert "by <strong><time" in body and "<td>2.3e25</td>" in body
    assert f'by <strong><time datetime="{notification_deadline(KNOWN).isoformat()}">' in body


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        ("de", "Noch kein Modell ist registriert.", "No model is registered yet."),
        ("fr", "Aucun modèle n'est encore enregistré.", "No model is registered yet."),
    ],
)
def test_the_models_index_is_in_the_language(owner_client, acme, language, words, english):
    body = page(owner_client, reverse("models_index"), language)
    assert words in body
    assert "Your organisation's models over their lifecycle" not in body
    assert english not in body
    assert "Register the model" not in body
    assert "Name of the model" not in body


@pytest.mark.parametrize(
    ("language", "refusal", "note"),
    [
        ("de", "Zeile 2, Spalte flop: muss eine positive Zahl sein.", "Nichts wurde importiert"),
        ("fr", "ligne 2, colonne flop : doit être un nombre positif.", "Rien n'a été importé"),
    ],
)
def test_an_import_refusal_names_line_and_column_in_the_language(
    owner, model, language, refusal, note
):
    client = signed_in(owner)
    client.cookies["django_language"] = language
    csv = b"key,kind,status,method,flop\nrun-1,pre_training,finished,direct,-5\n"
    response = client.post(
        reverse("model_ledger_import", args=[model.public_id]),
        {"import-file": SimpleUploadedFile("ledger.csv", csv, content_type="text/csv")},
    )
    assert response.status_code == 400
    body = " ".join(response.content.decode().replace("&#x27;", "'").split())
    assert refusal in body
    assert note in body
    assert "line 2, column flop" not in body
    assert "must be a positive number" not in body


def test_an_import_refusal_stays_english_in_english(owner_client, model):
    csv = b"key,kind,status,method,flop\nrun-1,pre_training,finished,direct,-5\n"
    response = owner_client.post(
        reverse("model_ledger_import", args=[model.public_id]),
        {"import-file": SimpleUploadedFile("ledger.csv", csv, content_type="text/csv")},
    )
    assert "line 2, column flop: must be a positive number." in response.content.decode()


def add_entry(client, model, language: str, **figures: str):
    from django.urls import reverse

    client.cookies["django_language"] = language
    data = {"kind": "pre_training", "status": "finished", **figures}
    return client.post(reverse("model_entry_add", args=[model.public_id]), data)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_typed_entry_reads_the_decimal_comma_and_stores_the_canonical_figure(
    owner_client, model, language
):
    from questionnaire.models import LedgerEntry
    from questionnaire.scoring.numbers import parse_number

    response = add_entry(owner_client, model, language, method="direct", flop="2,5e24")
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert parse_number(entry.compute["flop"]) == parse_number("2.5e24")
    assert "," not in entry.compute["flop"]
    assert parse_number(entry.flop) == parse_number("2.5e24")


@pytest.mark.parametrize(
    ("language", "unreadable", "missing"),
    [
        ("de", "„lots“ kann nicht als Zahl gelesen werden", "Die gewählte Methode braucht sie"),
        ("fr", "« lots » ne peut pas être lu comme un chiffre", "la méthode choisie en a besoin"),
        ("en", "“lots” cannot be read as a figure", "the method chosen needs it"),
    ],
)
def test_a_typed_entrys_figure_errors_are_in_the_language(
    owner_client, model, language, unreadable, missing
):
    from questionnaire.models import LedgerEntry

    body = add_entry(owner_client, model, language, method="direct", flop="lots").content.decode()
    assert unreadable in body
    assert "is not a number" not in body
    body = add_entry(owner_client, model, language, method="architecture", parameters="7B")
    assert missing in body.content.decode()
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_charts_coordinates_stay_numbers_of_svg(owner_client, crossed, language):
    """Django writes a float with a decimal comma on a German or French page; an SVG
    coordinate must keep its point, or the chart falls apart."""
    import re

    body = page(owner_client, f"/models/{crossed.public_id}/", language)
    svg = body.split("<svg", 1)[1].split("</svg>", 1)[0]
    coordinates = re.findall(r'\b(?:x|y|x1|x2|y1|y2|width|height|viewBox)="([^"]*)"', svg)
    assert coordinates
    assert not [value for value in coordinates if "," in value]
    pair = re.compile(r"-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?")
    for points in re.findall(r'\bpoints="([^"]*)"', svg):
        assert all(pair.fullmatch(item) for item in points.split()), points
    assert re.search(r'\by="\d+\.\d+"', svg), "a coordinate with a fraction, written with a point"
