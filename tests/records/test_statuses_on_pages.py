"""Obligation statuses on the review step's preview, the result page and the record page
(issue 8, deliverables 3 and 6): an overdue notification stands out in words with the fines
text, a recommended one says why, a record shows the statuses of the day it was attested
and today's beside them; pages speak in the third person, write powers of ten as
superscripts and draw no empty checkboxes.

The results are built by hand in the 2026.1 shape (tests/records/status_results.py): the
pages read statuses from the document and never run the engine for them.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client

from questionnaire import presentation, services
from questionnaire.models import Assessment
from questionnaire.scoring import FLAGS
from questionnaire.templatetags import result_tags
from tests.records.conftest import make_record, record_page, shown_for
from tests.records.status_results import systemic_result, without_statuses
from tests.samples import SYSTEMIC_ANSWERS
from tests.web.wizard_helpers import WizardDriver

pytestmark = pytest.mark.usefixtures("signing_setup")

TODAY = date(2026, 11, 29)
NOW = TODAY.isoformat()
YOU = re.compile(r"\byou(r|rs|rself)?\b", re.IGNORECASE)
FINES = (
    "From 2 August 2026 the Commission may fine a provider that it finds intentionally or "
    "negligently infringed the Regulation, up to 3% of its annual total worldwide turnover in "
    "the preceding financial year or EUR 15 million, whichever is higher (Art. 101(1)(a)); the "
    "lower caps for SMEs (Art. 99(6)) do not apply to Art. 101."
)
OVERDUE = "Overdue since 2026-02-15 — notify the AI Office now"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The pages read today's statuses against this date."""
    monkeypatch.setattr(result_tags, "today", lambda: TODAY)
    return TODAY


class Text(HTMLParser):
    """A page's text as a reader reads it, blocks of it by class, whitespace collapsed.
    Elements whose class is in ``skip`` are left out with everything inside them."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}
    BLOCKS = {
        *("p", "div", "li", "dt", "dd", "ul", "ol", "dl", "section", "header", "footer"),
        *("h1", "h2", "h3", "h4", "title", "text", "desc", "figcaption", "nav", "main"),
    }

    def __init__(self, html: str, skip: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.skip = skip
        self.stack: list[tuple[str, bool, list[str]]] = []
        self.parts: list[str] = []
        self.blocks: dict[str, list[str]] = {}
        self.feed(html)

    @property
    def skipping(self) -> bool:
        return any(skipped for _, skipped, _ in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.handle_data(" ")
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, any(name in self.skip for name in classes), classes))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.handle_data(" ")
        while self.stack:
            open_tag, _, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping or any(tag in ("script", "style") for tag, _, _ in self.stack):
            return
        self.parts.append(data)
        for _, _, classes in self.stack:
            for name in classes:
                self.blocks.setdefault(name, []).append(data)

    @staticmethod
    def squash(parts: list[str]) -> str:
        return " ".join("".join(parts).split())

    @property
    def text(self) -> str:
        return self.squash(self.parts)

    def block(self, name: str) -> str:
        return self.squash(self.blocks.get(name, []))


def assessment_with(acme, owner, result: dict[str, Any], **answers: Any) -> Assessment:
    document = {**copy.deepcopy(SYSTEMIC_ANSWERS), **answers}
    return services.assessment_create(
        organisation=acme, user=owner, answers=document, shown=shown_for(document), result=result
    )


def result_page(client: Client, assessment: Assessment) -> str:
    response = client.get(f"/assessments/{assessment.public_id}/")
    assert response.status_code == 200
    html: str = response.content.decode()
    return html


def obligation_items(html: str) -> dict[str, str]:
    """Each obligation's list item (its markup), by its article."""
    lists = re.findall(r'<ul class="obligations">(.*?)</ul>', html, re.S)
    assert lists, "no obligation list"
    items = re.findall(r"<li [^>]*>(.*?)</li>", lists[0], re.S)
    return {re.search(r'<span class="cite">([^<]*)</span>', item)[1]: item for item in items}  # type: ignore[index]


# ------------------------------------------------------------------ overdue


def test_the_result_page_says_an_overdue_notification_in_words_with_the_fines(
    acme, owner, owner_client
):
    html = result_page(owner_client, assessment_with(acme, owner, systemic_result(assessed_on=NOW)))
    page = Text(html)

    notice = page.block("overdue-notice")
    assert notice.startswith(f"{OVERDUE}.")
    assert "Notify the Commission without delay and within two weeks (Art. 52(1))" in notice
    assert notice.endswith(FINES)
    item = obligation_items(html)["Art. 52(1)"]
    assert 'class="obligation__status obligation__status--current"' in item
    assert (
        'Overdue since <time datetime="2026-02-15">2026-02-15</time> — notify the AI Office now'
        in item
    )
    assert re.search(
        r'<li class="obligation obligation--overdue">\s*<span class="obligation__duty"><strong>Notify',
        html,
    )
    assert f"Art. 52 notification {OVERDUE}" in page.text
    # the other duties apply, and nothing else is overdue
    others = [text for article, text in obligation_items(html).items() if article != "Art. 52(1)"]
    assert len(others) == 8
    assert all("Applies since" in text and "Overdue" not in text for text in others)


