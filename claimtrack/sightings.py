"""Statements in the store: each claim is a sighting of one statement of its actor.

A claim is linked when it is inserted (ingest, reprocess, import): it joins the best
matching statement among the same actor's claims sharing enough terms
(``statements.wording``), or opens a new one. ``claim_terms`` holds each claim's non-name
terms; ``claim_terms_index``, a contentless full-text index over them, finds the claims
sharing a term (through its vocabulary table ``claim_terms_postings``). Its tokens are
``ACTOR_TERM`` (``42_meetin``), so a lookup reads only the actor's postings of one term,
never the whole store. Only claims with ``MIN_SHARED`` non-name terms are indexed, since
no other claim can be a candidate; the candidates' full wordings are recomputed from
their content. Triggers keep the index in step: deleting a claim drops its terms (so a
reprocessed article links afresh), moving it to another actor re-keys them.

A full-text index stores a posting in a byte or two where a b-tree row of (actor, term,
claim) takes about twenty, twice over (by claim and by term): that index was two thirds
of the database before version 8 (``compact_statements``). Its lookups cost more, so a
writer keeps the postings of the actors it files claims for in memory
(``StatementLinker``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from itertools import chain
from typing import TYPE_CHECKING

from claimtrack import statements
from claimtrack.statements import Wording

if TYPE_CHECKING:
    import sqlite_utils


def add_statements(db: sqlite_utils.Database) -> None:
    """Migration to version 4: the ``statements`` table, ``claims.statement_id`` and the
    term index of that version. Claims already stored are linked by version 8
    (``compact_statements``), which replaced that index."""
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


def _keyed(actor: str, terms: str) -> str:
    """SQL for the index tokens of a claim: each of its terms prefixed with its actor."""
    return f"{actor} || '_' || replace({terms}, ' ', ' ' || {actor} || '_')"


_TERMS_SCHEMA = (
    "CREATE TABLE claim_terms (claim_id INTEGER PRIMARY KEY, terms TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE claim_terms_index USING fts5(terms, content='', columnsize=0,"
    " detail=none, tokenize=\"ascii tokenchars '_'\")",
    "CREATE VIRTUAL TABLE claim_terms_postings USING fts5vocab(claim_terms_index, instance)",
    # The claim's actor is read from ``claims``: insert its row before its terms.
    f"""
    CREATE TRIGGER claim_terms_added AFTER INSERT ON claim_terms BEGIN
        INSERT INTO claim_terms_index (rowid, terms)
        SELECT new.claim_id, {_keyed("actor_id", "new.terms")} FROM claims
        WHERE id = new.claim_id;
    END
    """,
    f"""
    CREATE TRIGGER claim_terms_dropped AFTER DELETE ON claim_terms BEGIN
        INSERT INTO claim_terms_index (claim_terms_index, rowid, terms)
        SELECT 'delete', old.claim_id, {_keyed("actor_id", "old.terms")} FROM claims
        WHERE id = old.claim_id;
    END
    """,
    # BEFORE: the claim's actor must still be there to drop its terms by.
    """
    CREATE TRIGGER claims_drop_terms BEFORE DELETE ON claims BEGIN
        DELETE FROM claim_terms WHERE claim_id = old.id;
    END
    """,
    f"""
    CREATE TRIGGER claims_move_terms AFTER UPDATE OF actor_id ON claims
    WHEN old.actor_id IS NOT new.actor_id BEGIN
        INSERT INTO claim_terms_index (claim_terms_index, rowid, terms)
        SELECT 'delete', claim_id, {_keyed("old.actor_id", "terms")} FROM claim_terms
        WHERE claim_id = new.id;
        INSERT INTO claim_terms_index (rowid, terms)
        SELECT claim_id, {_keyed("new.actor_id", "terms")} FROM claim_terms
        WHERE claim_id = new.id;
    END
    """,
)


def compact_statements(db: sqlite_utils.Database) -> None:
    """Migration to version 8: ``claim_terms`` and its full-text index replace the b-tree
    index ``statement_terms``, ``statements`` drop their unread copy of the first
    wording, and claims not linked yet (stored before version 4) are linked, oldest first.
    Statement ids are kept."""
    for sql in _TERMS_SCHEMA:
        db.execute(sql)
    db.execute(
        "INSERT INTO claim_terms (claim_id, terms)"
        " SELECT claim_id, group_concat(term, ' ') FROM statement_terms WHERE name = 0"
        " GROUP BY claim_id HAVING count(*) >= ?",
        (statements.MIN_SHARED,),
    )
    db.execute("DROP TRIGGER IF EXISTS claims_drop_statement_terms")
    db.execute("DROP TRIGGER IF EXISTS claims_move_statement_terms")
    db.execute("DROP TABLE statement_terms")
    # The 12-step table rebuild of SQLite's ALTER TABLE documentation; foreign keys are
    # off while migrating (``open_store`` turns them on after).
    db.execute("CREATE TABLE statements_ids (id INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO statements_ids (id) SELECT id FROM statements")
    db.execute("DROP TABLE statements")
    db.execute("ALTER TABLE statements_ids RENAME TO statements")
    link_unlinked(db.conn)


def link_statement(conn: sqlite3.Connection, claim_id: int, actor_id: int, content: str) -> int:
    """Link a stored claim to its statement and index its terms; returns the statement id."""
    target = statements.wording(content)
    statement_id = statement_for(conn, actor_id, target)
    conn.execute("UPDATE claims SET statement_id = ? WHERE id = ?", (statement_id, claim_id))
    index_terms(conn, claim_id, target)
    return statement_id


def relink(conn: sqlite3.Connection, claim_ids: list[int]) -> None:
    """Link claims that moved to another actor (merge, split, alias) afresh, oldest first:
    a statement holds one actor's claims, and a moved claim may repeat one its new actor
    made. Statements left without claims are dropped. The caller holds the transaction."""
    moved = [(claim_id,) for claim_id in claim_ids]
    conn.executemany("DELETE FROM claim_terms WHERE claim_id = ?", moved)
    conn.executemany("UPDATE claims SET statement_id = NULL WHERE id = ?", moved)
    conn.execute(
        "DELETE FROM statements WHERE id NOT IN"
        " (SELECT statement_id FROM claims WHERE statement_id IS NOT NULL)"
    )
    link_unlinked(conn)


def link_unlinked(conn: sqlite3.Connection) -> None:
    """Link every claim that has no statement yet, oldest first."""
    unlinked = conn.execute(
        "SELECT c.id, c.actor_id, c.content FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE c.statement_id IS NULL ORDER BY a.published, c.article_id, c.content_start"
    ).fetchall()
    for claim_id, actor_id, content in unlinked:
        link_statement(conn, claim_id, actor_id, content)


def statement_for(conn: sqlite3.Connection, actor_id: int, target: Wording) -> int:
    """The statement of the actor's indexed claims that ``target`` reports, or a new one."""
    return _statement_among(conn, _candidates(conn, actor_id, target), target)


