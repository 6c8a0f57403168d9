"""One statement, many sightings: wording similarity, store links, timeline and show."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import sqlite_utils
from conftest import SEEDS, Invoke, invoker, make_claim

from claimtrack import queries, statements
from claimtrack.models import Article, Claim, PublishedDate
from claimtrack.sightings import StatementLinker, add_statements, compact_statements
from claimtrack.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    actor_key,
    content_hash,
    migrate,
    open_store,
    write_transaction,
)

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


def assert_indexes_in_step(conn: sqlite3.Connection) -> None:
    """Full-text search holds exactly the claims' words, and the term index exactly each
    indexed claim's terms keyed by its current actor."""
    conn.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")
    conn.execute("INSERT INTO claim_terms_index (claim_terms_index) VALUES ('integrity-check')")
    expected: Counter[str] = Counter()
    for actor_id, terms in conn.execute(
        "SELECT c.actor_id, t.terms FROM claim_terms t JOIN claims c ON c.id = t.claim_id"
    ):
        expected.update(f"{actor_id}_{term}" for term in terms.split())
    conn.execute("CREATE VIRTUAL TABLE temp.postings USING fts5vocab(main, claim_terms_index, row)")
    indexed = dict(conn.execute("SELECT term, doc FROM temp.postings WHERE doc > 0"))
    conn.execute("DROP TABLE temp.postings")
    conn.commit()  # the checks are INSERTs: end the transaction they opened
    assert indexed == dict(expected)


def term_postings(store, actor_id: int, content: str) -> set[int]:
    """Claims the term index finds under the actor for any of the content's terms."""
    found: set[int] = set()
    for term in statements.wording(content).terms:
        rows = store.conn.execute(
            "SELECT rowid FROM claim_terms_index WHERE claim_terms_index MATCH ?",
            (f'"{actor_id}_{term}"',),
        )
        found.update(row[0] for row in rows)
    return found


def test_reprocessed_claims_are_linked_afresh(tmp_path: Path):
    restated(tmp_path / "r.db")
    with open_store(tmp_path / "r.db") as store:
        with write_transaction(store.conn):
            store.replace_claims(1, [claim(SEED_002, PROMPTLY_002)])
        rows = store.query("SELECT id, article_id, statement_id FROM claims ORDER BY id")
        assert len({row["statement_id"] for row in rows}) == 1
        stale = store.query(
            "SELECT count(*) AS n FROM claim_terms WHERE claim_id NOT IN (SELECT id FROM claims)"
        )
        assert stale[0]["n"] == 0
        assert_indexes_in_step(store.conn)


def test_claims_moved_to_another_actor_take_their_terms_along(tmp_path: Path):
    restated(tmp_path / "r.db")
    with open_store(tmp_path / "r.db") as store:
        [(peskov, moved_claim)] = store.conn.execute(
            "SELECT actor_id, id FROM claims WHERE article_id = 1"
        ).fetchall()
        with write_transaction(store.conn):
            other = store.conn.execute("INSERT INTO actors (name) VALUES ('Kremlin')").lastrowid
            store.conn.execute("UPDATE claims SET actor_id = ? WHERE article_id = 1", (other,))
        assert term_postings(store, other, PROMPTLY_002) == {moved_claim}
        assert moved_claim not in term_postings(store, peskov, PROMPTLY_002)
        assert_indexes_in_step(store.conn)


def test_indexes_follow_actor_decisions_corrections_and_reprocess(seeds_db: Path):
    invoke = invoker(seeds_db)
    for args in (
        ("actors", "rename", "Peskov", "Dmitry S. Peskov"),
        ("actors", "merge", "Dmitry S. Peskov", "Kremlin"),
        ("actors", "split", "Dmitry S. Peskov", "Dmitri Peskow"),
        ("actors", "alias", "add", "Vladimir Putin", "the Kremlin"),
        ("claims", "set", "7", "--venue", "Riyadh", "--speaker", "Donald Trump"),
        ("reprocess", "--all"),
    ):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
    found = json.loads(invoke("who-said", "Dmitry S. Peskov", "--json").output)
    assert [group["actor"] for group in found] == ["Dmitry S. Peskov"]
    with sqlite3.connect(seeds_db) as conn:
        assert_indexes_in_step(conn)
    conn.close()


def old_store(path: Path, version: int) -> sqlite3.Connection:
    """A database at schema ``version`` holding Peskov's two wordings of one remark, stored
    by hand the way that version's claimtrack stored them (search rows included)."""
    conn = sqlite3.connect(path)
    migrate(sqlite_utils.Database(conn), 0, version)
    conn.execute("INSERT INTO actors (id, name, kind) VALUES (1, 'Dmitry Peskov', 'person')")
    conn.execute(
        "INSERT INTO aliases (actor_id, alias, key) VALUES (1, 'Dmitry Peskov', ?)",
        (actor_key("Dmitry Peskov"),),
    )
    for article_id, (text, content) in enumerate(
        [(SEED_002, PROMPTLY_002), (SEED_004, PROMPTLY_004)], start=1
    ):
        conn.execute(
            "INSERT INTO articles (id, text, content_hash, published) VALUES (?, ?, ?, ?)",
            (article_id, text, content_hash(text), f"2025-02-1{article_id}"),
        )
        start = text.index(content)
        claim_id = conn.execute(
            "INSERT INTO claims (article_id, actor_id, speaker_text, content, content_start,"
            " content_end) VALUES (?, 1, 'Peskov', ?, ?, ?)",
            (article_id, content, start, start + len(content)),
        ).lastrowid
        conn.execute(
            "INSERT INTO claims_fts (rowid, content, speaker) VALUES (?, ?, 'Dmitry Peskov')",
            (claim_id, content),
        )
    conn.commit()
    return conn


