"""Parallel ingest: worker processes extract, the main process stores, in input order."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS, invoker

from claimtrack import extract as extract_module
from claimtrack.models import Article
from claimtrack.parallel import IN_FLIGHT_PER_JOB, extract_outcome, extract_stream
from claimtrack.sources import iter_articles

# Words from one seed article; extraction is made to break on the article holding it.
POISON = "well prepared"
CLAIM_COLUMNS = (
    "article_id, actor_id, speaker_text, speaker_start, speaker_end, cue, cue_start, cue_end,"
    " content, content_start, content_end, kind, topics, venue, time_text, time_start,"
    " time_end, participants, polarity, polarity_cue, confidence"
)


def stored(db: Path) -> tuple[list, list, list]:
    """Articles, actors and claims as stored, without ingest times."""
    with sqlite3.connect(db) as conn:
        articles = conn.execute(
            "SELECT id, content_hash, origin, published FROM articles ORDER BY id"
        ).fetchall()
        actors = conn.execute("SELECT id, name, kind FROM actors ORDER BY id").fetchall()
        claims = conn.execute(f"SELECT {CLAIM_COLUMNS} FROM claims ORDER BY id").fetchall()
    return articles, actors, claims


def test_two_jobs_store_the_same_as_one(tmp_path: Path):
    for jobs in ("1", "2"):
        result = invoker(tmp_path / f"jobs{jobs}.db")("ingest", str(SEEDS), "--jobs", jobs)
        assert result.exit_code == 0, result.output
    one, two = stored(tmp_path / "jobs1.db"), stored(tmp_path / "jobs2.db")
    articles, _, claims = one
    assert len(articles) == 5 and len(claims) > 20
    assert [row[2] for row in articles] == sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert two == one


def _breaks_on_poison(article: Article):
    if POISON in article.text:
        raise RuntimeError("poisoned article")
    return real_extract(article)


real_extract = extract_module.extract_article


def test_an_extraction_error_with_two_jobs_fails_one_article_only(tmp_path: Path, monkeypatch):
    # Workers are forked from this process, so they inherit the patched extractor.
    monkeypatch.setattr(extract_module, "extract_article", _breaks_on_poison)
    poisoned = [p for p in sorted(SEEDS.glob("*.txt")) if POISON in p.read_text("utf-8")]
    assert len(poisoned) == 1
    result = invoker(tmp_path / "claims.db")("ingest", str(SEEDS), "--jobs", "2", "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert [item["origin"] for item in summary["failed"]] == [str(poisoned[0])]
    assert "RuntimeError: poisoned article" in summary["failed"][0]["reason"]
    assert len(summary["added"]) == 4 and summary["claims"] > 0


def _dies_on_first(article: Article):
    if article.origin == "0":
        os._exit(3)  # a worker killed mid-article (out of memory, kill -9)
    return len(article.text)


def test_a_dead_worker_fails_its_articles_and_the_batch_goes_on():
    articles = (Article(text="x" * n, origin=str(n)) for n in range(40))
    results = list(extract_stream(articles, lambda a: True, 2, _dies_on_first))
    assert [a.origin for a, _ in results] == [str(n) for n in range(40)]
    assert results[0][1] == "extraction failed: the worker process died"
    assert results[-1][1] == 39


def test_the_stream_reads_ahead_a_bounded_number_of_articles():
    read: list[int] = []

    def articles():
        for n in range(100):
            read.append(n)
            yield Article(text="x" * n, origin=str(n))

    stream = extract_stream(articles(), lambda a: a.origin != "1", 2, extract_outcome)
    first, outcome = next(stream)
    assert first.origin == "0" and outcome.claims == []
    assert len(read) <= 2 * IN_FLIGHT_PER_JOB + 1
    second, skipped = next(stream)
    assert second.origin == "1" and skipped is None
    assert [a.origin for a, _ in stream] == [str(n) for n in range(2, 100)]


def test_ctrl_c_while_reading_stores_the_articles_in_flight():
    def interrupted():
        yield from iter_articles([str(SEEDS)])
        raise KeyboardInterrupt

    done = []
    with pytest.raises(KeyboardInterrupt):
        for article, extraction in extract_stream(interrupted(), lambda a: True, 2):
            done.append((article.origin, len(extraction.claims)))
    assert len(done) == 5 and all(count > 0 for _, count in done)
