"""The rule sets page in German and French: each rule set's title, changes and reasons come
from the catalogues (the rule set files, whose hashes are signed, keep their English)."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import translation

from questionnaire.scoring import load
from questionnaire.scoring.rulesets import available

pytestmark = pytest.mark.django_db


def texts() -> list[str]:
    found = []
    for ruleset_id in available():
        rules = load(ruleset_id)
        found.append(rules.title)
        for entry in rules.changelog:
            found.append(entry["change"])
            if entry.get("why"):
                found.append(entry["why"])
    return found


@pytest.mark.parametrize("language", ["de", "fr"])
def test_every_rule_set_text_has_its_german_and_french(language):
    with translation.override(language):
        missing = [text for text in texts() if translation.gettext(text) == text]
    assert not missing, f"not in the {language} catalogue: {missing}"


@pytest.mark.parametrize(
    ("language", "title", "why"),
    [
        ("de", "GPAI-Vorschriften der KI-Verordnung der EU in der Fassung", "Warum:"),
        ("fr", "Règles GPAI du règlement européen sur l'IA, tel que modifié", "Pourquoi :"),
    ],
)
def test_the_rule_sets_page_reads_in_the_page_language(owner_client, language, title, why):
    owner_client.cookies["django_language"] = language
    page = owner_client.get("/rulesets/").content.decode()
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert title in text
    assert why in text
    assert "EU AI Act GPAI rules as amended" not in text
    assert "Why:" not in text
    # English is left only for the sources, which are citations.
    assert page.count('lang="en"') == page.count('<span lang="en">') + 1  # + the switcher's


def test_the_english_page_is_unchanged(owner_client):
    page = owner_client.get("/rulesets/").content.decode()
    assert "EU AI Act GPAI rules as amended by Regulation (EU) 2026/1744" in page
    assert "Why:" in page