def test_claims_stored_before_statements_are_linked_on_upgrade(tmp_path: Path):
    old_store(tmp_path / "v3.db", MIGRATIONS.index(add_statements)).close()
    with open_store(tmp_path / "v3.db") as store:
        linked = store.query("SELECT DISTINCT statement_id FROM claims")
        assert len(linked) == 1 and linked[0]["statement_id"] is not None
        assert_indexes_in_step(store.conn)


def test_statements_and_search_survive_the_compact_index_upgrade(tmp_path: Path):
    conn = old_store(tmp_path / "v7.db", MIGRATIONS.index(compact_statements))
    statement_id = conn.execute("INSERT INTO statements (wording) VALUES ('x')").lastrowid + 7
    conn.execute("UPDATE statements SET id = ?", (statement_id,))
    for claim_id, content in conn.execute("SELECT id, content FROM claims").fetchall():
        words = statements.wording(content)
        conn.execute("UPDATE claims SET statement_id = ? WHERE id = ?", (statement_id, claim_id))
        conn.executemany(
            "INSERT INTO statement_terms (claim_id, actor_id, term, name) VALUES (?, 1, ?, ?)",
            [(claim_id, term, term in words.names) for term in words.terms],
        )
    conn.commit()
    conn.close()

    with open_store(tmp_path / "v7.db") as store:
        assert store.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        assert_indexes_in_step(store.conn)
        later = f"{SEED_004}\n\nOn 14 March: {PROMPTLY_004}"
        published = PublishedDate("2025-03-14", "day")
        store.add_article(
            Article(text=later, origin="later", published=published),
            [claim(later, PROMPTLY_004, polarity="uncertain")],
        )
        rows = store.query("SELECT statement_id FROM claims")
        assert [row["statement_id"] for row in rows] == [statement_id] * 3
        [group] = queries.who_said_page(store, "heads of state").items
        assert group["actor"] == "Dmitry Peskov" and len(group["claims"]) == 3


def test_large_actors_are_matched_through_the_index(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(StatementLinker, "CACHED_ACTOR_CLAIMS", -1)
    restated(tmp_path / "r.db")
    with open_store(tmp_path / "r.db") as store:
        linked = store.query("SELECT DISTINCT statement_id FROM claims")
    assert len(linked) == 1


def test_a_writer_sees_statements_another_writer_stored_meanwhile(tmp_path: Path):
    other_remark = "Russia and the United States could hold talks in the coming days"
    db = tmp_path / "shared.db"

    def article(text: str, content: str, day: str) -> tuple[Article, list[Claim]]:
        published = PublishedDate(day, "day")
        return Article(text=text, origin=day, published=published), [claim(text, content)]

    with open_store(db, create=True) as first, open_store(db) as second:
        text = f"Peskov said: {other_remark}."
        first.add_article(*article(text, other_remark, "2025-02-12"))  # Peskov's postings
        second.add_article(*article(SEED_002, PROMPTLY_002, "2025-02-13"))
        first.add_article(*article(SEED_004, PROMPTLY_004, "2025-02-13"))
        rows = first.query("SELECT statement_id FROM claims ORDER BY id")
    assert rows[1] == rows[2] != rows[0]


def statements_by_speaker(db: Path) -> dict[str, set[int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT speaker_text, statement_id FROM claims").fetchall()
    conn.close()
    found: dict[str, set[int]] = {}
    for speaker, statement in rows:
        found.setdefault(speaker, set()).add(statement)
    return found


def test_actor_decisions_relink_the_claims_they_move(tmp_path: Path):
    db = tmp_path / "moved.db"
    kremlin = claim(SEED_004, PROMPTLY_004, speaker="Kremlin", mention="the Kremlin")
    with open_store(db, create=True) as store:
        for published, text, claims in [
            ("2025-02-13", SEED_002, [claim(SEED_002, PROMPTLY_002)]),
            ("2025-02-14", SEED_004, [kremlin]),
        ]:
            article = Article(text=text, origin=published, published=PublishedDate(published))
            store.add_article(article, claims)
    invoke = invoker(db)
    apart = statements_by_speaker(db)
    assert apart["Peskov"] != apart["the Kremlin"], "two actors, two statements"

    assert invoke("actors", "merge", "Dmitry Peskov", "Kremlin").exit_code == 0
    merged = statements_by_speaker(db)
    assert merged["Peskov"] == merged["the Kremlin"], "one actor's remark, seen twice"
    shown = invoke("show", "1", "--json")
    assert len(json.loads(shown.output)["sightings"]) == 2

    assert invoke("actors", "split", "Dmitry Peskov", "the Kremlin").exit_code == 0
    split = statements_by_speaker(db)
    assert split["Peskov"] != split["the Kremlin"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 2
        assert_indexes_in_step(conn)
    conn.close()
