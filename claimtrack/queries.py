"""Questions asked of the store: who said what, an actor's timeline, how a position moved.

Plain functions returning plain dicts and lists (the ``--json`` shapes; see ``render``).
User mistakes (a bad date, an unknown or ambiguous actor, an empty search) raise
``QueryError`` with a message meant for the user.

The list queries (who-said, timeline, actors, articles) answer a page: ``limit`` rows and
how many there are in all (``Page``). Only the page is read in full; the rest is counted
from an outline of ids and dates, so a page costs about the same at a thousand claims as
at a million.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from claimtrack.actor_stats import refresh as refresh_actor_stats
from claimtrack.models import TOPICS
from claimtrack.positions import compare, mark_changes
from claimtrack.sightings import claim_sightings
from claimtrack.store import Store, actor_key

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ARTICLE_REF = re.compile(r"^(?:article:)?(\d+)$")
_WORD = re.compile(r"\w+")
_LIKE_SPECIAL = re.compile(r"[%_!]")

_CLAIM_COLUMNS = """
SELECT c.*, a.published, a.published_precision, a.outlet, a.title,
       act.name AS actor, act.kind AS actor_kind
"""
_CLAIM_SELECT = (
    _CLAIM_COLUMNS
    + """
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN actors act ON act.id = c.actor_id
"""
)
# Claims of the articles of given dates: the date index first, then each article's claims
# (CROSS JOIN keeps that order; ``+c.actor_id`` keeps the planner off the actor index, which
# would read every claim of a much-quoted actor).
_CLAIMS_ON_DATES = (
    _CLAIM_COLUMNS
    + """
FROM articles a
CROSS JOIN claims c ON c.article_id = a.id
JOIN actors act ON act.id = c.actor_id
"""
)
_OLDEST_FIRST = " ORDER BY a.published, c.article_id, c.content_start"
_NEWEST_FIRST = " ORDER BY a.published DESC, c.article_id DESC, c.content_start"
_ON_TOPIC = " AND c.topics != '[]'"  # a claim on no topic is no one's position
PAGE_SIZE = 20  # rows a list command shows in a table unless --limit says otherwise
_IDS_PER_QUERY = 500  # ids in one ``IN (...)``: well under SQLite's variable limit
_WALK_SHARE = 20  # a walk back reads at most claims-of-the-actor / 20 newest articles
_WALK_MIN = 1000  # a timeline walks back when that is this many articles or more
_SEARCH_WALK_MIN = 10_000  # who-said reads the latest articles first from this many matches
_SEARCH_WINDOW = 300  # ... this many of them (a dozen search lookups each)


@dataclass(frozen=True)
class Page:
    """One page of a list query: ``items`` in the ``--json`` shape, and ``total`` rows
    there are without the limit (None: not counted, more than shown). ``group_totals``:
    who-said's claims per actor name."""

    items: Any
    total: int | None
    group_totals: dict[str, int] = field(default_factory=dict)


