"""The analyst's corrections to claims: confirm, reject, or set speaker and slots.

Corrections live in their own table keyed by article and content (a hash of the content's
words, else the best overlapping span), never by claim id, which re-extraction renumbers.
They are applied to the stored claims when made and again after every re-extraction
(``apply``), so queries read corrected values and filter on ``claims.review``: rejected
claims leave who-said, timeline and diff, and ``--confirmed`` keeps confirmed ones only.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from claimtrack.models import POLARITIES, TOPICS, PublishedDate
from claimtrack.sightings import relink

if TYPE_CHECKING:
    from claimtrack.store import Store

MIN_OVERLAP = 0.5  # share of the union two spans must have in common to be one claim

_WORD = re.compile(r"\w+")


class CorrectionError(Exception):
    """A correction that cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class _Stored:
    """One claim row as corrections see it."""

    id: int
    article_id: int
    content: str
    start: int
    end: int


def content_key(content: str) -> str:
    """Equal for contents with the same words, whatever their spacing, case or quotes."""
    words = " ".join(_WORD.findall(content.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


def confirm(store: Store, claim_id: int) -> None:
    _correct(store, claim_id, {"status": "confirmed"})


def reject(store: Store, claim_id: int) -> None:
    _correct(store, claim_id, {"status": "rejected"})


def set_slots(
    store: Store,
    claim_id: int,
    speaker: str | None = None,
    topics: list[str] | None = None,
    venue: str | None = None,
    time: str | None = None,
    polarity: str | None = None,
) -> None:
    """Override what the extractor found; slots left None keep their value."""
    for topic in topics or ():
        if topic not in TOPICS:
            raise CorrectionError(f"unknown topic '{topic}': use one of {', '.join(TOPICS)}")
    if polarity is not None and polarity not in POLARITIES:
        raise CorrectionError(f"unknown polarity '{polarity}': use {', '.join(POLARITIES)}")
    slots = {
        "speaker": speaker,
        "topics": json.dumps(list(dict.fromkeys(topics))) if topics is not None else None,
        "venue": venue,
        "time_text": time,
        "polarity": polarity,
    }
    changes = {name: value for name, value in slots.items() if value is not None}
    if not changes:
        raise CorrectionError("nothing to set: give a speaker, topics, venue, time or polarity")
    _correct(store, claim_id, changes)


def _correct(store: Store, claim_id: int, changes: dict) -> None:
    """Record the changes in the claim's correction (made if missing) and apply them."""
    claim = _claim(store, claim_id)
    with store.db.atomic():
        row = _correction_of(store, claim)
        values = {
            **changes,
            "content_start": claim.start,
            "content_end": claim.end,
            "content_hash": content_key(claim.content),
            "updated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        if row is None:
            values["article_id"] = claim.article_id
            columns = ", ".join(values)
            marks = ", ".join("?" * len(values))
            sql = f"INSERT OR REPLACE INTO corrections ({columns}) VALUES ({marks})"
            store.conn.execute(sql, tuple(values.values()))
        else:
            assignments = ", ".join(f"{name} = ?" for name in values)
            sql = f"UPDATE corrections SET {assignments} WHERE id = ?"
            store.conn.execute(sql, (*values.values(), row["id"]))
        apply(store, claim.article_id)


def _claim(store: Store, claim_id: int) -> _Stored:
    rows = store.query(
        "SELECT id, article_id, content, content_start, content_end FROM claims WHERE id = ?",
        (claim_id,),
    )
    if not rows:
        raise CorrectionError(f"no claim with id {claim_id} (ids are listed by who-said --json)")
    return _stored(rows[0])


def _stored(row: dict) -> _Stored:
    return _Stored(
        row["id"], row["article_id"], row["content"], row["content_start"], row["content_end"]
    )


def _correction_of(store: Store, claim: _Stored) -> dict | None:
    corrections = store.query("SELECT * FROM corrections WHERE article_id = ?", (claim.article_id,))
    return _assign(_claims_of(store, claim.article_id), corrections).get(claim.id)


def _claims_of(store: Store, article_id: int) -> list[_Stored]:
    rows = store.query(
        "SELECT id, article_id, content, content_start, content_end FROM claims"
        " WHERE article_id = ? ORDER BY content_start",
        (article_id,),
    )
    return [_stored(row) for row in rows]


def _assign(claims: list[_Stored], corrections: list[dict]) -> dict[int, dict]:
    """Claim id -> its correction: same words first; a correction whose words are gone
    (re-extraction moved the content's bounds) goes to the claim overlapping it most."""
    by_key = {correction["content_hash"]: correction for correction in corrections}
    assigned = {}
    for claim in claims:
        correction = by_key.get(content_key(claim.content))
        if correction is not None:
            assigned[claim.id] = correction
    used = {correction["id"] for correction in assigned.values()}
    for correction in corrections:
        if correction["id"] in used:
            continue
        span = (correction["content_start"], correction["content_end"])
        overlaps = [
            (overlap((claim.start, claim.end), span), claim.id)
            for claim in claims
            if claim.id not in assigned
        ]
        best = max(overlaps, default=(0.0, None))
        if best[0] >= MIN_OVERLAP:
            assigned[best[1]] = correction
    return assigned


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The share of their union two spans have in common."""
    common = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return common / union if common > 0 and union > 0 else 0.0


def apply(store: Store, article_id: int) -> int:
    """Write the article's corrections onto its stored claims; returns how many changed.

    Run after a correction is made and after the article is re-extracted; the caller
    holds the transaction.
    """
    corrections = store.query("SELECT * FROM corrections WHERE article_id = ?", (article_id,))
    if not corrections:
        return 0
    published = store.query("SELECT published FROM articles WHERE id = ?", (article_id,))
    anchor = PublishedDate(value=published[0]["published"]).anchor() if published else None
    assigned = _assign(_claims_of(store, article_id), corrections)
    for claim_id, correction in assigned.items():
        _write(store, claim_id, correction, anchor)
    return len(assigned)


def reapply_all(store: Store) -> None:
    """Apply every article's corrections again, after an actor decision moved claims."""
    rows = store.query("SELECT DISTINCT article_id FROM corrections WHERE speaker IS NOT NULL")
    for row in rows:
        apply(store, row["article_id"])


def _write(store: Store, claim_id: int, correction: dict, anchor: object) -> None:
    from claimtrack.identities import actor_named
    from claimtrack.timex import resolve

    values: dict = {"review": correction["status"]}
    if correction["speaker"]:
        values["actor_id"] = actor_named(store, correction["speaker"])
    for slot in ("topics", "venue", "polarity"):
        if correction[slot] is not None:
            values[slot] = correction[slot]
    if correction["time_text"]:
        start, end, precision = resolve(correction["time_text"], anchor)
        values.update(
            time_text=correction["time_text"],
            time_start=start,
            time_end=end,
            time_precision=precision,
        )
    moved = "actor_id" in values and values["actor_id"] != _actor_of(store, claim_id)
    assignments = ", ".join(f"{name} = ?" for name in values)
    sql = f"UPDATE claims SET {assignments} WHERE id = ?"
    store.conn.execute(sql, (*values.values(), claim_id))  # search follows by trigger
    if moved:
        relink(store.conn, [claim_id])


def _actor_of(store: Store, claim_id: int) -> int | None:
    row = store.conn.execute("SELECT actor_id FROM claims WHERE id = ?", (claim_id,)).fetchone()
    return row[0] if row else None


def unreviewed(
    store: Store,
    actor_id: int | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[int]:
    """Ids of claims nobody confirmed or rejected yet, oldest article first."""
    sql = "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.review IS NULL"
    params: list = []
    if actor_id is not None:
        sql += " AND c.actor_id = ?"
        params.append(actor_id)
    if topic is not None:
        sql += " AND EXISTS (SELECT 1 FROM json_each(c.topics) WHERE value = ?)"
        params.append(topic)
    if since is not None:
        sql += " AND a.published >= ?"
        params.append(since)
    if until is not None:
        sql += " AND substr(a.published, 1, ?) <= ?"
        params += [len(until), until]
    sql += " ORDER BY a.published, c.article_id, c.content_start"
    return [row["id"] for row in store.query(sql, tuple(params))]
