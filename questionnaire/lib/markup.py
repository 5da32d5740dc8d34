"""HTML escaping for markup built in Python (form widgets, form fields).

Django's ``conditional_escape`` goes through its lazy-string wrapper on every call; a wizard
step escapes about a thousand values, and that wrapper was most of their cost. This does
the same: HTML (``__html__``, such as a ``SafeString``) is kept, anything else is escaped
with the standard library's ``html.escape``, which Django's own ``escape`` calls too.
"""

from __future__ import annotations

import html

from django.utils.functional import Promise


def escape(value: object) -> str:
    """``value`` as HTML text: kept when it is HTML already, escaped otherwise."""
    if isinstance(value, Promise):  # a lazy translation: its text in the active language
        value = str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))
