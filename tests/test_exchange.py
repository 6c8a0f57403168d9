"""export and import: JSON Lines round trips without loss; CSV and Markdown tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import Invoke, invoker

from claimtrack.store import open_store


def exported(invoke: Invoke, *args: str) -> list[dict]:
    result = invoke("export", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_export_import_export_gives_the_same_store(seeded: Invoke, tmp_path: Path):
    path = tmp_path / "all.jsonl"
    assert seeded("export", "--what", "all", "-o", str(path)).exit_code == 0
    copy = invoker(tmp_path / "copy.db")
    result = copy("import", str(path), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert len(summary["articles_added"]) == 5 and summary["articles_skipped"] == []
    first = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert exported(copy, "--what", "all") == first
    kinds = {record["type"] for record in first}
    assert kinds == {"actor", "article", "claim"}


def test_claims_keep_clocks_parties_agent_and_event(seeded: Invoke, tmp_path: Path):
    path = tmp_path / "all.jsonl"
    assert seeded("export", "--what", "all", "-o", str(path)).exit_code == 0
    first = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    claims = [record for record in first if record["type"] == "claim"]
    assert all(isinstance(claim["parties"], list) for claim in claims)
    assert all(claim["said_on"] is None or claim["said_on"]["date"] for claim in claims)
    assert any(claim["parties"] for claim in claims) and any(c["agent"] for c in claims)
    assert any(claim["event"] and claim["event"]["status"] for claim in claims)
    copy = invoker(tmp_path / "copy.db")
    assert copy("import", str(path)).exit_code == 0
    fields = ("said_on", "parties", "agent", "event")
    again = [record for record in exported(copy, "--what", "claims") if record["type"] == "claim"]
    assert [{f: c[f] for f in fields} for c in again] == [{f: c[f] for f in fields} for c in claims]


def test_records_keep_texts_offsets_and_aliases(seeded: Invoke):
    records = exported(seeded, "--what", "all")
    articles = {r["id"]: r for r in records if r["type"] == "article"}
    claims = [r for r in records if r["type"] == "claim"]
    for claim in claims:
        start, end = claim["content_span"]
        assert articles[claim["article_id"]]["text"][start:end] == claim["content"]
    [peskov] = [r for r in records if r["type"] == "actor" and r["name"] == "Dmitry Peskov"]
    assert "Peskov" in peskov["aliases"] and peskov["roles"]
    assert all(article["published"] for article in articles.values())


def test_a_claims_export_imports_on_its_own(seeded: Invoke, tmp_path: Path):
    path = tmp_path / "peskov.jsonl"
    seeded("export", "--actor", "Peskov", "--since", "2025-03", "-o", str(path))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    claims = [r for r in records if r["type"] == "claim"]
    assert claims and all(c["actor"] == "Dmitry Peskov" for c in claims)
    assert all(c["published"] >= "2025-03" for c in claims)
    copy = invoker(tmp_path / "copy.db")
    assert copy("import", str(path)).exit_code == 0
    again = exported(copy, "--actor", "Peskov")
    assert [c["content"] for c in again if c["type"] == "claim"] == [c["content"] for c in claims]


def test_importing_twice_skips_stored_articles(seeded: Invoke, tmp_path: Path):
    path = tmp_path / "all.jsonl"
    seeded("export", "--what", "all", "-o", str(path))
    copy = invoker(tmp_path / "copy.db")
    copy("import", str(path))
    result = copy("import", str(path), "--json")
    summary = json.loads(result.output)
    assert summary["articles_added"] == [] and len(summary["articles_skipped"]) == 5
    assert summary["actors_added"] == 0 and summary["actors_merged"] > 0
    with open_store(tmp_path / "copy.db") as store:
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 5


def test_csv_and_markdown_tables(seeded: Invoke):
    rows = list(csv.DictReader(io.StringIO(seeded("export", "--format", "csv").output)))
    assert any("quite promptly" in row["content"] for row in rows)
    assert {"actor", "content_span", "time_text", "topics"} <= set(rows[0])
    actors = seeded("export", "--what", "actors", "--format", "md").output.splitlines()
    assert actors[0].startswith("| id | name | kind")
    assert any("| Dmitry Peskov |" in line and "Peskow" in line for line in actors)
    articles = seeded("export", "--what", "articles", "--format", "csv", "--until", "2025-02")
    assert len(list(csv.DictReader(io.StringIO(articles.output)))) == 3


def test_export_and_import_errors_are_one_line(seeded: Invoke, tmp_path: Path):
    result = seeded("export", "--what", "all", "--format", "csv")
    assert result.exit_code == 1 and "choose --what" in result.output
    assert seeded("export", "--what", "people").exit_code == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "actor", "name": "X"}\nnot json\n', encoding="utf-8")
    result = invoker(tmp_path / "x.db")("import", str(bad))
    assert result.exit_code == 1 and "bad.jsonl:2: not JSON" in result.output
    bad.write_text('{"type": "claim", "article_id": 1, "actor": "X"}\n', encoding="utf-8")
    result = invoker(tmp_path / "x.db")("import", str(bad))
    assert result.exit_code == 1 and "bad.jsonl:1: claim without content" in result.output
