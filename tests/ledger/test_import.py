"""Importing a ledger from CSV: entries filed with source "imported", the same file again
changes nothing, a higher revision updates; a bad row refuses the whole file naming its
line and column; files that are not UTF-8 CSV are refused with a clear message."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionnaire.ledger.imports import MAX_BYTES, ImportRefused, ledger_import
from questionnaire.ledger.selectors import model_totals
from questionnaire.models import AuditEvent, LedgerEntry, ThresholdEvent
from questionnaire.scoring.numbers import parse_number

GOOD = (
    "key,kind,status,started_on,ended_on,method,flop,parameters,tokens,chips,hours,utilisation,"
    "accelerator,description,revision\n"
    "pt-1,pre_training,finished,2026-01-05,2026-03-01,direct,4e24,,,,,,,Base run,1\n"
    "pt-2,continued_pre_training,running,2026-03-02,,architecture,,70e9,15e12,,,,,,1\n"
    "ft-1,fine_tuning,planned,2026-06-01,,hardware,,,,1000,720,0.4,h100,,1\n"
)


def upload(owner_client, model, content: bytes | str, name: str = "ledger.csv"):
    data = content.encode() if isinstance(content, str) else content
    return owner_client.post(
        reverse("model_ledger_import", args=[model.public_id]),
        {"import-file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_a_file_is_imported_with_its_source_and_audited(owner_client, model):
    response = upload(owner_client, model, GOOD)
    assert response.status_code == 302
    entries = LedgerEntry.objects.filter(model=model).order_by("key")
    assert [(e.key, e.source, e.status) for e in entries] == [
        ("ft-1", "imported", "planned"),
        ("pt-1", "imported", "finished"),
        ("pt-2", "imported", "running"),
    ]
    # 4e24 + 6 × 70e9 × 15e12 = 4e24 + 6.3e24, actual; the fine-tune only planned.
    totals = model_totals(model)
    assert totals.training_actual == parse_number("1.03e25")
    assert totals.training_planned > totals.training_actual
    page = owner_client.get(response.url).content.decode()
    assert "3 rows imported: 3 new, 0 updated, 0 unchanged." in page
    assert page.count("Imported (revision 1)") == 3
    assert AuditEvent.objects.filter(action="ledger.entry_created").count() == 3
    # The crossing of the systemic-risk threshold is recorded, as for any entry.
    assert ThresholdEvent.objects.filter(threshold="systemic_risk", kind="crossed").exists()


def test_the_same_file_again_changes_nothing_and_a_higher_revision_updates(owner_client, model):
    upload(owner_client, model, GOOD)
    again = upload(owner_client, model, GOOD)
    page = owner_client.get(again.url).content.decode()
    assert "3 rows imported: 0 new, 0 updated, 3 unchanged." in page
    changed = GOOD.replace(
        "ft-1,fine_tuning,planned,2026-06-01,,hardware,,,,1000,720,0.4,h100,,1",
        "ft-1,fine_tuning,running,2026-06-01,,hardware,,,,1000,720,0.4,h100,,2",
    )
    upload(owner_client, model, changed)
    entry = LedgerEntry.objects.get(key="ft-1")
    assert (entry.status, entry.revision) == ("running", 2)
    assert LedgerEntry.objects.count() == 3


def test_a_bad_row_refuses_the_whole_file_naming_line_and_column(owner_client, model):
    bad = GOOD.replace(
        "ft-1,fine_tuning,planned,2026-06-01,,hardware,,,,1000",
        "ft-1,fine_tuning,planned,2026-06-01,,hardware,,,,-1000",
    )
    response = upload(owner_client, model, bad)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was imported" in body
    assert "line 4, column chips" in body
    assert not LedgerEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="ledger.entry_created").exists()
    assert not ThresholdEvent.objects.exists()


def test_semicolons_and_a_byte_order_mark_are_read(model, owner):
    text = "\ufeffkey;kind;status;method;flop\nrun;pre_training;finished;direct;1e23\n"
    summary = ledger_import(model=model, content=text.encode(), user=owner)
    assert summary.outcomes["created"] == 1
    assert LedgerEntry.objects.get().flop


BAD_FILES = [
    (b"\xff\xfe\x00k", "is not UTF-8 text"),
    (b"kind,status,method\npre_training,finished,direct\n", "key is missing"),
    (
        b"key,kind,status,method,colour\nr,pre_training,finished,direct,red\n",
        "unknown column colour",
    ),
    (b"key,kind,status,method,flop\n", "has no rows below its header"),
    (
        b"key,kind,status,method,flop\nr,pre_training,finished,direct,1e23\nr,fine_tuning,finished,direct,1e22\n",
        "line 3, column key: 'r' is on line 2 already",
    ),
    (
        b"key,kind,status,method,flop\nr,pretraining,finished,direct,1e23\n",
        "line 2, column kind",
    ),
    (
        b"key,kind,status,method,flop\nr,pre_training,done,direct,1e23\n",
        "line 2, column status",
    ),
    (
        b"key,kind,status,method,flop\nr,pre_training,finished,direct,lots\n",
        "line 2, column flop",
    ),
    (
        b"key,kind,status,method,flop\nr,pre_training,finished,direct,1e40\n",
        "implausibly large",
    ),
    (
        b"key,kind,status,method,flop,started_on\nr,pre_training,finished,direct,1e23,01/02/2026\n",
        "line 2, column started_on",
    ),
    (
        b"key,kind,status,method,flop\nr,pre_training,finished,direct,1e23,extra\n",
        "more values",
    ),
    (b"key,kind,status,method\n" + b"x" * (MAX_BYTES + 1), "larger than"),
]


def test_each_bad_file_is_refused_with_a_clear_message(model, owner):
    for content, message in BAD_FILES:
        try:
            ledger_import(model=model, content=content, user=owner)
        except ImportRefused as refused:
            assert message in str(refused), (message, str(refused))
        else:
            raise AssertionError(f"accepted: {content[:60]!r}")
    assert not LedgerEntry.objects.exists()


def test_a_refused_upload_is_a_page_with_the_error_at_the_file_field(owner_client, model):
    response = upload(owner_client, model, b"\xff\xfe\x00k")
    assert response.status_code == 400
    body = response.content.decode()
    assert "id_import-file_error" in body
    assert "is not UTF-8 text" in body
    # The import section is open, so the error is seen.
    assert '<details class="details" open>\n      <summary>Import entries from a CSV file' in body


def test_no_file_is_refused_at_the_field(owner_client, model):
    response = owner_client.post(reverse("model_ledger_import", args=[model.public_id]), {})
    assert response.status_code == 400
    assert "id_import-file_error" in response.content.decode()


def test_the_example_file_of_the_repository_imports(model, owner, settings):
    content = (settings.BASE_DIR / "static" / "ledger" / "ledger-import-example.csv").read_bytes()
    summary = ledger_import(model=model, content=content, user=owner)
    assert summary.outcomes == {"created": 3, "updated": 0, "unchanged": 0}


def test_the_page_links_the_example_file(owner_client, model):
    page = owner_client.get(reverse("model_detail", args=[model.public_id])).content.decode()
    assert 'href="/static/ledger/ledger-import-example.csv" download' in page
