"""Reading and writing the numbers of the answers contract.

People copy compute figures out of papers, spreadsheets and model cards, so a number may
arrive as ``3.2e24``, ``3.2 × 10^24``, ``3.2x10^24``, ``3.2*10**24``, ``1,000,000``,
``1 000 000`` (with thin spaces too) or ``405B``. Values are kept as exact ``Decimal``s:
thresholds are strict ("greater than"), so a value exactly at a threshold must stay exactly
at it instead of drifting across by a binary rounding error.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal, getcontext
from functools import lru_cache

__all__ = [
    "ERROR_TEMPLATES",
    "NumberError",
    "format_flop",
    "format_flop_local",
    "format_human",
    "format_human_local",
    "localise_number",
    "parse_number",
    "to_text",
]

MAX_MAGNITUDE = 1000
# Wide enough that normalising never rounds a figure the parser accepts.
_WIDE = Context(prec=MAX_MAGNITUDE)
"""Numbers beyond 10^±1000 are typing accidents, not compute figures."""

_SUFFIXES = {"k": 3, "m": 6, "b": 9, "t": 12}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUFFIXED = re.compile(r"(\d+(?:\.\d+)?)\s*([kKmMbBtT])")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,6})?")

_NUMBER = re.compile(
    r"""
    (?P<sign>[+-])?
    (?:
        (?P<mantissa>
            (?:\d{1,3}(?P<sep>[,\ \u00a0\u2009\u202f])\d{3}(?:(?P=sep)\d{3})*|\d+)(?:\.\d+)?
            | \.\d+
        )
        (?:
            [eE](?P<e>[+-]?\d+)
            | \s*[×xX*·]\s*10\s*(?:\^|\*\*)\s*(?P<pow>[+-]?\d+)
            | \s*[×xX*·]\s*10(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)
            | \s*(?P<suffix>[kKmMbBtT])
        )?
        | 10\s*(?:\^|\*\*)\s*(?P<bare_pow>[+-]?\d+)
        | 10(?P<bare_sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)
    )
    """,
    re.VERBOSE,
)

# The messages of ``NumberError``: English templates with ``%(name)s`` placeholders, which
# the pages' layers translate (this package imports no Django: their catalogue entries are
# listed in ``questionnaire.i18n.answers``). Their wording is the API's, by contract.
_EMPTY = "is empty; write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"
_INVALID = "%(text)s is not a number; write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"
_NOT_BOOLEAN = "must be a number, not %(value)s"
_NOT_FINITE = "must be a finite number"
_NOT_NUMBER = "must be a number; write it like 7B, 15.6T, 3.2e24, 3.2 × 10^24 or 1,000,000"
_OUT_OF_RANGE = (
    "is out of range: a figure must lie between 10^-%(magnitude)s and 10^%(magnitude)s, "
    "such as 3.2e24"
)
ERROR_TEMPLATES = (_EMPTY, _INVALID, _NOT_BOOLEAN, _NOT_FINITE, _NOT_NUMBER, _OUT_OF_RANGE)
"""Every template a ``NumberError`` is raised with."""


class NumberError(ValueError):
    """A figure ``parse_number`` cannot read. ``str(error)`` is the English message (the
    API's); ``template`` is that message with ``%(name)s`` placeholders (a catalogue msgid)
    and ``params`` fills them, so that a page can show it in its reader's language.
    ``typed`` is the text the message quotes (shortened), unquoted; None when it quotes
    none."""

    def __init__(
        self, template: str, params: dict[str, str] | None = None, typed: str | None = None
    ) -> None:
        self.template = template
        self.params = dict(params or {})
        self.typed = typed
        super().__init__(template % self.params if self.params else template)


def _invalid(text: str) -> NumberError:
    typed = text if len(text) <= 40 else text[:37] + "..."
    return NumberError(_INVALID, {"text": repr(typed)}, typed)


def _out_of_range() -> NumberError:
    return NumberError(_OUT_OF_RANGE, {"magnitude": str(MAX_MAGNITUDE)})


def parse_number(value: object) -> Decimal:
    """Return the exact value of a JSON number or a number written as text.

    Raises ``NumberError`` (a ``ValueError``) with a message fit to show a user; the
    message does not repeat the field name (callers prefix the key path).
    """
    if isinstance(value, str):
        # Remembered (a Decimal is immutable): the same figures are read again and again.
        # Scaling and negating round to the current context, so it is part of the key.
        context = getcontext()
        return _parsed_text(value, context.prec, context.rounding)
    return _checked(_parse_value(value))


@lru_cache(maxsize=4096)
def _parsed_text(text: str, prec: int, rounding: str) -> Decimal:
    """``parse_number`` of a text under a context of this precision and rounding."""
    return _checked(_parse_text(text))


def _parse_value(value: object) -> Decimal:
    """A JSON number that is not text."""
    if isinstance(value, bool):
        raise NumberError(_NOT_BOOLEAN, {"value": str(value).lower()})
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NumberError(_NOT_FINITE)
        return Decimal(repr(value))
    raise NumberError(_NOT_NUMBER)


def _checked(number: Decimal) -> Decimal:
    if number and abs(number.adjusted()) > MAX_MAGNITUDE:
        raise _out_of_range()
    return number


def _parse_text(text: str) -> Decimal:
    stripped = text.strip()
    if not stripped:
        raise NumberError(_EMPTY)
    if _PLAIN.fullmatch(stripped):  # the common cases first: 3.2e24, 0.4
        return Decimal(stripped)
    suffixed = _SUFFIXED.fullmatch(stripped)  # 405B, 15.6T
    if suffixed:
        return Decimal(suffixed[1]).scaleb(_SUFFIXES[suffixed[2].lower()])
    match = _NUMBER.fullmatch(stripped) if len(stripped) <= 100 else None
    if match is None:
        raise _invalid(stripped)
    groups = match.groupdict()
    if groups["bare_pow"] is not None or groups["bare_sup"] is not None:
        mantissa = Decimal(1)
        exponent_text = groups["bare_pow"] or groups["bare_sup"].translate(_SUPERSCRIPTS)
    else:
        digits = groups["mantissa"]
        if groups["sep"]:
            digits = digits.replace(groups["sep"], "")
        mantissa = Decimal(digits)
        exponent_text = groups["e"] or groups["pow"] or ""
        if groups["sup"]:
            exponent_text = groups["sup"].translate(_SUPERSCRIPTS)
        if groups["suffix"]:
            exponent_text = str(_SUFFIXES[groups["suffix"].lower()])
    try:
        exponent = int(exponent_text) if exponent_text else 0
    except ValueError:
        raise _invalid(stripped) from None
    if abs(exponent) > MAX_MAGNITUDE:
        raise _out_of_range()
    value = mantissa.scaleb(exponent)
    return -value if groups["sign"] == "-" else value


def _two_figures(value: Decimal) -> tuple[Decimal, int]:
    """Mantissa (one decimal) and exponent of ``value`` to two significant figures, half up."""
    exponent = value.adjusted()
    mantissa = value.scaleb(-exponent).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if mantissa >= 10:
        mantissa, exponent = Decimal("1.0"), exponent + 1
    return mantissa, exponent


@lru_cache(maxsize=4096)
def to_text(value: Decimal) -> str:
    """An exact, readable text for storing a number: plain digits for ordinary sizes
    (``405000000000``, ``0.4``), ``3.2e24`` beyond; never a rounded float."""
    value = value.normalize(_WIDE)
    if value == 0:
        return "0"
    if -6 <= value.adjusted() <= 15:
        return f"{value:f}"
    digits = value.as_tuple().digits
    mantissa = str(digits[0]) + ("." + "".join(map(str, digits[1:])) if len(digits) > 1 else "")
    sign = "-" if value < 0 else ""
    return f"{sign}{mantissa}e{value.adjusted()}"


def format_flop(value: Decimal) -> str:
    """Two significant figures, rounded half up, as in the result contract: ``3.2e23``."""
    context = getcontext()  # rounding reads it: part of the key, as for format_human
    return _flop(value, context.prec, context.rounding)


@lru_cache(maxsize=4096)
def _flop(value: Decimal, prec: int, rounding: str) -> str:
    if value == 0:
        return "0.0e0"
    mantissa, exponent = _two_figures(abs(value))
    sign = "-" if value < 0 else ""
    return f"{sign}{mantissa}e{exponent}"


def format_human(value: Decimal) -> str:
    """The same figure as a person writes it: ``3.2 × 10^24``; numbers below a million
    plainly (``0.5``, ``12,000``)."""
    # Remembered: a result writes the same few figures (thresholds, its estimate) many
    # times. Normalising and rounding read the current context, so it is part of the key.
    context = getcontext()
    return _human(value, context.prec, context.rounding)


@lru_cache(maxsize=4096)
def _human(value: Decimal, prec: int, rounding: str) -> str:
    """``format_human`` under a context of this precision and rounding (the current one)."""
    if value == 0:
        return "0"
    if abs(value) < 1_000_000:
        return f"{value.normalize():,f}"
    mantissa, exponent = _two_figures(abs(value))
    sign = "-" if value < 0 else ""
    if mantissa == 1:
        return f"{sign}10^{exponent}"
    return f"{sign}{mantissa} × 10^{exponent}"


# ---------------------------------------------------------------------- local notation
# For a reader in another language only: the documents keep the English forms above.

_LOCAL_SEPARATORS = {
    "de": str.maketrans({",": ".", ".": ","}),
    "fr": str.maketrans({",": "\u202f", ".": ","}),
}
"""English thousands separator and decimal point → the language's: German ``12.000`` and
``2,5``, French ``12\u202f000`` (narrow no-break space) and ``2,5``."""


def localise_number(text: str, language: str) -> str:
    """A figure written by ``format_human`` (or any English grouping such as ``3,600``)
    in the notation of ``language``; English or an unknown language unchanged."""
    table = _LOCAL_SEPARATORS.get(language)
    return text.translate(table) if table else text


def format_human_local(value: Decimal, language: str = "en") -> str:
    """``format_human`` in local notation: ``3,2 × 10^24``, ``12.000`` (de)."""
    return localise_number(format_human(value), language)


def format_flop_local(value: Decimal, language: str = "en") -> str:
    """A compute figure for a reader: ``3,2 × 10^24 FLOP`` (de, fr), ``3.2 × 10^24 FLOP`` (en),
    the shape of ``{value:flop}`` in the texts."""
    return f"{format_human_local(value, language)} FLOP"
