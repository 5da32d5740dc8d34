"""The result of an assessment in the page's language: the assessment page and the record
page show every text (verdict, reasons, notes, open questions, obligations, flags, status
words, chart) in German or French, figures in local notation and dates as the reader writes
them; English pages are as they always were."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from questionnaire import presentation
from questionnaire.charts import chart_from_figures
from questionnaire.scoring import assess
from tests.records.conftest import (  # noqa: F401 (fixtures)
    make_assessment,
    signing_paths,
    signing_setup,
)
from tests.samples import SYSTEMIC_ANSWERS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def page_text(response) -> str:
    assert response.status_code == 200, response.status_code
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def assessment_page(client, assessment, language: str) -> str:
    client.cookies["django_language"] = language
    return page_text(client.get(f"/assessments/{assessment.public_id}/"))


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        (
            "de",
            [
                "KI-Modell mit allgemeinem Verwendungszweck mit systemischem Risiko",
                "systemisches Risiko",
                "Einstufung",
                "Begründung",
                "Pflichten",
                "Offene Fragen",
                "Fällig: 17. November 2025",
                "Fällig: 1. März 2026",
                "Geschätzte Trainingsrechenleistung",
            ],
            "This model is a general-purpose AI model with systemic risk",
        ),
        (
            "fr",
            [
                "modèle d'IA à usage général présentant un risque systémique",
                "risque systémique",
                "Motifs",
                "Questions ouvertes",
                "17 novembre 2025",
                "1er mars 2026",
                "Estimation du calcul d'entraînement",
            ],
            "This model is a general-purpose AI model with systemic risk",
        ),
    ],
)
def test_the_assessment_page_shows_the_result_in_the_page_language(
    acme, owner, owner_client, language, words, english
):
    assessment = make_assessment(acme, owner)
    text = assessment_page(owner_client, assessment, language)
    for word in words:
        assert word in text, word
    assert english not in text
    assert "Training compute estimate" not in text
    assert "Points to watch" not in text and "Why " not in text
    # Figures in local notation, citations as stored.
    assert "4,7 × 10²⁵ FLOP" in text
    assert "4.7 × 10²⁵" not in text
    assert "(Art. 51(2))" in text


def test_the_english_assessment_page_is_unchanged(acme, owner, owner_client):
    assessment = make_assessment(acme, owner)
    text = assessment_page(owner_client, assessment, "en")
    assert "This model is a general-purpose AI model with systemic risk" in text
    assert "4.7 × 10²⁵ FLOP" in text
    assert "Due: 2025-11-17" in text
    assert "Training compute estimate 4.7 × 10²⁵ FLOP" in text
    assert "systemisches Risiko" not in text


def test_a_fraction_is_written_with_a_decimal_comma_and_a_superscript_exponent():
    assert presentation.flop_text("2.5e25", "de") == "2,5 × 10²⁵ FLOP"
    assert presentation.flop_text("2.5e25", "fr") == "2,5 × 10²⁵ FLOP"
    assert presentation.flop_text("2.5e25") == "2.5 × 10²⁵ FLOP"
    assert presentation.flop_text(None, "de") == "nicht angegeben"


def test_dates_are_written_as_the_reader_writes_them():
    assert presentation.local_date("2026-11-29", "de") == "29. November 2026"
    assert presentation.local_date("2026-11-29", "fr") == "29 novembre 2026"
    assert presentation.local_date("2026-11-29", "en") == "2026-11-29"
    moment = presentation.utc_moment("2026-11-29T14:05:00Z", "de")
    assert moment is not None and moment.text == "29. November 2026, 14:05 UTC"


def test_flags_and_verdicts_in_every_language():
    result = assess(SYSTEMIC_ANSWERS)
    result = {**result, "flags": ["borderline", "designation_risk", "legacy_model"]}
    german = presentation.flags_explained(result, "de")
    english = presentation.flags_explained(result)
    assert [flag["flag"] for flag in german] == [flag["flag"] for flag in english]
    assert all(g["text"] != e["text"] for g, e in zip(german, english, strict=True))
    assert "30\u00a0%" in german[0]["text"]
    assert "10.000" in german[1]["text"]
    assert "2. August 2025" in german[2]["label"]
    assert "systemischem Risiko" in presentation.verdict(result, "de")
    assert "risque systémique" in presentation.verdict(result, "fr")
    assert presentation.verdict(result) == presentation.VERDICTS["gpai_systemic_risk"]


def test_the_chart_speaks_the_reader_language():
    figures = presentation.figures_of(assess(SYSTEMIC_ANSWERS))
    assert figures is not None
    german = chart_from_figures(figures, language="de")
    english = chart_from_figures(figures)
    assert german is not None and english is not None
    assert "über dem Schwellenwert" in german.description
    assert "4,7 × 10^25" in german.description
    assert german.title != english.title
    assert english.title == "Training compute compared with the thresholds (log scale, FLOP)"
    assert german.margin_text == "±30\u00a0%"


def test_the_dashboard_names_classifications_in_the_page_language(acme, owner, owner_client):
    make_assessment(acme, owner)
    owner_client.cookies["django_language"] = "de"
    text = page_text(owner_client.get("/"))
    assert "KI-Modell mit allgemeinem Verwendungszweck mit systemischem Risiko" in text
    assert "General-purpose AI model with systemic risk" not in text


def test_status_words_carry_a_local_date_and_keep_the_iso_one():
    words = presentation.status_words(
        {"id": "art53_docs", "due": "2026-03-01"}, "applies", language="de"
    )
    assert words.lead == "Gilt seit dem"
    assert words.day == "2026-03-01"
    assert words.text == "Gilt seit dem 1. März 2026"
    assert presentation.status_words({"due": "2026-03-01"}, "applies").text == (
        "Applies since 2026-03-01"
    )
    assert date(2026, 3, 1).isoformat() == words.day
