"""Finding English on a page that should be German or French.

``english_left(page)`` reads the text a person sees on the page (the ``body``, without
what is marked in another language with a ``lang`` attribute, such as the language
switcher's "English") and returns the English it finds: sentences with English function
words, which German and French never use as words. Names and citations are allowed: the
caller passes the names shown (a model's, an organisation's, a person's), and citations are
recognised by their form ("Art. 52(1)", "Recital 97", "Annex XIII", "Guidelines §2.3.2",
"Regulation (EU) 2024/1689", "C(2025) 5045")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from playwright.sync_api import Page

__all__ = ["ENGLISH_WORDS", "english_in", "english_left"]

ENGLISH_WORDS = frozenset(
    """the and of is are your you with this that for not has have which from been there
    their these those when what should would must does here yes who its into than only
    were being about after before other such any each may can""".split()
)
"""Words that are English and never German or French words (so no "in", "an", "on", "or",
"a", "die", "was", "will", "son", "sein", "art", "fine": each is a word there too)."""

CITATION = re.compile(
    r"(?:Arts?\.|Articles?|Recitals?|Annex)\s*[\dIVXLC]+(?:\(\w+\))*"
    r"|Guidelines\s*§\s*[\d.]+"
    r"|(?:Implementing\s+)?Regulation\s*\((?:EU|EC)\)\s*(?:No\s*)?\d+/\d+"
    r"|Directive\s*\((?:EU|EC)\)\s*\d+/\d+"
    r"|C\(\d{4}\)\s*\d+"
    r"|Commission Guidelines on GPAI obligations"
)
"""A citation, in the form the product writes it: an article, recital or annex with its
number and points, a section of the Guidelines, a Regulation or Directive by its number, a
Commission document by its C-number, and the Guidelines' own title."""
# Any letter, accented ones included: with ASCII letters alone, German "frühere" would be read
# as the words "fr" and "here".
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])*")
CODE = re.compile(r"\S*(?:\d[^\W\d_]|[^\W\d_]\d)\S*|(?=\S*[+/=])\S{20,}")
"""A run that is no prose: letters next to digits (a hash, a key id, "H100", a signature's
"…M3OF88…"), or 20 characters and more with +, / or = (base64). Its letters are no words:
the random "OF" of a signature would otherwise read as the English "of". Shorter runs with
a slash stay prose ("and/or")."""


def english_in(text: str, *, allowed: Iterable[str] = ()) -> list[str]:
    """The lines of ``text`` that hold an English function word, with names and citations
    taken out first."""
    found = []
    for line in text.splitlines():
        cleaned = line
        for name in sorted(allowed, key=len, reverse=True):
            if name:
                cleaned = cleaned.replace(name, " ")
        cleaned = CITATION.sub(" ", cleaned)
        cleaned = CODE.sub(" ", cleaned)
        words = {word.lower() for word in WORD.findall(cleaned)}
        if words & ENGLISH_WORDS:
            found.append(line.strip())
    return found


_VISIBLE_TEXT = """() => {
  const page = document.documentElement.lang;
  const out = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { out.push(node.textContent); return; }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node;
    const lang = element.getAttribute('lang');
    if (lang && lang !== page && !lang.startsWith(page + '-')) return;
    if (['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(element.tagName)) return;
    const style = getComputedStyle(element);
    const hiddenVisually = element.classList.contains('visually-hidden');
    if (!hiddenVisually && (style.display === 'none' || style.visibility === 'hidden')) {
      // Closed <details> content is still read when opened: keep it.
      if (!element.closest('details')) return;
    }
    if (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA') {
      if (element.type === 'submit' || element.type === 'button') out.push('\\n' + element.value + '\\n');
      if (element.placeholder) out.push('\\n' + element.placeholder + '\\n');
      return;
    }
    const block = ['DIV', 'P', 'LI', 'TD', 'TH', 'H1', 'H2', 'H3', 'H4', 'DT', 'DD', 'LABEL',
      'LEGEND', 'BUTTON', 'A', 'SUMMARY', 'OPTION', 'CAPTION', 'TITLE'].includes(element.tagName);
    if (block) out.push('\\n');
    for (const child of element.childNodes) walk(child);
    if (element.getAttribute('aria-label')) out.push('\\n' + element.getAttribute('aria-label') + '\\n');
    if (element.tagName === 'IMG' && element.alt) out.push('\\n' + element.alt + '\\n');
    if (block) out.push('\\n');
  };
  walk(document.head.querySelector('title'));
  walk(document.body);
  return out.join('');
}"""


def english_left(page: Page, *, allowed: Iterable[str] = ()) -> list[str]:
    """The English a person would read on ``page`` (text, button values, image
    alternatives, accessible names, visually hidden text and the title)."""
    text = page.evaluate(_VISIBLE_TEXT)
    return english_in(str(text), allowed=allowed)