def page_limit(limit: int | None, as_json: bool) -> int | None:
    """How many rows a list command prints: ``--limit N`` (0: all); without it a page of
    ``PAGE_SIZE`` in a table and everything with ``--json`` (its shape has no room to say
    what was left out)."""
    if limit is None:
        return None if as_json else PAGE_SIZE
    return limit or None


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

    An alias written as asked wins over a shared spelling key, so the spelling key (and
    the actors module that computes it, slow to import) is only needed when none is.
    Raises QueryError when nothing matches and AmbiguousActor when several actors do.
    """
    wanted = name.casefold().split()
    candidates = _alias_candidates(store, wanted)
    found = {row["actor_id"] for row in candidates if row["alias"].casefold().split() == wanted}
    if not found:
        keyed = store.conn.execute("SELECT actor_id FROM aliases WHERE key = ?", (actor_key(name),))
        found = {actor_id for (actor_id,) in keyed} or {
            row["actor_id"]
            for row in candidates
            if _contains_run(row["alias"].casefold().split(), wanted)
        }
    if not found:
        raise QueryError(f"no actor matches '{name}' (see 'claimtrack actors')")
    actors = [_actor_by_id(store, actor_id) for actor_id in sorted(found)]
    if len(actors) > 1:
        raise AmbiguousActor(name, sorted(actor["name"] for actor in actors))
    return actors[0]


def _alias_candidates(store: Store, wanted: list[str]) -> list[dict]:
    """The aliases holding every asked word.

    SQLite's LIKE folds ASCII case only, so it prefilters ASCII words on ASCII aliases (a
    scan in C instead of one in Python); any alias with other characters stays a candidate,
    and resolve_actor decides on each.
    """
    plain = [word for word in wanted if word.isascii()]
    if not plain:
        return store.query("SELECT actor_id, alias FROM aliases")
    holds_words = " AND ".join(["alias LIKE ? ESCAPE '!'"] * len(plain))
    sql = f"SELECT actor_id, alias FROM aliases WHERE alias GLOB '*[^ -~]*' OR ({holds_words})"
    patterns = ["%" + _LIKE_SPECIAL.sub(r"!\g<0>", word) + "%" for word in plain]
    return store.query(sql, tuple(patterns))


def _contains_run(words: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return size > 0 and any(words[i : i + size] == wanted for i in range(len(words) - size + 1))


def _actor_by_id(store: Store, actor_id: int) -> dict:
    row = store.query("SELECT id, name, kind, country FROM actors WHERE id = ?", (actor_id,))[0]
    return {"id": row["id"], "name": row["name"], "kind": row["kind"], "country": row["country"]}


def who_said_page(
    store: Store,
    text: str,
    topic: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    confirmed: bool = False,
) -> Page:
    """The ``limit`` newest claims matching ``text`` (all when None), grouped by actor in
    the order of each actor's newest claim; ``total`` counts every matching claim and
    ``group_totals`` each actor's. When thousands match, a page is read from the latest
    articles back and they are not counted (``total`` None).

    ``confirmed`` keeps only claims an analyst confirmed (rejected ones are never shown).
    """
    phrase = fts_phrase(text)
    where, params = _reviewed(confirmed), []
    if actor:
        where += " AND +c.actor_id = ?"  # the search, not the actor index, picks the claims
        params.append(resolve_actor(store, actor)["id"])
    filters, more = _claim_filter(topic, since, until)
    where += filters
    params += more
    matches = _newest_matches(store, phrase, where, params, limit) if limit else None
    counted = matches is None
    if counted:
        matches = store.conn.execute(
            "SELECT c.id, act.name FROM claims c JOIN articles a ON a.id = c.article_id"
            " JOIN actors act ON act.id = c.actor_id"
            " WHERE c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)"
            + where
            + _NEWEST_FIRST,
            (phrase, *params),
        ).fetchall()
    group_totals: dict[str, int] = {}
    for _, name in matches if counted else ():
        group_totals[name] = group_totals.get(name, 0) + 1
    shown = matches[:limit] if limit else matches
    claims = _claims_by_id(store, [claim_id for claim_id, _ in shown])
    groups: dict[str, dict] = {}
    for claim_id, name in shown:
        claim = claims[claim_id]
        group = groups.setdefault(name, {"actor": name, "kind": claim["actor_kind"], "claims": []})
        group["claims"].append(claim)
    return Page(list(groups.values()), len(matches) if counted else None, group_totals)


def _newest_matches(
    store: Store, phrase: str, where: str, params: list, limit: int
) -> list[tuple] | None:
    """The ``limit`` newest matches (id, actor name) that also meet ``where``, read from
    the latest ``_SEARCH_WINDOW`` articles back, each claim looked up in the search index.

    Only tried when the phrase matches so many claims that sorting them all is slow; None
    when it matches fewer, or the window holds fewer than ``limit`` (a bounded loss).
    """
    found = store.conn.execute(
        "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", (phrase,)
    ).fetchone()[0]
    if found < _SEARCH_WALK_MIN:
        return None
    floor = store.conn.execute(
        "SELECT published FROM articles WHERE published IS NOT NULL"
        " ORDER BY published DESC LIMIT 1 OFFSET ?",
        (_SEARCH_WINDOW,),
    ).fetchone()
    if floor is None:
        return None
    matches = store.conn.execute(
        "SELECT c.id, act.name FROM articles a CROSS JOIN claims c ON c.article_id = a.id"
        " JOIN actors act ON act.id = c.actor_id WHERE EXISTS (SELECT 1 FROM claims_fts"
        " WHERE claims_fts MATCH ? AND rowid = c.id)"
        + where + " AND a.published >= ?" + _NEWEST_FIRST + " LIMIT ?",
        (phrase, *params, floor[0], limit),
    ).fetchall()  # fmt: skip
    return matches if len(matches) == limit else None


def timeline_page(
    store: Store,
    actor: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    confirmed: bool = False,
    limit: int | None = None,
) -> Page:
    """An actor's statements in date order, the latest ``limit`` of them (all when None);
    ``changes`` on a claim say how it moved the actor's position on a topic from the
    previous date they spoke on it (``claimtrack.positions``).

    A statement reported several times on one date is one row with its ``sightings``
    count; made again on a later date it is ``repeated``, never a change. Rows are picked
    from an outline of the actor's claims (ids, statements, topics, dates); only the
    claims the page's changes depend on are read in full. For a much-quoted actor the
    outline is only its latest part, and ``total`` is None (not counted).
    """
    found = resolve_actor(store, actor)
    since = parse_date(since) if since else None
    until = parse_date(until) if until else None

    def kept(claim: tuple) -> bool:
        return _kept(claim, topic, since, until)

    outline = _recent_outline(store, found["id"], confirmed, until, limit, kept) if limit else None
    counted = outline is None
    if counted:
        outline = _outline(store, found["id"], confirmed)
    rows = [row for row in _statement_rows(outline) if kept(outline[row[0]])]
    page = rows[-limit:] if limit else rows
    claims = _with_changes(store, outline, page[0][0], page[-1][0]) if page else {}
    selected = []
    for at, sightings, repeated in page:
        claim_id, statement_id, _, _ = outline[at]
        if not counted and not repeated and statement_id:
            repeated = _said_before(store, found["id"], statement_id, outline[0][3], confirmed)
        claim = {**claims[claim_id], "sightings": sightings, "repeated": repeated}
        if repeated:
            claim["changes"] = []
        elif topic:
            claim["changes"] = [c for c in claim["changes"] if c["topic"] == topic]
        selected.append(claim)
    return Page({"actor": found, "claims": selected}, len(rows) if counted else None)


def _outline(store: Store, actor_id: int, confirmed: bool) -> list[tuple]:
    """The actor's claims oldest first as (id, statement id, topics, publication date)."""
    return store.conn.execute(
        "SELECT c.id, c.statement_id, c.topics, a.published"
        " FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.actor_id = ?"
        + _reviewed(confirmed)
        + _OLDEST_FIRST,
        (actor_id,),
    ).fetchall()


