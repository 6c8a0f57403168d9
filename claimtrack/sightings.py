"""Statements in the store: each claim is a sighting of one statement of its actor.

A claim is linked when it is inserted (ingest, reprocess, import): its content terms
(``statements.wording``) go to ``statement_terms``, an inverted index, and the claim joins
the best matching statement among the same actor's claims sharing enough terms, or opens
a new one. Triggers keep the index in step: deleting a claim drops its terms (so a
reprocessed article links afresh), moving it to another actor moves them. Matching reads
only the actor's postings of the claim's terms, never the whole store.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import TYPE_CHECKING

from claimtrack import statements
from claimtrack.statements import Wording

if TYPE_CHECKING:
    import sqlite_utils


def add_statements(db: sqlite_utils.Database) -> None:
    """Migration: the ``statements`` table, ``claims.statement_id``, the term index, and a
    link for every claim already stored (oldest first)."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS statements (id INTEGER PRIMARY KEY, wording TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS statement_terms (claim_id INTEGER NOT NULL,"
        " actor_id INTEGER NOT NULL, term TEXT NOT NULL, name INTEGER NOT NULL,"
        " PRIMARY KEY (claim_id, term))"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS statement_terms_actor_term"
        " ON statement_terms(actor_id, term, name)"
    )
    if "statement_id" not in db["claims"].columns_dict:
        db.execute("ALTER TABLE claims ADD COLUMN statement_id INTEGER REFERENCES statements(id)")
    db.execute("CREATE INDEX IF NOT EXISTS claims_statement ON claims(statement_id)")
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS claims_drop_statement_terms AFTER DELETE ON claims"
        " BEGIN DELETE FROM statement_terms WHERE claim_id = old.id; END"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS claims_move_statement_terms"
        " AFTER UPDATE OF actor_id ON claims BEGIN"
        " UPDATE statement_terms SET actor_id = new.actor_id WHERE claim_id = new.id; END"
    )
    unlinked = db.execute(
        "SELECT c.id, c.actor_id, c.content FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE c.statement_id IS NULL ORDER BY a.published, c.article_id, c.content_start"
    ).fetchall()
    for claim_id, actor_id, content in unlinked:
        link_statement(db.conn, claim_id, actor_id, content)


def link_statement(conn: sqlite3.Connection, claim_id: int, actor_id: int, content: str) -> int:
    """Index a stored claim's terms and set its ``statement_id``; returns that id."""
    target = statements.wording(content)
    statement_id = statements.best_match(target, _candidates(conn, claim_id, actor_id, target))
    if statement_id is None:
        statement_id = conn.execute(
            "INSERT INTO statements (wording) VALUES (?)", (content,)
        ).lastrowid
    conn.execute("UPDATE claims SET statement_id = ? WHERE id = ?", (statement_id, claim_id))
    conn.executemany(
        "INSERT OR IGNORE INTO statement_terms (claim_id, actor_id, term, name)"
        " VALUES (?, ?, ?, ?)",
        [(claim_id, actor_id, term, term in target.names) for term in target.terms],
    )
    return statement_id


def _candidates(
    conn: sqlite3.Connection, claim_id: int, actor_id: int, target: Wording
) -> list[tuple[int, Wording]]:
    """(statement id, wording) of the actor's claims sharing enough non-name terms."""
    common = sorted(target.terms - target.names)
    if len(common) < statements.MIN_SHARED:
        return []
    marks = ", ".join("?" * len(common))
    rows = conn.execute(
        f"""
        SELECT claim_id FROM statement_terms
        WHERE actor_id = ? AND term IN ({marks}) AND name = 0 AND claim_id != ?
        GROUP BY claim_id HAVING count(*) >= ?
        """,
        (actor_id, *common, claim_id, statements.MIN_SHARED),
    ).fetchall()
    if not rows:
        return []
    ids = [row[0] for row in rows]
    marks = ", ".join("?" * len(ids))
    terms: dict[int, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    statement_of: dict[int, int] = {}
    for candidate, term, name, statement_id in conn.execute(
        f"SELECT t.claim_id, t.term, t.name, c.statement_id FROM statement_terms t"
        f" JOIN claims c ON c.id = t.claim_id"
        f" WHERE t.claim_id IN ({marks}) AND c.statement_id IS NOT NULL",
        ids,
    ):
        words, names = terms[candidate]
        words.add(term)
        if name:
            names.add(term)
        statement_of[candidate] = statement_id
    return [
        (statement_of[candidate], Wording(frozenset(words), frozenset(names)))
        for candidate, (words, names) in terms.items()
    ]


def claim_sightings(conn: sqlite3.Connection, claim_id: int) -> list[dict]:
    """Every claim reporting the claim's statement (itself included), first seen first:
    where, when, in what words."""
    rows = conn.execute(
        """
        SELECT c.id, c.article_id, a.published, a.outlet, a.title, a.url, c.content
        FROM claims c JOIN articles a ON a.id = c.article_id
        WHERE c.statement_id = (SELECT statement_id FROM claims WHERE id = ?)
        ORDER BY a.published, c.article_id, c.content_start
        """,
        (claim_id,),
    ).fetchall()
    keys = ("claim_id", "article_id", "published", "outlet", "title", "url", "content")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def fold_sightings(claims: list[dict], statement_ids: dict[int, int | None]) -> list[dict]:
    """Claims in date order -> one row per statement and publication date.

    A row is the first claim of its statement on that date, with ``sightings`` (how many
    claims report the statement that day: several outlets, or one article repeating it) and
    ``repeated`` (the actor made the statement on an earlier date already).
    """
    rows: dict[tuple[object, object], dict] = {}
    dated: set[object] = set()
    for claim in claims:
        statement = statement_ids.get(claim["id"]) or -claim["id"]
        key = (statement, claim["published"])
        row = rows.get(key)
        if row is not None:
            row["sightings"] += 1
            continue
        rows[key] = {**claim, "sightings": 1, "repeated": statement in dated}
        dated.add(statement)
    return list(rows.values())