def test_nothing_overdue_shows_no_notice_and_no_fines(acme, owner, owner_client):
    result = systemic_result(assessed_on=NOW, notify_due="2026-12-20", notify_status="upcoming")
    page = Text(result_page(owner_client, assessment_with(acme, owner, result)))
    assert page.block("overdue-notice") == ""
    assert "Overdue" not in page.text
    assert "may fine a provider" not in page.text
    assert "Art. 52 notification Due 2026-12-20" in page.text


def test_a_recommended_notification_says_why(acme, owner, owner_client):
    result = systemic_result(
        assessed_on=NOW,
        notify_due="2026-03-24",
        notify_status="recommended",
        flags=("notification_recommended",),
    )
    html = result_page(owner_client, assessment_with(acme, owner, result))
    item = Text(obligation_items(html)["Art. 52(1)"]).text
    assert item.startswith("Notify the Commission")
    assert "Recommended by 2026-03-24" in item
    assert presentation.RECOMMENDED_WHY in item
    assert "Overdue" not in Text(html).text
    assert "may fine a provider" not in Text(html).text


def test_each_status_reads_in_words_and_done_gives_the_notification_date(acme, owner, owner_client):
    result = systemic_result(
        assessed_on=NOW, duties="upcoming", notify_status="done", placed_on="2026-12-01"
    )
    result["obligations"][0] = {**result["obligations"][0], "due": None, "status": "applies"}
    assessment = assessment_with(acme, owner, result, notified_on="2026-02-10")
    items = {
        k: Text(v).text for k, v in obligation_items(result_page(owner_client, assessment)).items()
    }
    assert items["Art. 52(1)"].endswith("Done: notified on 2026-02-10")
    assert items["Art. 53(1)(a)"].endswith("Applies now")
    assert items["Art. 53(1)(b)"].endswith("Due 2026-12-01")


def test_a_result_without_statuses_shows_due_dates_as_before(acme, owner, owner_client):
    html = result_page(
        owner_client, assessment_with(acme, owner, without_statuses(systemic_result()))
    )
    page = Text(html)
    assert "Statuses as" not in page.text
    assert "Overdue" not in page.text
    assert Text(obligation_items(html)["Art. 52(1)"]).text.endswith("Due: 2026-02-15")
    assert "Art. 52 notification due 2026-02-15" in page.text


# ------------------------------------------------------------------ the review step's preview


def test_the_review_preview_shows_the_statuses_of_the_result(owner_client, acme, monkeypatch):
    from questionnaire.wizard import view
    from tests.web.test_page_markup import JOURNEY

    wizard = WizardDriver(owner_client).start(acme)
    for step, fields in JOURNEY:
        wizard.post(step, {**fields, "period2_chips": ""} if step == "compute" else fields)
    preview = systemic_result(assessed_on=TODAY.isoformat())
    monkeypatch.setattr(view, "assess", lambda *args, **kwargs: copy.deepcopy(preview))

    page = Text(wizard.page("review"))

    assert page.block("overdue-notice").startswith(f"{OVERDUE}.")
    assert FINES in page.block("overdue-notice")
    assert f"Statuses as assessed on {TODAY.isoformat()}." in page.text
    assert "Today:" not in page.text  # the preview is today's
    assert page.block("obligation--overdue").endswith(OVERDUE)


# ------------------------------------------------------------------ a record, read later


def test_a_record_shows_its_attested_statuses_and_todays_beside_them(acme, owner, owner_client):
    signed = systemic_result(assessed_on="2026-02-10", duties="upcoming", notify_status="upcoming")
    record = make_record(acme, owner, assessment=assessment_with(acme, owner, signed))
    html = record_page(owner_client, record)
    page = Text(html)

    assert (
        "Statuses as attested on 2026-02-10; today's statuses, as of 2026-11-29, beside them."
        in page.text
    )
    notify = Text(obligation_items(html)["Art. 52(1)"]).text
    assert "Attested: Due 2026-02-15" in notify
    assert f"Today: {OVERDUE} (changed)" in notify
    duty = Text(obligation_items(html)["Art. 55(1)(a)"]).text
    assert "Attested: Due 2026-03-01 Today: Applies since 2026-03-01 (changed)" in duty
    # today's overdue notification is the one the notice names, with the fines
    notice = page.block("overdue-notice")
    assert notice.startswith(f"{OVERDUE}.")
    assert (
        "Statuses as attested on 2026-02-10: Due 2026-02-15; as of today, 2026-11-29: overdue."
        in notice
    )
    assert FINES in notice


def test_a_record_read_on_its_own_day_shows_only_its_statuses(
    acme, owner, owner_client, monkeypatch
):
    monkeypatch.setattr(result_tags, "today", lambda: date(2026, 3, 10))
    record = make_record(acme, owner, assessment=assessment_with(acme, owner, systemic_result()))
    page = Text(record_page(owner_client, record))
    assert "Statuses as attested on 2026-03-10." in page.text
    assert "Today:" not in page.text
    assert page.block("overdue-notice").startswith(f"{OVERDUE}.")


