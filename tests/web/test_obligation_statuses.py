"""Obligation statuses in words (rules §10.7) and today's statuses of a stored result,
worked out by ``presentation`` from the signed due dates without running the engine."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questionnaire import presentation
from questionnaire.charts import chart_from_figures
from questionnaire.presentation import StatusWords, obligations_view, status_on, status_words
from questionnaire.scoring import FLAGS, assess, load
from tests.records.status_results import obligation, systemic_result, without_statuses
from tests.samples import SYSTEMIC_ANSWERS

# rules §10.7, word for word
FINES_SPEC = (
    "From 2 August 2026 the Commission may fine a provider that it finds intentionally or "
    "negligently infringed the Regulation, up to 3% of its annual total worldwide turnover in "
    "the preceding financial year or EUR 15 million, whichever is higher (Art. 101(1)(a)); the "
    "lower caps for SMEs (Art. 99(6)) do not apply to Art. 101."
)
YOU = re.compile(r"\byou(r|rs|rself)?\b", re.IGNORECASE)

NOTIFY = obligation("art52_notify", "2026-02-15", "upcoming")
DUTY = obligation("art53_1a", "2026-03-01", "upcoming")


def day(text: str) -> date:
    return date.fromisoformat(text)


# ------------------------------------------------------------------ status_on (§10.7)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2026-02-01", "upcoming"),
        ("2026-02-15", "upcoming"),  # due today is not yet overdue
        ("2026-02-16", "overdue"),  # strictly after the due date
        ("2027-01-01", "overdue"),
    ],
)
def test_a_notification_is_overdue_only_after_its_due_date(on, expected):
    assert status_on(NOTIFY, day(on), planned=False, legacy=False) == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2026-02-28", "upcoming"), ("2026-03-01", "applies"), ("2026-12-31", "applies")],
)
def test_a_duty_applies_from_its_due_date_on(on, expected):
    assert status_on(DUTY, day(on), planned=False, legacy=False) == expected


def test_a_duty_due_now_applies_and_a_notification_without_a_date_keeps_its_status():
    due_now = obligation("art53_1c", None, "applies")
    assert status_on(due_now, day("2030-01-01"), planned=False, legacy=False) == "applies"
    unknown = obligation("art52_notify", None, "upcoming")
    assert status_on(unknown, day("2030-01-01"), planned=False, legacy=False) == "upcoming"


def test_a_planned_models_duties_stay_upcoming_but_its_notification_can_be_overdue():
    assert status_on(DUTY, day("2027-01-01"), planned=True, legacy=False) == "upcoming"
    before_placing = obligation("art53_1a", None, "upcoming")
    assert status_on(before_placing, day("2027-01-01"), planned=True, legacy=False) == "upcoming"
    assert status_on(NOTIFY, day("2027-01-01"), planned=True, legacy=False) == "overdue"


def test_a_legacy_models_notification_applies_and_is_never_overdue():
    legacy = obligation("art52_notify", "2025-01-14", "applies")
    assert status_on(legacy, day("2027-01-01"), planned=False, legacy=True) == "applies"
    # its other duties follow their own (legacy) date
    duty = obligation("art53_1a", "2027-08-02", "upcoming")
    assert status_on(duty, day("2027-08-01"), planned=False, legacy=True) == "upcoming"
    assert status_on(duty, day("2027-08-02"), planned=False, legacy=True) == "applies"


@pytest.mark.parametrize("status", ["done", "recommended"])
def test_done_and_recommended_stay_as_signed(status):
    signed = obligation("art52_notify", "2026-02-15", status)
    for on in ("2026-01-01", "2026-02-16", "2030-01-01"):
        assert status_on(signed, day(on), planned=False, legacy=False) == status
        assert status_on(signed, day(on), planned=True, legacy=True) == status


def test_a_result_without_statuses_gets_none():
    old = obligation("art52_notify", "2026-02-15", None)
    assert status_on(old, day("2030-01-01"), planned=False, legacy=False) is None


@given(
    due=st.dates(min_value=date(2025, 8, 2), max_value=date(2030, 1, 1)),
    first=st.dates(min_value=date(2025, 1, 1), max_value=date(2031, 1, 1)),
    later=st.integers(min_value=0, max_value=2000),
    planned=st.booleans(),
)
def test_statuses_only_move_forward_in_time(due, first, later, planned):
    """upcoming → applies, upcoming → overdue: never back, and a notification never
    'applies' (outside a legacy model)."""
    order = {"upcoming": 0, "applies": 1, "overdue": 1}
    second = first + timedelta(days=later)
    for item in (
        obligation("art52_notify", due.isoformat(), "upcoming"),
        obligation("art55_1a", due.isoformat(), "upcoming"),
    ):
        before = status_on(item, first, planned=planned, legacy=False)
        after = status_on(item, second, planned=planned, legacy=False)
        assert before is not None and after is not None
        assert order[before] <= order[after]
        if item["id"] == "art52_notify":
            assert {before, after} <= {"upcoming", "overdue"}


ENGINE_2026 = "eu-aia-gpai-2026.1"
ENGINE_CASES = {
    "placed, notification late": {"assessed_on": "2026-11-29"},
    "placed, notification ahead": {"threshold_known_on": "2026-11-20"},
    "due on the day": {"threshold_known_on": "2026-11-15"},
    "planned": {"placement": "planned", "placed_on": "2027-03-01", "assessed_on": "2026-11-29"},
    "notified": {"notified_on": "2025-11-20", "assessed_on": "2026-11-29"},
    "legacy": {"placed_on": "2025-05-01", "threshold_known_on": "2025-01-01"},
}


@pytest.mark.parametrize("case", ENGINE_CASES)
def test_on_its_own_day_the_rules_give_back_the_engines_statuses(case):
    """The display's rules and the engine's agree: read on the result's own ``assessed_on``,
    ``status_on`` returns every status the engine wrote."""
    answers = {**SYSTEMIC_ANSWERS, "assessed_on": "2026-11-29", **ENGINE_CASES[case]}
    result = assess(answers, ENGINE_2026)
    signed_on = day(result["assessed_on"])
    planned = answers["placement"] == "planned"
    legacy = "legacy_model" in result["flags"]
    assert result["obligations"]
    for item in result["obligations"]:
        assert status_on(item, signed_on, planned=planned, legacy=legacy) == item["status"], item


# ------------------------------------------------------------------ the words


@pytest.mark.parametrize(
    ("item", "status", "text"),
    [
        (NOTIFY, "overdue", "Overdue since 2026-02-15 — notify the AI Office now"),
        (DUTY, "applies", "Applies since 2026-03-01"),
        (obligation("art53_1a", None, "applies"), "applies", "Applies now"),
        (DUTY, "upcoming", "Due 2026-03-01"),
        (obligation("art53_1a", None, "upcoming"), "upcoming", "Due before placing on the market"),
        (NOTIFY, "recommended", "Recommended by 2026-02-15"),
        (NOTIFY, "done", "Done: the Commission has been notified"),
        (DUTY, None, "Due: 2026-03-01"),
        (obligation("art53_1a", None, None), None, "Due: before placing on the market"),
        (
            obligation("art52_notify", None, None),
            None,
            "Due: date unknown — notify without delay",
        ),
    ],
)
def test_each_status_reads_in_words(item, status, text):
    assert status_words(item, status).text == text


def test_done_gives_the_notification_date_from_the_answers():
    assert status_words(NOTIFY, "done", notified_on="2026-02-10").text == (
        "Done: notified on 2026-02-10"
    )
    result = systemic_result(notify_status="done")
    view = obligations_view(result, answers={"notified_on": "2026-02-10"})
    notify = next(line for line in view.lines if line.id == "art52_notify")
    assert notify.words == StatusWords("Done: notified on", "2026-02-10")


def test_a_recommended_notification_says_why_it_is_only_recommended():
    view = obligations_view(systemic_result(notify_status="recommended"))
    notify = next(line for line in view.lines if line.id == "art52_notify")
    assert notify.why == presentation.RECOMMENDED_WHY
    for words in ("Commission's reading", "delegated act", "§2.3.2, footnotes 6–7"):
        assert words in notify.why
    assert "Act's wording (Art. 52(1))" in notify.why
    assert not view.overdue
    assert view.fines == ""
    assert [line.why for line in view.lines if line.id != "art52_notify"] == [""] * 8


# ------------------------------------------------------------------ fines


def test_the_fines_text_is_the_rules_text():
    view = obligations_view(systemic_result())
    assert [line.id for line in view.overdue] == ["art52_notify"]
    assert view.fines == FINES_SPEC


def test_the_fines_date_is_the_rule_sets(monkeypatch):
    rules = load("eu-aia-gpai-2025.1")
    moved = dataclasses.replace(rules, fines_apply_from=date(2027, 1, 5))
    monkeypatch.setattr(presentation, "load", lambda ruleset_id="": moved)
    text = obligations_view(systemic_result()).fines
    assert text.startswith("From 5 January 2027 the Commission may fine a provider")
    assert text.replace("5 January 2027", "2 August 2026") == FINES_SPEC


def test_a_result_of_an_unknown_rule_set_still_gets_a_fines_text():
    view = obligations_view(systemic_result(ruleset="eu-aia-gpai-1999.9"))
    assert view.fines == FINES_SPEC


# ------------------------------------------------------------------ the view of a stored result


def test_a_record_read_later_shows_its_signed_statuses_and_todays():
    signed = systemic_result(assessed_on="2026-02-10", duties="upcoming", notify_status="upcoming")
    view = obligations_view(
        signed, answers={"placement": "placed"}, today=day("2026-11-29"), attested=True
    )
    assert view.label == "Statuses as attested on 2026-02-10"
    assert view.today == "2026-11-29"
    notify = next(line for line in view.lines if line.id == "art52_notify")
    assert (notify.status, notify.today_status, notify.changed) == ("upcoming", "overdue", True)
    assert notify.words.text == "Due 2026-02-15"
    assert notify.current_words.text == "Overdue since 2026-02-15 — notify the AI Office now"
    assert [line.today_status for line in view.lines if line.id != "art52_notify"] == [
        "applies"
    ] * 8
    assert view.overdue == (notify,)
    assert view.fines == FINES_SPEC
    assert view.notification == notify.current_words


def test_the_same_day_or_no_answers_shows_only_the_signed_statuses():
    signed = systemic_result(assessed_on="2026-02-10", notify_status="upcoming")
    same_day = obligations_view(signed, answers={"placement": "placed"}, today=day("2026-02-10"))
    no_answers = obligations_view(signed, today=day("2026-11-29"))
    for view in (same_day, no_answers):
        assert view.today is None
        assert all(line.today_words is None and not line.changed for line in view.lines)
        assert view.overdue == ()
        assert view.label == "Statuses as assessed on 2026-02-10"


def test_a_result_without_statuses_shows_due_dates_as_before():
    view = obligations_view(
        without_statuses(systemic_result()),
        answers={"placement": "placed"},
        today=day("2030-01-01"),
    )
    assert view.label == ""
    assert view.assessed_on is None
    assert view.today is None
    assert view.overdue == ()
    assert {line.words.lead for line in view.lines} == {"Due:"}


# ------------------------------------------------------------------ powers of ten


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.2 × 10^24 FLOP", "3.2 × 10²⁴ FLOP"),
        ("10^24", "10²⁴"),
        ("from 7.0 × 10^10 to 10^-3", "from 7.0 × 10¹⁰ to 10⁻³"),
        ("1e24 and 3.2e24", "1e24 and 3.2e24"),
        ("2,010^4", "2,010^4"),
    ],
)
def test_powers_of_ten_are_written_as_superscripts(text, expected):
    assert presentation.superscript_exponents(text) == expected


def test_a_figure_typed_stays_as_typed_and_the_value_read_gets_superscripts():
    assert presentation.entered_and_read("405B") == "405B (= 4.05 × 10¹¹)"
    assert presentation.entered_and_read("3.2 × 10^24") == "3.2 × 10^24"
    assert presentation.flop_text("4.7e25") == "4.7 × 10²⁵ FLOP"
    assert presentation.flop_text(None) == "not given"


def test_the_chart_of_a_result_writes_superscripts_and_keeps_its_geometry():
    result = systemic_result()
    chart = presentation.chart_for_result(result)
    figures = presentation.figures_of(result)
    assert chart is not None and figures is not None
    plain = chart_from_figures(figures)
    assert plain is not None
    texts = [chart.description, chart.estimate.label, *(line.label for line in chart.thresholds)]
    texts += [tick.label for tick in chart.ticks] + [item.text for item in chart.legend]
    assert not [text for text in texts if "^" in text]
    assert "4.7 × 10²⁵ FLOP" in chart.description
    assert chart.description == presentation.superscript_exponents(plain.description)
    assert [t.x for t in chart.ticks] == [t.x for t in plain.ticks]
    assert chart.estimate.value == plain.estimate.value == Decimal("4.7e25")
    assert chart.view_box == plain.view_box


# ------------------------------------------------------------------ third person (§10.11)


def test_the_verdict_of_a_modifier_below_the_threshold_is_the_rules_sentence():
    result = {"classification": "gpai", "provider": False}
    assert presentation.verdict(result).startswith(
        "The modifier is not the provider of the modified model; the original model's "
        "provider keeps the Art. 53/54 obligations (and Art. 52/55 if it has systemic risk)."
    )
    assert "obligations apply" not in presentation.verdict(result)


def test_a_non_gpai_model_has_no_shown_for_context_clause():
    verdict = presentation.verdict({"classification": "not_gpai", "provider": False})
    assert verdict == presentation.VERDICTS["not_gpai"]
    assert "context" not in verdict and "modifier" not in verdict


@pytest.mark.parametrize("provider", [True, False])
@pytest.mark.parametrize("classification", list(presentation.VERDICTS))
def test_no_verdict_speaks_to_you(classification, provider):
    assert not YOU.search(
        presentation.verdict({"classification": classification, "provider": provider})
    )


def test_every_flag_is_explained_in_the_third_person():
    explained = presentation.flags_explained(
        {"ruleset": "eu-aia-gpai-2025.1", "flags": list(FLAGS)}
    )
    assert [flag["flag"] for flag in explained] == list(FLAGS)
    for flag in explained:
        assert flag["label"] != flag["flag"], f"{flag['flag']} has no label"
        assert flag["text"] != flag["flag"], f"{flag['flag']} has no explanation"
        assert not YOU.search(flag["label"] + " " + flag["text"]), flag
    for text in (presentation.RECOMMENDED_WHY, presentation.FINES, presentation.NOT_PROVIDER):
        assert not YOU.search(text)
