"""A whole journey in German and in French (issue 15): an attester of acme opens the sign-in
page, switches the language with the header's switcher (no JavaScript needed), signs in
through the form, answers every wizard step by its German or French labels for a frontier
developer above 10^25 FLOP placed on the market (a GPAI model with systemic risk, the compute
typed in local notation), finishes, attests and signs on the result page, and downloads the
signed PDF report, whose text is in that language.

Every page of the journey is read for English (``english_left``: names and citations
allowed); the findings of all pages are collected and asserted at the end, so one run shows
them all. A wizard step, the result page and the record page are also checked with axe-core
and for reflow. Screenshots go to tests/browser/artifacts/languages/."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from questionnaire.models import Assessment, AssessmentRecord
from tests.browser.a11y import check_page
from tests.browser.english import english_in, english_left
from tests.browser.pages import Wizard, follow, go, starts_with, submit
from tests.browser.support import ARTIFACTS
from tests.people import PASSWORD

pytestmark = [pytest.mark.real_pdf, pytest.mark.usefixtures("signing_keys")]

SHOTS = ARTIFACTS / "languages"
ORGANISATION = "Acme AI"
PERSON = "Alice Example"
USERNAME = "alice"


@dataclass(frozen=True)
class Language:
    """What a person reads and presses in one language (the catalogues' and migration
    0018's wording, written out so that a missing translation fails here)."""

    code: str
    model: str
    function: str
    words: dict[str, str] = field(default_factory=dict)
    months: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    """English technical terms the language itself uses (allowed on its pages)."""


GERMAN = Language(
    code="de",
    model="Frontier-DE",
    function="Leiterin der Rechtsabteilung",
    # German writes the architecture "Mixture-of-Experts" in English (the compute step's
    # "Mixture-of-Experts-Modellen", migration 0018): a loanword, not an untranslated text.
    terms=("Mixture-of-Experts",),
    months=tuple(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
    ),
    words={
        "Sign in": "Anmelden",
        "Username": "Benutzername",
        "Password": "Passwort",
        "Your assessments": "Ihre Bewertungen",
        "Main": "Hauptnavigation",
        "New assessment": "Neue Bewertung",
        "Start the questionnaire": "Fragebogen beginnen",
        "Save and continue": "Speichern und weiter",
        "Finish and see the result": "Abschließen und Ergebnis ansehen",
        "model": "Das Modell und Ihre Rolle",
        "market": "Inverkehrbringen",
        "capabilities": "Fähigkeiten",
        "compute": "Trainingsrechenleistung",
        "release": "Veröffentlichung und Lizenz",
        "reach": "Reichweite, Benennung und Mitteilung",
        "review": "Überprüfung",
        # questions (migration 0018) and the start of the chosen answers
        "model_name": "Wie heißt das Modell?",
        "role": "In welcher Rolle stehen Sie zu diesem Modell?",
        "developer": "Entwickler",
        "placement": "Wo steht das Modell in Bezug auf den Unionsmarkt?",
        "placed": "Auf dem Unionsmarkt in Verkehr gebracht",
        "placed_on": "Wann wurde oder wird das Modell erstmals auf dem Unionsmarkt",
        "established_in_eu": "Ist der Anbieter in der EU niedergelassen?",
        "yes": "Ja",
        "no": "Nein",
        "generates": "Was kann das Modell erzeugen?",
        "text": "Text",
        "generality": "Wie breit ist das Spektrum der Aufgaben",
        "wide": "Breit",
        "method": "Wie möchten Sie die Trainingsrechenleistung schätzen?",
        "direct": "Ich kenne die FLOP-Zahl",
        "flop": "Wie hoch war die Trainingsrechenleistung, in FLOP?",
        "check_method": "Möchten Sie die Schätzung mit einer zweiten Methode gegenprüfen?",
        "no_check": "Keine Gegenprüfung",
        "threshold_known_on": "Wann wussten Sie, dass die Rechenleistung",
        "released": "Wird das Modell unter einer freien und quelloffenen Lizenz veröffentlicht?",
        "high_impact": "Zeigen Ihre eigenen Evaluierungen Fähigkeiten",
        "designated": "Hat die Kommission das Modell als Modell mit systemischem Risiko benannt?",
        # result, attestation, record
        "systemic risk": "systemischem Risiko",
        "Attest and sign": "Bestätigen und signieren",
        "I confirm": "Ich bestätige",
        "Your name": "Ihr Name",
        "Your function": "Ihre Funktion",
        "Signed and intact.": "Signiert und unverändert.",
        "Download the signed PDF report": "Signierten PDF-Bericht herunterladen",
        "Language": "Sprache",
        "report heading": "Bewertungsnachweis",
        "Change language": "Sprache wechseln",
    },
)

FRENCH = Language(
    code="fr",
    model="Frontier-FR",
    function="Directrice juridique",
    months=tuple(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    ),
    words={
        "Sign in": "Se connecter",
        "Username": "Nom d’utilisateur",  # Django's own catalogue (the User model)
        "Password": "Mot de passe",
        "Your assessments": "Vos évaluations",
        "Main": "Navigation principale",
        "New assessment": "Nouvelle évaluation",
        "Start the questionnaire": "Commencer le questionnaire",
        "Save and continue": "Enregistrer et continuer",
        "Finish and see the result": "Terminer et voir le résultat",
        "model": "Le modèle et votre rôle",
        "market": "Mise sur le marché",
        "capabilities": "Capacités",
        "compute": "Puissance de calcul d'entraînement",
        "release": "Publication et licence",
        "reach": "Portée, désignation et notification",
        "review": "Vérification",
        "model_name": "Comment s'appelle le modèle ?",
        "role": "Quel est votre rôle à l'égard de ce modèle ?",
        "developer": "Développeur",
        "placement": "Où en est le modèle sur le marché de l'Union ?",
        "placed": "Mis sur le marché de l'Union",
        "placed_on": "Quand le modèle a-t-il été, ou sera-t-il, mis sur le marché",
        "established_in_eu": "Le fournisseur est-il établi dans l'UE ?",
        "yes": "Oui",
        "no": "Non",
        "generates": "Que peut générer le modèle ?",
        "text": "Texte",
        "generality": "Quelle est l'étendue des tâches",
        "wide": "Large",
        "method": "Comment voulez-vous estimer la puissance de calcul d'entraînement ?",
        "architecture": "À partir des paramètres",
        "parameters": "Combien de paramètres le modèle a-t-il ?",
        "training_tokens": "Sur combien de données le modèle a-t-il été entraîné",
        "check_method": "Voulez-vous vérifier l'estimation par une seconde méthode ?",
        "no_check": "Pas de vérification croisée",
        "threshold_known_on": "Quand avez-vous su que le calcul dépasserait",
        "released": "Le modèle est-il publié sous licence libre et ouverte ?",
        "high_impact": "Vos propres évaluations montrent-elles des capacités",
        "designated": "La Commission a-t-elle désigné le modèle",
        "systemic risk": "risque systémique",
        "Attest and sign": "Attester et signer",
        "I confirm": "Je confirme",
        "Your name": "Votre nom",
        "Your function": "Votre fonction",
        "Signed and intact.": "Signé et intact.",
        "Download the signed PDF report": "Télécharger le rapport PDF signé",
        "Language": "Langue",
        "report heading": "Dossier d'évaluation",
        "Change language": "Changer de langue",
    },
)

# A FLOP figure in local notation on a page: a decimal comma before the power of ten.
LOCAL_FLOP = re.compile(r"\d,\d+\s*×\s*10")


class Journey:
    """The pages of one journey and the English found on each."""

    def __init__(self, page: Page, language: Language) -> None:
        self.page = page
        self.language = language
        self.english: dict[str, list[str]] = {}
        self.allowed = [
            language.model,
            ORGANISATION,
            PERSON,
            USERNAME,
            language.function,
            *language.terms,
        ]

    def t(self, key: str) -> str:
        return self.language.words[key]

    def read(self, where: str) -> None:
        """Collect the English a person would read on the page as it stands."""
        expect(self.page.locator("html")).to_have_attribute("lang", self.language.code)
        found = english_left(self.page, allowed=self.allowed)
        if found:
            self.english[where] = found

    def press(self, name: str) -> None:
        submit(self.page, lambda: self.page.get_by_role("button", name=name, exact=True).click())

    def step(self, key: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(self.t(key))

    def assert_no_english(self) -> None:
        lines = [
            f"  {where}:\n" + "\n".join(f"    {line}" for line in found)
            for where, found in self.english.items()
        ]
        assert not self.english, (
            f"English on the {self.language.code} journey's pages:\n" + "\n".join(lines)
        )


def pdf_first_page_png(pdf: Path, stem: Path) -> Path:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


@pytest.mark.parametrize("language", [GERMAN, FRENCH], ids=["de", "fr"])
def test_a_whole_journey_in_another_language_is_attested_and_downloaded_without_english(
    page, owner, tmp_path: Path, language: Language
):
    journey = Journey(page, language)
    t = journey.t
    wizard = Wizard(page)
    SHOTS.mkdir(parents=True, exist_ok=True)

    # Sign-in page in English; the header's switcher (a form: no JavaScript) changes it.
    go(page, "/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Language").select_option(language.code)
    journey.press("Change language")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Sign in"))
    journey.read("sign-in page")
    page.get_by_label(t("Username")).fill(USERNAME)
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    journey.press(t("Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your assessments"))
    journey.read("dashboard")

    main_nav = page.get_by_role("navigation", name=t("Main"))
    follow(page, main_nav.get_by_role("link", name=t("New assessment")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("New assessment"))
    journey.read("new assessment")
    journey.press(t("Start the questionnaire"))

    journey.step("model")
    journey.read("wizard: model step")
    wizard.fill(t("model_name"), language.model)
    wizard.choose(t("role"), t("developer"))
    journey.press(t("Save and continue"))

    journey.step("market")
    journey.read("wizard: market step")
    check_page(page, f"market step ({language.code})")
    wizard.choose(t("placement"), t("placed"))
    wizard.fill(t("placed_on"), "2026-03-01")
    wizard.choose(t("established_in_eu"), t("yes"))
    journey.press(t("Save and continue"))

    journey.step("capabilities")
    journey.read("wizard: capabilities step")
    wizard.tick(t("generates"), t("text"))
    wizard.choose(t("generality"), t("wide"))
    journey.press(t("Save and continue"))

    journey.step("compute")
    journey.read("wizard: compute step")
    if language.code == "de":
        wizard.choose(t("method"), t("direct"))
        wizard.fill(t("flop"), "3,2e25")  # a decimal comma
    else:
        wizard.choose(t("method"), t("architecture"))
        wizard.fill(t("parameters"), "405B")
        wizard.fill(t("training_tokens"), "15,6T")  # a decimal comma
    wizard.choose(t("check_method"), t("no_check"))
    wizard.fill(t("threshold_known_on"), "2025-11-03")
    # wizard.js reads the figures in the page's notation and answers in its language.
    echoes = journey.page.locator("output.field__echo")
    estimate = journey.page.locator("[data-running-estimate]")
    if language.code == "de":
        expect(echoes.filter(has_text="= 3,2 × 10^25")).to_have_count(1)
        expect(estimate).to_have_text("Laufende Schätzung: 3,2 × 10^25 FLOP")
    else:
        expect(echoes.filter(has_text="= 1,56 × 10^13")).to_have_count(1)
        expect(estimate).to_have_text("Estimation en cours : 3,8 × 10^25 FLOP")
    journey.read("wizard: compute step, figures typed")
    journey.press(t("Save and continue"))

    journey.step("release")
    journey.read("wizard: release step")
    wizard.choose(t("released"), t("no"))
    journey.press(t("Save and continue"))

    journey.step("reach")
    journey.read("wizard: reach step")
    wizard.choose(t("high_impact"), t("no"))
    wizard.choose(t("designated"), t("no"))
    journey.press(t("Save and continue"))

    journey.step("review")
    journey.read("wizard: review")
    journey.press(t("Finish and see the result"))

    # The result page, in the language: systemic risk, a figure with a decimal comma.
    expect(page.get_by_role("heading", level=1)).to_have_text(language.model)
    assessment = Assessment.objects.get(model_name=language.model)
    assert assessment.result["classification"] == "gpai_systemic_risk"
    main = page.get_by_role("main")
    expect(main).to_contain_text(t("systemic risk"))
    expect(main).to_contain_text(LOCAL_FLOP)
    journey.read("result page")
    check_page(page, f"result page ({language.code})")
    if language.code == "de":
        page.screenshot(path=str(SHOTS / "de-result-page.png"), full_page=True)

    section = page.get_by_role("region", name=t("Attest and sign"))
    section.get_by_label(starts_with(t("I confirm"))).check()
    section.get_by_label(t("Your name")).fill(PERSON)
    section.get_by_label(t("Your function")).fill(language.function)
    submit(page, lambda: section.get_by_role("button", name=t("Attest and sign")).click())

    # The record page.
    expect(page.get_by_role("heading", level=1)).to_have_text(language.model)
    expect(page.get_by_role("status").filter(has_text=t("Signed and intact."))).to_be_visible()
    record = AssessmentRecord.objects.get()
    assert json.loads(bytes(record.payload))["language"] == language.code
    journey.read("record page")
    check_page(page, f"record page ({language.code})")
    if language.code == "fr":
        page.screenshot(path=str(SHOTS / "fr-record-page.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=t("Download the signed PDF report")).click()
    pdf = tmp_path / f"report-{language.code}.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(pdf).pages))
    (SHOTS / f"{language.code}-report.txt").write_text(text, encoding="utf-8")
    pdf_first_page_png(pdf, SHOTS / f"{language.code}-report-page-1")
    assert t("report heading").casefold() in text.casefold(), f"no heading: {text[:300]}"
    assert t("systemic risk") in text, "the PDF does not name the systemic risk in the language"
    months = "|".join(language.months)
    date = r"\d{1,2}\. (?:%s) \d{4}" if language.code == "de" else r"\d{1,2} (?:%s) \d{4}"
    assert re.search(date % months, text), f"no {language.code} date in the PDF: {text[:600]}"
    assert LOCAL_FLOP.search(text), "no FLOP figure with a decimal comma in the PDF"
    english_figures = re.findall(r"\d\.\d+\s*×\s*10\S*", text)
    assert not english_figures, f"figures with a decimal point in the PDF: {english_figures}"
    assert str(record.public_id) in text
    # The report's text is read for English too, a sentence a line.
    found = english_in(re.sub(r"([.;:]) ", "\\1\n", text), allowed=journey.allowed)
    if found:
        journey.english["PDF report"] = found

    journey.assert_no_english()
