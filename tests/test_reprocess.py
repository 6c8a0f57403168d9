"""``reprocess``: re-extraction of stale articles from the store, one transaction each."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import invoker

import claimtrack.extract
from claimtrack import EXTRACTOR_VERSION
from claimtrack.extract import extract, extract_article
from claimtrack.models import Article, Extraction
from claimtrack.reprocess import reprocess, stale_articles
from claimtrack.store import open_store


def claim_rows(db: Path, article_id: int) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT content_start, content, polarity FROM claims WHERE article_id = ?"
            " ORDER BY content_start",
            (article_id,),
        ).fetchall()


def test_only_stale_articles_are_reprocessed(seeds_db: Path):
    with sqlite3.connect(seeds_db) as conn:
        conn.execute("UPDATE articles SET extractor_version = '0' WHERE id = 2")
    invoke = invoker(seeds_db)
    before = claim_rows(seeds_db, 2)
    result = invoke("reprocess", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["articles"], summary["added"], summary["removed"]) == (1, 0, 0)
    assert summary["unchanged"] == len(before) and summary["changed"] == 0
    assert summary["extractor_version"] == EXTRACTOR_VERSION
    assert claim_rows(seeds_db, 2) == before
    again = invoke("reprocess")
    assert "reprocessed 0 article(s)" in again.stdout
    assert "reprocessed 5 article(s)" in invoke("reprocess", "--all").stdout


def test_added_removed_and_changed_claims_are_counted(seeds_db: Path):
    def revised(article: Article) -> Extraction:
        claims = extract(article)
        first = claims[0]
        first.facets = dataclasses.replace(first.facets, polarity="deny")
        start = article.text.index("Peskow stated")
        extra = dataclasses.replace(
            claims[1], content_span=(start, start + 13), content=article.text[start : start + 13]
        )
        return Extraction([*claims[:-1], extra])

    with open_store(seeds_db) as store:
        article_id = store.query("SELECT id FROM articles WHERE text LIKE '%Peskow stated%'")[0]
        count = len(claim_rows(seeds_db, article_id["id"]))
        summary = reprocess(store, [article_id["id"]], revised)
    assert (summary.added, summary.removed) == (1, 1)
    assert summary.changed == 1 and summary.unchanged == count - 2


def test_failed_extraction_keeps_the_old_claims_and_exits_1(seeds_db: Path, monkeypatch):
    target = claim_rows(seeds_db, 3)

    def failing_on_article_3(article: Article) -> Extraction:
        if "Kremlin said Thursday" in article.text:
            raise ValueError("broken rule")
        return extract_article(article)

    monkeypatch.setattr(claimtrack.extract, "extract_article", failing_on_article_3)
    result = invoker(seeds_db)("reprocess", "--all")
    assert result.exit_code == 1
    assert "reprocessed 4 article(s)" in result.stdout
    assert "article 3: extraction failed: ValueError: broken rule" in result.stderr
    assert claim_rows(seeds_db, 3) == target


def test_a_storage_failure_rolls_the_article_back(seeds_db: Path):
    before = claim_rows(seeds_db, 1)

    def unstorable(article: Article) -> Extraction:
        claims = extract(article)
        return Extraction([*claims, dataclasses.replace(claims[0], content_span=None)])

    with open_store(seeds_db) as store, pytest.raises(TypeError):
        reprocess(store, [1], unstorable)
    assert claim_rows(seeds_db, 1) == before


def test_reprocess_reads_the_stored_text_and_metadata(seeds_db: Path):
    seen: list[Article] = []

    def recording(article: Article) -> Extraction:
        seen.append(article)
        return extract_article(article)

    with sqlite3.connect(seeds_db) as conn:
        conn.execute("UPDATE articles SET url = 'http://127.0.0.1:9/gone' WHERE id = 1")
        text = conn.execute("SELECT text FROM articles WHERE id = 1").fetchone()[0]
    with open_store(seeds_db) as store:
        reprocess(store, [1], recording)
        assert stale_articles(store) == []
    assert seen[0].text == text
    assert seen[0].url == "http://127.0.0.1:9/gone"
    assert seen[0].published.value == "2025-03-20"
