"""The scanner the German and French journeys use finds English and lets names and
citations pass."""

from __future__ import annotations

from tests.browser.english import english_in


def test_it_finds_an_english_sentence_in_a_german_page():
    text = "Ihre Bewertungen\nSave and continue to the next step\nKI-Modell mit allgemeinem Verwendungszweck"
    assert english_in(text) == ["Save and continue to the next step"]


def test_german_and_french_words_that_look_english_pass():
    text = (
        "Die Mitteilung an die Kommission\nWas ist das Modell?\nIn der Union in Verkehr gebracht\n"
        "Le fournisseur a son siège dans l'Union ; or le modèle est placé\nUn an après"
    )
    assert english_in(text) == []


def test_names_and_citations_pass():
    text = (
        "Modell: The Best Model of the Year\nArt. 52(1); Recital 97; Guidelines §2.3.2\n"
        "Commission Guidelines on GPAI obligations, C(2025) 5045"
    )
    assert english_in(text, allowed=["The Best Model of the Year"]) == []


def test_english_after_a_citation_is_still_found():
    text = "Recital 97 keeps a model with systemic risk subject to the obligations."
    assert english_in(text) == [text]


def test_a_signature_hash_or_key_is_no_english():
    """A base64 signature holds random letters ("…M3OF88…" is no "of"): the German report's
    signature line failed the German journey in a fresh-clone CI run."""
    text = (
        "Signatur IHt1dSg2avT1K2XMHmhSgOfdSMv0uMRsMiM3OF88HJiofKHhfBlzlIMk0gbdIRehUlQsRj/ "
        "Raqj4ZQmfe/wTCQ== Position in der Kette\nSignaturschlüssel ed25519-b02d4315e6544a24"
    )
    assert english_in(text) == []
    assert english_in("Signatur 0aB+the/xyz==\nThe key is shown") == ["The key is shown"]
    # A slash between words is prose, not code.
    assert english_in("Geben Sie training/compute and/or mehr an") == [
        "Geben Sie training/compute and/or mehr an"
    ]