def _recent_outline(
    store: Store,
    actor_id: int,
    confirmed: bool,
    until: str | None,
    limit: int,
    kept: Callable[[tuple], bool],
) -> list[tuple] | None:
    """The latest whole dates of the actor's outline, read newest first through the date
    index: enough dates for ``limit`` kept statement rows and, before them, a date on each
    topic (the page's changes start from it).

    None when the actor is not quoted enough for this to pay (``_walk_budget``: the
    newest articles it may read), or they do not hold that much.
    """
    budget = _walk_budget(store, actor_id)
    if budget < _WALK_MIN:
        return None
    bounds, params = "a.published IS NOT NULL", []
    if until:
        bounds, params = "a.published <= ?", [_up_to(until)]
    floor = store.conn.execute(
        f"SELECT published FROM articles a WHERE {bounds} ORDER BY published DESC LIMIT 1 OFFSET ?",
        (*params, budget),
    ).fetchone()
    if floor is None:
        return None
    claims = store.conn.execute(
        "SELECT c.id, c.statement_id, c.topics, a.published FROM articles a CROSS JOIN claims c"
        f" ON c.article_id = a.id WHERE {bounds} AND a.published >= ? AND +c.actor_id = ?"
        + _reviewed(confirmed)
        + " ORDER BY a.published DESC, c.article_id DESC, c.content_start DESC",
        (*params, floor[0], actor_id),
    )
    dates: list[list[tuple]] = []  # newest first, each date's claims oldest first
    shown, unseen = 0, set(TOPICS)
    for _, on_date in groupby(claims, key=itemgetter(3)):
        day = list(on_date)[::-1]
        dates.append(day)
        if shown < limit:
            shown += sum(kept(day[row[0]]) for row in _statement_rows(day))
        else:  # a date before the page
            unseen.difference_update(t for claim in day for t in _topic_list(claim[2]))
            if not unseen:
                return [claim for day in reversed(dates) for claim in day]
    return None


def _said_before(store: Store, actor_id: int, statement_id: int, day: str, confirmed: bool) -> bool:
    """Whether the actor made the statement before ``day`` (or undated)."""
    row = store.conn.execute(
        "SELECT 1 FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE c.statement_id = ? AND c.actor_id = ?"
        " AND (a.published < ? OR a.published IS NULL)" + _reviewed(confirmed) + " LIMIT 1",
        (statement_id, actor_id, day),
    ).fetchone()
    return row is not None


