"""The review step's own texts in German and French: the comment forms beside the answers
(their labels and errors, the limit written as the reader writes numbers) and the refusals
of the review's actions (approving with a thread open, a preparer asking for changes on
their own draft). The step's template and the messages of the
actions' successes are the wizard's (tests/i18n of the wizard); English is unchanged."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from questionnaire.models import ReviewThread
from tests.review.conftest import (
    attester,
    attester_client,
    comment,
    four_eyes,
    prepared,
    preparer,
    preparer_client,
    review_url,
    reviewer,
    reviewer_client,
    signing_paths,
    signing_setup,
    submitted,
)

__all__ = [
    "attester",
    "attester_client",
    "four_eyes",
    "prepared",
    "preparer",
    "preparer_client",
    "reviewer",
    "reviewer_client",
    "signing_paths",
    "signing_setup",
    "submitted",
]

pytestmark = pytest.mark.django_db

TEXTS = {
    "en": {
        "label": "Comment on “",
        "empty": "Enter your comment.",
        "long": r"at most 2,000 characters long \(it has 2001\)",
        "open": "1 comment thread is still open: resolve every thread before you approve.",
        "own": "You prepared this draft: someone else of the organisation reviews and approves it.",
    },
    "de": {
        "label": "Kommentar zu „",
        "empty": "Geben Sie Ihren Kommentar ein.",
        "long": r"höchstens 2\.000 Zeichen lang sein \(dieser hat 2001\)",
        "open": "1 Kommentarverlauf ist noch offen: Erledigen Sie jeden Verlauf, bevor Sie freigeben.",
        "own": "Sie haben diesen Entwurf vorbereitet: Eine andere Person der Organisation prüft",
    },
    "fr": {
        "label": "Commentaire sur « ",
        "empty": "Saisissez votre commentaire.",
        "long": r"au plus 2\s000 caractères \(celui-ci en compte 2001\)",
        "open": "1 fil de commentaires est encore ouvert : résolvez chaque fil avant d&#x27;approuver.",
        "own": "Vous avez préparé ce brouillon : une autre personne de l&#x27;organisation",
    },
}


def speaking(language: str, *clients: Client) -> None:
    for client in clients:
        client.cookies["django_language"] = language


def english_absent(html: str, key: str, language: str) -> None:
    if language != "en":
        english = TEXTS["en"][key]
        assert not re.search(english, html) if key == "long" else english not in html


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_the_comment_form_beside_an_answer_is_labelled_in_the_language(
    language, submitted, reviewer_client
):
    speaking(language, reviewer_client)
    html = reviewer_client.get(submitted.step_url("review")).content.decode()

    assert TEXTS[language]["label"] in html
    english_absent(html, "label", language)


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_an_empty_or_over_long_comment_is_refused_in_the_language(
    language, submitted, reviewer_client
):
    speaking(language, reviewer_client)
    empty = comment(reviewer_client, submitted, "   ", question="model_name")
    long = comment(reviewer_client, submitted, "x" * 2001, question="model_name")

    assert empty.status_code == long.status_code == 400
    assert TEXTS[language]["empty"] in empty.content.decode()
    english_absent(empty.content.decode(), "empty", language)
    assert re.search(TEXTS[language]["long"], long.content.decode())
    english_absent(long.content.decode(), "long", language)
    assert not ReviewThread.objects.exists()


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_approving_with_a_thread_open_is_refused_in_the_language(
    language, submitted, reviewer_client
):
    assert (
        comment(reviewer_client, submitted, "Which lab?", question="model_name").status_code == 302
    )
    speaking(language, reviewer_client)
    refused = reviewer_client.post(review_url(submitted, "approve"))

    assert refused.status_code == 302
    html = reviewer_client.get(refused["Location"]).content.decode()
    assert TEXTS[language]["open"] in html
    english_absent(html, "open", language)


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_the_preparer_cannot_return_their_own_draft_for_changes(
    language, submitted, preparer_client
):
    speaking(language, preparer_client)
    returned = preparer_client.post(review_url(submitted, "request-changes"))
    html = preparer_client.get(returned["Location"]).content.decode()
    assert TEXTS[language]["own"] in html
    english_absent(html, "own", language)
