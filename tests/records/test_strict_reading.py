"""The strict reading of a record's payload (``loads_strict``, which the chain check and the
record pages read it with): a document without a repeated key reads exactly as ``json.loads``
reads it, in every encoding ``json.loads`` accepts, and a repeated key anywhere is refused
with its name."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questionnaire.lib.jsonutil import DuplicateKeyError, loads_strict
from questionnaire.records import chain

documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


@given(documents, st.sampled_from([None, *ENCODINGS]))
def test_a_document_without_a_repeated_key_reads_as_json_loads_reads_it(
    document: Any, encoding: str | None
) -> None:
    text = json.dumps(document, ensure_ascii=False)
    data: str | bytes = text if encoding is None else text.encode(encoding)

    assert loads_strict(data) == json.loads(data)


@pytest.mark.parametrize(
    ("document", "key"),
    [
        ('{"model_name": "Forged", "model_name": "Real"}', "model_name"),
        ('[1, {"a": {"b": 1, "c": 2, "b": 3}}]', "b"),
        ('{"a": 1, "b": 2, "b": 3, "a": 4}', "b"),
        ('{"outer": {"x": 1, "x": 2}, "outer": 3}', "x"),
    ],
)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_the_first_repeated_key_is_refused_by_name(document: str, key: str, as_bytes: bool):
    with pytest.raises(DuplicateKeyError) as error:
        loads_strict(document.encode() if as_bytes else document)

    assert error.value.key == key


def test_text_that_begins_with_a_byte_order_mark_is_refused_as_json_loads_refuses_it():
    with pytest.raises(json.JSONDecodeError, match="BOM") as strict:
        loads_strict('\ufeff{"a": 1}')
    with pytest.raises(json.JSONDecodeError) as plain:
        json.loads('\ufeff{"a": 1}')

    assert str(strict.value) == str(plain.value)


@pytest.mark.parametrize("document", ["", "{", '{"a": 1} x', "[1,]", "NaN1", b"\xff\xfe\x00"])
def test_what_json_loads_refuses_is_refused(document: str | bytes):
    with pytest.raises(ValueError):
        json.loads(document)
    with pytest.raises(ValueError):
        loads_strict(document)


def test_options_are_those_of_json_loads_and_a_repeated_key_is_still_refused():
    assert loads_strict('{"share": 0.4}', parse_float=Decimal) == {"share": Decimal("0.4")}
    with pytest.raises(DuplicateKeyError):
        loads_strict('{"share": 0.4, "share": 0.5}', parse_float=Decimal)


# The chain check reads a payload whose signature verifies with orjson (chain.py,
# ``_signed_payload_read``), which must give exactly what the strict reading gives.
canonical_like = st.recursive(
    st.booleans()
    | st.integers(min_value=-(2**200), max_value=2**200)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=6), canonical_like, max_size=5), st.booleans())
def test_a_signed_payload_reads_as_the_strict_reading_reads_it(document, canonical) -> None:
    text = (
        json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        if canonical
        else json.dumps(document)
    )
    data = text.encode()

    read = chain._signed_payload_read(data)

    assert read == chain.payload_read(data)
    assert json.dumps(read, sort_keys=True) == json.dumps(chain.payload_read(data), sort_keys=True)


@pytest.mark.parametrize(
    "data",
    [
        b'{"model_name":"Forged","model_name":"Real"}',
        b'{"a":{"b":1,"b":1}}',
        b'{"flop":100000000000000000000000000}',
        b'{"flop":18446744073709551616}',
        b"[" * 300 + b"]" * 300,
        b'{"a":' + b"[" * 300 + b"]" * 300 + b"}",
    ],
    ids=["a key twice", "a key twice, same value", "10^26", "2^64", "deep list", "deep object"],
)
def test_a_signed_payload_that_orjson_reads_otherwise_is_read_strictly(data):
    assert chain._signed_payload_read(data) == chain.payload_read(data)
    assert type(chain._signed_payload_read(data)) is type(chain.payload_read(data))
    if b"flop" in data:
        read = chain._signed_payload_read(data)
        assert read is not None
        flop = read["flop"]
        assert type(flop) is int
        assert flop == int(data[8:-1])
