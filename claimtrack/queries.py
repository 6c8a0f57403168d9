"""Questions asked of the store: who said what, an actor's timeline, how a position moved.

Plain functions returning plain dicts and lists (the ``--json`` shapes; see ``render``).
User mistakes (a bad date, an unknown or ambiguous actor, an empty search) raise
``QueryError`` with a message meant for the user.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from claimtrack.actor_stats import refresh as refresh_actor_stats
from claimtrack.models import TOPICS
from claimtrack.positions import compare, mark_changes
from claimtrack.sightings import claim_sightings, fold_sightings
from claimtrack.store import Store, actor_key

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ARTICLE_REF = re.compile(r"^(?:article:)?(\d+)$")
_WORD = re.compile(r"\w+")
_LIKE_SPECIAL = re.compile(r"[%_!]")

_CLAIM_SELECT = """
SELECT c.*, a.published, a.published_precision, a.outlet, a.title,
       act.name AS actor, act.kind AS actor_kind
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN actors act ON act.id = c.actor_id
"""
# What a diff needs to pick each side's claims; only the picked ones are read in full.
# A claim on no topic is no one's position: most claims are skipped, except in an article
# a side names (it dates that side).
_CLAIM_OUTLINE = """
SELECT c.id, c.article_id, c.topics, a.published
FROM claims c
JOIN articles a ON a.id = c.article_id
"""
_OLDEST_FIRST = " ORDER BY a.published, c.article_id, c.content_start"


class QueryError(Exception):
    """A request that cannot be answered as asked; the message says why."""


class AmbiguousActor(QueryError):
    """A name that fits several actors; ``candidates`` are their names."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(f"'{name}' matches several actors: {'; '.join(candidates)}")


def parse_date(text: str) -> str:
    """A user date as ISO text cut to its precision (YYYY, YYYY-MM or YYYY-MM-DD)."""
    match = _DATE.match(text.strip())
    month, day = (match.group(2), match.group(3)) if match else (None, None)
    if (
        not match
        or (month is not None and not 1 <= int(month) <= 12)
        or (day is not None and not 1 <= int(day) <= 31)
    ):
        raise QueryError(f"bad date '{text}': use YYYY, YYYY-MM or YYYY-MM-DD")
    return text.strip()


def fts_phrase(text: str) -> str:
    """User text as one safe FTS5 phrase: its words in order, punctuation ignored."""
    words = _WORD.findall(text)
    if not words:
        raise QueryError(f"nothing to search for in '{text}': give at least one word")
    return '"' + " ".join(words) + '"'


def resolve_actor(store: Store, name: str) -> dict:
    """The one actor a name denotes: by alias, spelling key, or any run of its words.

    Raises QueryError when nothing matches and AmbiguousActor when several actors do.
    """
    wanted = name.casefold().split()
    wanted_key = actor_key(name)
    spelled: set[int] = set()  # an alias written as asked wins over a shared spelling key
    exact: set[int] = set()
    partial: set[int] = set()
    for row in _alias_candidates(store, wanted, wanted_key):
        words = row["alias"].casefold().split()
        if words == wanted:
            spelled.add(row["actor_id"])
        elif row["key"] == wanted_key:
            exact.add(row["actor_id"])
        elif _contains_run(words, wanted):
            partial.add(row["actor_id"])
    found = spelled or exact or partial
    if not found:
        raise QueryError(f"no actor matches '{name}' (see 'claimtrack actors')")
    actors = [_actor_by_id(store, actor_id) for actor_id in sorted(found)]
    if len(actors) > 1:
        raise AmbiguousActor(name, sorted(actor["name"] for actor in actors))
    return actors[0]


def _alias_candidates(store: Store, wanted: list[str], wanted_key: str) -> list[dict]:
    """The aliases that can match: same key, or holding every asked word.

    SQLite's LIKE folds ASCII case only, so it prefilters ASCII words on ASCII aliases (a
    scan in C instead of one in Python); any alias with other characters stays a candidate,
    and resolve_actor decides on each.
    """
    plain = [word for word in wanted if word.isascii()]
    if not plain:
        return store.query("SELECT actor_id, alias, key FROM aliases")
    holds_words = " AND ".join(["alias LIKE ? ESCAPE '!'"] * len(plain))
    sql = (
        "SELECT actor_id, alias, key FROM aliases"
        f" WHERE key = ? OR alias GLOB '*[^ -~]*' OR ({holds_words})"
    )
    patterns = ["%" + _LIKE_SPECIAL.sub(r"!\g<0>", word) + "%" for word in plain]
    return store.query(sql, (wanted_key, *patterns))


