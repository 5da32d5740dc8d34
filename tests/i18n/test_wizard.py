"""The wizard in German and French (issue 15): the questions' own wording per language (with
English where a translation is missing, which the admin flags), the wizard's chrome, figures
typed in the page language's notation, and the words kept with a completed assessment.
English pages are unchanged (tests/web)."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from questionnaire import wording
from questionnaire.models import Question, QuestionRevision, QuestionTranslation
from questionnaire.wizard.fields import delocalise, read_quantity
from questionnaire.wording import (
    missing_languages,
    question_update_wording,
    wording_for,
    wording_map,
    wording_placeholders,
)
from tests.web.test_wizard_queries import MAX_GET, MAX_POST, STEPS
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db

MODEL = {"model_name": "Example-70B", "role": "developer"}


def in_language(client: Client, language: str) -> Client:
    client.cookies["django_language"] = language
    return client


def text_of(page: str) -> str:
    """The page's text, tags removed and entities decoded, spaces collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", page)
    # Only ASCII white space: the no-break spaces of French typography stay.
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(without_tags)).strip()


# --- Step pages ---------------------------------------------------------------------------

STEP_WORDS: dict[str, dict[str, Any]] = {
    "de": {
        "label": "In welcher Rolle stehen Sie zu diesem Modell?",
        "help": "Ihre Rolle entscheidet, welche Fragen folgen",
        "choice": "Entwickler: Wir haben das Modell trainiert",
        "title": "Das Modell und Ihre Rolle",
        "buttons": ("Speichern und weiter", "Speichern und beenden"),
        "help_with": "Hilfe zu dieser Frage",
        "progress": "Schritt 1 von",
    },
    "fr": {
        "label": "Quel est votre rôle à l'égard de ce modèle\u202f?",
        "help": "Votre rôle détermine les questions qui suivent",
        "choice": "Développeur\u00a0: nous avons entraîné le modèle",
        "title": "Le modèle et votre rôle",
        "buttons": ("Enregistrer et continuer", "Enregistrer et quitter"),
        "help_with": "Aide pour cette question",
        "progress": "Étape 1 sur",
    },
}
ENGLISH = (
    "Who are you in relation to this model?",
    "Your role decides which questions follow",
    "Developer: we trained the model",
    "The model and your role",
    "Save and continue",
    "Save and exit",
    "Help with this question",
)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_first_step_is_in_the_page_language_and_not_in_english(owner_client, acme, language):
    wizard = WizardDriver(in_language(owner_client, language)).start(acme)
    page = text_of(wizard.page("model"))
    words = STEP_WORDS[language]
    for expected in (
        words["label"],
        words["help"],
        words["choice"],
        words["title"],
        *words["buttons"],
        words["help_with"],
        words["progress"],
    ):
        assert expected in page, expected
    for english in ENGLISH:
        assert english not in page, english


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ("Trainingsrechenleistung", "Wie hoch war die Trainingsrechenleistung", "Zurück")),
        ("fr", ("Puissance de calcul d'entraînement", "Quelle a été la puissance", "Retour")),
    ],
)
def test_the_compute_step_is_in_the_page_language(owner_client, acme, language, expected):
    wizard = WizardDriver(in_language(owner_client, language)).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
    )
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    page = text_of(wizard.page("compute"))
    for words in expected:
        assert words in page, words
    for english in (
        "What was the training compute, in FLOP?",
        "Model size and training data",
        "Back",
    ):
        assert english not in page, english


def test_placeholders_are_filled_in_the_page_language_notation(owner_client, acme):
    wizard = WizardDriver(in_language(owner_client, "de")).start(acme)
    wizard.answer("model", MODEL)
    page = text_of(wizard.page("market"))
    # The dates of the rule set, written the German way, in the German help text.
    assert "vor dem 2. August 2025 in Verkehr gebrachtes Modell" in page
    assert "bis zum 2. August 2027" in page
    assert "2 August 2025" not in page