def _statement_rows(outline: list[tuple]) -> list[list]:
    """The outline (id, statement id, topics, date; oldest first) folded to one row per
    statement and date: ``[at, sightings, repeated]``, ``at`` the index of its first claim,
    ``sightings`` how many claims report it that day, ``repeated`` whether the actor made
    the statement on an earlier date already."""
    rows: dict[tuple, list] = {}
    dated: set[int] = set()
    for at, (claim_id, statement_id, _, published) in enumerate(outline):
        statement = statement_id or -claim_id
        row = rows.get((statement, published))
        if row is None:
            rows[statement, published] = [at, 1, statement in dated]
            dated.add(statement)
        else:
            row[1] += 1
    return list(rows.values())


def _kept(claim: tuple, topic: str | None, since: str | None, until: str | None) -> bool:
    """Whether an outline row (id, statement id, topics, date) passes the filters."""
    published = claim[3]
    return (
        (topic is None or topic in _topic_list(claim[2]))
        and (since is None or (published or "") >= since)
        and (until is None or bool(published and published[: len(until)] <= until))
    )


def _with_changes(store: Store, outline: list[tuple], first: int, last: int) -> dict[int, dict]:
    """The claims of the dates from outline row ``first`` to row ``last``, read in full with
    their ``changes``, by id.

    ``positions.mark_changes`` compares a date with the previous date on each topic, so it
    runs over those dates plus, per topic, the latest earlier date holding a claim on it.
    """
    while first > 0 and outline[first - 1][3] == outline[first][3]:
        first -= 1
    while last + 1 < len(outline) and outline[last + 1][3] == outline[last][3]:
        last += 1
    needed = list(range(first, last + 1))
    missing = set(TOPICS)
    day: list[int] = []
    for at in range(first - 1, -1, -1):
        if not missing or not outline[at][3]:
            break  # undated claims hold no position
        if day and outline[at][3] != outline[day[0]][3]:
            missing = _take_day(outline, day, missing, needed)
            day = []
        day.append(at)
    if day and missing:
        _take_day(outline, day, missing, needed)
    needed.sort()
    claims = _claims_by_id(store, [outline[at][0] for at in needed])
    mark_changes([claims[outline[at][0]] for at in needed])
    return claims