def _contains_run(words: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return size > 0 and any(words[i : i + size] == wanted for i in range(len(words) - size + 1))


def _actor_by_id(store: Store, actor_id: int) -> dict:
    row = store.query("SELECT id, name, kind, country FROM actors WHERE id = ?", (actor_id,))[0]
    return {"id": row["id"], "name": row["name"], "kind": row["kind"], "country": row["country"]}


def who_said(
    store: Store,
    text: str,
    topic: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    confirmed: bool = False,
) -> list[dict]:
    """Actors whose claims match ``text``, newest first, each with their matching claims.

    ``limit`` caps the number of actors; ``confirmed`` keeps only claims an analyst
    confirmed (rejected ones are never shown).
    """
    sql = _CLAIM_SELECT + " WHERE c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)"
    sql += _reviewed(confirmed)
    params: list = [fts_phrase(text)]
    if actor:
        sql += " AND c.actor_id = ?"
        params.append(resolve_actor(store, actor)["id"])
    sql += " ORDER BY a.published DESC, c.article_id DESC, c.content_start"
    rows = [_claim(row) for row in store.query(sql, tuple(params))]
    groups: dict[str, dict] = {}
    for claim in _filtered(rows, topic, since, until):
        group = groups.get(claim["actor"])
        if group is None:
            if len(groups) == limit:
                continue
            group = groups[claim["actor"]] = {
                "actor": claim["actor"],
                "kind": claim["actor_kind"],
                "claims": [],
            }
        group["claims"].append(claim)
    return list(groups.values())


def timeline(
    store: Store,
    actor: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    confirmed: bool = False,
) -> dict:
    """An actor's statements in date order; ``changes`` on a claim say how it moved the
    actor's position on a topic from the previous date they spoke on it
    (``claimtrack.positions``).

    A statement reported several times on one date is one row with its ``sightings``
    count; made again on a later date it is ``repeated``, never a change.
    """
    found = resolve_actor(store, actor)
    where = " WHERE c.actor_id = ?" + _reviewed(confirmed)
    rows = store.query(_CLAIM_SELECT + where + _OLDEST_FIRST, (found["id"],))
    statement_ids = {row["id"]: row["statement_id"] for row in rows}
    every_claim = [_claim(row) for row in rows]
    mark_changes(every_claim)
    claims = fold_sightings(every_claim, statement_ids)
    for claim in claims:
        if claim["repeated"]:
            claim["changes"] = []
    selected = _filtered(claims, topic, since, until)
    if topic:
        for claim in selected:
            claim["changes"] = [c for c in claim["changes"] if c["topic"] == topic]
    return {"actor": found, "claims": selected}


def diff(
    store: Store,
    actor: str,
    before: str,
    after: str,
    topic: str | None = None,
    confirmed: bool = False,
) -> dict:
    """Per topic, the actor's position at ``before`` against their position at ``after``.

    A date side holds all claims on the topic of the latest date at or before it (the
    ``after`` side: of a date after ``before``); an article side (``12`` or ``article:12``)
    the claims on the topic in that article.
    """
    found = resolve_actor(store, actor)
    named = [ref for ref in map(_article_ref, (before, after)) if ref is not None]
    kept = f"(c.topics != '[]' OR c.article_id IN ({', '.join('?' * len(named))}))"
    where = f" WHERE c.actor_id = ? AND {kept}" + _reviewed(confirmed)
    outline = [
        {**row, "topics": _topic_list(row["topics"])}
        for row in store.query(_CLAIM_OUTLINE + where + _OLDEST_FIRST, (found["id"], *named))
    ]
    old = _side(outline, before)
    new = _side(outline, after, later_than=_side_date(outline, before))
    chosen = {claim["id"] for side in (old, new) for claims in side.values() for claim in claims}
    marks = ", ".join("?" * len(chosen))
    rows = store.query(_CLAIM_SELECT + f" WHERE c.id IN ({marks})", tuple(chosen))
    full = {row["id"]: _claim(row) for row in rows}
    topics = [topic] if topic else [t for t in TOPICS if t in old or t in new]
    return {
        "actor": found,
        "from": before,
        "to": after,
        "topics": [
            compare(
                name,
                [full[claim["id"]] for claim in old.get(name, [])],
                [full[claim["id"]] for claim in new.get(name, [])],
            )
            for name in topics
        ],
    }


def _reviewed(confirmed: bool) -> str:
    """The SQL condition on the analyst's review: never rejected claims; with
    ``confirmed`` only confirmed ones (see ``claimtrack.corrections``)."""
    return " AND c.review = 'confirmed'" if confirmed else " AND c.review IS NOT 'rejected'"


def _article_ref(spec: str) -> int | None:
    """The article id a diff side names, or None for a date (a bare 4-digit number is a year)."""
    article = _ARTICLE_REF.match(spec.strip())
    if article and (spec.startswith("article:") or len(spec.strip()) != 4):
        return int(article.group(1))
    if not _DATE.match(spec.strip()):
        raise QueryError(f"'{spec}' is neither a date (YYYY[-MM[-DD]]) nor an article id")
    return None


def _side_date(claims: list[dict], spec: str) -> str | None:
    """The date a diff side stands at: the date given, or its article's publication date."""
    article_id = _article_ref(spec)
    if article_id is None:
        return parse_date(spec)
    return next((c["published"] for c in claims if c["article_id"] == article_id), None)


def _side(claims: list[dict], spec: str, later_than: str | None = None) -> dict[str, list[dict]]:
    """Per topic, the claims one side of a diff sees: those of the latest date up to
    ``spec`` (and after ``later_than``), or those of the article ``spec`` names."""
    article_id = _article_ref(spec)
    if article_id is not None:
        seen = [c for c in claims if c["article_id"] == article_id]
    else:
        day = parse_date(spec)
        seen = [
            c
            for c in claims
            if c["published"]
            and c["published"][: len(day)] <= day
            and (later_than is None or c["published"][: len(later_than)] > later_than)
        ]
    by_topic: dict[str, list[dict]] = {}
    for claim in seen:
        for topic in claim["topics"]:
            by_topic.setdefault(topic, []).append(claim)
    if article_id is not None:
        return by_topic
    return {
        topic: [c for c in on_topic if c["published"] == on_topic[-1]["published"]]
        for topic, on_topic in by_topic.items()
    }


def _filtered(
    claims: list[dict], topic: str | None, since: str | None, until: str | None
) -> list[dict]:
    since = parse_date(since) if since else None
    until = parse_date(until) if until else None
    return [
        claim
        for claim in claims
        if (topic is None or topic in claim["topics"])
        and (since is None or (claim["published"] or "") >= since)
        and (until is None or (claim["published"] and claim["published"][: len(until)] <= until))
    ]


def actors(store: Store) -> list[dict]:
    """Every actor with aliases, claim count and first/last claim dates, most quoted first."""
    refresh_actor_stats(store.conn)
    rows = store.query(
        """
        SELECT act.id, act.name, act.kind, act.country, act.roles,
               coalesce(s.claims, 0) AS claims, s.first, s.last
        FROM actors act LEFT JOIN actor_stats s ON s.actor_id = act.id
        ORDER BY claims DESC, act.name
        """
    )
    aliases: dict[int, dict[str, str]] = {}  # actor id -> casefolded alias -> alias
    for row in store.query("SELECT actor_id, alias FROM aliases ORDER BY alias"):
        aliases.setdefault(row["actor_id"], {}).setdefault(row["alias"].casefold(), row["alias"])
    return [
        {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "country": row["country"],
            "aliases": [
                alias
                for folded, alias in aliases.get(row["id"], {}).items()
                if folded != row["name"].casefold()
            ],
            "roles": _list_column(row["roles"]),
            "claims": row["claims"],
            "first": row["first"],
            "last": row["last"],
        }
        for row in rows
    ]


def articles(store: Store) -> list[dict]:
    """Every stored article, oldest first, with its claim count."""
    rows = store.query(
        """
        SELECT a.id, a.published, a.published_precision, a.outlet, a.title, a.url, a.origin,
               (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims
        FROM articles a ORDER BY a.published, a.id
        """
    )
    return [_article_summary(row) for row in rows]


def _article_summary(row: dict) -> dict:
    return {
        "id": row["id"],
        "published": row["published"],
        "precision": row["published_precision"],
        "outlet": row["outlet"],
        "title": row["title"],
        "url": row["url"],
        "origin": row["origin"],
        "claims": row["claims"],
    }


def claim_detail(store: Store, claim_id: int) -> dict:
    """One claim with its article, the paragraph(s) it stands in, and provenance."""
    rows = store.query(_CLAIM_SELECT + " WHERE c.id = ?", (claim_id,))
    if not rows:
        raise QueryError(f"no claim with id {claim_id} (ids are listed by who-said --json)")
    claim = _claim(rows[0])
    article = store.query(
        "SELECT id, text, title, outlet, url, origin, published, published_precision"
        " FROM articles WHERE id = ?",
        (claim["article_id"],),
    )[0]
    spans = [s for s in (claim["speaker_span"], claim["cue_span"], claim["content_span"]) if s]
    start, end = _paragraph_bounds(
        article["text"], min(s[0] for s in spans), max(s[1] for s in spans)
    )
    claim["article"] = {
        key: article[key] for key in ("id", "title", "outlet", "url", "origin", "published")
    }
    claim["paragraph"] = {"start": start, "end": end, "text": article["text"][start:end]}
    claim["sightings"] = claim_sightings(store.conn, claim_id)
    return claim


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """From the line break before ``start`` to the one after ``end``."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def article_detail(store: Store, article_id: int) -> dict:
    """One article: its metadata, text as stored, and its claims in text order."""
    rows = store.query(
        """
        SELECT a.*, (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims
        FROM articles a WHERE a.id = ?
        """,
        (article_id,),
    )
    if not rows:
        raise QueryError(f"no article with id {article_id} (see 'claimtrack articles')")
    row = rows[0]
    claims = store.query(
        _CLAIM_SELECT + " WHERE c.article_id = ? ORDER BY c.content_start", (article_id,)
    )
    return {
        **_article_summary(row),
        "published_source": row["published_source"],
        "published_evidence": row["published_evidence"],
        "language": row["language"],
        "ingested_at": row["ingested_at"],
        "extractor_version": row["extractor_version"],
        "text": row["text"],
        "claims": [_claim(claim) for claim in claims],
    }


def _claim(row: dict) -> dict:
    """A stored claim row in its JSON shape."""
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "published": row["published"],
        "precision": row["published_precision"],
        "outlet": row["outlet"],
        "title": row["title"],
        "actor": row["actor"],
        "actor_kind": row["actor_kind"],
        "speaker_text": row["speaker_text"],
        "speaker_span": _span(row, "speaker"),
        "cue": row["cue"],
        "cue_span": _span(row, "cue"),
        "content": row["content"],
        "content_span": _span(row, "content"),
        "kind": row["kind"],
        "topics": list(_topic_list(row["topics"])),
        "venue": row["venue"],
        "time": {
            "text": row["time_text"],
            "start": row["time_start"],
            "end": row["time_end"],
            "precision": row["time_precision"],
        }
        if row["time_text"]
        else None,
        "participants": _list_column(row["participants"]),
        "polarity": row["polarity"],
        "polarity_cue": row["polarity_cue"],
        "event": {"kind": row["event_kind"], "status": row["event_status"]}
        if row["event_kind"] or row["event_status"]
        else None,
        "said_on": _said_on(row),
        "parties": _list_column(row.get("parties")),
        "agent": row.get("agent"),
        "confidence": row["confidence"],
        "extractor_version": row["extractor_version"],
        "review": row.get("review"),
    }


def _said_on(row: dict) -> dict | None:
    """When the claim was said (``claimtrack.said_at``); None for claims stored before."""
    if not row.get("said_on_source"):
        return None
    return {
        "date": row["said_on"],
        "precision": row["said_on_precision"],
        "source": row["said_on_source"],
        "text": row["said_on_text"],
    }


def _list_column(text: str | None) -> list:
    """A JSON list column; the common empty list without calling the JSON parser."""
    return [] if not text or text == "[]" else json.loads(text)


@lru_cache(maxsize=256)
def _topic_list(text: str | None) -> tuple[str, ...]:
    """A claim's topics column, decoded once per distinct value (there are a few dozen)."""
    return tuple(_list_column(text))


def _span(row: dict, name: str) -> list[int] | None:
    start = row[f"{name}_start"]
    return None if start is None else [start, row[f"{name}_end"]]


def claims(
    store: Store,
    actor: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """Every claim (of one actor when given), oldest first, filtered like ``timeline``."""
    sql, params = _CLAIM_SELECT, ()
    if actor:
        sql, params = sql + " WHERE c.actor_id = ?", (resolve_actor(store, actor)["id"],)
    rows = store.query(sql + _OLDEST_FIRST + ", c.id", params)
    return _filtered([_claim(row) for row in rows], topic, since, until)