def _statement_among(conn: sqlite3.Connection, candidates: list, target: Wording) -> int:
    found = statements.best_match(target, candidates)
    if found is not None:
        return found
    return conn.execute("INSERT INTO statements DEFAULT VALUES").lastrowid


def index_terms(conn: sqlite3.Connection, claim_id: int, target: Wording) -> list[str]:
    """Make a stored claim findable by its non-name terms, if it has enough to match;
    returns the terms indexed."""
    common = sorted(target.terms - target.names)
    if len(common) < statements.MIN_SHARED:
        return []
    conn.execute(
        "INSERT INTO claim_terms (claim_id, terms) VALUES (?, ?)", (claim_id, " ".join(common))
    )
    return common


def _candidates(
    conn: sqlite3.Connection, actor_id: int, target: Wording
) -> list[tuple[int, Wording]]:
    """(statement id, wording) of the actor's indexed claims sharing enough non-name terms."""
    common = sorted(target.terms - target.names)
    if len(common) < statements.MIN_SHARED:
        return []
    marks = ", ".join("?" * len(common))
    found = conn.execute(
        f"SELECT doc FROM claim_terms_postings WHERE term IN ({marks})"
        f" GROUP BY doc HAVING count(*) >= ?",
        (*(f"{actor_id}_{term}" for term in common), statements.MIN_SHARED),
    ).fetchall()
    return _wordings(conn, actor_id, [row[0] for row in found])


