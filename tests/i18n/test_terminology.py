"""The Act's official terms (docs/terminology.md) in the translations: the table parses, no
wrong variant is used, and a defined term of the English has its official term in German
and French, in the catalogues and in the in-code catalogue of questionnaire.scoring.texts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from questionnaire.i18n import terminology
from questionnaire.i18n.terminology import catalogue_problems, parse_wrong_variants, terms

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "terminology.md"
# The keys of the spec's table (shared/spec/terminology.md), written out so that the test
# holds where the spec's folder is not beside the project.
SPEC_KEYS = {
    "provider", "deployer", "authorised_representative", "placing_on_market",
    "making_available", "putting_into_service", "ai_office", "serious_incident", "gpai_model",
    "high_impact_capabilities", "systemic_risk", "gpai_model_systemic_risk", "gpai_system",
    "flop", "downstream_provider", "commission", "technical_documentation",
    "downstream_information", "open_source_licence", "training_content_summary",
    "copyright_policy", "rights_reservation", "notification", "designation",
    "code_of_practice", "model_evaluation", "adversarial_testing", "cybersecurity_protection",
    "cumulative_training_compute", "benchmarks_indicators", "fines", "research_exclusion",
    "registered_business_users",
}  # fmt: skip


def test_the_table_has_every_key_of_the_spec() -> None:
    table = terms()
    assert SPEC_KEYS <= set(table)
    if SPEC.exists():  # the spec itself, where it is at hand
        assert {term.key for term in terminology.parse_table(SPEC.read_text())} <= set(table)


def test_the_rows_read_right() -> None:
    table = terms()
    gpai = table["gpai_model"]
    assert (gpai.english, gpai.german, gpai.french) == (
        "general-purpose AI model",
        "KI-Modell mit allgemeinem Verwendungszweck",
        "modèle d'IA à usage général",
    )
    assert gpai.act == "3(63)"
    assert gpai.wrong == {
        "de": (
            "Mehrzweck-KI-Modell",
            "Allzweck-KI",
            "KI-Allzweckmodell",
            "KI-Modell für allgemeine Zwecke",
        ),
        "fr": ("MIA à usage général",),
    }
    assert table["ai_office"].wrong["de"] == (
        "KI-Büro",
        "AI-Büro",
        "Amt für künstliche Intelligenz",
    )
    assert table["notification"].wrong == {"de": ("Anmeldung", "Meldung")}
    assert table["making_available"].wrong == {} and table["making_available"].contextual == {}
    assert table["commission"].wrong == {}
    assert table["gpai_model_systemic_risk"].wrong == {
        "de": ("mit Systemrisiko",),
        "fr": ("modèle à risque systémique",),
    }
    assert table["fines"].wrong == {"de": ("Bußgelder", "Geldstrafen")}
    assert table["fines"].contextual == {"fr": ("sanctions",)}
    assert table["code_of_practice"].contextual == {"de": ("Verhaltenskodex",)}
    assert table["designation"].contextual == {"de": ("Einstufung",), "fr": ("classification",)}
    assert table["rights_reservation"].contextual == {"de": ("Opt-out",), "fr": ("Opt-out",)}
    assert table["registered_business_users"].wrong == {}


def test_every_stem_and_english_pattern_names_a_row() -> None:
    keys = set(terms())
    assert set(terminology.STEMS) <= keys
    assert set(terminology.ENGLISH) == set(terminology.STEMS)
    # Each row's official term matches its own stems.
    for key, stems in terminology.STEMS.items():
        term = terms()[key]
        for language, patterns in stems.items():
            # "code(s) de bonne pratique": the singular, as the official text has it.
            official = re.sub(r"\(\w+\)", "", term.official(language).replace("’", "'"))
            for pattern in patterns:
                assert re.search(pattern, official, re.IGNORECASE), (key, language, pattern)


def test_the_variants_cell_reads_a_dash_as_none() -> None:
    assert parse_wrong_variants("–") == ({}, {})
    assert parse_wrong_variants("– (AI Office references = the Commission, 3(47))") == ({}, {})


# ------------------------------------------------------------------ the checker itself


def test_a_wrong_german_term_is_flagged() -> None:
    problems = catalogue_problems(
        [("Is it a general-purpose AI model?", "Ist es ein Allzweck-KI-Modell?")], "de"
    )
    assert any("Allzweck-KI" in problem for problem in problems)
    assert any("lacks the official term" in problem for problem in problems)


def test_the_official_german_term_passes() -> None:
    assert (
        catalogue_problems(
            [
                (
                    "Is it a general-purpose AI model?",
                    "Ist es ein KI-Modell mit allgemeinem Verwendungszweck?",
                ),
                (
                    "Providers of general-purpose AI models with systemic risk",
                    "Anbieter von KI-Modellen mit allgemeinem Verwendungszweck mit systemischem Risiko",
                ),
            ],
            "de",
        )
        == []
    )


def test_a_wrong_variant_is_flagged_whatever_the_english() -> None:
    assert catalogue_problems([("Send it", "Senden Sie die Meldung")], "de")
    assert catalogue_problems([("Users", "Les utilisateurs")], "fr")
    # Inside another word it is no variant: Benutzername is not Nutzer.
    assert catalogue_problems([("Username", "Benutzername")], "de") == []


def test_a_variant_inside_an_official_term_is_not_flagged() -> None:
    assert (
        catalogue_problems([("registered business users", "registrierte gewerbliche Nutzer")], "de")
        == []
    )


def test_a_missing_official_term_is_flagged() -> None:
    assert catalogue_problems([("the provider", "le fabricant")], "fr")
    assert catalogue_problems([("the provider", "le fournisseur")], "fr") == []
    assert catalogue_problems(
        [("before placing it on the market", "avant sa commercialisation")], "fr"
    )
    assert (
        catalogue_problems(
            [("before placing it on the market", "bevor es in Verkehr gebracht wird")], "de"
        )
        == []
    )
    assert catalogue_problems([("the notification", "die Meldung")], "de")
    assert catalogue_problems([("the notification", "die Mitteilung")], "de") == []
    assert catalogue_problems([("a code of practice", "ein Verhaltenskodex")], "de")
    assert catalogue_problems([("a code of practice", "ein Praxisleitfaden")], "de") == []


def test_a_contextual_variant_is_flagged_only_in_its_sense() -> None:
    # "sanctions" is right for Art. 99 penalties, wrong for the fines of Art. 101.
    assert catalogue_problems([("Penalties", "Sanctions")], "fr") == []
    assert any(
        "'sanctions'" in problem for problem in catalogue_problems([("Fines", "Sanctions")], "fr")
    )


# ------------------------------------------------------------------ the catalogues


def po_pairs(language: str) -> Iterator[tuple[str, str]]:
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            for index, text in sorted(entry.msgstr_plural.items()):
                yield (entry.msgid if index == 0 else entry.msgid_plural), text
        else:
            yield entry.msgid, entry.msgstr


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_catalogue_uses_the_official_terms(language: str) -> None:
    pairs = list(po_pairs(language))
    assert pairs, f"no translated entry in the {language} catalogue"
    assert catalogue_problems(pairs, language) == []


def test_the_catalogue_speaks_of_defined_terms() -> None:
    """The check above is not empty: the catalogues do use defined terms."""
    english = " ".join(msgid for msgid, _ in po_pairs("de"))
    assert "general-purpose AI model" in english
    assert "systemic risk" in english
    assert "placed on the" in english


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_in_code_catalogue_uses_the_official_terms(language: str) -> None:
    """questionnaire.scoring.texts.CATALOGUES (language -> id -> text): its German and French
    texts, paired by id with the English ones. Fails while CATALOGUES does not exist."""
    from questionnaire.scoring.texts import CATALOGUES  # type: ignore[attr-defined,unused-ignore]

    english = CATALOGUES["en"]
    translated = CATALOGUES[language]
    assert translated, f"CATALOGUES[{language!r}] is empty"
    pairs = [(english.get(key, ""), text) for key, text in translated.items()]
    assert catalogue_problems(pairs, language) == []
