"""The analyst's word on who is who: merge, split, alias and rename decisions on actors.

Each decision changes the stored actors, aliases and claims at once, is logged in
``user_decisions``, and leaves *pins* in ``actor_overrides`` that the store consults before
its own spelling keys whenever it files a claim (on ingest and on reprocess), so the
decision wins over what the extractor guesses later:

- a ``key`` pin sends every spelling with that actor key to an actor (merge, alias, rename);
- a ``spelling`` pin sends one spelling as written to an actor, also when it stands in a
  longer speaker mention ("Kremlin spokesperson Dmitri Peskow") that it ends (split,
  alias).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from claimtrack.actors import actor_key
from claimtrack.corrections import reapply_all
from claimtrack.sightings import relink

if TYPE_CHECKING:
    from claimtrack.store import Store

# Words of a speaker mention; a comma or bracket ends a name.
_MENTION_WORD = re.compile(r"[^\W_](?:[\w'’\-]|\.(?=\w))*\.?")
_NAME_ENDS = re.compile(r"\s*(?:$|[,;:()\[\]—–])")
_MAX_PIN_WORDS = 5


class DecisionError(Exception):
    """A decision that cannot be applied as asked; the message says why."""


def spelling(name: str) -> str:
    """A name as written, case and spacing folded: the match of a spelling pin."""
    return " ".join(name.casefold().split())


@dataclass
class Pins:
    """The user's pins, loaded once per store session."""

    by_spelling: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Pins:
        pins = cls()
        rows = conn.execute("SELECT scope, spelling, actor_id FROM actor_overrides")
        for scope, text, actor_id in rows:
            target = pins.by_key if scope == "key" else pins.by_spelling
            target[text] = actor_id
        return pins

    def actor_for(self, speaker: str, speaker_text: str | None) -> int | None:
        """The pinned actor of a claim's speaker, or None when no decision covers it."""
        if not self.by_spelling and not self.by_key:
            return None
        found = self.in_mention(speaker_text) if speaker_text else None
        if found is None:
            found = self.by_spelling.get(spelling(speaker))
        if found is None:
            found = self.by_key.get(actor_key(speaker))
        return found

    def in_mention(self, mention: str) -> int | None:
        """The longest pinned spelling that ends the mention's name: the mention ends or a
        comma or bracket follows ("Trump" does not pin "Trump Jr.", nor "the Kremlin" pin
        "the Kremlin spokesperson")."""
        words = list(_MENTION_WORD.finditer(mention))
        folded = [word.group().casefold() for word in words]
        for size in range(min(_MAX_PIN_WORDS, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                actor_id = self.by_spelling.get(" ".join(folded[start : start + size]))
                end = words[start + size - 1].end()
                if actor_id is not None and _NAME_ENDS.match(mention, end):
                    return actor_id
        return None


def actor_named(store: Store, name: str) -> int:
    """The id of the actor a name denotes (pins, then aliases), created when unknown (as
    the known actor the name spells, if any)."""
    from claimtrack.store import known_actor

    pins = Pins.load(store.conn)
    actor_id = pins.by_spelling.get(spelling(name)) or pins.by_key.get(actor_key(name))
    if actor_id is None:
        row = store.conn.execute(
            "SELECT actor_id FROM aliases WHERE key = ? ORDER BY actor_id", (actor_key(name),)
        ).fetchone()
        actor_id = row[0] if row else None
    if actor_id is not None:
        return actor_id
    known = known_actor(name)
    return _new_actor(store, known.name, known.kind) if known else _new_actor(store, name, "person")


def merge(store: Store, keep: dict, fold: dict) -> None:
    """Fold actor ``fold`` into ``keep``: its claims, aliases and pins move, it is removed."""
    if keep["id"] == fold["id"]:
        raise DecisionError(f"'{keep['name']}' and '{fold['name']}' are the same actor")
    conn = store.conn
    spellings = [fold["name"], *_aliases(conn, fold["id"])]
    moved = (keep["id"], fold["id"])
    folded_claims = [
        row[0] for row in conn.execute("SELECT id FROM claims WHERE actor_id = ?", (fold["id"],))
    ]
    conn.execute("UPDATE claims SET actor_id = ? WHERE actor_id = ?", moved)
    relink(conn, folded_claims)
    conn.execute("UPDATE actor_overrides SET actor_id = ? WHERE actor_id = ?", moved)
    for alias in spellings:
        _add_alias(conn, keep["id"], alias)
        _pin(conn, "key", actor_key(alias), keep["id"])
    conn.execute("DELETE FROM aliases WHERE actor_id = ?", (fold["id"],))
    conn.execute("DELETE FROM actors WHERE id = ?", (fold["id"],))
    reapply_all(store)
    _log(conn, "merge", keep=keep["name"], fold=fold["name"])


def split(store: Store, actor: dict, alias: str) -> dict:
    """Make ``alias`` and the claims made under it (speaker mention naming it) a new actor.

    The rest of the old actor's spellings stay pinned to it, so a shared spelling key
    cannot pull its claims over.
    """
    conn = store.conn
    if spelling(alias) == spelling(actor["name"]):
        raise DecisionError(f"'{alias}' is the actor's name; rename the actor instead")
    new_id = _new_actor(store, alias, actor["kind"] or "person")
    _pin(conn, "spelling", spelling(alias), new_id)
    _pin(conn, "key", actor_key(actor["name"]), actor["id"])
    kept_key = actor_key(actor["name"])
    for old in _aliases(conn, actor["id"]):
        if spelling(old) == spelling(alias) or kept_key != actor_key(old) == actor_key(alias):
            _drop_alias(conn, actor["id"], old)
    pins = Pins(by_spelling={spelling(alias): new_id})
    moved = _refile(conn, pins, "c.actor_id = ?", actor["id"])
    relink(conn, [claim_id for _, claim_id in moved])
    reapply_all(store)
    _log(conn, "split", actor=actor["name"], alias=alias)
    return {"id": new_id, "name": alias, "claims": len(moved)}


def add_alias(store: Store, actor: dict, alias: str) -> int:
    """Make ``alias`` a name of ``actor``; claims filed under that spelling move to it.

    Returns how many claims moved.
    """
    conn = store.conn
    rows = conn.execute("SELECT actor_id, alias FROM aliases WHERE actor_id != ?", (actor["id"],))
    for owner, old in rows.fetchall():
        if spelling(old) == spelling(alias):
            _drop_alias(conn, owner, old)
    _add_alias(conn, actor["id"], alias)
    _pin(conn, "spelling", spelling(alias), actor["id"])
    _pin(conn, "key", actor_key(alias), actor["id"])
    pins = Pins({spelling(alias): actor["id"]}, {actor_key(alias): actor["id"]})
    moved = _refile(conn, pins, "c.actor_id != ?", actor["id"])
    relink(conn, [claim_id for _, claim_id in moved])
    reapply_all(store)
    _log(conn, "alias", actor=actor["name"], alias=alias)
    return len(moved)


def rename(store: Store, actor: dict, new_name: str) -> None:
    """Give ``actor`` a new canonical name; the old one stays an alias."""
    conn = store.conn
    names = conn.execute("SELECT name FROM actors WHERE id != ?", (actor["id"],)).fetchall()
    taken = [name for (name,) in names if spelling(name) == spelling(new_name)]
    if taken:
        raise DecisionError(f"another actor is already named '{taken[0]}'; merge them instead")
    conn.execute("UPDATE actors SET name = ? WHERE id = ?", (new_name, actor["id"]))
    for name in (actor["name"], new_name):
        _add_alias(conn, actor["id"], name)
        _pin(conn, "key", actor_key(name), actor["id"])
    _log(conn, "rename", actor=actor["name"], name=new_name)


def _refile(conn: sqlite3.Connection, pins: Pins, where: str, actor_id: int) -> list:
    """Move the selected claims that new pins cover, as a re-extraction would file them
    (the actor's current name stands for the extractor's speaker); returns the moves."""
    rows = conn.execute(
        "SELECT c.id, c.speaker_text, act.name FROM claims c JOIN actors act"
        f" ON act.id = c.actor_id WHERE {where}",
        (actor_id,),
    ).fetchall()
    moves = []
    for claim_id, text, name in rows:
        target = pins.actor_for(name, text)
        if target is not None:
            moves.append((target, claim_id))
    conn.executemany("UPDATE claims SET actor_id = ? WHERE id = ?", moves)
    return moves


def _new_actor(store: Store, name: str, kind: str) -> int:
    actor_id = store.conn.execute(
        "INSERT INTO actors (name, kind, roles) VALUES (?, ?, '[]')", (name, kind)
    ).lastrowid
    _add_alias(store.conn, actor_id, name)
    return actor_id


def _aliases(conn: sqlite3.Connection, actor_id: int) -> list[str]:
    return [r[0] for r in conn.execute("SELECT alias FROM aliases WHERE actor_id = ?", (actor_id,))]


def _add_alias(conn: sqlite3.Connection, actor_id: int, alias: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO aliases (actor_id, alias, key) VALUES (?, ?, ?)",
        (actor_id, alias, actor_key(alias)),
    )


def _drop_alias(conn: sqlite3.Connection, actor_id: int, alias: str) -> None:
    conn.execute("DELETE FROM aliases WHERE actor_id = ? AND alias = ?", (actor_id, alias))


def _pin(conn: sqlite3.Connection, scope: str, text: str, actor_id: int) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO actor_overrides (scope, spelling, actor_id) VALUES (?, ?, ?)",
        (scope, text, actor_id),
    )


def _log(conn: sqlite3.Connection, action: str, **args: str) -> None:
    conn.execute(
        "INSERT INTO user_decisions (action, args, created_at) VALUES (?, ?, ?)",
        (action, json.dumps(args, ensure_ascii=False), _now()),
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
