"""Roles learned from stored articles: "the Kremlin spokesman" in one article is the
"Kremlin spokesman Dmitry Peskov" of another.

The extractor resolves a role inside its article, or from the dated roles of
``data/actors.json``; a post it cannot fill ("the White House press secretary" in an
article that names no one for it) becomes a speaker of kind ``role``. Every article also
reports the roles it gives people (``RoleSighting``). The store keeps those sightings with
the first and last publication date each was seen (table ``role_sightings``), and the
single writer fills ``role`` speakers from them before storing claims, so the answer does
not depend on how many processes extracted the batch.

A role that changes hands resolves by date: the one person seen in the role around the
claim's date, else the person seen in it most recently before, else the first seen after.
Two people seen in the same role over the same dates (a ministry with several
spokespeople) is no answer: the speaker stays the role.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from claimtrack.actors import ROLE, RoleSense, role_sense
from claimtrack.models import Claim, PublishedDate, RoleSighting


@dataclass(frozen=True)
class LearnedRole:
    """A person seen holding a role, from ``first_seen`` to ``last_seen`` (None: undated)."""

    actor: str
    role: str
    first_seen: date | None = None
    last_seen: date | None = None


def fill_role_speakers(
    claims: list[Claim], learned: Iterable[LearnedRole], when: date | None
) -> list[Claim]:
    """The claims with each ``role`` speaker replaced by the person holding that role at
    ``when`` (the publication date), where the learned roles name one."""
    learned = list(learned)
    filled = []
    for claim in claims:
        holder = holder_of(claim.speaker, learned, when) if claim.speaker_kind == ROLE else None
        filled.append(replace(claim, speaker=holder, speaker_kind="person") if holder else claim)
    return filled


def holder_of(role: str, learned: Iterable[LearnedRole], when: date | None) -> str | None:
    """The person holding ``role`` at ``when`` according to ``learned`` (module docstring)."""
    wanted = role_sense(role)
    if wanted is None:
        return None
    candidates = [entry for entry in learned if _same_post(role_sense(entry.role), wanted)]
    dated = [entry for entry in candidates if entry.first_seen and entry.last_seen]
    if when is None or not dated:
        return _only_person(candidates)
    during = [entry for entry in dated if entry.first_seen <= when <= entry.last_seen]
    if during:
        return _only_person(during)
    before = [entry for entry in dated if entry.last_seen < when]
    if before:
        return max(before, key=lambda entry: entry.last_seen).actor
    return min(dated, key=lambda entry: entry.first_seen).actor


def _same_post(seen: RoleSense | None, wanted: RoleSense) -> bool:
    """Whether a role seen with a name is the post a role-only mention asks for."""
    return (
        seen is not None
        and seen.classes[0] == wanted.classes[0]
        and seen.country == wanted.country
        and seen.plural == wanted.plural
        and (wanted.organisation is None or seen.organisation == wanted.organisation)
    )


def _only_person(entries: list[LearnedRole]) -> str | None:
    people = {entry.actor for entry in entries}
    return people.pop() if len(people) == 1 else None


# -- the store's side ---------------------------------------------------------------------
# One row per person and role an article introduces; the dates come from the articles, so
# ``articles set-date`` and ``reprocess`` keep them right.
CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS role_sightings (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (article_id, actor, role)
) WITHOUT ROWID
"""


def record_sightings(
    conn: sqlite3.Connection, article_id: int, sightings: Iterable[RoleSighting]
) -> None:
    """Replace one article's sightings; the caller holds the write transaction."""
    conn.execute("DELETE FROM role_sightings WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO role_sightings (article_id, actor, role) VALUES (?, ?, ?)",
        [(article_id, s.actor, s.role) for s in sightings],
    )


def load_learned(conn: sqlite3.Connection) -> list[LearnedRole]:
    """Every learned role with the dates it was seen (day or month precise dates only)."""
    rows = conn.execute(
        """
        SELECT s.actor, s.role,
            MIN(CASE WHEN a.published_precision IN ('day', 'month') THEN a.published END),
            MAX(CASE WHEN a.published_precision IN ('day', 'month') THEN a.published END)
        FROM role_sightings s JOIN articles a ON a.id = s.article_id
        GROUP BY s.actor, s.role
        """
    )
    return [
        LearnedRole(actor, role, _day(first_seen), _day(last_seen))
        for actor, role, first_seen, last_seen in rows
    ]


def _day(value: str | None) -> date | None:
    return PublishedDate(value).anchor() if value else None
