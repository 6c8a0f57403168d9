"""Pages of the list queries and the diff's sides, checked against answers worked out the
long way on the seed articles; and the CLI's paging (a page in a table, all in --json)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Invoke

from claimtrack import queries
from claimtrack.models import TOPICS
from claimtrack.store import Store, open_store

ACTORS = ("Peskov", "Trump", "Zelensky")
DATES = ("2025", "2025-02", "2025-02-13", "2025-03-20", "2025-08")
RANGES = ((None, None), ("2025-03", None), (None, "2025-03"), ("2025-02-13", "2025-03-20"))


@pytest.fixture
def store(seeds_db: Path) -> Iterator[Store]:
    with open_store(seeds_db) as opened:
        yield opened


def expected_timeline(store: Store, actor: str, topic, since, until) -> list[dict]:
    """The whole unfiltered timeline (changes worked out over every claim), then filtered."""
    kept = []
    for claim in queries.timeline_page(store, actor).items["claims"]:
        published = claim["published"]
        if (
            (topic is None or topic in claim["topics"])
            and (since is None or (published or "") >= since)
            and (until is None or (published and published[: len(until)] <= until))
        ):
            if topic:
                claim["changes"] = [c for c in claim["changes"] if c["topic"] == topic]
            kept.append(claim)
    return kept


def test_a_timeline_page_is_the_tail_of_the_whole_timeline(store: Store):
    for actor, topic, (since, until) in itertools.product(ACTORS, (None, *TOPICS), RANGES):
        whole = expected_timeline(store, actor, topic, since, until)
        for limit in (None, 1, 2, 3, 5, 8, 13, 21):
            page = queries.timeline_page(store, actor, topic, since, until, limit=limit)
            assert page.total == len(whole)
            assert page.items["claims"] == whole[-limit if limit else 0 :], (actor, topic, limit)


def test_a_much_quoted_actor_s_page_is_read_from_the_latest_dates(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    """Walking back from the latest articles (as for an actor with thousands of claims)
    gives the rows of the whole outline, uncounted."""
    monkeypatch.setattr(queries, "_WALK_MIN", 0)
    monkeypatch.setattr(queries, "_WALK_SHARE", 12)  # Peskov's 45 claims: 3 articles
    walked = 0
    for topic, (since, until) in itertools.product((None, *TOPICS), RANGES):
        whole = expected_timeline(store, "Peskov", topic, since, until)
        for limit in (1, 2, 3, 5):
            page = queries.timeline_page(store, "Peskov", topic, since, until, limit=limit)
            assert page.items["claims"] == whole[-limit:], (topic, since, until, limit)
            walked += page.total is None
    assert walked


def test_a_who_said_page_holds_the_newest_matching_claims(store: Store):
    whole = queries.who_said_page(store, "talks")
    claims = [claim for group in whole.items for claim in group["claims"]]
    newest = sorted(
        claims,
        key=lambda c: (c["published"] or "", c["article_id"], -c["content_span"][0]),
        reverse=True,
    )
    assert whole.total == len(claims) > 4
    assert whole.group_totals == {g["actor"]: len(g["claims"]) for g in whole.items}
    for limit in (1, 4, whole.total - 1):
        page = queries.who_said_page(store, "talks", limit=limit)
        shown = [claim for group in page.items for claim in group["claims"]]
        assert {c["id"] for c in shown} == {c["id"] for c in newest[:limit]}
        assert (page.total, page.group_totals) == (whole.total, whole.group_totals)
        for group in page.items:
            assert group["claims"] == sorted(group["claims"], key=newest.index)
        firsts = [group["claims"][0] for group in page.items]
        assert firsts == sorted(firsts, key=newest.index)


def test_a_who_said_page_of_a_common_phrase_is_read_from_the_latest_articles(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    """Reading the latest articles first (as for a phrase matching thousands of claims)
    gives the same page as sorting every match, uncounted."""
    expected = {
        (phrase, topic, limit): queries.who_said_page(store, phrase, topic, limit=limit).items
        for phrase, topic, limit in itertools.product(("talks", "said"), (None, "venue"), (1, 3))
    }
    monkeypatch.setattr(queries, "_SEARCH_WALK_MIN", 0)
    monkeypatch.setattr(queries, "_SEARCH_WINDOW", 2)
    walked = 0
    for (phrase, topic, limit), items in expected.items():
        page = queries.who_said_page(store, phrase, topic, limit=limit)
        assert page.items == items, (phrase, topic, limit)
        walked += page.total is None
    assert walked


def expected_side(claims: list[dict], day: str, later_than: str | None) -> dict[str, set[int]]:
    """Per topic, the ids of the claims of the latest date up to ``day`` (after
    ``later_than``)."""
    seen = [
        c
        for c in claims
        if c["published"]
        and c["published"][: len(day)] <= day
        and (later_than is None or c["published"][: len(later_than)] > later_than)
    ]
    side = {}
    for topic in TOPICS:
        on_topic = [c for c in seen if topic in c["topics"]]
        if on_topic:
            latest = max(c["published"] for c in on_topic)
            side[topic] = {c["id"] for c in on_topic if c["published"] == latest}
    return side


@pytest.mark.parametrize("walk_share", [1, 10**9], ids=["walk-back", "whole-pass"])
def test_diff_sides_hold_the_claims_of_the_latest_date_on_each_topic(
    store: Store, walk_share: int, monkeypatch: pytest.MonkeyPatch
):
    """Both ways to a side's dates: walking back through the latest articles (a budget
    that covers the store) and the pass over all the actor's claims (a budget of none)."""
    monkeypatch.setattr(queries, "_WALK_SHARE", walk_share)
    for actor, (before, after) in itertools.product(ACTORS, itertools.permutations(DATES, 2)):
        claims = queries.claims(store, actor)
        result = queries.diff(store, actor, before, after)
        old = expected_side(claims, before, None)
        new = expected_side(claims, after, before)
        assert [entry["topic"] for entry in result["topics"]] == [
            t for t in TOPICS if t in old or t in new
        ]
        for entry in result["topics"]:
            assert {c["claim_id"] for c in entry["before"]} == old.get(entry["topic"], set())
            assert {c["claim_id"] for c in entry["after"]} == new.get(entry["topic"], set())


