"""Duplicate keys in a JSON document are refused wherever one is read from outside: a
forged ``payload`` or ``model_name`` placed before the real one must never pass as
authentic (Python keeps the last, other readers and people may see the first)."""

from __future__ import annotations

import html
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from questionnaire.lib.jsonutil import DuplicateKeyError, loads_strict
from tests.records.conftest import export_json, make_record
from tests.samples import CONTRACT_EXAMPLE


def _forged_before(export: dict[str, Any], key: str, forged: Any) -> bytes:
    """The genuine export as JSON text, with a forged ``key`` written before the real one
    (in the export object, or in its payload for payload keys)."""
    text = json.dumps(export, ensure_ascii=False, indent=2)
    if key == "payload":
        marker = '\n  "payload": '
        assert marker in text
        return text.replace(marker, f'\n  "payload": {json.dumps(forged)},{marker}', 1).encode()
    marker = f'"{key}": '
    assert marker in text
    return text.replace(marker, f"{marker}{json.dumps(forged)}, {marker}", 1).encode()


def _verify(data: bytes) -> str:
    response = Client().post(
        "/verify/", {"document": SimpleUploadedFile("r.json", data, "application/json")}
    )
    return html.unescape(response.content.decode())


def test_loads_strict_names_the_repeated_key():
    with pytest.raises(DuplicateKeyError, match="'model_name'") as error:
        loads_strict('{"a": {"model_name": "x", "model_name": "y"}}')
    assert error.value.key == "model_name"
    assert loads_strict('{"a": 1}') == {"a": 1}


@pytest.mark.django_db
@pytest.mark.usefixtures("signing_setup")
@pytest.mark.parametrize(
    ("key", "forged"),
    [("payload", {"model_name": "Forged"}), ("model_name", "Forged model")],
)
def test_a_genuine_export_with_a_forged_key_before_the_real_one_is_refused(
    acme, owner, owner_client, key, forged
):
    export = export_json(owner_client, make_record(acme, owner))
    genuine = _verify(json.dumps(export).encode())
    assert "Authentic." in genuine and "Not authentic." not in genuine

    page = _verify(_forged_before(export, key, forged))

    assert "Not authentic." in page
    assert f"names the key '{key}' twice" in page
    assert "Forged" not in page


def test_the_assess_command_exits_2_naming_a_repeated_key(tmp_path: Path):
    text = json.dumps(CONTRACT_EXAMPLE)
    text = text.replace('"role": ', '"role": "deployer", "role": ', 1)
    path = tmp_path / "answers.json"
    path.write_text(text, "utf-8")
    err = StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command("assess", str(path), stdout=StringIO(), stderr=err)

    assert exit_info.value.code == 2
    assert "'role'" in err.getvalue() and "twice" in err.getvalue()
