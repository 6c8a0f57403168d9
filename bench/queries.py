"""Query speed on a large store: who-said, timeline, diff, actors and show at N articles.

Usage: python bench/queries.py [--articles 100000] [--db PATH] [--runs 5]

The store is built once and cached at PATH (default /tmp/claimtrack-bench-N.db): the real
corpus (../shared/polnear, ../shared/corpus/dev and seeds/) is ingested once, then its
articles and claims are replicated with plain SQL until there are N articles. Replica k of
an article is its text plus a marker line (so no two are duplicates), published k weeks
later (undated articles get a date in 2016, the PolNeAR year), with its claims and every
other per-claim and per-article row (``claim_id`` and ``article_id`` tables) copied; the
store's triggers index what they index on ingest (full-text search, statistics).
Extraction is never re-run.

Then each query is timed as a whole process (the console script, output to a pipe) and as
an in-process call of ``claimtrack.queries``; both report the median of --runs runs. The
list commands are timed as a user runs them, a page of ``queries.PAGE_SIZE`` rows; the
"all" rows time the whole answer (``--limit 0``) in process only. Also the database size
per article and against the article text, and ``claimtrack --help``. The machine may be
shared: medians damp the noise, they do not remove it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from ingest import machine

from claimtrack import queries
from claimtrack.store import open_store

REPO = Path(__file__).resolve().parent.parent
CORPUS = (
    REPO.parent / "shared" / "polnear",
    REPO.parent / "shared" / "corpus" / "dev",
    REPO / "seeds",
)
UNDATED_ANCHOR = date(2016, 1, 1)
REPLICA_SHIFT_DAYS = 7


def script() -> list[str]:
    """The console script next to this Python, else ``python -m claimtrack``."""
    console = Path(sys.executable).with_name("claimtrack")
    return [str(console)] if console.exists() else [sys.executable, "-m", "claimtrack"]


# --- building the store ---------------------------------------------------------------


def build(db: Path, articles: int) -> None:
    """Ingest the corpus into ``db``, then replicate it up to ``articles`` articles."""
    started = time.perf_counter()
    folders = [str(f) for f in CORPUS if f.is_dir()]
    subprocess.run([*script(), "--db", str(db), "ingest", *folders], check=False,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    print(f"ingested the corpus in {time.perf_counter() - started:.1f} s")
    with sqlite3.connect(db) as conn:
        conn.create_function("sha256", 1, _sha256, deterministic=True)
        conn.create_function("shifted", 4, _shifted, deterministic=True)
        base_articles = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
        base_claims = conn.execute("SELECT max(id) FROM claims").fetchone()[0]
        replicas = -(-articles // base_articles) - 1
        statements = _replica_statements(conn, base_articles)
        for k in range(1, replicas + 1):
            with conn:
                for sql in statements:
                    conn.execute(sql, {"k": k, "a": base_articles, "c": base_claims,
                                       "n": articles})  # fmt: skip
            print(f"\rreplica {k}/{replicas}", end="", flush=True)
        conn.execute("ANALYZE")
    conn.close()
    print(f"\nbuilt {db} in {time.perf_counter() - started:.0f} s")


def _replica_statements(conn: sqlite3.Connection, base_articles: int) -> list[str]:
    """INSERT ... SELECT statements copying the base articles and claims as replica :k."""
    article_columns = _columns(conn, "articles")
    replaced = {
        "id": "id + :k * :a",
        "text": "text || char(10) || '[bench replica ' || :k || ']'",
        "content_hash": "sha256(text || char(10) || '[bench replica ' || :k || ']')",
        "published": "shifted(published, published_precision, :k, id)",
        "published_precision": "CASE WHEN published IS NULL THEN 'day'"
        " ELSE published_precision END",
        "url": "url || '#replica-' || :k",
        "origin": "origin || '#replica-' || :k",
    }
    # The last replica stops at N articles.
    base_article = f"article_id <= {base_articles} AND article_id + :k * :a <= :n"
    base_claim = "IN (SELECT id FROM claims WHERE id <= :c AND article_id + :k * :a <= :n)"
    kept = f"id <= {base_articles} AND id + :k * :a <= :n"
    statements = [_copy("articles", article_columns, replaced, kept)]
    claim_columns = _columns(conn, "claims")
    claim_ids = {"id": "id + :k * :c", "article_id": "article_id + :k * :a"}
    statements.append(_copy("claims", claim_columns, claim_ids, f"id {base_claim}"))
    if not _indexed_by_trigger(conn, "claims_fts"):  # stores before search was a view
        fts = ["rowid", "content", "venue", "participants", "speaker"]
        fts_ids = {"rowid": "rowid + :k * :c"}
        statements.append(_copy("claims_fts", fts, fts_ids, f"rowid {base_claim}"))
    for table, key in _per_row_tables(conn):
        columns = [c for c in _columns(conn, table) if c != "id"]
        if key == "claim_id":
            moved, where = {"claim_id": "claim_id + :k * :c"}, f"claim_id {base_claim}"
        else:
            moved, where = {"article_id": "article_id + :k * :a"}, base_article
        statements.append(_copy(table, columns, moved, where))
    return statements


def _copy(table: str, columns: list[str], replaced: dict[str, str], where: str) -> str:
    values = ", ".join(replaced.get(column, column) for column in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} WHERE {where}"


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _per_row_tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, key) of every other table keyed by a claim or an article."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    found = []
    for table in tables:
        keys = [key for key in ("claim_id", "article_id") if key in _columns(conn, table)]
        if keys and table != "claims":
            found.append((table, keys[0]))
    return found


def _indexed_by_trigger(conn: sqlite3.Connection, table: str) -> bool:
    """Whether a trigger on ``claims`` writes ``table`` (so copying claims fills it)."""
    return bool(conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'claims'"
        " AND sql LIKE ?", (f"%{table}%",),
    ).fetchone())  # fmt: skip


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shifted(published: str | None, precision: str | None, k: int, article_id: int) -> str:
    """The date of replica k: k weeks later, cut to the original precision."""
    if not published:
        day = UNDATED_ANCHOR + timedelta(days=k * REPLICA_SHIFT_DAYS + article_id % 7)
        return day.isoformat()
    parts = [int(p) for p in published.split("-")] + [1, 1]
    day = date(parts[0], parts[1], parts[2]) + timedelta(days=k * REPLICA_SHIFT_DAYS)
    return day.isoformat()[: len(published)]


# --- timing ---------------------------------------------------------------------------


def median_ms(call: Callable[[], object], runs: int) -> float:
    """Median wall milliseconds of an in-process call, after one warm-up (page cache)."""
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def process_ms(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU (user + system) milliseconds of a command, after one warm-up.

    The command may cache its bytecode, as an installed claimtrack has it: with
    PYTHONDONTWRITEBYTECODE every run would compile claimtrack's modules again.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def cases(db: Path) -> list[tuple[str, list[str] | None, Callable]]:
    """(label, CLI arguments or None for in-process only, in-process call) per query."""
    with open_store(db) as store:
        claim_id = store.query("SELECT id FROM claims ORDER BY id LIMIT 1 OFFSET"
                               " (SELECT count(*) / 2 FROM claims)")[0]["id"]  # fmt: skip
        article_id = store.query("SELECT max(id) / 2 AS id FROM articles")[0]["id"]
    page = queries.PAGE_SIZE
    return [
        ("who-said 'Saudi Arabia'", ["who-said", "Saudi Arabia"],
         lambda s: queries.who_said_page(s, "Saudi Arabia", limit=page)),
        ("  all (--limit 0)", None, lambda s: queries.who_said_page(s, "Saudi Arabia")),
        ("who-said Trump", ["who-said", "Trump"],
         lambda s: queries.who_said_page(s, "Trump", limit=page)),
        ("timeline Peskov", ["timeline", "Peskov"],
         lambda s: queries.timeline_page(s, "Peskov", limit=page)),
        ("  all (--limit 0)", None, lambda s: queries.timeline_page(s, "Peskov")),
        ("timeline 'Donald Trump'", ["timeline", "Donald Trump"],
         lambda s: queries.timeline_page(s, "Donald Trump", limit=page)),
        ("diff Peskov 2025-03..2026-06", ["diff", "Peskov", "--from", "2025-03", "--to", "2026-06"],
         lambda s: queries.diff(s, "Peskov", "2025-03", "2026-06")),
        ("diff Trump 2016-06..2017-06",
         ["diff", "Donald Trump", "--from", "2016-06", "--to", "2017-06"],
         lambda s: queries.diff(s, "Donald Trump", "2016-06", "2017-06")),
        ("actors", ["actors"], lambda s: queries.actors_page(s, page)),
        ("  all (--limit 0)", None, lambda s: queries.actors_page(s)),
        ("articles", ["articles"], lambda s: queries.articles_page(s, page)),
        ("show claim", ["show", str(claim_id)], lambda s: queries.claim_detail(s, claim_id)),
        (f"show article:{article_id}", ["show", f"article:{article_id}"],
         lambda s: queries.article_detail(s, article_id)),
    ]  # fmt: skip


def sizes(db: Path) -> tuple[int, int, int, int]:
    """Articles, claims, database bytes, article text bytes (UTF-8) plus compressed raw."""
    with sqlite3.connect(db) as conn:
        articles, text, raw = conn.execute(
            "SELECT count(*), sum(length(CAST(text AS BLOB))), sum(coalesce(length(raw), 0))"
            " FROM articles"
        ).fetchone()
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return articles, claims, size, text + raw


def _rows(result: object) -> str:
    """Rows a query returned (of how many, for a page): claims, diff topics, actors,
    articles; 1 for a single claim."""
    if isinstance(result, queries.Page):
        items = result.items
        if isinstance(items, dict):
            shown = len(items["claims"])
        elif items and "claims" in items[0] and "actor" in items[0]:
            shown = sum(len(group["claims"]) for group in items)
        else:
            shown = len(items)
        return f"{shown}/{result.total if result.total is not None else '?'}"
    if "topics" in result and "from" in result:
        return str(len(result["topics"]))
    return str(len(result.get("claims", [result])))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5, help="Runs per query (median).")
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/claimtrack-bench-{args.articles}.db")
    if not db.exists():
        build(db, args.articles)
    print(f"machine: {machine()}")
    articles, claims, size, text = sizes(db)
    print(f"store: {db}: {articles} articles, {claims} claims, {size / 1e6:.0f} MB,"
          f" {size / articles / 1024:.1f} KB/article, {size / text:.2f}x the article text"
          " (+ compressed raw pages)")  # fmt: skip
    print(f"median of {args.runs} runs after one warm-up; process = console script, "
          "table output to a pipe")  # fmt: skip
    help_wall, help_cpu = process_ms([*script(), "--help"], args.runs)
    print(f"{'query':<34} {'in-process':>12} {'process wall':>13} {'process CPU':>12} {'rows':>13}")
    print(f"{'claimtrack --help':<34} {'':>12} {help_wall:>10.0f} ms {help_cpu:>9.0f} ms")
    env_db = [*script(), "--db", str(db)]
    with open_store(db) as store:
        for label, cli_args, call in cases(db):
            result = call(store)
            rows = _rows(result)
            in_process = median_ms(lambda call=call: call(store), args.runs)
            if cli_args is None:
                print(f"{label:<34} {in_process:>9.1f} ms {'':>13} {'':>12} {rows:>13}")
                continue
            wall, cpu = process_ms([*env_db, *cli_args], args.runs)
            print(f"{label:<34} {in_process:>9.1f} ms {wall:>10.0f} ms {cpu:>9.0f} ms {rows:>13}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
