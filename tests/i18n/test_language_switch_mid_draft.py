"""A figure typed on a German or French page that an English page would read otherwise, or
not at all, is kept in the contract's notation: switching the page's language in the middle
of a draft keeps every answer readable and the same."""

from __future__ import annotations

import re

import pytest

from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kept", "echo"),
    [
        (
            {"flop": "3,2e24", "parameters": "7 Mrd."},
            {"flop": "3.2e24", "parameters": "7000000000"},
            "= 3.2 × 10^24",
        ),
        (
            {"flop": "3.2e24", "parameters": "7B"},
            {"flop": "3.2e24", "parameters": "7B"},
            "= 3.2 × 10^24",
        ),
    ],
)
def test_switching_to_english_mid_draft_keeps_the_figures(owner_client, acme, typed, kept, echo):
    owner_client.cookies["django_language"] = "de"
    wizard = WizardDriver(owner_client).start(acme)
    wizard.answer("model", {"model_name": "X", "role": "developer"})
    wizard.answer(
        "market", {"placement": "placed", "placed_on": "2026-03-01", "established_in_eu": "yes"}
    )
    wizard.answer("capabilities", {"generates": ["text"], "generality": "wide"})
    wizard.answer("compute", {"method": "direct", **typed, "training_tokens": "1T"})
    stored = wizard.draft.state["step_data"]["compute"]
    assert {name: stored[f"compute-{name}"] for name in kept} == {
        name: [value] for name, value in kept.items()
    }

    owner_client.cookies["django_language"] = "en"
    page = wizard.page("compute")
    echoes = re.findall(r'data-echo-for="id_compute-(?:flop|parameters)"[^>]*>([^<]*)<', page)
    assert "not a number yet" not in echoes
    assert echo in echoes
    # Saved again as the English page shows it.
    assert wizard.answer("compute", {"method": "direct", **kept, "training_tokens": "1T"}) == (
        "release"
    )
