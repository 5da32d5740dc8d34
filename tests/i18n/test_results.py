"""A result in the reader's language: texts from their ids, everything else as stored."""

from __future__ import annotations

from questionnaire.i18n.results import result_in
from questionnaire.scoring import assess
from tests.samples import SYSTEMIC_ANSWERS


def test_english_is_the_document_itself():
    result = assess(SYSTEMIC_ANSWERS)
    assert result_in(result, "en") is result
    assert result_in(result, "xx") is result


def test_german_and_french_translate_texts_and_keep_ids_cites_and_figures():
    result = assess(SYSTEMIC_ANSWERS)
    for language, word in (("de", "systemisch"), ("fr", "systémique")):
        local = result_in(result, language)
        assert local is not result
        assert [item["id"] for item in local["reasons"]] == [i["id"] for i in result["reasons"]]
        assert [item["cite"] for item in local["reasons"]] == [i["cite"] for i in result["reasons"]]
        assert local["training_flop"] == result["training_flop"]
        assert local["obligations"][0]["article"] == result["obligations"][0]["article"]
        assert local["obligations"][0]["title"] != result["obligations"][0]["title"]
        assert any(word in item["text"] for item in local["reasons"])
        assert local["reasons"][0]["text"] != result["reasons"][0]["text"]
    # The stored document is untouched.
    assert result == assess(SYSTEMIC_ANSWERS)


def test_an_unknown_id_of_an_old_record_keeps_its_stored_text():
    result = assess(SYSTEMIC_ANSWERS)
    result["reasons"].append(
        {"id": "gone.text", "text": "As stored.", "cite": "Art. 1", "params": {}}
    )
    assert result_in(result, "de")["reasons"][-1]["text"] == "As stored."


def test_a_compute_description_is_written_in_the_readers_notation():
    from questionnaire.scoring.texts import compute_description

    english = "16,384 × NVIDIA H100 SXM (9.9 × 10^14 FLOP/s peak) × 2.5 h"
    assert compute_description(english, "en") == english
    german = compute_description(english, "de")
    assert "16.384" in german and "9,9 × 10^14" in german and "2,5" in german
    assert "NVIDIA H100 SXM" in german
    french = compute_description(english, "fr")
    assert "9,9 × 10^14" in french and "16,384" not in french
