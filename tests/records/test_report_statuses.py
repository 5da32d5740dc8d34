"""The PDF report as a filed document (issue 8, deliverables 3 and 6): the statuses of the
day it was attested, an overdue notification in words with the fines text on the first
page, the attester beside the time, third person throughout, powers of ten as superscripts
that survive text extraction, and no empty checkboxes.

Results are built by hand in the 2026.1 shape (tests/records/status_results.py) and put in
a sample export; the report never runs the engine.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pypdf import PdfReader

from questionnaire import presentation
from questionnaire.reports import render
from tests.records.status_results import systemic_result, without_statuses
from tests.samples import signed_export

pytestmark = pytest.mark.real_pdf

YOU = re.compile(r"\byou(r|rs|rself)?\b", re.IGNORECASE)
OVERDUE = "Overdue since 2026-02-15 — notify the AI Office now"
FINES = (
    "From 2 August 2026 the Commission may fine a provider that it finds intentionally or "
    "negligently infringed the Regulation, up to 3% of its annual total worldwide turnover in "
    "the preceding financial year or EUR 15 million, whichever is higher (Art. 101(1)(a)); the "
    "lower caps for SMEs (Art. 99(6)) do not apply to Art. 101."
)
FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
SUPERSCRIPTS = {0x2070, 0x00B9, 0x00B2, 0x00B3, *range(0x2074, 0x207A), 0x207B}


def export_with(result: dict[str, Any]) -> dict[str, Any]:
    """A sample record's export carrying ``result`` (rendering does not check signatures)."""
    export = signed_export()
    export["payload"]["result"] = copy.deepcopy(result)
    return export


def pdf_of(result: dict[str, Any]) -> bytes:
    return render.report_pdf(export=export_with(result), verify_url="https://gpai.example/verify/")


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def overdue_pages() -> list[str]:
    return pages_of(pdf_of(systemic_result(assessed_on="2026-11-28")))


def test_the_first_page_names_the_attester_beside_the_time(overdue_pages):
    first = squeezed(overdue_pages[0])
    title_block = first[: first.index("Verdict")]
    assert "Attested28November2026,01:55UTCbyAliceExample,HeadofLegal" in title_block


def test_an_overdue_notification_stands_out_on_the_first_page_with_the_fines(overdue_pages):
    first = squeezed(overdue_pages[0])
    verdict = first.index("Verdict")
    notice = first.index(squeezed(f"{OVERDUE}."))
    assert verdict < notice < first.index("GPAIproviderobligations")
    assert squeezed(FINES) in first
    assert squeezed("Statuses as attested on 2026-11-28.") in first


def test_the_obligations_read_as_duties_with_their_status(overdue_pages):
    text = squeezed(" ".join(overdue_pages))
    obligations = text[text.index("Obligations") :]
    assert squeezed("Statuses as attested on 2026-11-28.") in obligations
    assert (
        squeezed(f"Notify the Commission without delay and within two weeks Art. 52(1) {OVERDUE}")
        in obligations
    )
    assert (
        squeezed(
            "Model evaluation, including adversarial testing Art. 55(1)(a) Applies since 2026-03-01"
        )
        in obligations
    )
    assert squeezed(f"Art. 52 notification deadline: {OVERDUE}.") in obligations


def test_a_recommended_notification_says_why_and_carries_no_fines():
    result = systemic_result(
        assessed_on="2026-11-28", notify_status="recommended", notify_due="2026-03-24"
    )
    text = squeezed(" ".join(pages_of(pdf_of(result))))
    assert squeezed("Recommended by 2026-03-24") in text
    assert squeezed(presentation.RECOMMENDED_WHY) in text
    assert "Overdue" not in text
    assert squeezed("may fine a provider that it finds") not in text


def test_a_result_without_statuses_prints_due_dates_as_before():
    text = squeezed(" ".join(pages_of(pdf_of(without_statuses(systemic_result())))))
    assert "Statusesas" not in text
    assert "Overdue" not in text
    assert squeezed("Art. 52(1) Due: 2026-02-15") in text
    assert squeezed("Art. 52 notification deadline: Notify the Commission by 2026-02-15.") in text


