"""Positions per topic: what timeline marks as a change, and what diff compares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, Invoke, invoker, make_claim

from claimtrack.models import Article, Claim, PublishedDate, TimeExpression
from claimtrack.store import open_store

FEB, MAR, AUG = "2025-02-13", "2025-03-20", "2025-08"
NEXT_WEEK = TimeExpression("the beginning of next week", (0, 0), "2025-03-24", "2025-03-25", "week")
AS_SOON = TimeExpression("as soon as possible", (0, 0), "2025-02-13", "2025-03-15", "near")


def as_json(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def said(text: str, content: str, mention: str = "Peskov", **facets) -> Claim:
    return make_claim(text, content, mention=mention, **facets)


def store_of(db: Path, articles: dict[tuple[str, str], list[Claim]]) -> Invoke:
    """A store holding each (date, text) article with its hand-made claims."""
    with open_store(db, create=True) as store:
        for number, ((published, text), claims) in enumerate(articles.items()):
            date = PublishedDate(published, "month" if len(published) == 7 else "day")
            origin = f"{published}#{number}"
            store.add_article(Article(text=text, origin=origin, published=date), claims)
    return invoker(db)


@pytest.fixture
def peskov(tmp_path: Path) -> Invoke:
    """Two articles on 13 February (a date and no date), one in March, one in August."""
    feb_tass, feb_kyiv, mar, aug = seed("001"), seed("004"), seed("000"), seed("003")
    return store_of(
        tmp_path / "positions.db",
        {
            (FEB, feb_tass): [
                said(feb_tass, "it is necessary to organize a meeting between President",
                     "Peskow", topics=["timeline"], time=AS_SOON),
            ],
            (FEB, feb_kyiv): [
                said(feb_kyiv, "Saudi Arabia would host the summit", topics=["venue"],
                     venue="Saudi Arabia", polarity="uncertain"),
                said(feb_kyiv, "It is also impossible to speculate on any",
                     topics=["timeline"], polarity="uncertain"),
            ],
            (MAR, mar): [
                said(mar, "it’s the beginning of next week", topics=["timeline"],
                     time=NEXT_WEEK),
                said(mar, "inform who will represent Russia at the", topics=["venue"],
                     venue="Saudi Arabia"),
                said(mar, "the talks will continue at the expert level", topics=["venue"],
                     polarity="uncertain"),
            ],
            (AUG, aug): [
                said(aug, "Moscow cannot name a timeframe", topics=["timeline"],
                     polarity="uncertain"),
            ],
        },
    )  # fmt: skip


def changes_by_quote(invoke: Invoke, *options: str) -> dict[str, list[dict]]:
    claims = as_json(invoke("timeline", "Peskov", "--json", *options))["claims"]
    return {claim["content"]: claim["changes"] for claim in claims}


def test_claims_of_one_date_are_one_position(peskov: Invoke):
    changes = changes_by_quote(peskov)
    assert changes["It is also impossible to speculate on any"] == [], "same day as a date"
    # February held both polarities, so an affirmative March claim moved the time only.
    assert changes["it’s the beginning of next week"] == [
        {"topic": "timeline", "field": "time", "from": ["as soon as possible", "no timeframe"],
         "to": "the beginning of next week"},
    ]  # fmt: skip


def test_a_change_needs_a_value_on_both_dates_for_that_field(peskov: Invoke):
    changes = changes_by_quote(peskov)
    # Same venue as in February, now stated without doubt: only the polarity moved.
    assert changes["inform who will represent Russia at the"] == [
        {"topic": "venue", "field": "polarity", "from": "uncertain", "to": "affirm"}
    ]
    # A venue claim naming no venue changes no venue.
    assert changes["the talks will continue at the expert level"] == []
    assert changes["Moscow cannot name a timeframe"] == [
        {"topic": "timeline", "field": "time", "from": "the beginning of next week",
         "to": "no timeframe"},
        {"topic": "timeline", "field": "polarity", "from": "affirm", "to": "uncertain"},
    ]  # fmt: skip


def test_a_statement_made_again_is_never_a_change(tmp_path: Path):
    feb, mar = seed("004"), seed("000")
    sentence = "deny Trump’s remarks that Saudi Arabia would host the summit between the two"
    # The March article quotes the February remark again; the extractor read another venue.
    invoke = store_of(
        tmp_path / "again.db",
        {
            (FEB, feb): [said(feb, sentence, topics=["venue"], venue="Saudi Arabia")],
            (MAR, mar + "\n" + feb): [said(mar + "\n" + feb, sentence, topics=["venue"],
                                          venue="Riyadh")],
        },
    )  # fmt: skip
    claims = as_json(invoke("timeline", "Peskov", "--json"))["claims"]
    assert [(c["published"], c["repeated"], c["changes"]) for c in claims] == [
        (FEB, False, []),
        (MAR, True, []),
    ]


def test_diff_sides_hold_every_claim_of_their_date(peskov: Invoke):
    result = as_json(peskov("diff", "Peskov", "--from", FEB, "--to", MAR, "--json"))
    topics = {entry["topic"]: entry for entry in result["topics"]}
    timing = topics["timeline"]
    assert [side["quote"] for side in timing["before"]] == [
        "it is necessary to organize a meeting between President",
        "It is also impossible to speculate on any",
    ]
    assert timing["before"][1]["time"] is None and timing["before"][1]["polarity"] == "uncertain"
    assert set(timing["before"][0]) == {
        "claim_id", "article_id", "date", "outlet", "quote", "time", "polarity"
    }  # fmt: skip
    assert timing["status"] == "changed"
    assert timing["changes"] == [
        {"field": "time", "from": ["as soon as possible", "no timeframe"],
         "to": "the beginning of next week"},
        {"field": "polarity", "from": ["affirm", "uncertain"], "to": "affirm"},
    ]  # fmt: skip
    venue = topics["venue"]
    assert venue["changes"] == [
        {"field": "polarity", "from": "uncertain", "to": ["uncertain", "affirm"]}
    ]
    assert [side["venue"] for side in venue["after"]] == [None, "Saudi Arabia"], "text order"


def test_diff_to_side_is_after_the_from_side(peskov: Invoke):
    result = as_json(peskov("diff", "Peskov", "--from", MAR, "--to", "2025-12", "--json"))
    topics = {entry["topic"]: entry for entry in result["topics"]}
    assert topics["venue"]["status"] == "dropped" and topics["venue"]["after"] == []
    assert [side["date"] for side in topics["timeline"]["after"]] == [AUG]
    same = as_json(peskov("diff", "Peskov", "--from", AUG, "--to", AUG, "--json"))
    assert {entry["status"] for entry in same["topics"]} == {"dropped"}


def test_diff_of_two_articles_compares_their_claims(peskov: Invoke):
    articles = as_json(peskov("articles", "--json"))
    feb_kyiv, mar = articles[1]["id"], articles[2]["id"]
    result = as_json(
        peskov("diff", "Peskov", "--from", f"article:{feb_kyiv}", "--to", str(mar), "--json")
    )
    topics = {entry["topic"]: entry for entry in result["topics"]}
    assert [side["quote"] for side in topics["timeline"]["before"]] == [
        "It is also impossible to speculate on any"
    ]
    assert topics["timeline"]["changes"][0] == {
        "field": "time", "from": "no timeframe", "to": "the beginning of next week"
    }  # fmt: skip


def test_plain_timeline_keeps_quotes_readable_at_120_columns(
    seeded: Invoke, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("COLUMNS", "120")
    claims = as_json(seeded("timeline", "Peskov", "--json"))["claims"]
    result = seeded("timeline", "Peskov", "--limit", "0")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 120
    for claim in claims:
        opening = _words_up_to(claim["content"], 40)
        assert any(opening in line for line in lines), opening
    changed = [claim for claim in claims if claim["changes"]]
    assert changed and "* timeline time: " in result.stdout


def test_seeds_timeline_runs_from_february_to_august(seeded: Invoke):
    claims = as_json(seeded("timeline", "Peskov", "--topic", "timeline", "--json"))["claims"]
    by_month = {}
    for claim in claims:
        by_month.setdefault(claim["published"][:7], []).append(claim)
    assert list(by_month) == ["2025-02", "2025-03", "2025-08"]
    february = " ".join(claim["content"] for claim in by_month["2025-02"])
    for words in ("as soon as possible", "impossible to provide specific timelines", "promptly"):
        assert words in february
    march = {claim["time"]["text"] for claim in by_month["2025-03"] if claim["time"]}
    assert {"in the coming days", "the beginning of next week"} <= march
    assert all(not c["changes"] for c in by_month["2025-02"]), "one date, one position"
    assert all(c["changes"] for c in by_month["2025-03"] if c["time"]["precision"] == "near")
    assert {claim["polarity"] for claim in by_month["2025-08"]} == {"uncertain"}


def test_seeds_diff_from_no_timeframe_to_a_near_date(seeded: Invoke):
    result = as_json(seeded("diff", "Peskov", "--from", FEB, "--to", MAR, "--json"))
    topics = {entry["topic"]: entry for entry in result["topics"]}
    timing = topics["timeline"]
    assert timing["status"] == "changed"
    [time] = [change for change in timing["changes"] if change["field"] == "time"]
    assert "no timeframe" in time["from"] and "in the coming days" in time["to"]
    assert {side["date"] for side in timing["after"]} == {MAR}
    venue = topics["venue"]
    before = {side["venue"]: side["polarity"] for side in venue["before"]}
    assert before["Saudi Arabia"] == "uncertain"
    assert {(side["venue"], side["polarity"]) for side in venue["after"]} == {
        ("Saudi Arabia", "affirm")
    }
    assert {"field": "polarity", "from": "uncertain", "to": "affirm"} in venue["changes"]


def _words_up_to(text: str, size: int) -> str:
    """The first words of ``text`` that fit in ``size`` characters (wrapping cuts on words)."""
    words = text.split()
    opening = words[0]
    for word in words[1:]:
        if len(opening) + 1 + len(word) > size:
            break
        opening += " " + word
    return opening
