"""The per-actor figures ``actors`` reads stay equal to a count over the claims themselves."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS, invoker

from claimtrack import queries
from claimtrack.store import open_store

COUNTED = """
SELECT act.id, count(c.id), min(a.published), max(a.published)
FROM actors act
LEFT JOIN claims c ON c.actor_id = act.id AND c.review IS NOT 'rejected'
LEFT JOIN articles a ON a.id = c.article_id
GROUP BY act.id
"""


def figures(store) -> dict[int, tuple]:
    return {row["id"]: (row["claims"], row["first"], row["last"]) for row in queries.actors(store)}


def counted(store) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in store.conn.execute(COUNTED)}


def test_actor_figures_follow_every_change_to_the_claims(tmp_path: Path):
    db = tmp_path / "claims.db"
    assert invoker(db)("ingest", str(SEEDS), "--jobs", "1").exit_code == 0
    with open_store(db) as store:
        before = figures(store)
        assert before == counted(store)
        peskov = next(row for row in queries.actors(store) if row["name"] == "Dmitry Peskov")
        assert peskov["claims"] >= 10 and peskov["first"] == "2025-02-13"
        conn = store.conn
        with conn:
            first_claim = conn.execute(
                "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
                " WHERE c.actor_id = ? ORDER BY a.published LIMIT 1",
                (peskov["id"],),
            ).fetchone()[0]
            conn.execute("UPDATE claims SET review = 'rejected' WHERE id = ?", (first_claim,))
            redated, deleted = (
                row[0]
                for row in conn.execute(
                    "SELECT DISTINCT article_id FROM claims WHERE actor_id = ? AND id != ?"
                    " ORDER BY article_id LIMIT 2",
                    (peskov["id"], first_claim),
                )
            )
            conn.execute("UPDATE articles SET published = '2030-01-01' WHERE id = ?", (redated,))
            conn.execute("DELETE FROM claims WHERE article_id = ?", (deleted,))
        after = figures(store)
        assert after == counted(store)
        assert after[peskov["id"]][0] < peskov["claims"]
        assert after[peskov["id"]][2] == "2030-01-01"
    # A new article after the refresh: its claims update the figures in place.
    text = (SEEDS / "000_d04d9c40bbc889bf.txt").read_text(encoding="utf-8") + "\nUpdated."
    result = invoker(db)("ingest", "-", "--date", "2031-05-01", input=text)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert (
            store.conn.execute("SELECT count(*) FROM actor_stats WHERE stale = 1").fetchone()[0]
            == 0
        )
        assert figures(store) == counted(store)
        assert figures(store)[peskov["id"]][2] == "2031-05-01"
