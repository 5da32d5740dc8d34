"""The answers contract's problems in the reader's language (questionnaire/i18n/answers.py):
every message of scoring/answers.py is a catalogue entry translated into German and French;
a CSV import refusal and a re-assessment say them in the page's language; the JSON API and
the command line keep the English."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from questionnaire.i18n.answers import MESSAGES, message_text, problem_text
from questionnaire.ledger.services import registered_model_create
from questionnaire.scoring import AnswersError, load
from questionnaire.scoring.answers import parse_answers, problem
from tests.i18n.test_number_errors import text_of, upload
from tests.people import signed_in
from tests.samples import CONTRACT_EXAMPLE


@pytest.fixture
def model(acme, owner):
    return registered_model_create(organisation=acme, name="Falcon", user=owner)


ANSWERS = Path(__file__).resolve().parents[2] / "questionnaire" / "scoring" / "answers.py"


def templates_of_answers_py() -> set[str]:
    """The English templates scoring/answers.py raises its problems with."""
    found: set[str] = set()

    def constants(node: ast.AST) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return constants(node.body) + constants(node.orelse)
        return []

    for node in ast.walk(ast.parse(ANSWERS.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "problem" and len(node.args) >= 2:
                found.update(constants(node.args[1]))
            for keyword in node.keywords:
                if keyword.arg == "required_message":
                    found.update(constants(keyword.value))
    found.add("is required")  # the default of _Reader.mapping's required_message
    return found


def test_every_message_of_the_contract_is_listed_for_the_catalogues():
    templates = templates_of_answers_py()
    assert len(templates) > 25
    assert templates <= set(MESSAGES), templates - set(MESSAGES)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_every_message_is_translated(language):
    with translation.override(language):
        missing = [text for text in MESSAGES if translation.gettext(text) == text]
    assert not missing


def test_a_problem_with_a_date_reads_the_date_in_the_language():
    document = {**CONTRACT_EXAMPLE, "placement": "planned", "placed_on": "2025-06-01"}
    with pytest.raises(AnswersError) as caught:
        parse_answers(document, load())
    placed = next(p for p in caught.value.problems if p.path == "placed_on")
    assert "2 August 2025" in placed.message  # the English, as the API says it
    assert "2. August 2025" in message_text(placed, "de")
    assert "2 août 2025" in message_text(placed, "fr")
    assert problem_text(placed, "en") == str(placed)


def test_the_english_message_is_the_template_filled():
    made = problem("compute.accelerator", "must be one of %(options)s", options="h100, a100")
    assert made.message == "must be one of h100, a100"
    assert message_text(made, "de") == "muss einer dieser Werte sein: h100, a100"


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("de", "Zeile 4, Spalte accelerator: ist erforderlich: einer dieser Werte:"),
        ("fr", "ligne 4, colonne accelerator : est requis : l'une de ces valeurs :"),
    ],
)
def test_an_import_row_missing_its_chip_is_refused_in_the_language(
    owner,
    model,
    language,
    refusal,
):
    client = signed_in(owner)
    response = upload(client, model, language, "ft-1,fine_tuning,planned,hardware,,64,720,0.4,\n")
    assert response.status_code == 400
    assert refusal in text_of(response)
    assert "is required: one of" not in text_of(response)


def test_the_wizard_s_own_date_reads_english_on_an_english_page():
    with translation.override("en"):
        made = problem(
            "designated_on", "must not be before %(date)s, when …", date=date(2025, 8, 2)
        )
        assert message_text(made) == "must not be before 2 August 2025, when …"