def test_placeholder_values_per_language():
    english = wording_placeholders()
    german = wording_placeholders(language="de")
    french = wording_placeholders(language="fr")
    assert english["modification_fraction"] == "one third"
    assert german["modification_fraction"] == "ein Drittel"
    assert french["modification_fraction"] == "un tiers"
    assert english["obligations_apply_from"] == "2 August 2025"
    assert german["obligations_apply_from"] == "2. August 2025"
    assert french["obligations_apply_from"] == "2 août 2025"
    assert english["estimate_margin"].endswith("%") and " " not in english["estimate_margin"]
    assert german["estimate_margin"].endswith("\u00a0%")
    assert english["reach_business_users"] == "10,000"
    assert german["reach_business_users"] == "10.000"
    assert french["reach_business_users"] == "10\u202f000"
    assert german["systemic_threshold"] == english["systemic_threshold"]  # 10^25 FLOP


# --- Every question ships in German and French ----------------------------------------------


def test_every_question_ships_with_german_and_french_wording_keeping_its_placeholders():
    placeholder = re.compile(r"\{[a-z_]+\}")
    for question in Question.objects.prefetch_related("translations"):
        assert missing_languages(question) == [], question.key
        english = question.label + question.help_text + "".join(question.choice_labels.values())
        for row in question.translations.all():
            local = row.label + row.help_text + "".join(row.choice_labels.values())
            assert sorted(placeholder.findall(local)) == sorted(placeholder.findall(english)), (
                question.key,
                row.language,
            )
            assert set(row.choice_labels) == set(question.choice_labels)
            assert row.label != question.label or question.key == "compute.periods.accelerator"


def test_the_default_wording_uses_the_official_terms():
    german = {row.question.key: row for row in QuestionTranslation.objects.filter(language="de")}
    french = {row.question.key: row for row in QuestionTranslation.objects.filter(language="fr")}
    assert "KI-Modell mit allgemeinem Verwendungszweck" in german["generates"].help_text
    assert "modèle d'IA à usage général" in french["generates"].help_text
    assert "Mitteilung" in german["notified_on"].help_text
    assert "Meldung" not in german["notified_on"].help_text
    assert "Benennung" in german["commission_designated"].help_text
    assert "Büros für Künstliche Intelligenz" in german["own_ai_system"].help_text
    assert "Bureau de l'IA" in french["own_ai_system"].help_text
    assert "Fähigkeiten mit hohem Wirkungsgrad" in german["high_impact_known_on"].label
    assert "capacités à fort impact" in french["high_impact_known_on"].label


# --- Fallback to English, flagged in the admin ----------------------------------------------


def test_a_missing_translation_falls_back_to_english_in_the_wizard(owner_client, acme):
    QuestionTranslation.objects.filter(question__key="role", language="de").delete()
    Question.objects.get(key="role").save()  # a new updated_at: cached wording is read afresh
    wizard = WizardDriver(in_language(owner_client, "de")).start(acme)
    page = text_of(wizard.page("model"))
    assert "Who are you in relation to this model?" in page
    assert "Developer: we trained the model" in page
    assert "Wie heißt das Modell?" in page  # the other question is still German
    assert "Speichern und weiter" in page


def test_an_empty_choice_label_falls_back_to_english_for_that_choice_only():
    row = QuestionTranslation.objects.get(question__key="role", language="fr")
    row.choice_labels = {**row.choice_labels, "modifier": ""}
    row.save()
    words = wording_map(language="fr")["role"]
    assert words["choice_labels"]["modifier"].startswith("Modifier: we fine-tuned")
    assert words["choice_labels"]["developer"].startswith("Développeur")
    assert missing_languages(Question.objects.get(key="role")) == ["fr"]