def test_tables_show_a_page_and_say_how_many_there_are(seeded: Invoke):
    everything = json.loads(seeded("timeline", "Peskov", "--json").stdout)["claims"]
    assert len(everything) > queries.PAGE_SIZE, "the seeds give Peskov more than a page"
    table = seeded("timeline", "Peskov")
    assert f"Timeline of Dmitry Peskov: {len(everything)} statement(s)" in table.stdout
    footer = f"showing the latest {queries.PAGE_SIZE} of {len(everything)} statements"
    assert table.stdout.splitlines()[-1].startswith(footer)
    assert everything[-1]["content"][:20] in table.stdout
    assert everything[0]["content"][:30] not in table.stdout
    assert "showing" not in seeded("timeline", "Peskov", "--limit", "0").stdout
    last_two = json.loads(seeded("timeline", "Peskov", "-n", "2", "--json").stdout)["claims"]
    assert last_two == everything[-2:]


def test_limit_applies_to_who_said_actors_and_articles(seeded: Invoke):
    def rows(*args: str) -> list:
        result = seeded(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    groups = rows("who-said", "talks", "--limit", "3")
    assert sum(len(group["claims"]) for group in groups) == 3
    assert len(rows("who-said", "talks")[0]["claims"]) >= len(groups[0]["claims"])
    table = seeded("who-said", "talks", "--limit", "3").stdout
    assert table.splitlines()[-1].startswith("showing the newest 3 of ")
    assert rows("actors", "--limit", "3") == rows("actors")[:3]
    assert "showing the 3 most quoted of 15 actors" in seeded("actors", "-n", "3").stdout
    assert rows("articles", "--limit", "2") == rows("articles")[-2:]
    assert "showing the latest 2 of 5 articles" in seeded("articles", "-n", "2").stdout
    assert "showing" not in seeded("articles").stdout
