"""The Act's official terms in English, German and French (docs/terminology.md), and the
checks a translation must pass against them.

``terms()`` reads the table: for each row its key, the EN/DE/FR terms, the Act's article and
the wrong variants per language. ``catalogue_problems(pairs, language)`` checks pairs of
(English text, translation) and returns what is wrong, as sentences (empty: all good).

**The wrong-variants column** ("DE x, y; FR z") is read like this:

- It is split at ``;`` into parts; a part starting ``DE `` or ``FR `` lists that language's
  variants, separated by commas. A dash (``–``) means none.
- A parenthesis after a space is a remark and is dropped ("KI-Büro (wording of …)" gives
  "KI-Büro"); one glued to a word is an optional ending, and the shorter form is matched,
  which also finds the longer one ("Allzweck-KI(-Modell)" gives "Allzweck-KI"). A leading
  ``…`` ("… mit Systemrisiko") is dropped: the rest is matched wherever it stands.
- A variant with a remark starting ``=`` ("Verhaltenskodex (= code of conduct, Art. 95)",
  "sanctions (= Art. 99)") is right in its own sense: it is *contextual*, see below.
- A part naming no language is read for what it names: "using DE Einstufung / FR
  classification … for it" gives contextual variants for DE and FR; a quoted word (""Opt-out"
  as the legal term") a contextual variant for both; anything else ("confusing with (g) …")
  is advice for people, and no variant.

**Matching a wrong variant**: case-insensitive, on word boundaries (a letter or digit on
either side is no match, so "Nutzer" is not found in "Benutzername"), with an optional plural
or inflection ending (-e, -en, -n, -s, -es, -x, -er). A match lying wholly inside a match
of an official term's stem (below) is not flagged: "Nutzer" in "registrierte gewerbliche
Nutzer" is the official term, not the deployer's wrong variant. A plain
variant is wrong in every text of its language. A contextual variant is wrong only in a text
whose English speaks of the row's term and whose translation lacks the official term.

**The required official term (stems)**: where the English text uses a defined term (matched by
``ENGLISH``, case-insensitive, from the start of a word, so plurals count), the translation
must match every regular expression of ``STEMS[key][language]`` (case-insensitive). German
inflects, so a stem is the part that stays the same: "mit allgemeinem Verwendungszweck" for a
general-purpose AI model ("KI-Modelle mit allgemeinem Verwendungszweck"), "Anbieter" for a
provider ("Anbieters", "Anbietern", "nachgelagerter Anbieter"), "systemisch" for systemic
risk, "Inverkehrbring" or "in Verkehr" for placing on the market ("in Verkehr gebracht"),
"Benennung", "benenn" or "benann" for a designation ("hat das Modell benannt"). A
row without ``ENGLISH`` is not checked for its required term: downstream_information (its
wording differs by article), and gpai_model_systemic_risk, whose two parts (gpai_model,
systemic_risk) are each checked. Apostrophes are compared as ``'`` whichever is typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

TABLE = Path(__file__).resolve().parents[2] / "docs" / "terminology.md"
LANGUAGES = ("de", "fr")
_PREFIXES = {"DE": "de", "FR": "fr"}
_DASHES = {"", "-", "–", "—"}
# Endings a wrong variant may take and still be found ("Meldungen", "utilisateurs").
_ENDING = r"(?:e|en|n|s|es|x|er)?"


@dataclass(frozen=True)
class Term:
    key: str
    english: str
    german: str
    french: str
    act: str
    # language -> variants wrong in every text of that language
    wrong: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> variants wrong where the text is about this term (see the module's doc)
    contextual: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def official(self, language: str) -> str:
        return {"en": self.english, "de": self.german, "fr": self.french}[language]


# Where the English text uses the term: a regular expression, matched from a word's start.
ENGLISH: dict[str, str] = {
    "provider": r"provider",
    "deployer": r"deployer",
    "authorised_representative": r"authori[sz]ed representative",
    "placing_on_market": r"plac(?:ing|ed|e|es) (?:\w+ )?on the (?:Union )?market",
    "making_available": r"mak(?:ing|es|e) available on the market|made available on the market",
    "putting_into_service": r"put(?:ting|s)? into service",
    "ai_office": r"AI Office",
    "serious_incident": r"serious incident",
    "gpai_model": r"general[- ]purpose AI models?",
    "high_impact_capabilities": r"high[- ]impact capabilit",
    "systemic_risk": r"systemic[- ]risk",
    "gpai_system": r"general[- ]purpose AI system",
    "flop": r"floating[- ]point operation",
    "downstream_provider": r"downstream provider",
    "commission": r"the Commission\b",
    "technical_documentation": r"technical documentation",
    "open_source_licence": r"free and open[- ]source licen[cs]e",
    "training_content_summary": r"sufficiently detailed summary",
    "copyright_policy": r"policy to comply with Union (?:law|copyright)",
    "rights_reservation": r"reservation of rights",
    "notification": r"notification",
    "designation": r"designat(?:ion|ed|es|e)\b",
    "code_of_practice": r"codes? of practice",
    "model_evaluation": r"model evaluation",
    "adversarial_testing": r"adversarial testing",
    "cybersecurity_protection": r"level of cybersecurity protection",
    "cumulative_training_compute": r"cumulative amount of comput",
    "benchmarks_indicators": r"benchmarks and indicators",
    "fines": r"fines\b",
    "research_exclusion": r"research, development (?:or|and) prototyping",
    "registered_business_users": r"registered business users",
}

# The official term in the translation: every expression of the list must match.
STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "provider": {"de": (r"Anbieter",), "fr": (r"fournisseur",)},
    "deployer": {"de": (r"Betreiber",), "fr": (r"déployeur",)},
    "authorised_representative": {"de": (r"Bevollmächtigt",), "fr": (r"mandataire",)},
    "placing_on_market": {
        "de": (r"Inverkehrbring|in Verkehr",),
        "fr": (r"mis(?:e|es)? sur le marché",),
    },
    "making_available": {
        "de": (r"auf dem Markt",),
        "fr": (r"à disposition sur le marché",),
    },
    "putting_into_service": {"de": (r"Inbetriebnahme|in Betrieb",), "fr": (r"en service",)},
    "ai_office": {"de": (r"Büro für Künstliche Intelligenz",), "fr": (r"Bureau de l'IA",)},
    "serious_incident": {
        "de": (r"schwerwiegende\w* Vorf(?:a|ä)ll",),
        "fr": (r"incidents? graves?",),
    },
    "gpai_model": {"de": (r"mit allgemeinem Verwendungszweck",), "fr": (r"à usage général",)},
    "high_impact_capabilities": {
        "de": (r"Fähigkeiten mit hohem Wirkungsgrad",),
        "fr": (r"capacités à fort impact",),
    },
    "systemic_risk": {"de": (r"systemisch",), "fr": (r"risques? systémiques?",)},
    "gpai_system": {
        "de": (r"KI-System\w* mit allgemeinem Verwendungszweck",),
        "fr": (r"systèmes? d'IA à usage général",),
    },
    "flop": {"de": (r"Gleitkommaoperation",), "fr": (r"en virgule flottante",)},
    "downstream_provider": {
        "de": (r"nachgelagert\w* Anbieter",),
        "fr": (r"fournisseurs? en aval",),
    },
    "commission": {"de": (r"Kommission",), "fr": (r"Commission",)},
    "technical_documentation": {
        "de": (r"technische\w* Dokumentation",),
        "fr": (r"documentation technique",),
    },
    "open_source_licence": {
        "de": (r"freie\w* und quelloffene\w* Lizenz",),
        "fr": (r"licences? libres? et ouvertes?",),
    },
    "training_content_summary": {
        "de": (r"hinreichend detailliert\w* Zusammenfassung",),
        "fr": (r"résumé suffisamment détaillé",),
    },
    "copyright_policy": {
        "de": (r"Strategie zur Einhaltung des Urheberrechts",),
        "fr": (r"politique visant à se conformer",),
    },
    "rights_reservation": {"de": (r"Rechtsvorbehalt",), "fr": (r"réservation de droits",)},
    "notification": {"de": (r"Mitteilung",), "fr": (r"notification",)},
    "designation": {"de": (r"Benennung|benenn|benann",), "fr": (r"désign",)},
    "code_of_practice": {
        "de": (r"Praxisleitf(?:a|ä)den",),
        "fr": (r"codes? de bonnes? pratiques?",),
    },
    "model_evaluation": {"de": (r"Modellbewertung",), "fr": (r"évaluation des modèles",)},
    "adversarial_testing": {"de": (r"Angriffstest",), "fr": (r"essais contradictoires",)},
    "cybersecurity_protection": {
        "de": (r"Cybersicherheitsschutz",),
        "fr": (r"protection en matière de cybersécurité",),
    },
    "cumulative_training_compute": {
        "de": (r"kumulierte\w* Menge",),
        "fr": (r"quantité cumulée de calcul",),
    },
    "benchmarks_indicators": {
        "de": (r"Benchmarks und Indikatoren",),
        "fr": (r"critères de référence et indicateurs",),
    },
    "fines": {"de": (r"Geldbu(?:ß|ss)e",), "fr": (r"amendes?",)},
    "research_exclusion": {
        "de": (r"Forschungs- und Entwicklungstätigkeit",),
        "fr": (r"activités de recherche, de développement ou de prototypage",),
    },
    "registered_business_users": {
        "de": (r"registrierte\w* gewerbliche\w* Nutzer\w*",),
        "fr": (r"utilisateurs professionnels enregistrés",),
    },
}


def _apostrophes(text: str) -> str:
    return text.replace("’", "'")


def _strip_remarks(text: str) -> tuple[str, bool]:
    """Drop remarks in parentheses after a space (nested ones too), and glued optional
    endings; return the text and whether a remark began with "=" (a contextual variant)."""
    contextual = False
    out: list[str] = []
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            after_space = index == 0 or text[index - 1].isspace()
            if depth == 0 and after_space and text[index + 1 : index + 2] == "=":
                contextual = True
            depth += 1
            continue
        if char == ")" and depth:
            depth -= 1
            continue
        if depth == 0:
            out.append(char)
    return re.sub(r"\s+", " ", "".join(out)).strip(), contextual


def _variant(text: str) -> str:
    return _apostrophes(text.strip().lstrip("…").strip().strip('"“”'))


def parse_wrong_variants(
    cell: str,
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The wrong-variants cell: (plain variants, contextual variants) by language."""
    wrong: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    contextual: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for raw_part in _split_outside_parentheses(cell, ";"):
        part = raw_part.strip()
        head = part[:3]
        if head.rstrip() in _PREFIXES and part[2:3] == " ":
            language = _PREFIXES[head.rstrip()]
            for raw in _split_outside_parentheses(part[3:], ","):
                text, is_contextual = _strip_remarks(raw)
                variant = _variant(text)
                if variant in _DASHES:
                    continue
                (contextual if is_contextual else wrong)[language].append(variant)
            continue
        text, _ = _strip_remarks(part)
        if text in _DASHES:
            continue
        named = re.findall(r"\b(DE|FR) (.+?)(?= / | for it\b|$)", text)
        if named:  # "using DE Einstufung / FR classification … for it"
            for prefix, variant in named:
                contextual[_PREFIXES[prefix]].append(_variant(variant))
            continue
        quoted = re.match(r"[\"“]([^\"”]+)[\"”]", text)
        if quoted:  # ""Opt-out" as the legal term"
            for language in LANGUAGES:
                contextual[language].append(_variant(quoted.group(1)))
        # Anything else is advice for people ("confusing with (g) registered end-users").
    return (
        {language: tuple(variants) for language, variants in wrong.items() if variants},
        {language: tuple(variants) for language, variants in contextual.items() if variants},
    )