def test_the_admin_flags_a_question_missing_in_german(staff_client):
    question = Question.objects.get(key="placement")
    QuestionTranslation.objects.filter(question=question, language="de").delete()

    listing = staff_client.get("/admin/questionnaire/question/?missing=de").content.decode()
    assert f"/admin/questionnaire/question/{question.pk}/change/" in listing
    other = Question.objects.get(key="role")
    assert f"/admin/questionnaire/question/{other.pk}/change/" not in listing
    assert "Missing in German" in listing

    full = text_of(staff_client.get("/admin/questionnaire/question/").content.decode())
    assert "German" in full  # the "Missing in" column

    page = text_of(
        staff_client.get(f"/admin/questionnaire/question/{question.pk}/change/").content.decode()
    )
    assert "The German wording of this question is missing" in page
    assert "the wizard shows the English words in its place" in page


def test_a_complete_question_has_no_warning_in_the_admin(staff_client):
    question = Question.objects.get(key="role")
    page = text_of(
        staff_client.get(f"/admin/questionnaire/question/{question.pk}/change/").content.decode()
    )
    assert "wording of this question is missing" not in page
    assert "Wording in German" in page and "Wording in French" in page


class FormReader(HTMLParser):
    """The inputs and text areas of the admin's question form, as a browser posts them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, str] = {}
        self._textarea: str | None = None
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form" and attributes.get("id") == "question_form":
            self._in_form = True
        if not self._in_form:
            return
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type", "text") not in ("submit", "button"):
            self.data[name] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += data


def test_the_admin_saves_a_german_edit_into_the_german_history_only(staff_client):
    question = Question.objects.get(key="model_name")
    url = f"/admin/questionnaire/question/{question.pk}/change/"
    reader = FormReader()
    reader.feed(staff_client.get(url).content.decode())
    assert reader.data["de__label"] == "Wie heißt das Modell?"
    assert reader.data["fr__label"].startswith("Comment s'appelle le modèle")
    # The textarea's first newline is eaten by the browser, as here by the parser's data.
    data = {**reader.data, "de__label": "Wie lautet der Name des Modells?"}
    data = {
        name: value.lstrip("\n") if name.endswith("help_text") else value
        for name, value in data.items()
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    revisions = list(QuestionRevision.objects.filter(question=question))
    assert [revision.language for revision in revisions] == ["de"]
    assert revisions[0].before["label"] == "Wie heißt das Modell?"
    assert revisions[0].after["label"] == "Wie lautet der Name des Modells?"
    assert revisions[0].changed_by is not None
    assert revisions[0].changed_by.username == "root"
    question.refresh_from_db()
    assert question.label == "What is the model called?"  # English untouched
    assert QuestionTranslation.objects.get(question=question, language="fr").label.startswith(
        "Comment s'appelle"
    )
    history = text_of(staff_client.get(url).content.decode())
    assert "Wie lautet der Name des Modells?" in history


def test_an_english_edit_without_the_translation_inputs_leaves_the_translations(staff_client):
    question = Question.objects.get(key="model_name")
    url = f"/admin/questionnaire/question/{question.pk}/change/"
    reader = FormReader()
    reader.feed(staff_client.get(url).content.decode())
    data = {
        name: value for name, value in reader.data.items() if not name.startswith(("de__", "fr__"))
    }
    data.update({"label": "The model's name?", "help_text": "As published."})
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [r.language for r in QuestionRevision.objects.filter(question=question)] == ["en"]
    assert QuestionTranslation.objects.get(question=question, language="de").label == (
        "Wie heißt das Modell?"
    )


def test_a_german_edit_shows_on_the_next_german_page_and_not_on_the_french_one(owner_client, acme):
    wizard = WizardDriver(in_language(owner_client, "de")).start(acme)
    assert "Wie heißt das Modell?" in text_of(wizard.page("model"))
    question = Question.objects.get(key="model_name")
    question_update_wording(
        question=question,
        label="Unter welchem Namen läuft das Modell?",
        help_text="Wie veröffentlicht.",
        choice_labels={},
        changed_by=None,
        language="de",
    )
    assert "Unter welchem Namen läuft das Modell?" in text_of(wizard.page("model"))
    in_language(owner_client, "fr")
    french = text_of(wizard.page("model"))
    assert "Unter welchem Namen" not in french
    assert "Comment s'appelle le modèle" in french


# --- The cache keeps the languages apart -----------------------------------------------------


def test_the_wording_cache_keeps_each_language_apart(django_assert_num_queries):
    stamp = ("stamp", 51)
    wording._cached.clear()
    english = wording_for(stamp=stamp, language="en")
    german = wording_for(stamp=stamp, language="de")
    french = wording_for(stamp=stamp, language="fr")
    assert english["model_name"]["label"] == "What is the model called?"
    assert german["model_name"]["label"] == "Wie heißt das Modell?"
    assert french["model_name"]["label"].startswith("Comment s'appelle le modèle")
    with django_assert_num_queries(0):
        assert wording_for(stamp=stamp, language="de") is german
        assert wording_for(stamp=stamp, language="en") is english
    with django_assert_num_queries(1):
        wording_for(stamp=("changed", 51), language="de")


def test_each_language_reads_all_its_wording_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        german = wording_map(language="de")
    assert len(german) == Question.objects.count()


# --- An assessment completed in German keeps the German words --------------------------------


def test_an_assessment_completed_in_german_stores_the_german_words_shown(owner_client, acme):
    wizard = WizardDriver(in_language(owner_client, "de")).start(acme)
    wizard.answer("model", {"model_name": "Beispiel-7B", "role": "developer"})
    wizard.answer("market", {"placement": "research_only"})
    assessment = wizard.complete()
    rows = {row["key"]: row for row in assessment.shown}
    assert rows["role"]["label"] == "In welcher Rolle stehen Sie zu diesem Modell?"
    assert rows["role"]["answer"].startswith("Entwickler: Wir haben das Modell trainiert")
    assert rows["role"]["step_title"] == "Das Modell und Ihre Rolle"
    assert rows["placement"]["answer"].startswith("Nur Forschung")
    assert rows["model_name"]["help_text"].startswith("Name und Version")
    # The answers document stays the contract's: values, not words.
    assert assessment.answers["role"] == "developer"
    assert assessment.answers["placement"] == "research_only"


# --- Figures in local notation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "value", "reading"),
    [
        ("de", "2,5e24", Decimal("2.5e24"), None),
        ("de", "3,2 × 10^24", Decimal("3.2e24"), None),
        ("de", "15,6T", Decimal("15.6e12"), None),
        ("de", "0,4", Decimal("0.4"), None),
        ("de", "1.000.000", Decimal(1_000_000), "thousands point"),
        ("de", "1.234,5", Decimal("1234.5"), None),
        ("de", "1,000", Decimal(1), "decimal comma"),
        ("de", "1.000", Decimal(1000), "thousands point"),
        ("de", "2.5", Decimal("2.5"), None),
        ("fr", "2,5e24", Decimal("2.5e24"), None),
        ("fr", "1 000 000", Decimal(1_000_000), None),
        ("fr", "1\u202f000\u202f000", Decimal(1_000_000), None),
        ("fr", "1\u00a0000,5", Decimal("1000.5"), None),
        ("fr", "1,000", Decimal(1), "decimal comma"),
        ("fr", "12,5 %", None, None),
    ],
)
def test_local_notation_is_read_with_the_page_language(language, typed, value, reading):
    local, how = delocalise(typed, language)
    assert how == reading
    if value is not None:
        assert read_quantity(local) == value
    else:
        assert read_quantity(local, percent=True) == Decimal("0.125")


@pytest.mark.parametrize("typed", ["1,000", "2.5", "1.000", "3.2 × 10^24", "1,000,000"])
def test_english_reads_as_before(typed):
    assert delocalise(typed, "en") == (typed, None)


def test_a_german_decimal_comma_figure_is_accepted_and_stored_canonically(owner_client, acme):
    wizard = WizardDriver(in_language(owner_client, "de")).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
    )
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    wizard.answer(
        "compute",
        {
            "method": "direct",
            "flop": "3,2 × 10^24",
            "parameters": "405B",
            "training_tokens": "15,6T",
        },
    )
    wizard.answer("release", {"released_openly": "no"})
    wizard.answer("reach", {"high_impact_capabilities": "no", "commission_designated": "no"})
    assessment = wizard.complete()
    compute = assessment.answers["compute"]
    assert Decimal(str(compute["flop"])) == Decimal("3.2e24")
    assert Decimal(str(assessment.answers["training_tokens"])) == Decimal("15.6e12")
    # The contract's notation: a decimal point, never a comma.
    assert "," not in str(compute["flop"])


def test_an_ambiguous_figure_takes_the_page_reading_and_says_so(owner_client, acme):
    wizard = WizardDriver(in_language(owner_client, "de")).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
    )
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    response = wizard.post(
        "compute",
        {"method": "direct", "flop": "3,2e24", "parameters": "7B", "training_tokens": "1,000"},
    )
    assert response.status_code == 302
    next_page = text_of(owner_client.get(response["Location"]).content.decode())
    assert "„1,000“ gelesen als 1 (Dezimalkomma)" in next_page
    # The draft keeps the reading taken, so an English page reads the same figure.
    stored = wizard.draft.state["step_data"]["compute"]["compute-training_tokens"]
    assert stored == ["1"]
    in_language(owner_client, "en")
    english = wizard.page("compute")
    assert re.search(r'name="compute-training_tokens"[^>]*value="1"', english)
    assert "= 1<" in english or "= 1\n" in english or ">= 1<" in english


def test_an_english_page_reads_1000_as_a_thousand_and_says_nothing(owner_client, acme):
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
    )
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    response = wizard.post(
        "compute",
        {"method": "direct", "flop": "3.2e24", "parameters": "7B", "training_tokens": "1,000"},
    )
    next_page = text_of(owner_client.get(response["Location"]).content.decode())
    assert "read as" not in next_page
    stored = wizard.draft.state["step_data"]["compute"]["compute-training_tokens"]
    assert stored == ["1,000"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("de", "Geben Sie die Trainingsrechenleistung in FLOP als Zahl an"),
        ("fr", "Indiquez la puissance de calcul d'entraînement en FLOP sous forme de nombre"),
    ],
)
def test_validation_messages_are_in_the_page_language(owner_client, acme, language, message):
    wizard = WizardDriver(in_language(owner_client, language)).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
    )
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    wizard.post(
        "compute",
        {"method": "direct", "flop": "seven-ish", "parameters": "7B", "training_tokens": "1T"},
    )
    page = text_of(wizard.page("compute"))
    assert message in page
    assert "Enter the training compute" not in page


# --- The query bound holds in German ---------------------------------------------------------


def test_each_step_stays_under_the_query_bound_in_german(
    owner_client, acme, django_assert_max_num_queries
):
    wizard = WizardDriver(in_language(owner_client, "de")).start(acme)
    for step, fields in STEPS[:-1]:
        with django_assert_max_num_queries(MAX_GET):
            assert wizard.get(step).status_code == 200
        with django_assert_max_num_queries(MAX_POST):
            response = wizard.post(step, fields)
        assert response.status_code == 302


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            (
                "Vorschau des Ergebnisses",
                "Prüfen Sie Ihre Antworten.",
                "Abschließen und Ergebnis ansehen",
                "Schätzung der Trainingsrechenleistung",
                "In welcher Rolle stehen Sie zu diesem Modell?",
            ),
        ),
        (
            "fr",
            (
                "Aperçu du résultat",
                "Vérifiez vos réponses.",
                "Terminer et voir le résultat",
                "Estimation de la puissance de calcul d'entraînement",
                "Quel est votre rôle à l'égard de ce modèle\u202f?",
            ),
        ),
    ],
)
def test_the_review_step_is_in_the_page_language(owner_client, acme, language, expected):
    wizard = WizardDriver(in_language(owner_client, language)).start(acme)
    for step, fields in STEPS[:-1]:
        wizard.answer(step, fields)
    page = text_of(wizard.page("review"))
    for words in expected:
        assert words in page, words
    for english in (
        "Preview of the result",
        "Check your answers.",
        "Finish and see the result",
        "Estimate of the training compute",
        "Who are you in relation to this model?",
    ):
        assert english not in page, english


def test_german_scale_words_are_read_and_billion_is_refused_as_ambiguous(owner_client, acme):
    wizard = WizardDriver(in_language(owner_client, "de")).start(acme)
    wizard.answer("model", MODEL)
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
    )
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    refused = wizard.post(
        "compute",
        {"method": "architecture", "parameters": "405 billion", "training_tokens": "15,6T"},
    )
    assert refused.status_code == 302  # back to the step, with its errors
    page = owner_client.get(refused["Location"]).content.decode()
    assert "„billion“ bezeichnet im Englischen eine andere Zahl" in text_of(page)
    assert re.search(r'name="compute-parameters"[^>]*value="405 billion"', page)  # kept
    assert (
        wizard.answer(
            "compute",
            {"method": "architecture", "parameters": "405 Mrd.", "training_tokens": "15,6 Bio."},
        )
        == "release"
    )
    assert read_quantity("405 Mrd.", language="de") == Decimal("4.05e11")
    assert read_quantity("15.6 Bio.", language="de") == Decimal("1.56e13")


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "2026-03-01"), ("de", "1. März 2026"), ("fr", "1er mars 2026")],
)
def test_a_date_answer_reads_as_the_language_writes_dates(language, shown):
    """The answers on the review page, the result page and in the signed report: a date in
    the language's form; English keeps the contract's form."""
    from datetime import date

    from django import forms
    from django.utils import translation

    from questionnaire.wizard.answers import display_answer

    with translation.override(language):
        assert display_answer(forms.DateField(), "2026-03-01", date(2026, 3, 1)) == shown


@pytest.mark.parametrize(
    ("language", "kept", "shown", "read"),
    [
        ("en", "405000000000", "405000000000 (= 4.05 × 10^11)", "405000000000 (= 4.05 × 10¹¹)"),
        (
            "de",
            "405000000000",
            "405.000.000.000 (= 4,05 × 10^11)",
            "405.000.000.000 (= 4,05 × 10¹¹)",
        ),
        (
            "fr",
            "405000000000",
            "405\u202f000\u202f000\u202f000 (= 4,05 × 10^11)",
            "405\u202f000\u202f000\u202f000 (= 4,05 × 10¹¹)",
        ),
        ("de", "3.2e24", "3,2e24 (= 3,2 × 10^24)", "3,2e24 (= 3,2 × 10²⁴)"),
        ("de", "405B", "405B (= 4,05 × 10^11)", "405B (= 4,05 × 10¹¹)"),
    ],
)
def test_a_figure_kept_in_the_contracts_notation_reads_in_the_pages(language, kept, shown, read):
    """A German "405 Mrd." or "3,2e24" is kept as 405000000000 or 3.2e24 (so an English page
    reads it the same); the answers (review page, signed texts) and the report write it in
    the page's notation again. Anything else typed stays as typed."""
    from decimal import Decimal

    from django.utils import translation

    from questionnaire.presentation import entered_and_read
    from questionnaire.wizard.answers import display_answer
    from questionnaire.wizard.fields import QuantityField

    value = Decimal("4.05e11") if kept != "3.2e24" else Decimal("3.2e24")
    with translation.override(language):
        assert display_answer(QuantityField(), kept, value) == shown
    assert entered_and_read(kept, language) == read


@pytest.mark.parametrize(
    ("typed", "german"),
    [
        ("-0.5", "-0,5"),  # the sign kept below 1
        ("007", "007"),  # digits as typed
        ("1E+25", "1E+25"),
        ("3.2E24", "3,2E24"),
        ("+5.5", "+5,5"),
        (".5", ",5"),
        ("1" + "0" * 4999, "1" + "0" * 4999),  # a long run as typed, and no error
    ],
)
def test_a_figure_in_the_pages_notation_changes_its_separators_only(typed, german):
    from questionnaire.presentation import typed_in

    assert typed_in(typed, "de") == german
    assert typed_in(typed, "en") == typed
