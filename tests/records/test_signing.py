"""Canonical JSON, hashes and Ed25519 signatures (questionnaire.signing)."""

import json
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questionnaire.records.signing import (
    CanonicalError,
    b64,
    canonical_json,
    private_key_write,
    sha256_hex,
    signature_valid,
    signer_load,
)


def test_canonical_json_sorts_keys_and_has_no_insignificant_whitespace():
    assert canonical_json({"b": 1, "a": [True, "é"]}) == '{"a":[true,"é"],"b":1}'.encode()


def test_canonical_json_writes_non_integers_as_exact_decimal_strings():
    assert canonical_json({"utilisation": 0.4, "flop": 3.15e23, "chips": 16384.0}) == (
        b'{"chips":16384,"flop":"3.15e23","utilisation":"0.4"}'
    )


def test_canonical_json_leaves_out_null_members_which_the_contracts_read_as_absent():
    assert canonical_json({"placed_on": None, "role": "developer"}) == b'{"role":"developer"}'


@pytest.mark.parametrize("value", [float("nan"), float("inf"), [None], {1: "x"}, {"x": object()}])
def test_canonical_json_refuses_what_it_cannot_hold(value):
    with pytest.raises(CanonicalError):
        canonical_json(value)


json_documents = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children.filter(lambda v: v is not None), max_size=4)
        | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=15,
)


@given(st.dictionaries(st.text(max_size=6), json_documents, max_size=5))
def test_canonicalising_a_canonical_document_gives_the_same_bytes(document):
    once = canonical_json(document)
    assert canonical_json(json.loads(once)) == once


def test_a_signature_verifies_with_the_public_key_and_fails_for_other_bytes(tmp_path):
    signer = private_key_write(tmp_path / "key.pem")
    payload = canonical_json({"record_id": "r1", "answers": {"role": "developer"}})
    signature = b64(signer.sign(payload))
    assert signature_valid(b64(signer.public_key), payload, signature)
    assert not signature_valid(b64(signer.public_key), payload.replace(b"r1", b"r2"), signature)
    other = private_key_write(tmp_path / "other.pem")
    assert not signature_valid(b64(other.public_key), payload, signature)


def test_a_garbled_signature_or_key_is_a_failed_check_not_an_error(tmp_path):
    signer = private_key_write(tmp_path / "key.pem")
    assert not signature_valid(b64(signer.public_key), b"x", "not base64!")
    assert not signature_valid("AAAA", b"x", b64(b"0" * 64))


def test_the_private_key_file_is_readable_by_its_owner_only_and_loads_back(tmp_path):
    path = tmp_path / "keys" / "record.pem"
    written = private_key_write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = signer_load(path)
    assert loaded.key_id == written.key_id
    assert loaded.key_id.startswith("ed25519-")


def test_sha256_is_the_hex_digest_of_the_bytes():
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
