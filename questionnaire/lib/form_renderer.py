"""Django's form widgets, rendered in Python with the markup of Django's own templates.

Why: Django renders every widget through its template engine, every option of a select or
a radio group through one more template include, and every attribute through a loop in a
third. The compute step's 34 inputs and 44 options took about 200 template renders per
page, most of the wizard's time per request (issue 11's profile). This renderer writes the
same HTML with string building for the widgets the app uses, and hands anything else to
Django's template renderer, so a widget it does not know still renders as Django would.

The markup is Django 5.2's ``django/forms/widgets/*.html``, whitespace and all;
tests/lib/test_form_renderer.py renders every form of the app both ways and compares them.
Values and labels are escaped as the templates' autoescaping would.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from questionnaire.lib.markup import escape as _escape

# Widgets whose template is django/forms/widgets/input.html, included once.
_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
    )
)
_SELECT = "django/forms/widgets/select.html"
_MULTIPLE_INPUTS = frozenset(
    ("django/forms/widgets/radio.html", "django/forms/widgets/checkbox_select.html")
)
_OPTION_TEMPLATES = {
    "django/forms/widgets/radio_option.html",
    "django/forms/widgets/checkbox_option.html",
}
_TEXTAREA = "django/forms/widgets/textarea.html"


class WidgetRenderer(DjangoTemplates):
    """Django's default form renderer, but the common widgets are built in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if widget is not None:
            markup = _widget(template_name, widget)
            if markup is not None:
                # Stripped, as Django's renderers strip what a template renders.
                return mark_safe(markup.strip())  # noqa: S308 - every value is escaped below
        return super().render(template_name, context, request=request)


def _widget(template_name: str, widget: Mapping[str, Any]) -> str | None:
    if template_name in _INPUTS:
        # text.html includes input.html: the include's newline, then the file's own.
        return _input(widget) + "\n"
    if template_name == _SELECT:
        return _select(widget)
    if template_name in _MULTIPLE_INPUTS:
        return _multiple_inputs(widget)
    if template_name == _TEXTAREA:
        value = widget["value"]
        text = _escape(value) if value else ""
        return f'<textarea name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>\n'
    return None


def _attrs(attrs: Mapping[str, Any]) -> str:
    """django/forms/widgets/attrs.html: ``False`` leaves the attribute out, ``True`` writes
    its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_escape(name)}")
        else:
            parts.append(f' {_escape(name)}="{_escape(str(value))}"')
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    """django/forms/widgets/input.html, with its closing newline."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_escape(str(value))}"'
    return (
        f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _select(widget: Mapping[str, Any]) -> str:
    parts = [f'<select name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_inputs(widget: Mapping[str, Any]) -> str | None:
    """radio.html and checkbox_select.html: multiple_input.html, one option per ``<div>``."""
    attrs = widget["attrs"]
    element_id, css_class = attrs.get("id"), attrs.get("class")
    parts = [
        "<div",
        f' id="{_escape(element_id)}"' if element_id else "",
        f' class="{_escape(css_class)}"' if css_class else "",
        ">",
    ]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f"\n  <div><label>{_escape(group_name)}</label>")
        for option in options:
            if option["template_name"] not in _OPTION_TEMPLATES:
                return None  # a custom option template: Django renders the whole widget
            parts.append(f"<div>\n    {_input_option(option)}</div>")
        if group_name:
            parts.append("\n  </div>")
    # multiple_input.html's closing newline, then radio.html's own.
    parts.append("\n</div>\n\n")
    return "".join(parts)


def _input_option(option: Mapping[str, Any]) -> str:
    """radio_option.html: input_option.html (label around the input) and its newlines."""
    markup = _input(option)
    if option["wrap_label"]:
        option_id = option["attrs"].get("id")
        label_for = f' for="{_escape(option_id)}"' if option_id else ""
        markup = f"<label{label_for}>{markup} {_escape(option['label'])}</label>"
    return markup + "\n\n"
