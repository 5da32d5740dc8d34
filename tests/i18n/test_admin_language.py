"""The admin in German and French (issue 15): the help texts of the models, and the words of
the question admin (its labels, help texts, fieldsets, filters, messages, the revision diff and
its errors) follow the admin's language. English pages are unchanged (tests/web)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from questionnaire.admin import QuestionWordingForm, readable_wording
from questionnaire.models import Organisation, Question, QuestionTranslation

pytestmark = pytest.mark.django_db


def text_of(page: str) -> str:
    """The page's text, tags removed and entities decoded, spaces collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(without_tags)).strip()


def in_language(client: Client, language: str) -> Client:
    client.cookies["django_language"] = language
    return client


def page_text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return text_of(response.content.decode())


ENGLISH_OF_THE_QUESTION_PAGE = (
    "Wording in German",
    "Wording in French",
    "Label (German)",
    "Help text (French)",
    "Empty: the wizard shows the English label on",
    "Write a figure or date of the law as a placeholder",
    "Figures and dates of the law are written as placeholders",
    "the training compute of the GPAI indicative criterion",
    "As the wizard shows it",
    "Choice labels",
    "The words shown for each answer",
    "Wording history, each language's own",
    "Label: ",
    "Help text: ",
    "wording of this question is missing",
)


def test_the_question_change_page_in_german(staff_client):
    question = Question.objects.get(key="role")
    QuestionTranslation.objects.filter(question=question, language="fr").delete()
    url = f"/admin/questionnaire/question/{question.pk}/change/"
    page = page_text(in_language(staff_client, "de"), url)

    # Fieldsets and the inputs of each language.
    assert "Wortlaut auf Deutsch" in page
    assert "Wortlaut auf Französisch" in page
    assert "Bezeichnung (Deutsch)" in page and "Hilfetext (Französisch)" in page
    assert "Leer: Der Fragebogen zeigt auf Seiten in Deutsch die englische Bezeichnung." in page
    assert "Bezeichnungen der Antwortmöglichkeiten" in page
    assert "Die Antwortwerte selbst sind fest" in page
    # The placeholders, with what each stands for.
    assert "Schreiben Sie eine Zahl oder ein Datum aus dem Gesetz als Platzhalter" in page
    assert "Zahlen und Daten aus dem Gesetz werden als Platzhalter geschrieben" in page
    assert "die Trainingsrechenleistung des indikativen GPAI-Kriteriums, in FLOP" in page
    assert "(derzeit „" in page
    # Each choice's help text and the wording as the wizard shows it.
    assert "Wird für den festen Antwortwert „developer“ gezeigt" in page
    assert "Wie der Fragebogen sie auf Französisch zeigt" in page
    assert "Bezeichnung: In welcher Rolle stehen Sie zu diesem Modell?" in page
    assert "Antwortmöglichkeit „developer“: " in page
    # The revision history and the warning of the missing French words.
    assert "Verlauf des Wortlauts, für jede Sprache eigens (neueste zuerst)" in page
    assert (
        "Der Wortlaut dieser Frage auf Französisch fehlt ganz oder teilweise: Auf Seiten in "
        "Französisch zeigt der Fragebogen an seiner Stelle den englischen Wortlaut." in page
    )
    for english in ENGLISH_OF_THE_QUESTION_PAGE:
        assert english not in page, english


def test_the_question_change_page_in_french(staff_client):
    question = Question.objects.get(key="role")
    url = f"/admin/questionnaire/question/{question.pk}/change/"
    page = page_text(in_language(staff_client, "fr"), url)
    assert "Formulation en allemand" in page and "Formulation en français" in page
    assert "Libellé (allemand)" in page
    assert "Vide : le questionnaire affiche le texte d'aide anglais sur les pages en français." in (
        page
    )
    assert "Écrivez un chiffre ou une date du texte juridique sous forme d'espace réservé" in page
    assert "Telle que le questionnaire l'affiche en allemand" in page
    for english in ENGLISH_OF_THE_QUESTION_PAGE:
        assert english not in page, english


def test_the_question_changelist_in_german(staff_client):
    question = Question.objects.get(key="placement")
    QuestionTranslation.objects.filter(question=question, language="de").delete()
    client = in_language(staff_client, "de")
    page = page_text(client, "/admin/questionnaire/question/")
    assert "fehlende Übersetzung" in page  # the filter's title
    assert "Fehlt auf Deutsch" in page and "Fehlt auf Französisch" in page
    assert "Fehlt auf Deutsch oder Französisch" in page
    assert "Fehlende Sprachen" in page  # the column
    for english in ("missing translation", "Missing in German", "Missing in French"):
        assert english not in page, english

    listing = page_text(client, "/admin/questionnaire/question/?missing=de")
    assert "Fehlende Sprachen" in listing
    assert re.search(r"\bDeutsch\b", listing.split("Fehlende Sprachen", 1)[1])


def test_the_question_changelist_lists_the_labels_in_the_admins_language(staff_client):
    """Each question by its label as the wizard shows it on the admin's pages: the German
    one, or the English one where German is missing (the "Missing in" column says so)."""
    placement = Question.objects.get(key="placement")
    QuestionTranslation.objects.filter(question=placement, language="de").delete()
    model_name = Question.objects.get(key="model_name")
    german = model_name.translations.get(language="de").label
    page = page_text(in_language(staff_client, "de"), "/admin/questionnaire/question/")
    assert german in page
    assert model_name.label not in page  # "What is the model called?"
    assert placement.label in page
    english = page_text(in_language(staff_client, "en"), "/admin/questionnaire/question/")
    assert model_name.label in english and german not in english
    # Found by the words shown.
    found = page_text(
        in_language(staff_client, "de"),
        f"/admin/questionnaire/question/?{urlencode({'q': german})}",
    )
    assert "model_name" in found and "placed_on" not in found