def test_the_extracted_text_reads_superscript_powers_of_ten(overdue_pages):
    text = " ".join(overdue_pages)
    assert "Training compute 4.7 × 10²⁵ FLOP" in text
    assert "10²³ threshold" in text  # the chart's caption and legend
    # the engine's sentences too: typographically, not in the signed words
    assert "The training compute is estimated at 4.7 × 10²⁵ FLOP" in text
    assert "^" not in text


def test_the_shipped_latin_fonts_carry_the_superscript_digits():
    latin = sorted(FONTS.glob("*-latin-[0-9]*.woff"))
    assert len(latin) == 6
    for path in latin:
        cmap = TTFont(path).getBestCmap()
        missing = {hex(code) for code in SUPERSCRIPTS if code not in cmap}
        # Source Serif 4 has no superscript minus; the serif stack falls back to the sans
        allowed = {"0x207b"} if path.name.startswith("source-serif-4-") else set()
        assert missing <= allowed, f"{path.name} lacks {sorted(missing)}"
    css = (Path(settings.BASE_DIR) / "static" / "css" / "report.css").read_text()
    html_rule = re.search(r"\nhtml \{(.*?)\}", css, re.S)
    assert html_rule
    stack = re.search(r"font-family:([^;]*);", html_rule[1])
    assert stack
    families = [family.strip() for family in stack[1].split(",")]
    assert families[0] == '"Source Serif 4"'
    assert families.index('"Source Sans 3"') < families.index("serif")


def test_the_report_draws_no_empty_checkboxes():
    export = export_with(systemic_result(assessed_on="2026-11-28"))
    html = render_to_string(
        render.TEMPLATE, render.report_context(export=export, verify_url="https://x/verify/")
    )
    # The documentation checklist (issue 12) is a section of its own, a numbered list of
    # documents; the obligations are never boxes to tick.
    obligations = re.search(r'<ul class="obligations">(.*?)</ul>', html, re.S)
    assert obligations and "checklist" not in obligations[1]
    assert not re.search(r"<span[^>]*>\s*</span>", html)
    items = re.findall(r'<li class="obligation[^"]*">(.*?)</li>', html, re.S)
    assert len(items) == 9
    for item in items:
        assert re.search(r'<span class="obligation__status">\S[^<]*</span>', item), item
    css = (Path(settings.BASE_DIR) / "static" / "css" / "report.css").read_text()
    assert not re.search(r"[☐□✓✔]", html + css)
    assert "checkbox" not in html + css


def every_kind_of_result() -> list[dict[str, Any]]:
    below = {
        **systemic_result(),
        "classification": "gpai",
        "provider": False,
        "obligations": [],
        "notification_due": None,
    }
    return [
        systemic_result(flags=("designation_risk", "compute_lower_bound", "planned_date_passed")),
        systemic_result(notify_status="recommended", flags=("notification_recommended",)),
        below,
        {**below, "classification": "out_of_scope", "training_flop": None, "cumulative_flop": None},
        {**below, "classification": "not_gpai", "flags": ["generality_rebuttal"]},
        without_statuses(systemic_result(flags=("modification_limited", "methods_disagree"))),
    ]


@pytest.mark.parametrize("result", every_kind_of_result(), ids=lambda r: r["classification"])
def test_the_report_never_speaks_to_you(result):
    """Outside the questions' wording and the attestation statement (rules §10.11)."""
    export = export_with(result)
    text = " ".join(pages_of(pdf_of(result)))
    answers = text.index("The answers, with the questions as they were asked")
    attestation = text.index("Attestation", answers)
    statement = " ".join(export["payload"]["attestation"]["statement"].split())
    outside = text[:answers] + text[attestation:].replace(statement, "")
    assert not YOU.findall(outside), outside
    assert squeezed(presentation.verdict(result)) in squeezed(text)