def test_a_record_keeps_a_done_notification_done(acme, owner, owner_client):
    signed = systemic_result(assessed_on="2026-02-10", notify_status="done")
    assessment = assessment_with(acme, owner, signed, notified_on="2026-02-01")
    html = record_page(owner_client, make_record(acme, owner, assessment=assessment))
    notify = Text(obligation_items(html)["Art. 52(1)"]).text
    assert "Attested: Done: notified on 2026-02-01 Today: Done: notified on 2026-02-01" in notify
    assert "(changed)" not in notify
    assert "Overdue" not in Text(html).text


# ------------------------------------------------------------------ a filed document's words


def every_kind_of_result() -> list[dict[str, Any]]:
    systemic = systemic_result(flags=tuple(FLAGS))
    below = {
        **systemic_result(),
        "classification": "gpai",
        "provider": False,
        "obligations": [],
        "notification_due": None,
        "flags": ["designation_risk"],
    }
    out = {
        **below,
        "classification": "out_of_scope",
        "training_flop": None,
        "cumulative_flop": None,
    }
    narrow = {**below, "classification": "not_gpai"}
    open_source = {
        **systemic_result(notify_status="recommended"),
        "classification": "gpai_open_source",
    }
    return [systemic, below, out, narrow, open_source, without_statuses(systemic)]


def test_no_result_or_record_page_speaks_to_you(acme, owner, owner_client):
    """Outside the questions' own wording and the attestation, the pages of a result and
    of a record speak of the provider and the modifier, never of "you" (rules §10.11)."""
    for result in every_kind_of_result():
        assessment = assessment_with(acme, owner, result)
        record = make_record(acme, owner, assessment=assessment)
        for where, html in (
            ("result", result_page(owner_client, assessment)),
            ("record", record_page(owner_client, record)),
        ):
            text = Text(html, skip=("answers-record", "attest", "statement")).text
            found = YOU.findall(text)
            assert not found, f"{result['classification']} {where} page: {text}"
            assert Text(html).block("verdict") == presentation.verdict(result)


def test_pages_write_powers_of_ten_as_superscripts_and_keep_typed_figures(
    acme, owner, owner_client
):
    assessment = assessment_with(acme, owner, systemic_result())
    for html in (
        result_page(owner_client, assessment),
        record_page(owner_client, make_record(acme, owner, assessment=assessment)),
    ):
        page = Text(html, skip=("answers__row", "reasons"))
        assert "Training compute 4.7 × 10²⁵ FLOP" in page.text
        assert "Cumulative compute 4.7 × 10²⁵ FLOP" in page.text
        assert "^" not in page.text
        svg = re.search(r"<svg.*?</svg>", html, re.S)
        assert svg and "10^" not in svg[0] and "10²⁵" in svg[0]
        # answers stay as they were shown
        assert "16,384 × NVIDIA H100 × 2,000 h × 0.4" in Text(html).block("answers__row")


def test_a_lower_bound_reads_at_least(acme, owner, owner_client):
    result = systemic_result(flags=("compute_lower_bound",))
    page = Text(result_page(owner_client, assessment_with(acme, owner, result)))
    assert "Cumulative compute At least 4.7 × 10²⁵ FLOP" in page.text


def test_obligations_are_duties_with_status_words_not_empty_checkboxes(acme, owner, owner_client):
    assessment = assessment_with(acme, owner, systemic_result(assessed_on=NOW))
    record = make_record(acme, owner, assessment=assessment)
    for html in (result_page(owner_client, assessment), record_page(owner_client, record)):
        # The documentation checklist (issue 12) has its own section with its forms; the
        # obligations themselves are never boxes to tick.
        obligations = re.findall(r'<ul class="obligations">(.*?)</ul>', html, re.S)
        assert obligations
        assert "checklist" not in obligations[0] and "checkbox" not in obligations[0]
        assert not re.search(r"<span[^>]*>\s*</span>", html)
        items = obligation_items(html)
        assert len(items) == 9
        for item in items.values():
            status = re.search(r'<span class="obligation__status[^"]*">(.*?)</span>\s', item, re.S)
            assert status and Text(status[1]).text, item


def test_the_include_works_with_only_what_the_review_passes():
    """The review step passes result, verdict, flags and chart: no answers, no record."""
    result = systemic_result(assessed_on=TODAY.isoformat(), notify_status="done")
    html = render_to_string(
        "questionnaire/includes/result.html",
        {
            "result": result,
            "verdict": presentation.verdict(result),
            "flags": presentation.flags_explained(result),
            "chart": presentation.chart_for_result(result),
            "chart_id": "preview",
        },
    )
    assert Text(obligation_items(html)["Art. 52(1)"]).text.endswith(
        "Done: the Commission has been notified"
    )
    assert f"Statuses as assessed on {TODAY.isoformat()}." in Text(html).text