def _take_day(
    outline: list[tuple], day: list[int], missing: set[str], needed: list[int]
) -> set[str]:
    """Add a date's outline rows to ``needed`` when it is the previous date of a topic
    still missing one; returns the topics still missing."""
    topics = {topic for at in day for topic in _topic_list(outline[at][2])}
    if topics & missing:
        needed.extend(day)
    return missing - topics


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
    articles = [_article_ref(spec) for spec in (before, after)]
    wanted = (topic,) if topic else TOPICS
    bounds = [(before, None), (after, _side_date(store, found["id"], before, confirmed))]
    dated = [
        (parse_date(spec), later_than)
        for (spec, later_than), article in zip(bounds, articles, strict=True)
        if article is None
    ]
    latest = iter(_latest_dates(store, found["id"], dated, wanted, confirmed))
    old, new = (
        _article_side(store, found["id"], article, wanted, confirmed)
        if article is not None
        else _date_side(store, found["id"], next(latest), confirmed)
        for article in articles
    )
    topics = [topic] if topic else [t for t in TOPICS if t in old or t in new]
    return {
        "actor": found,
        "from": before,
        "to": after,
        "topics": [compare(name, old.get(name, []), new.get(name, [])) for name in topics],
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


def _side_date(store: Store, actor_id: int, spec: str, confirmed: bool) -> str | None:
    """The date a diff side stands at: the date given, or the publication date of its
    article when the actor speaks in it."""
    article_id = _article_ref(spec)
    if article_id is None:
        return parse_date(spec)
    row = store.conn.execute(
        "SELECT a.published FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE c.article_id = ? AND c.actor_id = ?" + _reviewed(confirmed) + " LIMIT 1",
        (article_id, actor_id),
    ).fetchone()
    return row[0] if row else None


def _latest_dates(
    store: Store,
    actor_id: int,
    sides: list[tuple[str, str | None]],
    topics: tuple[str, ...],
    confirmed: bool,
) -> list[dict[str, str]]:
    """For each date side ``(day, later_than)``: per topic, the latest publication date up
    to ``day`` (and after ``later_than``) on which the actor made a claim on it.

    Each side first walks back from ``day`` through the latest articles, which finds the
    dates of a much-quoted actor at once; the sides it cannot settle within its budget
    take one pass over every claim of the actor on a topic.
    """
    budget = _walk_budget(store, actor_id)
    latest = [_walk_back(store, actor_id, side, topics, confirmed, budget) for side in sides]
    unsettled = [i for i, found in enumerate(latest) if found is None]
    if unsettled:
        every = _latest_of_all(store, actor_id, [sides[i] for i in unsettled], topics, confirmed)
        for i, found in zip(unsettled, every, strict=True):
            latest[i] = found
    return latest


def _walk_budget(store: Store, actor_id: int) -> int:
    """How many articles a walk back may read: it reads every claim of each (about a dozen
    for any actor), the pass over the actor's claims one per claim, so a twentieth of the
    actor's claims (as counted in ``actor_stats``) keeps a failed walk cheap."""
    row = store.conn.execute("SELECT claims FROM actor_stats WHERE actor_id = ?", (actor_id,))
    claims = (row.fetchone() or (0,))[0]
    return claims // _WALK_SHARE


def _walk_back(
    store: Store,
    actor_id: int,
    side: tuple[str, str | None],
    topics: tuple[str, ...],
    confirmed: bool,
    budget: int,
) -> dict[str, str] | None:
    """A side's latest date per topic from the newest ``budget`` articles of its range,
    newest first; None when they leave a topic open and older articles remain."""
    day, later_than = side
    bounds, params = "a.published <= ?", [_up_to(day)]
    if later_than is not None:
        bounds += " AND a.published > ?"
        params.append(_up_to(later_than))
    floor = store.conn.execute(
        f"SELECT published FROM articles a WHERE {bounds} ORDER BY published DESC LIMIT 1 OFFSET ?",
        (*params, budget),
    ).fetchone()
    if floor is not None:
        bounds += " AND a.published >= ?"
        params.append(floor[0])
    rows = store.conn.execute(
        "SELECT a.published, c.topics FROM articles a CROSS JOIN claims c"
        f" ON c.article_id = a.id WHERE {bounds} AND +c.actor_id = ?"
        + _reviewed(confirmed) + _ON_TOPIC + " ORDER BY a.published DESC",
        (*params, actor_id),
    )  # fmt: skip
    found: dict[str, str] = {}
    for published, column in rows:
        for topic in _topic_list(column):
            if topic in topics:
                found.setdefault(topic, published)
        if len(found) == len(topics):
            return found
    return found if floor is None else None


def _up_to(day: str) -> str:
    """The greatest date text whose first ``len(day)`` characters are at most ``day``:
    ``published[:len(day)] <= day`` is ``published <= _up_to(day)``, a range the date
    index serves (dates are ASCII, below DEL)."""
    return day + "\x7f"


def _latest_of_all(
    store: Store,
    actor_id: int,
    sides: list[tuple[str, str | None]],
    topics: tuple[str, ...],
    confirmed: bool,
) -> list[dict[str, str]]:
    """``_latest_dates`` by one pass over every claim of the actor on a topic."""
    columns, params = [], []
    for day, later_than in sides:
        condition = "a.published <= ?"
        params.append(_up_to(day))
        if later_than is not None:
            condition += " AND a.published > ?"
            params.append(_up_to(later_than))
        columns.append(f"max(CASE WHEN {condition} THEN a.published END)")
    rows = store.conn.execute(
        f"SELECT c.topics, {', '.join(columns)} FROM claims c"
        " JOIN articles a ON a.id = c.article_id WHERE c.actor_id = ?"
        + _reviewed(confirmed) + _ON_TOPIC + " GROUP BY c.topics",
        (*params, actor_id),
    ).fetchall()  # fmt: skip
    latest: list[dict[str, str]] = [{} for _ in sides]
    for column, *dates in rows:
        for topic in _topic_list(column):
            for side, published in zip(latest, dates, strict=True):
                if topic in topics and published and published > side.get(topic, ""):
                    side[topic] = published
    return latest


def _date_side(
    store: Store, actor_id: int, dates: dict[str, str], confirmed: bool
) -> dict[str, list[dict]]:
    """Per topic, the actor's claims on it published on the date ``dates`` gives it."""
    days = sorted(set(dates.values()))
    if not days:
        return {}
    claims = store.query(
        _CLAIMS_ON_DATES + f" WHERE a.published IN ({', '.join('?' * len(days))})"
        " AND +c.actor_id = ?" + _reviewed(confirmed) + _ON_TOPIC + _OLDEST_FIRST,
        (*days, actor_id),
    )  # fmt: skip
    by_topic: dict[str, list[dict]] = {}
    for claim in map(_claim, claims):
        for topic in claim["topics"]:
            if claim["published"] == dates.get(topic):
                by_topic.setdefault(topic, []).append(claim)
    return by_topic


def _article_side(
    store: Store, actor_id: int, article_id: int, topics: tuple[str, ...], confirmed: bool
) -> dict[str, list[dict]]:
    """Per topic, the actor's claims on it in one article."""
    claims = store.query(
        _CLAIM_SELECT + " WHERE c.article_id = ? AND c.actor_id = ?"
        + _reviewed(confirmed) + _ON_TOPIC + " ORDER BY c.content_start",
        (article_id, actor_id),
    )  # fmt: skip
    by_topic: dict[str, list[dict]] = {}
    for claim in map(_claim, claims):
        for topic in claim["topics"]:
            if topic in topics:
                by_topic.setdefault(topic, []).append(claim)
    return by_topic


def _claim_filter(topic: str | None, since: str | None, until: str | None) -> tuple[str, list]:
    """SQL conditions (on ``c`` and ``a``) and their parameters for the topic and date
    filters; an undated article is never inside a date range."""
    sql, params = "", []
    if topic:
        sql += " AND instr(c.topics, ?) > 0"
        params.append(json.dumps(topic))
    if since:
        sql += " AND a.published >= ?"
        params.append(parse_date(since))
    if until:
        day = parse_date(until)
        sql += " AND substr(a.published, 1, ?) <= ?"
        params += [len(day), day]
    return sql, params


def _claims_by_id(store: Store, ids: list[int]) -> dict[int, dict]:
    """Claims read in full, by id."""
    claims: dict[int, dict] = {}
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        marks = ", ".join("?" * len(chunk))
        for row in store.query(_CLAIM_SELECT + f" WHERE c.id IN ({marks})", tuple(chunk)):
            claims[row["id"]] = _claim(row)
    return claims


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
    """Every actor (see ``actors_page``)."""
    return actors_page(store).items


def actors_page(store: Store, limit: int | None = None) -> Page:
    """The ``limit`` most quoted actors (all when None) with aliases, claim count and
    first/last claim dates, most quoted first."""
    refresh_actor_stats(store.conn)
    rows = store.query(
        """
        SELECT act.id, act.name, act.kind, act.country, act.roles,
               coalesce(s.claims, 0) AS claims, s.first, s.last
        FROM actors act LEFT JOIN actor_stats s ON s.actor_id = act.id
        ORDER BY claims DESC, act.name
        """
        + (" LIMIT ?" if limit else ""),
        (limit,) if limit else (),
    )
    total = len(rows)
    if limit and total == limit:
        total = store.conn.execute("SELECT count(*) FROM actors").fetchone()[0]
    aliases: dict[int, dict[str, str]] = {}  # actor id -> casefolded alias -> alias
    for row in _aliases(store, [row["id"] for row in rows] if limit else None):
        aliases.setdefault(row["actor_id"], {}).setdefault(row["alias"].casefold(), row["alias"])
    items = [
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
    return Page(items, total)


def _aliases(store: Store, actor_ids: list[int] | None) -> list[dict]:
    """The aliases of some actors (of all when None), in alphabetical order."""
    if actor_ids is None:
        return store.query("SELECT actor_id, alias FROM aliases ORDER BY alias")
    marks = ", ".join("?" * len(actor_ids))
    return store.query(
        f"SELECT actor_id, alias FROM aliases WHERE actor_id IN ({marks}) ORDER BY alias",
        tuple(actor_ids),
    )


def articles_page(store: Store, limit: int | None = None) -> Page:
    """The ``limit`` latest articles (all when None), oldest first, with their claim
    counts; undated articles come first, as the oldest."""
    rows = store.query(
        """
        SELECT a.id, a.published, a.published_precision, a.outlet, a.title, a.url, a.origin,
               (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims
        FROM articles a ORDER BY a.published DESC, a.id DESC
        """
        + (" LIMIT ?" if limit else ""),
        (limit,) if limit else (),
    )
    total = len(rows)
    if limit and total == limit:
        total = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return Page([_article_summary(row) for row in reversed(rows)], total)


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
