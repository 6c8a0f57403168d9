"""The SQLite store: schema versions, dedupe, actor merging, transactions."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS, make_claim

from claimtrack import EXTRACTOR_VERSION, queries
from claimtrack.models import Article, Claim, PublishedDate, TimeExpression
from claimtrack.store import APPLICATION_ID, SCHEMA_VERSION, StoreError, open_store

SEED_000 = (SEEDS / "000_d04d9c40bbc889bf.txt").read_text(encoding="utf-8")
SEED_001 = (SEEDS / "001_f067fb6896d73582.txt").read_text(encoding="utf-8")
VENUE_SENTENCE = "Moscow would “timely” inform who will represent Russia at the next talks"

# The schema as released in version 1, written out by hand: migrations must keep
# upgrading files made by it.
VERSION_1 = """
CREATE TABLE articles (id INTEGER PRIMARY KEY, text TEXT NOT NULL, title TEXT, outlet TEXT,
    url TEXT, origin TEXT, published TEXT, published_precision TEXT, published_source TEXT,
    published_evidence TEXT, language TEXT, content_hash TEXT NOT NULL UNIQUE, raw BLOB,
    raw_type TEXT, ingested_at TEXT, extractor_version TEXT);
CREATE TABLE actors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT, country TEXT);
CREATE TABLE aliases (actor_id INTEGER NOT NULL REFERENCES actors(id), alias TEXT NOT NULL,
    key TEXT NOT NULL, PRIMARY KEY (actor_id, alias));
CREATE TABLE claims (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES
    articles(id), actor_id INTEGER NOT NULL REFERENCES actors(id), speaker_text TEXT,
    speaker_start INTEGER, speaker_end INTEGER, cue TEXT, cue_start INTEGER, cue_end INTEGER,
    content TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
    kind TEXT, topics TEXT, venue TEXT, time_text TEXT, time_start TEXT, time_end TEXT,
    time_precision TEXT, participants TEXT, polarity TEXT, polarity_cue TEXT, event_kind TEXT,
    event_status TEXT, confidence REAL, extractor_version TEXT);
"""


def seed_article(text: str = SEED_000, **metadata) -> Article:
    published = PublishedDate("2025-03-20", "day", "manifest", "yesterday [19 March]")
    return Article(text=text, origin="seeds/000.txt", published=published, **metadata)


def claim_on(text: str, content: str, speaker: str = "Dmitry Peskov", **facets) -> Claim:
    return make_claim(text, content, speaker, **facets)


def test_migrates_a_version_1_database(tmp_path: Path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(VERSION_1)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (id, text, content_hash, published) VALUES (1, ?, 'h', '2025-03-20')",
        (SEED_000,),
    )
    conn.execute("INSERT INTO actors (id, name, kind) VALUES (1, 'Dmitry Peskov', 'person')")
    conn.execute("INSERT INTO aliases VALUES (1, 'Dmitry Peskov', 'dmitry peskov')")
    start = SEED_000.index(VENUE_SENTENCE)
    conn.execute(
        "INSERT INTO claims (article_id, actor_id, content, content_start, content_end, venue,"
        " topics, participants) VALUES (1, 1, ?, ?, ?, 'Saudi Arabia', '[\"venue\"]', '[]')",
        (VENUE_SENTENCE, start, start + len(VENUE_SENTENCE)),
    )
    conn.commit()
    conn.close()

    with open_store(path) as store:
        assert store.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        [group] = queries.who_said_page(store, "Saudi Arabia").items
        assert group["actor"] == "Dmitry Peskov"
        assert group["claims"][0]["content"] == VENUE_SENTENCE
        [actor] = queries.actors(store)
        assert actor["roles"] == [] and actor["claims"] == 1


def test_new_database_is_versioned_and_in_wal_mode(tmp_path: Path):
    with open_store(tmp_path / "new.db", create=True) as store:
        assert store.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        assert store.query("PRAGMA application_id")[0]["application_id"] == APPLICATION_ID
        assert store.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_refuses_a_database_from_a_newer_claimtrack(tmp_path: Path):
    path = tmp_path / "future.db"
    open_store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this claimtrack"):
        open_store(path)


def test_refuses_missing_corrupt_and_foreign_files(tmp_path: Path):
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_text(SEED_000, encoding="utf-8")
    with pytest.raises(StoreError, match="not a readable SQLite database"):
        open_store(corrupt, create=True)
    assert corrupt.read_text(encoding="utf-8") == SEED_000


def test_article_is_stored_exactly_with_its_claims(tmp_path: Path):
    raw = SEED_000.encode("utf-8")
    article = seed_article(raw=raw, raw_type="text/plain", url="https://example.org/a")
    time = TimeExpression("in the coming days", (0, 0), "2025-03-21", "2025-03-27", "near")
    claims = [claim_on(SEED_000, "could hold talks “in the coming days”", time=time)]
    with open_store(tmp_path / "a.db", create=True) as store:
        result = store.add_article(article, claims)
        assert (result.status, result.claims) == ("added", 1)
        [row] = store.query("SELECT * FROM articles")
        assert row["text"] == SEED_000
        assert gzip.decompress(row["raw"]) == raw
        assert row["published_evidence"] == "yesterday [19 March]"
        assert row["extractor_version"] == EXTRACTOR_VERSION
        [stored] = queries.timeline_page(store, "Peskov").items["claims"]
        start, end = stored["content_span"]
        assert SEED_000[start:end] == stored["content"]
        assert stored["time"] == {
            "text": "in the coming days",
            "start": "2025-03-21",
            "end": "2025-03-27",
            "precision": "near",
        }


def test_duplicates_by_text_or_by_url(tmp_path: Path):
    with open_store(tmp_path / "d.db", create=True) as store:
        first = store.add_article(seed_article(url="https://example.org/a"), [])
        same_text = store.add_article(seed_article(), [])
        same_url = store.add_article(seed_article(SEED_001, url="https://example.org/a"), [])
        other = store.add_article(seed_article(SEED_001), [])
    assert same_text.status == same_url.status == "duplicate"
    assert same_text.article_id == same_url.article_id == first.article_id
    assert other.status == "added" and other.article_id != first.article_id


def test_one_actor_across_articles_and_spellings(tmp_path: Path):
    with open_store(tmp_path / "m.db", create=True) as store:
        store.add_article(seed_article(), [claim_on(SEED_000, VENUE_SENTENCE)])
        peskow = claim_on(SEED_001, "We are open to a dialogue.", speaker="Dmitriy Peskov")
        store.add_article(seed_article(SEED_001), [peskow])
        [actor] = queries.actors(store)
    assert actor["name"] == "Dmitry Peskov" and actor["claims"] == 2


def test_a_failing_claim_leaves_no_half_stored_article(tmp_path: Path):
    broken = claim_on(SEED_000, VENUE_SENTENCE)
    broken.content_span = None
    with open_store(tmp_path / "t.db", create=True) as store:
        with pytest.raises(TypeError):
            store.add_article(seed_article(), [claim_on(SEED_000, "could hold talks"), broken])
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 0
        assert store.query("SELECT count(*) AS n FROM claims")[0]["n"] == 0
        assert store.add_article(seed_article(), []).status == "added"