def _wordings(
    conn: sqlite3.Connection, actor_id: int, claim_ids: list[int]
) -> list[tuple[int, Wording]]:
    """(statement id, wording) of those of the claims that are linked and the actor's."""
    if not claim_ids:
        return []
    marks = ", ".join("?" * len(claim_ids))
    rows = conn.execute(
        f"SELECT statement_id, content FROM claims WHERE id IN ({marks})"
        " AND actor_id = ? AND statement_id IS NOT NULL",
        (*claim_ids, actor_id),
    ).fetchall()
    return [(statement_id, statements.wording(content)) for statement_id, content in rows]


class StatementLinker:
    """Statement linking for one writer, with the term postings of the actors it files
    claims for kept in memory.

    Asking the full-text index costs some ten lookups per claim, each through every
    segment of the index; a batch ingest files many claims per actor. So an actor's
    postings are read once (when it has at most ``CACHED_ACTOR_CLAIMS`` claims, as every
    actor new to the database has) and grown as its claims are indexed; larger actors
    are looked up in the index. The copy is bounded by ``CACHED_POSTINGS`` and dropped
    when another connection commits (``PRAGMA data_version``), when a transaction rolls
    back and when actors change. Stale claim ids are harmless: candidates are read back
    from ``claims`` by id and actor, and compared by their stored content.
    """

    CACHED_ACTOR_CLAIMS = 1000
    CACHED_POSTINGS = 500_000

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._postings: dict[int, dict[str, list[int]] | None] = {}
        self._cached = 0
        self._data_version: int | None = None

    def forget(self) -> None:
        self._postings.clear()
        self._cached = 0

    def statement_for(self, actor_id: int, target: Wording) -> int:
        """As ``statement_for``, from the postings in memory when the actor has them."""
        postings = self._actor_postings(actor_id)
        if postings is None:
            candidates = _candidates(self.conn, actor_id, target)
        else:
            shared = Counter(
                chain.from_iterable(postings.get(term, ()) for term in target.terms - target.names)
            )
            found = [claim for claim, count in shared.items() if count >= statements.MIN_SHARED]
            candidates = _wordings(self.conn, actor_id, found)
        return _statement_among(self.conn, candidates, target)

    def index(self, claim_id: int, actor_id: int, target: Wording) -> None:
        """As ``index_terms``, adding the claim to the actor's postings in memory."""
        terms = index_terms(self.conn, claim_id, target)
        postings = self._postings.get(actor_id)
        if postings is None or not terms:
            return
        for term in terms:
            postings.setdefault(term, []).append(claim_id)
        self._cached += len(terms)
        if self._cached > self.CACHED_POSTINGS:
            self.forget()

    def _actor_postings(self, actor_id: int) -> dict[str, list[int]] | None:
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:
            self.forget()
            self._data_version = version
        if actor_id in self._postings:
            return self._postings[actor_id]
        claims = self.conn.execute(
            "SELECT count(*) FROM claims WHERE actor_id = ?", (actor_id,)
        ).fetchone()[0]
        postings: dict[str, list[int]] | None = None
        if claims <= self.CACHED_ACTOR_CLAIMS:
            postings = {}
            for claim_id, terms in self.conn.execute(
                "SELECT t.claim_id, t.terms FROM claims c JOIN claim_terms t"
                " ON t.claim_id = c.id WHERE c.actor_id = ?",
                (actor_id,),
            ):
                for term in terms.split():
                    postings.setdefault(term, []).append(claim_id)
                    self._cached += 1
        self._postings[actor_id] = postings
        return postings


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
