"""A step form's fields are made ready once per wording, language and scope, and every form
still has fields of its own (questionnaire/wizard/forms.py, ``WordedForm._prepared``)."""

from __future__ import annotations

import copy
import copyreg
from typing import Any

import pytest
from django.utils import translation

from questionnaire.models import Question
from questionnaire.wizard.forms import STEP_FORMS, ComputeForm, MarketForm, plain_copy
from questionnaire.wording import question_update_wording, wording_for

pytestmark = pytest.mark.django_db


def stamp() -> tuple[object, object]:
    latest = Question.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return (latest, Question.objects.count())


def test_forms_share_the_prepared_fields_but_not_their_copies():
    wording = wording_for(stamp=stamp())
    first = ComputeForm(wording=wording)
    second = ComputeForm(wording=wording)
    assert first.base_fields is second.base_fields  # prepared once
    assert first.fields["flop"] is not second.fields["flop"]
    first.fields["flop"].label = "changed for this form only"
    first.fields["flop"].error_messages["required"] = "changed too"
    third = ComputeForm(wording=wording)
    assert third.fields["flop"].label != "changed for this form only"
    assert third.fields["flop"].error_messages["required"] != "changed too"
    # Later periods repeat only labels (ComputeForm.fields_prepared).
    assert third.fields["period2_chips"].help_text == ""
    assert third.fields["period1_chips"].help_text


def test_a_wording_change_is_shown_by_the_next_form():
    before = ComputeForm(wording=wording_for(stamp=stamp()))
    question = Question.objects.get(key="compute.method")
    question_update_wording(
        question=question,
        label="How was the compute worked out, in one word?",
        help_text=question.help_text,
        choice_labels=question.choice_labels,
        changed_by=None,
    )
    after = ComputeForm(wording=wording_for(stamp=stamp()))
    assert after.fields["method"].label == "How was the compute worked out, in one word?"
    assert before.fields["method"].label != after.fields["method"].label


def test_each_language_has_its_own_prepared_fields():
    with translation.override("de"):
        german = MarketForm(wording=wording_for(stamp=stamp()))
    english = MarketForm(wording=wording_for(stamp=stamp()))
    assert german.base_fields is not english.base_fields
    assert german.fields["placement"].label != english.fields["placement"].label
    assert "Answer the question" not in str(german.fields["placement"].error_messages["required"])


def test_a_forms_widget_attributes_and_choices_are_its_own_to_change():
    wording = wording_for(stamp=stamp())
    first = ComputeForm(wording=wording)
    first.fields["flop"].widget.attrs["form"] = "elsewhere"
    first.fields["flop"].validators.append(lambda value: None)
    method: Any = first.fields["method"]
    method.choices = [("x", "X")]
    second = ComputeForm(wording=wording)
    assert "form" not in second.fields["flop"].widget.attrs
    assert len(second.fields["flop"].validators) == len(ComputeForm.base_fields["flop"].validators)
    other: Any = second.fields["method"]
    assert ("x", "X") not in list(other.choices)
    assert ("x", "X") not in list(other.widget.choices)


def test_each_field_and_widget_of_every_step_is_copied_as_copy_copies_it():
    wording = wording_for(stamp=stamp())
    for _, form_class in STEP_FORMS:
        for name, field in form_class(wording=wording).base_fields.items():
            for original in (field, field.widget):
                copied = plain_copy(original)
                assert type(copied) is type(original), name
                assert copied is not original
                assert vars(copied) == vars(copy.copy(original)), name


class _Slotted:
    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 1


class _OwnCopy:
    def __init__(self) -> None:
        self.copied = False

    def __copy__(self) -> _OwnCopy:
        twin = _OwnCopy()
        twin.copied = True
        return twin


class _OwnState:
    def __init__(self) -> None:
        self.secret = "kept out"

    def __getstate__(self) -> dict[str, Any]:
        return {}


class _OwnSetState:
    def __init__(self) -> None:
        self.restored = False

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, restored=True)


class _Mapping(dict):  # type: ignore[type-arg]
    pass


class _Registered:
    def __init__(self, value: int = 0) -> None:
        self.value = value


copyreg.pickle(_Registered, lambda thing: (_Registered, (thing.value + 1,)))


def test_an_object_of_another_kind_of_class_is_copied_by_copy_copy():
    assert plain_copy(_Slotted()).value == 1
    assert plain_copy(_OwnCopy()).copied is True
    assert not hasattr(plain_copy(_OwnState()), "secret")
    assert plain_copy(_OwnSetState()).restored is True
    assert plain_copy(_Mapping(a=1)) == {"a": 1}
    assert plain_copy(_Registered(1)).value == 2
