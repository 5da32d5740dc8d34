"""The documents' fields and what the answers prefill (questionnaire.documents.formats)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from questionnaire.documents.formats import (
    FORMATS,
    MODEL_DOCUMENTATION,
    NOTIFICATION,
    TRAINING_SUMMARY,
    Recipient,
    Source,
    called_for,
    top_domains_needed,
    warnings_for,
)
from questionnaire.scoring import assess
from tests.documents.documents_samples import FRONTIER, open_source_answers


def source(answers: dict[str, Any], provider: str = "Acme AI") -> Source:
    return Source(answers=answers, result=assess(answers), provider_name=provider)


def test_the_open_source_example_calls_for_the_training_summary_only():
    result = assess(open_source_answers())

    assert [d.kind for d in FORMATS.values() if called_for(d, result)] == ["training_summary"]


def test_a_frontier_developer_with_systemic_risk_is_called_on_for_all_three():
    result = assess(FRONTIER)

    assert all(called_for(d, result) for d in FORMATS.values())


def test_the_model_documentation_form_holds_the_model_facts_of_the_answers():
    proposed = MODEL_DOCUMENTATION.proposed(source(FRONTIER))

    assert proposed["provider_name"] == "Acme AI"
    assert proposed["model_name"] == "Frontier-2"
    assert proposed["union_release_date"] == "2026-02-01"
    assert proposed["parameters"] == "1.2 trillion (1.2 × 10¹²)"
    assert proposed["output_modalities"] == "Outputs: text (code included), images."
    assert proposed["training_flop"] == "8.5 × 10²⁵ FLOP; cumulative 8.6 × 10²⁵ FLOP"
    assert proposed["training_flop_method"].startswith("Estimated from the hardware")
    assert "25,000" in proposed["training_flop_method"]
    assert "2,400 wall-clock hours on 25,000 chips" in proposed["training_time"]
    assert "2,500,000 hardware-days" in proposed["training_time"]
    # What the answers cannot know stays for the provider.
    for field_id in ("model_versions", "architecture", "acceptable_use", "energy_mwh"):
        assert proposed[field_id] == "", field_id


def test_an_open_release_prefills_its_licence_and_channel():
    proposed = MODEL_DOCUMENTATION.proposed(source(open_source_answers()))

    assert "free and open-source licence" in proposed["licence"]
    assert proposed["channels"] == "Open-source repositories (weights published)."
    assert proposed["parameter_band"] == "1 to 10 billion"


def test_every_field_names_its_recipients_and_the_formats_their_versions():
    for document in FORMATS.values():
        assert "20" in document.format_version, document.kind
        for field in document.fields:
            assert field.recipients, f"{document.kind}.{field.id}"
    authenticity = MODEL_DOCUMENTATION.field("model_authenticity")
    assert Recipient.DOWNSTREAM not in authenticity.recipients
    assert TRAINING_SUMMARY.field("top_domains").recipients == (Recipient.PUBLIC,)


def test_the_summary_bands_text_tokens_and_names_the_representative_of_a_non_eu_provider():
    proposed = TRAINING_SUMMARY.proposed(source(FRONTIER))

    assert proposed["text_used"] == "yes"
    assert proposed["text_size"] == "more than 10 trillion tokens"
    assert proposed["synthetic_used"] == "yes"
    assert proposed["representative"].startswith("Required")
    assert TRAINING_SUMMARY.proposed(source(open_source_answers()))["text_size"] == (
        "1 billion to 10 trillion tokens"
    )


def test_a_modifier_is_told_that_the_documents_cover_the_modification_only():
    answers = copy.deepcopy(FRONTIER)
    answers.update(
        role="modifier",
        modification={"original_flop": "1e25", "original_systemic_risk": False},
        compute={"method": "direct", "flop": "5e24"},
    )
    modifier = source(answers)

    assert modifier.is_modifier
    assert (
        "of another provider's model: name the original model"
        in (MODEL_DOCUMENTATION.proposed(modifier)["dependencies"])
    )
    # The answers' token count may be the original's: the summary does not guess its band.
    assert TRAINING_SUMMARY.proposed(modifier)["text_size"] == ""
    assert "modification only" in TRAINING_SUMMARY.modifier_note


def test_the_notification_holds_what_art_52_1_asks_for():
    proposed = NOTIFICATION.proposed(source(FRONTIER))

    assert proposed["model_name"] == "Frontier-2"
    assert proposed["provider_name"] == "Acme AI"
    assert "greater than 10²⁵" in proposed["basis"]
    assert "high-impact capabilities" in proposed["basis"]
    assert proposed["compute_estimate"].startswith("8.5 × 10²⁵ FLOP")
    assert "±30%" in proposed["compute_estimate"]
    assert proposed["known_on"] == "2025-11-03"
    assert (
        proposed["deadline"]
        == "The deadline, 2025-11-17, has passed: notify without further delay."
    )
    assert proposed["channel"] == ""  # the Commission names it on the day
    assert proposed["arguments"] == ""  # Art. 52(2) is the provider's to argue, or not


@pytest.mark.parametrize(
    ("total", "sme", "needed"),
    [
        (100, False, 10),
        (101, False, 11),
        (100, True, 5),
        (50_000, True, 1000),
        (30_000, True, 1000),
        (10_000, True, 500),
    ],
)
def test_the_top_domain_rule(total, sme, needed):
    assert top_domains_needed(total, sme=sme) == needed


def test_a_short_list_of_top_domains_is_pointed_out():
    values = {"crawled_used": "yes", "top_domains": "a.example\nb.example", "domains_total": "100"}

    assert warnings_for(TRAINING_SUMMARY, values) == [
        "2.3: the list holds 2 domain names; the top 10% of all domains is 10 of 100."
    ]
    values["top_domains"] = "\n".join(f"{n}.example" for n in range(10))
    assert warnings_for(TRAINING_SUMMARY, values) == []