def test_a_question_is_named_by_its_label_in_the_admins_language(staff_client):
    question = Question.objects.get(key="model_name")
    german = question.translations.get(language="de").label
    client = in_language(staff_client, "de")
    for url in (
        f"/admin/questionnaire/question/{question.pk}/change/",
        f"/admin/questionnaire/question/{question.pk}/history/",
    ):
        page = page_text(client, url)
        assert f"model_name: {german}" in page
        # Its name, not its English wording (which the change page shows to edit).
        assert f"model_name: {question.label}" not in page
    english = page_text(
        in_language(staff_client, "en"), f"/admin/questionnaire/question/{question.pk}/change/"
    )
    assert f"model_name: {question.label}" in english


def test_the_question_changelist_names_the_steps_as_the_wizard_does(staff_client):
    page = page_text(in_language(staff_client, "de"), "/admin/questionnaire/question/")
    assert "Trainingsrechenleistung" in page  # the compute step, in the column and the filter
    assert not re.search(r"\bcapabilities\b", page)
    listing = page_text(
        in_language(staff_client, "de"), "/admin/questionnaire/question/?step=compute"
    )
    assert "compute.method" in listing and "model_name" not in listing
    english = page_text(in_language(staff_client, "en"), "/admin/questionnaire/question/")
    assert "Training compute" in english


def test_the_model_help_texts_in_german(staff_client):
    organisation = Organisation.objects.create(slug="beispiel", name="Beispiel")
    url = f"/admin/questionnaire/organisation/{organisation.pk}/change/"
    page = page_text(in_language(staff_client, "de"), url)
    assert "Die Person, die die Antworten einer Bewertung vorbereitet hat, darf sie nie" in page
    assert "Eine Bewertung wird von einer anderen prüfenden Person" in page
    assert "The person who prepared an assessment's answers may never attest them." not in page
    assert "An assessment is approved by a reviewer other than" not in page


def test_the_english_admin_is_unchanged(staff_client):
    question = Question.objects.get(key="role")
    url = f"/admin/questionnaire/question/{question.pk}/change/"
    page = page_text(in_language(staff_client, "en"), url)
    assert "Wording in German" in page and "Label (French)" in page
    assert "Empty: the wizard shows the English help text on German pages." in page
    assert "the training compute of the GPAI indicative criterion, in FLOP" in page
    organisation = Organisation.objects.create(slug="example", name="Example")
    page = page_text(staff_client, f"/admin/questionnaire/organisation/{organisation.pk}/change/")
    assert "The person who prepared an assessment's answers may never attest them." in page


def test_a_wrong_placeholder_is_refused_in_the_admins_language():
    question = Question.objects.get(key="model_name")
    data = {"label": "Name {gpai}", "help_text": "", "de__label": "Name {a} {b}"}
    with translation.override("de"):
        form = QuestionWordingForm(data=data, instance=question)
        assert not form.is_valid()
        label_error = str(form.errors["label"][0])
        german_error = str(form.errors["de__label"][0])
    assert label_error.startswith("Die Bezeichnung verwendet {gpai}; das ist kein Platzhalter.")
    assert "Die Platzhalter sind: {gpai_threshold}" in label_error
    assert german_error.startswith(
        "Die Bezeichnung auf Deutsch verwendet {a}, {b}; das sind keine Platzhalter."
    )
    with translation.override("fr"):
        form = QuestionWordingForm(data=data, instance=question)
        assert not form.is_valid()
        assert str(form.errors["label"][0]).startswith(
            "Le libellé utilise {gpai}, qui n'est pas un espace réservé."
        )
    form = QuestionWordingForm(data=data, instance=question)
    assert not form.is_valid()
    assert str(form.errors["label"][0]).startswith(
        "The label uses {gpai}, which is not a placeholder."
    )


def test_the_revision_diff_in_french():
    before = {"label": "Old", "help_text": "Same", "choice_labels": {"yes": "Yes"}}
    after = {"label": "New", "help_text": "Same", "choice_labels": {"yes": "Oui"}}
    with translation.override("fr"):
        assert readable_wording(after, before) == "Libellé : New\nChoix « yes » : Oui"
        assert readable_wording(after, after) == "(aucune modification)"
    assert readable_wording(after, before) == "Label: New\nChoice “yes”: Oui"


def test_the_second_factor_apps_and_devices_are_named_in_the_admins_language():
    from django.test import Client

    admin = get_user_model().objects.create_superuser("otp-root", "o@example.com", "pw")
    client = Client()
    client.force_login(admin)
    client.cookies["django_language"] = "de"
    page = client.get("/admin/").content.decode()
    assert "Zwei-Faktor-Authentifizierung: Authenticator-Apps" in page
    assert "Authenticator-Apps (TOTP-Geräte)" in page
    assert "Sätze Wiederherstellungscodes" in page
    assert "Otp_Totp" not in page
    assert "TOTP devices" not in page
