"""Results in the reader's language (issue 15): every sentence, obligation title and flag
explanation renders from its id in German and French, with the words of the official
language versions of the AI Act (shared/spec/terminology.md), citations unchanged, figures
and dates in local notation; the English text of the documents stays as it was."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from questionnaire.presentation import FLAG_EXPLANATIONS, FLAG_LABELS
from questionnaire.scoring import assess
from questionnaire.scoring.numbers import (
    format_flop_local,
    format_human,
    format_human_local,
    localise_number,
)
from questionnaire.scoring.texts import (
    CATALOGUES,
    TEXTS,
    UNMET_BY_LANGUAGE,
    UNMET_CONDITIONS,
    _parsed,
    flag_label,
    flag_text,
    format_count,
    format_date,
    format_percent,
    obligation_title,
    render,
)
from questionnaire.scoring.texts import (
    FLAG_EXPLANATIONS as LOCAL_FLAG_EXPLANATIONS,
)
from questionnaire.scoring.texts import (
    FLAG_LABELS as LOCAL_FLAG_LABELS,
)
from questionnaire.scoring.texts import (
    OBLIGATION_TITLES as LOCAL_OBLIGATION_TITLES,
)
from questionnaire.scoring.texts import (
    PARAM_WORDS as LOCAL_PARAM_WORDS,
)
from questionnaire.scoring.vocabulary import Flag
from tests.scoring.strategies import answers

LOCAL = ("de", "fr")
RULESETS = Path(__file__).resolve().parents[2] / "questionnaire" / "scoring" / "rulesets"
PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")
CITATION = re.compile(
    r"Art\. \d+(?:\(\w+\))*(?:/\d+)?|Recital \d+|Guidelines §[\d.]*\d|Annex [IVXL]+\b"
    r"|Regulation \(EU\) \d{4}/\d+"
)
DAY = "2026-11-29"

BARE = {
    "method": "hardware",
    "description": "1,000 × H100 (9.9 × 10^14 FLOP/s peak) × 2,000 h × 3,600 s × 0.4 utilisation",
    "relation": "greater than",
    "fraction": "one third",
    "original": "does not have",
}
LISTS = {"outputs": ["text", "image"], "chapters": ["Transparency", "Copyright"]}


def _placeholders(template: str) -> list[tuple[str, str]]:
    return sorted(PLACEHOLDER.findall(template))


def _sample(name: str, kind: str) -> Any:
    if kind == "flop":
        return "2.5e25"
    if kind == "human":
        return "12000"
    if kind == "percent":
        return "0.25"
    if kind == "count":
        return 10000
    if kind == "list":
        return LISTS.get(name, ["alpha", "beta"])
    if kind == "unmet":
        return ["weights_public", "monetised"]
    return BARE.get(name, DAY)


def _params(text_id: str) -> dict[str, Any]:
    return {name: _sample(name, kind) for name, kind in PLACEHOLDER.findall(TEXTS[text_id])}


def _all_local_words(language: str) -> Iterator[tuple[str, str]]:
    """Every text of a language, with where it comes from."""
    yield from CATALOGUES[language].items()
    for name, text in UNMET_BY_LANGUAGE[language].items():
        yield f"unmet {name}", text
    for name, text in LOCAL_OBLIGATION_TITLES[language].items():
        yield f"title {name}", text
    for name, text in LOCAL_FLAG_LABELS[language].items():
        yield f"flag label {name}", text
    for name, text in LOCAL_FLAG_EXPLANATIONS[language].items():
        yield f"flag {name}", text
    for param, words in LOCAL_PARAM_WORDS[language].items():
        for value, text in words.items():
            yield f"param {param}={value}", text


def _pairs(language: str) -> Iterator[tuple[str, str, str]]:
    """(where, English, translation) of every translated text."""
    local = CATALOGUES[language]
    for text_id, english in TEXTS.items():
        yield text_id, english, local[text_id]
    for name, english in UNMET_CONDITIONS.items():
        yield f"unmet {name}", english, UNMET_BY_LANGUAGE[language][name]
    for name, english in FLAG_EXPLANATIONS.items():
        yield f"flag {name}", english, LOCAL_FLAG_EXPLANATIONS[language][name]
    for obligation, english in _english_titles().items():
        yield f"title {obligation}", english, LOCAL_OBLIGATION_TITLES[language][obligation]


def _english_titles() -> dict[str, str]:
    titles: dict[str, str] = {}
    for path in sorted(RULESETS.glob("*.json")):
        for obligation, entry in json.loads(path.read_text("utf-8"))["obligations"].items():
            titles.setdefault(obligation, entry["title"])
    return titles


# ---------------------------------------------------------------------- completeness


def test_the_english_catalogue_is_the_texts_themselves():
    assert CATALOGUES["en"] is TEXTS


@pytest.mark.parametrize("language", LOCAL)
def test_every_id_has_a_translation_and_no_other(language):
    assert set(CATALOGUES[language]) == set(TEXTS)
    assert all(text.strip() for text in CATALOGUES[language].values())
    assert set(UNMET_BY_LANGUAGE[language]) == set(UNMET_CONDITIONS)


@pytest.mark.parametrize("language", LOCAL)
@pytest.mark.parametrize("text_id", sorted(TEXTS))
def test_a_translation_has_the_placeholders_of_the_english_template(language, text_id):
    assert _placeholders(CATALOGUES[language][text_id]) == _placeholders(TEXTS[text_id])


@pytest.mark.parametrize("language", LOCAL)
def test_every_citation_is_kept_as_in_english(language):
    missing = {
        where: sorted(set(CITATION.findall(english)) - set(CITATION.findall(local)))
        for where, english, local in _pairs(language)
    }
    assert {where: cites for where, cites in missing.items() if cites} == {}


@pytest.mark.parametrize("language", LOCAL)
def test_every_obligation_of_every_rule_set_has_a_title(language):
    titles = _english_titles()
    assert titles  # the rule sets were read
    for obligation, english in titles.items():
        local = obligation_title(obligation, language, english)
        assert local == LOCAL_OBLIGATION_TITLES[language][obligation]
        assert local != english


def test_english_obligation_titles_are_the_rule_sets():
    for obligation, english in _english_titles().items():
        assert obligation_title(obligation, "en", english) == english
        assert obligation_title(obligation, "es", english) == english


@pytest.mark.parametrize("language", LOCAL)
def test_every_flag_has_a_label_and_an_explanation_with_the_english_placeholders(language):
    for flag in Flag:
        english = FLAG_EXPLANATIONS[flag]
        local = flag_text(flag, language, english)
        assert local != english
        assert _placeholders(local) == _placeholders(english)
        label = flag_label(flag, language, FLAG_LABELS.get(flag, flag))
        assert label != FLAG_LABELS.get(flag, flag)
    assert set(LOCAL_FLAG_EXPLANATIONS[language]) == {flag.value for flag in Flag}
    assert _placeholders(LOCAL_FLAG_LABELS[language][Flag.LEGACY_MODEL]) == [("apply_from", "")]


def test_english_flag_texts_are_those_shown_today():
    for flag, english in FLAG_EXPLANATIONS.items():
        assert flag_text(flag, "en", english) == english
        assert flag_text(flag, "xx", english) == english
    for flag, english in FLAG_LABELS.items():
        assert flag_label(flag, "en", english) == english


# ---------------------------------------------------------------------- rendering


@pytest.mark.parametrize("language", LOCAL)
@pytest.mark.parametrize("text_id", sorted(TEXTS))
def test_every_id_renders_in_the_language(language, text_id):
    text = render(text_id, _params(text_id), language)
    assert "{" not in text and "}" not in text
    assert DAY not in text  # dates are written as the reader writes them
    for english in ("greater than", "one third", "does not have", "FLOP/s peak", "hardware"):
        assert english not in text
    assert "10^25" not in text or "2,5 × 10^25 FLOP" in text


@given(answers())
def test_every_item_of_a_result_renders_in_every_language(document):
    result = assess(document)
    for item in [*result["reasons"], *result["notes"], *result["open_question_items"]]:
        assert render(item["id"], item["params"]) == item["text"]
        assert render(item["id"], item["params"], "en") == item["text"]
        for language in LOCAL:
            text = render(item["id"], item["params"], language)
            assert text and "{" not in text


@pytest.mark.parametrize("language", LOCAL)
def test_a_flop_figure_has_a_decimal_comma(language):
    params = {"value": "2.5e25", "threshold": "1e25"}
    assert "2,5 × 10^25 FLOP" in render("systemic.presumed", params, language)
    assert "2.5" not in render("systemic.presumed", params, language)
    assert format_flop_local(Decimal("2.5e25"), language) == "2,5 × 10^25 FLOP"


def test_numbers_are_written_in_local_notation():
    assert format_human_local(Decimal("12000"), "de") == "12.000"
    assert format_human_local(Decimal("12000"), "fr") == "12\u202f000"
    assert format_human_local(Decimal("0.5"), "de") == "0,5"
    assert format_human_local(Decimal("3.21e24"), "fr") == "3,2 × 10^24"
    assert format_count(10000, "de") == "10.000"
    assert format_count(10000, "fr") == "10\u202f000"
    assert format_count(10000) == "10,000"
    assert format_percent("0.25", "de") == "25\u00a0%"
    assert format_percent("0.25", "fr") == "25\u00a0%"
    assert format_percent("0.025", "de") == "2,5\u00a0%"
    assert format_percent("0.25") == "25%"
    assert localise_number("3,600", "de") == "3.600"
    assert localise_number("3,600", "en") == "3,600"
    assert render("systemic.reach", {"users": "12000", "threshold": 10000}, "de").startswith(
        "Es wird 12.000 in der Union niedergelassenen registrierten gewerblichen Nutzern "
        "bereitgestellt, mindestens 10.000:"
    )
    assert "à plus de 30\u00a0%" not in render(
        "compute.methods_disagree",
        {"method": "hardware", "value": "3e24", "disagree_margin": "0.3", "estimate_margin": "0.3"},
        "fr",
    )
    assert "de plus de 30\u00a0%" in render(
        "compute.methods_disagree",
        {"method": "hardware", "value": "3e24", "disagree_margin": "0.3", "estimate_margin": "0.3"},
        "fr",
    )


def test_dates_are_written_as_the_reader_writes_them():
    day = date(2026, 11, 29)
    assert format_date(day) == "29 November 2026"
    assert format_date(day, "de") == "29. November 2026"
    assert format_date(day, "fr") == "29 novembre 2026"
    assert format_date(date(2027, 3, 1), "fr") == "1er mars 2027"
    assert format_date(date(2027, 3, 1), "de") == "1. März 2027"
    assert format_date(day, "xx") == "29 November 2026"
    params = {"known_on": "2026-11-15", "due": DAY}
    assert render("notification.due", params, "de").endswith("bis zum 29. November 2026.")
    assert render("notification.due", params, "fr").endswith("au plus tard le 29 novembre 2026.")
    assert render("notification.due", params) == (
        "It became known on 2026-11-15 that the threshold would be met: notify the Commission "
        "by 2026-11-29."
    )


def test_words_passed_as_params_and_lists_are_translated():
    assert render("open_source.not_met", {"unmet": ["weights_public", "monetised"]}, "de") == (
        "Die Ausnahme für Modelle unter einer freien und quelloffenen Lizenz gilt nicht: die "
        "Gewichte sind nicht öffentlich und das Modell wird monetarisiert."
    )
    assert render("open_source.not_met", {"unmet": ["weights_public", "monetised"]}, "fr") == (
        "L'exemption pour les modèles publiés sous licence libre et ouverte ne s'applique pas : "
        "les poids ne sont pas publics et le modèle est monétisé."
    )
    params = {"value": "3e24", "relation": "not greater than", "fraction": "one third"}
    params |= {"base": "2e25", "original": "has"}
    assert "nicht größer als ein Drittel von 2,0 × 10^25 FLOP" in render(
        "modifier.compared_fallback", params, "de"
    )
    assert "ein systemisches Risiko aufweist" in render("modifier.compared_fallback", params, "de")
    assert "inférieur ou égal à un tiers de 2,0 × 10^25 FLOP" in render(
        "modifier.compared_fallback", params, "fr"
    )


def test_english_is_unchanged():
    for text_id in TEXTS:
        params = _params(text_id)
        assert render(text_id, params, "en") == render(text_id, params)
        assert render(text_id, params, "es") == render(text_id, params)
    assert render("open_source.not_met", {"unmet": ["weights_public", "monetised"]}) == (
        "The open-source exemption does not apply: the weights are not public and the model is "
        "monetised."
    )
    assert render(
        "compute.methods_disagree",
        {
            "method": "hardware",
            "value": "3.21e24",
            "disagree_margin": "0.3",
            "estimate_margin": "0.3",
        },
    ) == (
        "A second estimate by the hardware method gives 3.2 × 10^24 FLOP, more than 30% away "
        "from the primary estimate; the primary estimate is used. Check the inputs: an estimate "
        "must be accurate within 30%."
    )
    assert render("systemic.reach", {"users": "12000", "threshold": 10000}).startswith(
        "It is made available to 12,000 registered business users"
    )
    assert format_human(Decimal("3.21e24")) == "3.2 × 10^24"


def test_other_languages_leave_the_english_template_cache_alone():
    for text_id in TEXTS:
        render(text_id, _params(text_id))
    before = _parsed.cache_info()
    for language in LOCAL:
        for text_id in TEXTS:
            render(text_id, _params(text_id), language)
    after = _parsed.cache_info()
    assert (after.misses, after.currsize) == (before.misses, before.currsize)


# ---------------------------------------------------------------------- terminology

WRONG = {
    "de": (
        "allzweck",
        "mehrzweck",
        "systemrisiko",
        "ki-büro",
        "meldung",
        "verhaltenskodex",
        "dienstleistungserbringer",
        "open-source-lizenz",
        "nachgeschaltet",
        "technische unterlagen",
        "bußgeld",
        "geldstrafe",
        "für allgemeine zwecke",
        "gegnerische tests",
    ),
    "fr": (
        "prestataire",
        "code de conduite",
        "code de pratique ",
        "à risque systémique",
        "commercialisation",
        "licence libre et gratuite",
        "office ai",
        "représentant autorisé",
        "opération à virgule flottante",
        "puissance de calcul cumulée",
        "tests adversariaux",
        "pour la formation du modèle",
    ),
}


@pytest.mark.parametrize("language", LOCAL)
def test_no_text_uses_a_wrong_variant_of_a_legal_term(language):
    found = {
        where: [wrong for wrong in WRONG[language] if wrong in text.lower()]
        for where, text in _all_local_words(language)
    }
    assert {where: words for where, words in found.items() if words} == {}


TERMS: Mapping[str, tuple[tuple[str, ...], Mapping[str, tuple[str, ...]]]] = {
    "general-purpose AI model": (
        (),
        {"de": ("mit allgemeinem Verwendungszweck",), "fr": ("à usage général",)},
    ),
    "provider": ((), {"de": ("Anbieter",), "fr": ("fournisseur",)}),
    "systemic risk": ((), {"de": ("systemisch",), "fr": ("systémique",)}),
    "AI Office": (
        (),
        {
            "de": ("Büro für Künstliche Intelligenz", "Büros für Künstliche Intelligenz"),
            "fr": ("Bureau de l'IA",),
        },
    ),
    "placing on the market": (
        ("placed on the market",),
        {
            "de": ("Inverkehrbring", "in Verkehr gebracht"),
            "fr": ("mise sur le marché", "mis sur le marché"),
        },
    ),
    "high-impact capabilities": (
        (),
        {"de": ("Fähigkeiten mit hohem Wirkungsgrad",), "fr": ("capacités à fort impact",)},
    ),
    "notification": ((), {"de": ("Mitteilung",), "fr": ("notification",)}),
    "designat": ((), {"de": ("Benennung", "benannt", "benennen"), "fr": ("désign",)}),
    "code of practice": ((), {"de": ("Praxisleitf",), "fr": ("code de bonne pratique",)}),
    "free and open-source licence": (
        (),
        {
            "de": ("freie und quelloffene Lizenz", "freien und quelloffenen Lizenz"),
            "fr": ("licence libre et ouverte",),
        },
    ),
    "authorised representative": ((), {"de": ("Bevollmächtigte",), "fr": ("mandataire",)}),
    "fines": (("can fine", "may fine"), {"de": ("Geldbuße",), "fr": ("amende",)}),
    "downstream provider": ((), {"de": ("nachgelagerte",), "fr": ("en aval",)}),
    "registered business users": (
        (),
        {"de": ("registrierte",), "fr": ("utilisateurs professionnels enregistrés",)},
    ),
}


@pytest.mark.parametrize("language", LOCAL)
@pytest.mark.parametrize("term", sorted(TERMS))
def test_a_legal_term_is_translated_with_the_official_words(language, term):
    variants, wording = TERMS[term]
    missing = [
        where
        for where, english, local in _pairs(language)
        if any(form in english for form in (term, *variants))
        and not any(word in local for word in wording[language])
    ]
    assert missing == []
