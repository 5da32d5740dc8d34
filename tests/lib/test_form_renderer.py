"""The Python widget renderer writes exactly the HTML of Django's widget templates: every
widget of every form the app shows, empty, filled, with errors and with labels that need
escaping, rendered both ways."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.forms.renderers import DjangoTemplates

from questionnaire.lib.form_renderer import WidgetRenderer
from questionnaire.wizard.forms import STEP_FORMS, AttestForm

pytestmark = pytest.mark.django_db

TEMPLATES = DjangoTemplates()
PYTHON = WidgetRenderer()

WORDING = {
    # Labels and help that must be escaped, and choice labels with markup characters.
    "model.role": {
        "label": 'Your <role> & "theirs"',
        "help_text": "Art. 3(3) <b>",
        "choice_labels": {"developer": "Developer <'dev'>"},
    },
}


class EveryWidget(forms.Form):
    """Widgets the app's forms may not use today, so that they are checked too."""

    text = forms.CharField(
        widget=forms.TextInput(attrs={"data-x": '"quoted" <>', "readonly": True})
    )
    number = forms.IntegerField()
    email = forms.EmailField()
    hidden = forms.CharField(widget=forms.HiddenInput)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    checkbox = forms.BooleanField()
    area = forms.CharField(widget=forms.Textarea)
    pick = forms.ChoiceField(choices=[("a", "A <1>"), ("Group", [("b", "B"), ("c", "C & D")])])
    picks = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])
    radio = forms.ChoiceField(
        choices=[("a", "A"), ("Group", [("b", "B")])], widget=forms.RadioSelect
    )
    boxes = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )


def both_ways(form: forms.BaseForm) -> list[tuple[str, str, str]]:
    rendered = []
    for field in form:
        widget = field.as_widget()  # the form's renderer: Python
        form.renderer = TEMPLATES
        expected = field.as_widget()
        form.renderer = PYTHON
        rendered.append((field.name, str(widget), str(expected)))
    return rendered


def forms_to_check() -> list[tuple[str, forms.BaseForm]]:
    found: list[tuple[str, forms.BaseForm]] = []
    for step, form_class in STEP_FORMS:
        found.append((f"{step}, empty", form_class(prefix=step, wording=WORDING)))
        data: dict[str, Any] = {}
        for name, field in form_class(prefix=step).fields.items():
            choices = getattr(field, "choices", None)
            if choices:
                data[f"{step}-{name}"] = [str(list(choices)[-1][0])]
            else:
                data[f"{step}-{name}"] = 'typed "<value>" & more'
        filled = form_class(prefix=step, data=data, wording=WORDING)
        filled.is_valid()  # errors too, where the typed values are not valid
        found.append((f"{step}, filled", filled))
    found.append(("attest", AttestForm()))
    found.append(("every widget, empty", EveryWidget()))
    found.append(
        (
            "every widget, filled",
            EveryWidget(
                data={
                    "text": "<x>",
                    "number": "12",
                    "email": "a@b",
                    "hidden": "h",
                    "date": "2026-01-01",
                    "checkbox": "on",
                    "area": "line\n<two>",
                    "pick": "c",
                    "picks": ["a", "b"],
                    "radio": "b",
                    "boxes": ["b"],
                }
            ),
        )
    )
    found.append(("sign-in", AuthenticationForm()))
    return found


@pytest.mark.parametrize(
    "name, form", forms_to_check(), ids=[name for name, _form in forms_to_check()]
)
def test_every_widget_renders_as_djangos_templates_render_it(name: str, form: forms.BaseForm):
    form.renderer = PYTHON
    for field, python, templates in both_ways(form):
        assert python == templates, f"{name}: {field}"


def test_the_app_renders_forms_with_it(settings):
    assert settings.FORM_RENDERER == "questionnaire.lib.form_renderer.WidgetRenderer"
    assert isinstance(forms.Form().renderer, WidgetRenderer)


def test_a_widget_it_does_not_know_is_rendered_by_djangos_templates():
    class Split(forms.Form):
        when = forms.SplitDateTimeField()

    form = Split(data={"when_0": "2026-01-01", "when_1": "<10:00>"})
    form.renderer = PYTHON
    python = str(form["when"])
    form.renderer = TEMPLATES
    assert python == str(form["when"])
    assert 'value="&lt;10:00&gt;"' in python


def test_password_change_form_renders_the_same(django_user_model):
    user = django_user_model(username="someone")
    form = PasswordChangeForm(user)
    form.renderer = PYTHON
    for field, python, templates in both_ways(form):
        assert python == templates, field
