"""A result document in the reader's language.

A stored result (an assessment's, a signed record's) holds its texts in English, the
canonical language of the answers contract. ``result_in`` renders each reason, note, open
question and obligation title again from its id and params in another language, leaving
every id, citation, figure, date and param as stored. English is the document itself."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from questionnaire.scoring.texts import CATALOGUES, obligation_title, render

__all__ = ["result_in"]


def _text(item: Mapping[str, Any], language: str) -> str:
    """The item's text in ``language``; as stored when its id or params are unknown to this
    version of the texts (an old record)."""
    stored = str(item.get("text", ""))
    text_id = item.get("id")
    params = item.get("params")
    if not isinstance(text_id, str) or not isinstance(params, Mapping | None):
        return stored
    try:
        return render(text_id, params, language)
    except (KeyError, ValueError, TypeError, ArithmeticError):
        return stored


def result_in(result: Mapping[str, Any], language: str) -> Mapping[str, Any]:
    """``result`` with its texts in ``language``: the same object for English (or a language
    without a catalogue), otherwise a translated copy."""
    if language == "en" or language not in CATALOGUES:
        return result
    local: dict[str, Any] = copy.deepcopy(dict(result))
    for key in ("reasons", "notes", "open_question_items"):
        items = local.get(key)
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict):
                    item["text"] = _text(item, language)
    items = local.get("open_question_items")
    if isinstance(items, list) and isinstance(local.get("open_questions"), list):
        local["open_questions"] = [
            str(item.get("text", "")) for item in items if isinstance(item, dict)
        ]
    for obligation in local.get("obligations") or []:
        if isinstance(obligation, dict) and isinstance(obligation.get("id"), str):
            obligation["title"] = obligation_title(
                obligation["id"], language, str(obligation.get("title", ""))
            )
    return local
