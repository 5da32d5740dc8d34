"""``FormData`` reads answers as Django's ``MultiValueDict`` does, and a wizard step reads
its unanswered questions without an exception each (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.datastructures import MultiValueDict, MultiValueDictKeyError

from questionnaire.lib.form_data import FormData

STORED: dict[str, list[Any]] = {
    "one": ["a"],
    "several": ["a", "b", "c"],
    "empty": [],
    "blank": [""],
    "nested_empty": [[]],
}


@pytest.mark.parametrize("key", [*STORED, "missing"])
@pytest.mark.parametrize("default", [None, "fallback"])
def test_get_answers_as_django_does(key, default):
    assert FormData(STORED).get(key, default) == MultiValueDict(STORED).get(key, default)


def test_everything_but_get_is_djangos():
    data = FormData(STORED)

    assert data.getlist("several") == ["a", "b", "c"]
    assert data["several"] == "c"
    with pytest.raises(MultiValueDictKeyError):
        data["missing"]
    assert dict(data.lists()) == STORED


@pytest.fixture
def missing_keys(monkeypatch) -> list[str]:
    """The keys of every ``MultiValueDictKeyError`` made while the test runs."""
    made: list[str] = []
    init = MultiValueDictKeyError.__init__

    def counting(self: MultiValueDictKeyError, *args: Any) -> None:
        made.append(str(args[0]) if args else "")
        init(self, *args)

    monkeypatch.setattr(MultiValueDictKeyError, "__init__", counting)
    return made


@pytest.mark.django_db
def test_a_wizard_step_reads_its_unanswered_questions_without_an_exception_each(
    owner_client, acme, missing_keys
):
    from tests.web.test_wizard_ux import DIRECT, developer

    wizard = developer(owner_client, acme, until="compute")
    wizard.answer("compute", DIRECT)  # stored: the method and figure, 30 questions unanswered
    missing_keys.clear()

    page = wizard.page("compute")  # the stored answers, rendered and judged
    after_get = list(missing_keys)
    wizard.answer("compute", DIRECT)  # the POST's answers, judged

    assert 'value="1e24"' in page
    assert after_get == []
    assert [key for key in missing_keys if key.startswith("compute-")] == []