def _split_outside_parentheses(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_table(text: str) -> list[Term]:
    """The rows of the table in ``text`` (the first Markdown table whose first column is
    "key")."""
    rows: list[Term] = []
    lines = iter(text.splitlines())
    for line in lines:
        if line.startswith("|") and _cells(line)[:1] == ["key"]:
            next(lines)  # the |---| line
            break
    else:
        raise ValueError("no table with a 'key' column")
    for line in lines:
        if not line.startswith("|"):
            break
        cells = _cells(line)
        if len(cells) != 7:
            raise ValueError(f"a row of the terminology table has {len(cells)} cells: {line!r}")
        key, english, german, french, act, _verified, variants = cells
        wrong, contextual = parse_wrong_variants(variants)
        rows.append(Term(key, english, german, french, act, wrong, contextual))
    return rows


def terms(path: Path = TABLE) -> dict[str, Term]:
    return {term.key: term for term in parse_table(path.read_text(encoding="utf-8"))}


def _official_spans(language: str, text: str) -> list[tuple[int, int]]:
    return [
        match.span()
        for stems in STEMS.values()
        for stem in stems.get(language, ())
        for match in re.finditer(stem, text, re.IGNORECASE)
    ]


def _found(variant: str, text: str, official: list[tuple[int, int]] | None = None) -> bool:
    """Whether ``variant`` is in ``text``, outside the spans of official terms."""
    pattern = rf"(?<!\w){re.escape(variant)}{_ENDING}(?!\w)"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        start, end = match.span()
        if not any(low <= start and end <= high for low, high in official or ()):
            return True
    return False


def _has_stems(key: str, language: str, text: str) -> bool:
    return all(
        re.search(stem, text, re.IGNORECASE) for stem in STEMS.get(key, {}).get(language, ())
    )


def _speaks_of(key: str, english: str) -> bool:
    pattern = ENGLISH.get(key)
    return pattern is not None and re.search(rf"\b{pattern}", english, re.IGNORECASE) is not None


def catalogue_problems(
    pairs: Iterable[tuple[str, str]],
    language: str,
    table: Mapping[str, Term] | None = None,
) -> list[str]:
    """What is wrong in these (English, translation) pairs of ``language`` ("de" or "fr"):
    a wrong variant used, or a defined term of the English without its official term. An
    empty translation (not translated yet) is not checked here."""
    table = terms() if table is None else table
    problems: list[str] = []
    for english_raw, translation_raw in pairs:
        if not translation_raw:
            continue
        english, translation = _apostrophes(english_raw), _apostrophes(translation_raw)
        official = _official_spans(language, translation)
        for term in table.values():
            speaks = _speaks_of(term.key, english)
            for variant in term.wrong.get(language, ()):
                if _found(variant, translation, official):
                    problems.append(
                        f"{translation_raw!r} uses {variant!r}, a wrong variant of "
                        f"{term.official(language)!r} ({term.key})"
                    )
            if speaks and not _has_stems(term.key, language, translation):
                problems.append(
                    f"{translation_raw!r} lacks the official term {term.official(language)!r} "
                    f"({term.key}) that {english_raw!r} calls for"
                )
                for variant in term.contextual.get(language, ()):
                    if _found(variant, translation):
                        problems.append(
                            f"{translation_raw!r} uses {variant!r} for {term.key}; the Act says "
                            f"{term.official(language)!r}"
                        )
    return problems
