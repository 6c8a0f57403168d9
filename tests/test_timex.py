"""The time grammar, resolved against a fixed publication date.

The anchor is Thursday 20 March 2025, the publication date of seeds/000.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimtrack import timex
from claimtrack.timex import _SCANNER, find_times, resolve

ANCHOR = date(2025, 3, 20)
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("Sunday", "future", ("2025-03-23", "2025-03-23", "day")),
        ("Sunday", "past", ("2025-03-16", "2025-03-16", "day")),
        ("on Friday", "future", ("2025-03-21", "2025-03-21", "day")),
        ("on Friday", "past", ("2025-03-14", "2025-03-14", "day")),
        ("Thursday", "past", ("2025-03-20", "2025-03-20", "day")),
        ("on next Monday", None, ("2025-03-24", "2025-03-24", "day")),
        ("on Tuesday afternoon", "future", ("2025-03-25", "2025-03-25", "day")),
        ("this weekend", None, ("2025-03-22", "2025-03-23", "week")),
        ("next week", None, ("2025-03-24", "2025-03-30", "week")),
        ("the beginning of next week", None, ("2025-03-24", "2025-03-25", "week")),
        ("later this week", None, ("2025-03-21", "2025-03-23", "week")),
        ("within two weeks", None, ("2025-03-20", "2025-04-03", "week")),
        ("in the coming days", None, ("2025-03-20", "2025-03-27", "near")),
        ("in the not too distant future", None, ("2025-03-20", "2025-06-18", "near")),
        ("soon", None, ("2025-03-20", "2025-04-19", "near")),
        ("promptly", None, ("2025-03-20", "2025-04-03", "near")),
        ("quite promptly", None, ("2025-03-20", "2025-04-03", "near")),
        ("as soon as possible", None, ("2025-03-20", "2025-04-19", "near")),
        ("immediately", None, ("2025-03-20", "2025-03-23", "near")),
        ("these days", None, ("2025-03-17", "2025-03-23", "near")),
        ("several months", "future", ("2025-03-20", "2025-06-18", "near")),
        ("yesterday", None, ("2025-03-19", "2025-03-19", "day")),
        ("today", None, ("2025-03-20", "2025-03-20", "day")),
        ("tomorrow", None, ("2025-03-21", "2025-03-21", "day")),
        ("19 March", None, ("2025-03-19", "2025-03-19", "day")),
        ("on 18 March", None, ("2025-03-18", "2025-03-18", "day")),
        ("May 9", "future", ("2025-05-09", "2025-05-09", "day")),
        ("June 2", None, ("2025-06-02", "2025-06-02", "day")),
        ("on March 11, 2024", None, ("2024-03-11", "2024-03-11", "day")),
        ("in August", None, ("2025-08-01", "2025-08-31", "month")),
        ("late-August", None, ("2025-08-21", "2025-08-31", "month")),
        ("by the end of February", "past", ("2025-02-19", "2025-02-28", "month")),
        ("by the end of February", "future", ("2025-03-20", "2026-02-28", "month")),
        ("before the end of the month", None, ("2025-03-20", "2025-03-31", "month")),
        ("between June 20 and June 30", None, ("2025-06-20", "2025-06-30", "day")),
        ("by March", None, ("2025-03-20", "2025-03-31", "month")),
        ("until November 27", None, ("2025-03-20", "2025-11-27", "day")),
        ("in 2026", None, ("2026-01-01", "2026-12-31", "year")),
        ("some time", None, (None, None, "unspecified")),
    ],
)
def test_resolve_against_anchor(expression, tense, expected):
    assert resolve(expression, ANCHOR, tense) == expected


def test_deadline_runs_from_the_anchor():
    assert resolve("before the end of February", date(2025, 2, 19)) == (
        "2025-02-19",
        "2025-02-28",
        "month",
    )


def test_date_without_year_follows_tense_across_new_year():
    assert resolve("January 10", date(2025, 12, 20), "future")[0] == "2026-01-10"
    assert resolve("December 28", date(2026, 1, 3), "past")[0] == "2025-12-28"


def test_relative_expression_without_anchor_keeps_precision_only():
    assert resolve("next week", None) == (None, None, "week")
    assert resolve("on 18 March 2025", None) == ("2025-03-18", "2025-03-18", "day")


def test_verbs_and_conditions_are_not_times():
    assert resolve("we may meet", ANCHOR) == (None, None, "unspecified")
    text = "As soon as the parties are ready, they will march on."
    assert find_times(text, (0, len(text)), ANCHOR) == []


def test_find_times_in_seed_text_uses_the_clause_tense():
    text = (SEEDS / "000_d04d9c40bbc889bf.txt").read_text(encoding="utf-8")
    sentence = "Zelensky told reporters that the “technical” Ukraine-US talks in Saudi Arabia"
    start = text.index(sentence)
    found = find_times(text, (start, text.index(".", start)), ANCHOR)
    assert [t.text for t in found] == ["this weekend"]
    weekend = found[0]
    assert text[weekend.span[0] : weekend.span[1]] == "this weekend"
    assert (weekend.start, weekend.end) == ("2025-03-22", "2025-03-23")


def test_weekday_tense_from_text():
    past = "The Kremlin said the talks began on Monday."
    future = "The Kremlin said the talks will begin on Monday."
    assert find_times(past, (0, len(past)), ANCHOR)[0].start == "2025-03-17"
    assert find_times(future, (0, len(future)), ANCHOR)[0].start == "2025-03-24"


def test_trigger_scan_finds_what_a_full_scan_finds():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        full = [m.span() for m in _SCANNER.finditer(text) if m.lastgroup != "not_time"]
        assert [t.span for t in find_times(text, (0, len(text)), ANCHOR)] == full


def test_relative_times_resolve_against_the_day_a_claim_was_said():
    # Said on Monday 10 February 2025, published on Thursday 13 February.
    monday = date(2025, 2, 10)
    assert timex.resolve("tomorrow", monday) == ("2025-02-11", "2025-02-11", "day")
    assert timex.resolve("on Friday", monday, timex.FUTURE)[0] == "2025-02-14"
    assert timex.resolve("in the coming days", monday)[:2] == ("2025-02-10", "2025-02-17")


def test_a_weekday_by_a_reporting_verb_resolves_backwards():
    thursday = date(2025, 2, 13)
    assert timex.resolve("Wednesday", thursday, timex.PAST)[0] == "2025-02-12"
    assert timex.resolve("Thursday", thursday, timex.PAST)[0] == "2025-02-13"


def test_day_month_reads_both_orders_and_an_optional_year():
    assert timex.day_month("19 March") == (19, 3, None)
    assert timex.day_month("March 19, 2025") == (19, 3, 2025)
    assert timex.day_month("the talks") is None


@pytest.mark.parametrize(
    ("expression", "past"),
    [
        ("last week", True),
        ("yesterday", True),
        ("two days ago", True),
        ("next week", False),
        ("today", False),
        ("in the coming days", False),
        ("in 2003", None),
        ("Friday", None),
        ("on 18 March", None),
    ],
)
def test_reads_past_without_an_anchor(expression, past):
    assert timex.reads_past(expression) is past
