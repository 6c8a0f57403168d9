"""One statement, many sightings: wording similarity, store links, timeline and show."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS, Invoke, invoker, make_claim

from claimtrack import statements
from claimtrack.models import Article, Claim, PublishedDate
from claimtrack.sightings import add_statements
from claimtrack.store import open_store, write_transaction

SEED_002 = (SEEDS / "002_435e0aa90e868962.txt").read_text(encoding="utf-8")
SEED_004 = (SEEDS / "004_ebd96396f1565e17.txt").read_text(encoding="utf-8")
PROMPTLY_002 = (
    "There is definitely a need to organise such a meeting quite promptly, the heads of state"
    " have a lot to talk about"
)
PROMPTLY_004 = (
    "There is definitely a need for such a [Trump-Putin] meeting to be held promptly. The"
    " heads of state have a lot to talk about…"
)
COMING_DAYS = "Russia and the United States could hold talks “in the coming days”"
EXPERT_LEVEL = "we expect that the talks will continue at the expert level in the coming days"


def same(a: str, b: str) -> bool:
    return statements.same_statement(statements.wording(a), statements.wording(b))


def test_two_translations_of_one_remark_are_one_statement():
    assert same(PROMPTLY_002, PROMPTLY_004)
    assert same(PROMPTLY_004, PROMPTLY_002)


def test_a_cut_quote_matches_its_longer_version():
    assert same(PROMPTLY_002.split(",")[0], PROMPTLY_004)


def test_different_claims_sharing_words_stay_apart():
    assert not same(COMING_DAYS, EXPERT_LEVEL)
    assert not same(PROMPTLY_002, "We are open to a dialogue, the heads of state have talked")


def test_editorial_insertions_and_punctuation_do_not_count():
    bracketed = statements.wording("a need for such a [Trump-Putin] meeting, held promptly!")
    assert "trump" not in bracketed.terms and "putin" not in bracketed.terms
    assert {"need", "meetin", "held", "prompt"} <= bracketed.terms


def test_names_count_for_similarity_but_not_as_shared_content():
    one = "Putin told Trump that Russia and Ukraine would meet in Istanbul"
    other = "Trump and Putin said Russia and Ukraine could end the war in Istanbul"
    assert statements.similarity(statements.wording(one), statements.wording(other)) >= 0.6
    assert not same(one, other)


def peskov_statements(seeded: Invoke) -> dict[int, list[dict]]:
    result = seeded("export", "--actor", "Peskov")
    assert result.exit_code == 0, result.output
    claims: dict[int, list[dict]] = {}
    for line in result.output.splitlines():
        record = json.loads(line)
        if record["type"] == "claim":
            claims.setdefault(record["statement_id"], []).append(record)
    return claims


def test_seeds_promptly_wordings_are_one_statement_seen_twice(seeded: Invoke):
    by_statement = peskov_statements(seeded)
    [promptly] = [
        claims
        for claims in by_statement.values()
        if any("organise such a meeting quite promptly" in c["content"] for c in claims)
    ]
    contents = sorted(claim["content"] for claim in promptly)
    assert len(contents) == 2
    assert "[Trump-Putin] meeting to be held promptly" in contents[0]
    assert "organise such a meeting quite promptly" in contents[1]
    assert len({claim["article_id"] for claim in promptly}) == 2


def test_seeds_distinct_peskov_claims_are_not_merged(seeded: Invoke):
    by_statement = peskov_statements(seeded)
    across_articles = [
        claims for claims in by_statement.values() if len({c["article_id"] for c in claims}) > 1
    ]
    assert len(across_articles) == 1
    assert all("promptly" in claim["content"] for claim in across_articles[0])
    coming_days = [sid for sid, cs in by_statement.items() if COMING_DAYS in cs[0]["content"]]
    expert = [sid for sid, cs in by_statement.items() if EXPERT_LEVEL in cs[0]["content"]]
    assert coming_days and expert and set(coming_days).isdisjoint(expert)


def test_show_lists_the_sightings_of_the_statement(seeded: Invoke):
    [promptly] = [
        claims
        for claims in peskov_statements(seeded).values()
        if any("quite promptly" in c["content"] for c in claims)
    ]
    result = seeded("show", str(promptly[0]["id"]), "--json")
    sightings = json.loads(result.output)["sightings"]
    assert [s["claim_id"] for s in sightings] == sorted(c["id"] for c in promptly)
    assert all(s["published"] == "2025-02-13" for s in sightings)
    plain = seeded("show", str(promptly[0]["id"]))
    assert "Statement seen 2 times" in plain.output


def claim(text: str, content: str, **facets) -> Claim:
    return make_claim(text, content, topics=["talks", "timeline"], **facets)


def restated(db: Path) -> Invoke:
    """Peskov's remark in 002 (13 Feb), reported again by 004 the same day, then once more
    with a different polarity in an article dated a month later."""
    later = "Peskov repeated: " + PROMPTLY_004
    articles = [
        ("2025-02-13", SEED_002, [claim(SEED_002, PROMPTLY_002, polarity="affirm")]),
        ("2025-02-13", SEED_004, [claim(SEED_004, PROMPTLY_004, polarity="affirm")]),
        ("2025-03-14", later, [claim(later, PROMPTLY_004, polarity="uncertain")]),
    ]
    with open_store(db, create=True) as store:
        for published, text, claims in articles:
            date = PublishedDate(published, "day")
            store.add_article(Article(text=text, origin=published, published=date), claims)
    return invoker(db)


def test_timeline_shows_a_statement_once_a_day_and_marks_it_repeated(tmp_path: Path):
    invoke = restated(tmp_path / "r.db")
    rows = json.loads(invoke("timeline", "Peskov", "--json").output)["claims"]
    assert [(r["published"], r["sightings"], r["repeated"]) for r in rows] == [
        ("2025-02-13", 2, False),
        ("2025-03-14", 1, True),
    ]
    assert rows[1]["changes"] == []
    assert "repeated" in invoke("timeline", "Peskov").output


def test_reprocessed_claims_are_linked_afresh(tmp_path: Path):
    restated(tmp_path / "r.db")
    with open_store(tmp_path / "r.db") as store:
        with write_transaction(store.conn):
            store.replace_claims(1, [claim(SEED_002, PROMPTLY_002)])
        rows = store.query("SELECT id, article_id, statement_id FROM claims ORDER BY id")
        assert len({row["statement_id"] for row in rows}) == 1
        stale = store.query(
            "SELECT count(*) AS n FROM statement_terms"
            " WHERE claim_id NOT IN (SELECT id FROM claims)"
        )
        assert stale[0]["n"] == 0


def test_migration_links_claims_stored_before_statements(tmp_path: Path):
    restated(tmp_path / "r.db")
    with open_store(tmp_path / "r.db") as store:
        with write_transaction(store.conn):
            store.conn.execute("UPDATE claims SET statement_id = NULL")
            store.conn.execute("DELETE FROM statement_terms")
            add_statements(store.db)
        linked = store.query("SELECT DISTINCT statement_id FROM claims")
        assert len(linked) == 1 and linked[0]["statement_id"] is not None


def test_claims_moved_to_another_actor_take_their_terms_along(tmp_path: Path):
    restated(tmp_path / "r.db")
    with open_store(tmp_path / "r.db") as store:
        with write_transaction(store.conn):
            other = store.conn.execute("INSERT INTO actors (name) VALUES ('Kremlin')").lastrowid
            store.conn.execute("UPDATE claims SET actor_id = ? WHERE article_id = 1", (other,))
        moved = store.query(
            "SELECT DISTINCT t.actor_id FROM statement_terms t JOIN claims c"
            " ON c.id = t.claim_id WHERE c.article_id = 1"
        )
        assert [row["actor_id"] for row in moved] == [other]
