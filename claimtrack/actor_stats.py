"""Per-actor claim count and first/last publication date, kept up to date by triggers.

``claimtrack actors`` lists every actor with these figures; computing them means reading
every claim and its article (a second at a million claims). Instead ``actor_stats`` holds
them: storing a claim updates its actor's row in place (a count and a min/max only grow);
anything that can shrink or move them (a claim deleted, re-assigned to another actor or
rejected by the analyst, an article's date corrected) marks the row stale, and
``refresh`` recomputes just the stale rows from the claims (by the ``claims_actor`` index)
before they are read. Rejected claims do not count.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_COUNTED = "review IS NOT 'rejected'"

_TRIGGERS = (
    f"""
    CREATE TRIGGER IF NOT EXISTS actor_stats_claim_added AFTER INSERT ON claims
    WHEN new.{_COUNTED}
    BEGIN
        INSERT INTO actor_stats (actor_id, claims, first, last, stale)
        SELECT new.actor_id, 1, published, published, 0 FROM articles WHERE id = new.article_id
        ON CONFLICT (actor_id) DO UPDATE SET
            claims = claims + 1,
            first = CASE WHEN first IS NULL OR excluded.first < first THEN excluded.first
                         ELSE first END,
            last = CASE WHEN last IS NULL OR excluded.last > last THEN excluded.last
                        ELSE last END;
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS actor_stats_claim_deleted AFTER DELETE ON claims
    BEGIN
        UPDATE actor_stats SET stale = 1 WHERE actor_id = old.actor_id;
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS actor_stats_claim_changed
    AFTER UPDATE OF actor_id, article_id, review ON claims
    BEGIN
        UPDATE actor_stats SET stale = 1 WHERE actor_id IN (old.actor_id, new.actor_id);
        INSERT OR IGNORE INTO actor_stats (actor_id, claims, stale) VALUES (new.actor_id, 0, 1);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS actor_stats_article_redated AFTER UPDATE OF published ON articles
    BEGIN
        UPDATE actor_stats SET stale = 1
        WHERE actor_id IN (SELECT actor_id FROM claims WHERE article_id = new.id);
    END
    """,
)


def add_actor_stats(db: sqlite_utils.Database) -> None:
    """Migration: the ``actor_stats`` table and its triggers; every actor starts stale."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS actor_stats (actor_id INTEGER PRIMARY KEY,"
        " claims INTEGER NOT NULL, first TEXT, last TEXT, stale INTEGER NOT NULL)"
    )
    for trigger in _TRIGGERS:
        db.execute(trigger)
    db.execute(
        "INSERT OR IGNORE INTO actor_stats (actor_id, claims, stale) SELECT id, 0, 1 FROM actors"
    )
    db.execute("UPDATE actor_stats SET stale = 1")


def refresh(conn: sqlite3.Connection) -> None:
    """Recompute the stale rows (none after a plain ingest) from the claims themselves."""
    if conn.execute("SELECT 1 FROM actor_stats WHERE stale = 1 LIMIT 1").fetchone() is None:
        return  # the common case: no write, no lock
    with conn:
        conn.execute(
            f"""
            UPDATE actor_stats SET (claims, first, last, stale) = (
                SELECT count(*), min(a.published), max(a.published), 0
                FROM claims c JOIN articles a ON a.id = c.article_id
                WHERE c.actor_id = actor_stats.actor_id AND c.{_COUNTED}
            ) WHERE stale = 1
            """
        )
