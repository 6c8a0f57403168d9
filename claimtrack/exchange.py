"""Export a store's claims, actors or articles (JSON Lines, CSV, Markdown); import JSON Lines.

A JSON Lines export is one record a line, each with a ``type``:

- ``actor``: ``id, name, kind, country, roles, aliases``
- ``article``: ``id`` and every stored column (text, title, outlet, url, origin,
  published..., ingested_at, extractor_version) but the text hash; the raw page as
  ``raw_base64``
- ``claim``: the claim JSON shape of ``render`` plus any further stored column, such as
  ``statement_id`` (the exporting store's; import links statements afresh)

Ids are the exporting store's; they tie a claim to its ``article_id`` within the file. A
claims export carries the actors and articles its claims need, so it imports on its own;
``all`` exports everything. Import adds actors (merged into a stored actor of the same name
key), then each article with its claims, skipping articles already stored (same text or
URL), and keeps every field: offsets, facets, confidence, extractor version, review.
"""

from __future__ import annotations

import base64
import csv
import gzip
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimtrack import queries
from claimtrack.models import (
    Article,
    Claim,
    Facets,
    PublishedDate,
    SaidOn,
    TimeExpression,
)
from claimtrack.store import Store, actor_key, write_transaction

WHAT = ("claims", "actors", "articles", "all")
# The fields an import cannot do without, per record type.
REQUIRED = {
    "actor": ("name",),
    "article": ("id", "text"),
    "claim": ("article_id", "actor", "content", "content_span"),
}
FORMATS = ("jsonl", "csv", "md")

# Columns the records carry in another form (or that the store derives).
_ARTICLE_DERIVED = ("id", "content_hash", "raw")
_CLAIM_STORED_AS_SHAPE = frozenset(
    {
        "id", "article_id", "actor_id", "speaker_text", "speaker_start", "speaker_end", "cue",
        "cue_start", "cue_end", "content", "content_start", "content_end", "kind", "topics",
        "venue", "time_text", "time_start", "time_end", "time_precision", "participants",
        "polarity", "polarity_cue", "event_kind", "event_status", "said_on",
        "said_on_precision", "said_on_source", "said_on_text", "parties", "agent",
        "confidence", "extractor_version",
    }
)  # fmt: skip


class ExchangeError(Exception):
    """A file that cannot be imported or an export that cannot be made; says why."""


@dataclass(frozen=True)
class Selection:
    """Which part of the store to export: the ``queries`` filters."""

    actor: str | None = None
    topic: str | None = None
    since: str | None = None
    until: str | None = None

    def is_everything(self) -> bool:
        return not (self.actor or self.topic or self.since or self.until)


def records(store: Store, what: str, selection: Selection = Selection()) -> Iterator[dict]:
    """The JSON Lines records of an export, actors first, then articles, then claims."""
    claims = _selected_claims(store, selection) if what in ("claims", "all") else []
    if what == "claims":
        actor_names = {claim["actor"] for claim in claims}
        actors = [a for a in _actors(store) if a["name"] in actor_names]
        articles = _articles(store, {claim["article_id"] for claim in claims})
    else:
        actors = _actors(store) if what in ("actors", "all") else []
        articles = _articles(store) if what in ("articles", "all") else []
        if not selection.is_everything():
            actors, articles = _narrowed(store, selection, actors, articles)
    for actor in actors:
        yield {"type": "actor", **actor}
    for article in articles:
        yield {"type": "article", **article}
    for claim in claims:
        yield {"type": "claim", **claim}


def _selected_claims(store: Store, selection: Selection) -> list[dict]:
    claims = queries.claims(
        store, selection.actor, selection.topic, selection.since, selection.until
    )
    extra = _extra_claim_columns(store)
    if extra:
        rows = store.query(f"SELECT id, {', '.join(extra)} FROM claims")
        by_id = {row.pop("id"): row for row in rows}
        for claim in claims:
            claim.update(by_id[claim["id"]])
    return sorted(claims, key=lambda claim: claim["id"])


def _extra_claim_columns(store: Store) -> list[str]:
    return [c for c in store.db["claims"].columns_dict if c not in _CLAIM_STORED_AS_SHAPE]


def _narrowed(
    store: Store, selection: Selection, actors: list[dict], articles: list[dict]
) -> tuple[list[dict], list[dict]]:
    """Actors and articles of the selected claims (dates also select claimless articles)."""
    claims = _selected_claims(store, selection)
    names = {claim["actor"] for claim in claims}
    if selection.actor:
        names.add(queries.resolve_actor(store, selection.actor)["name"])
    ids = {claim["article_id"] for claim in claims}
    if not (selection.actor or selection.topic):
        since = queries.parse_date(selection.since) if selection.since else ""
        until = queries.parse_date(selection.until) if selection.until else None
        ids |= {
            a["id"]
            for a in articles
            if (a["published"] or "") >= since
            and (until is None or (a["published"] and a["published"][: len(until)] <= until))
        }
    return [a for a in actors if a["name"] in names], [a for a in articles if a["id"] in ids]


def _actors(store: Store) -> list[dict]:
    aliases: dict[int, list[str]] = defaultdict(list)
    for row in store.query("SELECT actor_id, alias FROM aliases ORDER BY alias"):
        aliases[row["actor_id"]].append(row["alias"])
    return [
        {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "country": row["country"],
            "roles": json.loads(row["roles"] or "[]"),
            "aliases": aliases[row["id"]],
        }
        for row in store.query("SELECT id, name, kind, country, roles FROM actors ORDER BY id")
    ]


def _articles(store: Store, ids: set[int] | None = None) -> list[dict]:
    rows = store.query("SELECT * FROM articles ORDER BY id")
    return [_article_record(row) for row in rows if ids is None or row["id"] in ids]


def _article_record(row: dict) -> dict:
    record = {"id": row["id"]}
    record.update({k: v for k, v in row.items() if k not in _ARTICLE_DERIVED})
    raw = row["raw"]
    record["raw_base64"] = base64.b64encode(gzip.decompress(raw)).decode() if raw else None
    return record


def write(items: Iterable[dict], what: str, fmt: str, out: io.TextIOBase) -> int:
    """Write an export's records in ``fmt``; returns how many were written."""
    if fmt == "jsonl":
        count = 0
        for record in items:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    if what == "all":
        raise ExchangeError(f"--format {fmt} holds one kind of record: choose --what")
    rows = [_flat(record) for record in items if record["type"] == what.rstrip("s")]
    if fmt == "csv":
        _write_csv(rows, out)
    else:
        _write_markdown(rows, out)
    return len(rows)


def _flat(record: dict) -> dict:
    """A record as one row of plain cells (lists joined, time and spans spelled out)."""
    row: dict = {}
    for key, value in record.items():
        if key in ("type", "raw_base64"):
            continue
        if key == "time":
            value = value or {}
            for part in ("text", "start", "end", "precision"):
                row[f"time_{part}"] = value.get(part)
        elif key == "event":
            parts = (value["kind"], value["status"]) if value else ()
            row["event"] = " ".join(part for part in parts if part) or None
        elif isinstance(value, list):
            row[key] = "; ".join(str(item) for item in value)
        else:
            row[key] = value
    return row


def _write_csv(rows: list[dict], out: io.TextIOBase) -> None:
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


_MARKDOWN_COLUMNS = {
    "claim": ("id", "published", "outlet", "actor", "content", "topics", "venue", "time_text",
              "participants", "polarity"),
    "actor": ("id", "name", "kind", "country", "aliases", "roles"),
    "article": ("id", "published", "outlet", "title", "url", "origin"),
}  # fmt: skip


def _write_markdown(rows: list[dict], out: io.TextIOBase) -> None:
    if not rows:
        return
    kind = "claim" if "content" in rows[0] else "actor" if "aliases" in rows[0] else "article"
    columns = _MARKDOWN_COLUMNS[kind]
    out.write("| " + " | ".join(columns) + " |\n")
    out.write("|" + " --- |" * len(columns) + "\n")
    for row in rows:
        out.write("| " + " | ".join(_cell(row.get(column)) for column in columns) + " |\n")


def _cell(value: object) -> str:
    """A Markdown table cell: one line, pipes escaped."""
    text = "" if value is None else " ".join(str(value).split())
    return text.replace("|", "\\|")


@dataclass
class ImportSummary:
    """What an import did."""

    actors_added: int = 0
    actors_merged: int = 0
    articles_added: list[int] = field(default_factory=list)
    articles_skipped: list[int] = field(default_factory=list)
    claims: int = 0

    def to_json(self) -> dict:
        return {
            "actors_added": self.actors_added,
            "actors_merged": self.actors_merged,
            "articles_added": self.articles_added,
            "articles_skipped": self.articles_skipped,
            "claims": self.claims,
        }


def read_records(path: Path) -> list[dict]:
    """The records of a JSON Lines export; ExchangeError names the first bad line."""
    found = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExchangeError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict) or record.get("type") not in REQUIRED:
                raise ExchangeError(f"{path}:{number}: not a claimtrack export record")
            missing = [key for key in REQUIRED[record["type"]] if record.get(key) is None]
            if missing:
                raise ExchangeError(f"{path}:{number}: {record['type']} without {missing[0]}")
            found.append(record)
    return found


def import_records(store: Store, items: list[dict]) -> ImportSummary:
    """Add the records of an export to ``store`` (see the module docstring)."""
    summary = ImportSummary()
    with write_transaction(store.conn):
        for record in items:
            if record["type"] == "actor":
                _import_actor(store, record, summary)
    forget = getattr(store, "forget_actors", None)
    if forget:
        forget()
    claims_of: dict[object, list[dict]] = defaultdict(list)
    for record in items:
        if record["type"] == "claim":
            claims_of[record["article_id"]].append(record)
    articles = {record["id"]: record for record in items if record["type"] == "article"}
    missing = set(claims_of) - set(articles)
    if missing:
        raise ExchangeError(f"claims refer to articles not in the file: {sorted(missing)}")
    for article_id, record in articles.items():
        _import_article(store, record, claims_of[article_id], summary)
    return summary


def _import_actor(store: Store, record: dict, summary: ImportSummary) -> None:
    conn = store.conn
    key = actor_key(record["name"])
    row = conn.execute(
        "SELECT act.id, act.roles FROM aliases JOIN actors act ON act.id = aliases.actor_id"
        " WHERE aliases.key = ? ORDER BY act.id",
        (key,),
    ).fetchone()
    if row:
        actor_id = row[0]
        roles = list(dict.fromkeys([*json.loads(row[1] or "[]"), *record.get("roles", [])]))
        conn.execute(
            "UPDATE actors SET roles = ? WHERE id = ?",
            (json.dumps(roles, ensure_ascii=False), actor_id),
        )
        summary.actors_merged += 1
    else:
        actor_id = conn.execute(
            "INSERT INTO actors (name, kind, country, roles) VALUES (?, ?, ?, ?)",
            (
                record["name"],
                record.get("kind"),
                record.get("country"),
                json.dumps(record.get("roles", []), ensure_ascii=False),
            ),
        ).lastrowid
        summary.actors_added += 1
    for alias in dict.fromkeys([record["name"], *record.get("aliases", [])]):
        conn.execute(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, key) VALUES (?, ?, ?)",
            (actor_id, alias, actor_key(alias)),
        )


def _import_article(store: Store, record: dict, claims: list[dict], summary: ImportSummary) -> None:
    article = _article(record)
    result = store.add_article(article, [_claim(claim) for claim in claims])
    if result.status == "duplicate":
        summary.articles_skipped.append(result.article_id)
        return
    summary.articles_added.append(result.article_id)
    summary.claims += result.claims
    with write_transaction(store.conn):
        _restore_columns(store, "articles", [result.article_id], [record])
        stored_ids = [
            row["id"]
            for row in store.query(
                "SELECT id FROM claims WHERE article_id = ? ORDER BY id", (result.article_id,)
            )
        ]
        _restore_columns(store, "claims", stored_ids, claims)


def _restore_columns(store: Store, table: str, ids: list[int], items: list[dict]) -> None:
    """Put back stored fields the insert set afresh (ingested_at, extractor_version) and
    columns the record carries as they are (an analyst's review)."""
    columns = store.db[table].columns_dict
    skip = {"id", "article_id", "actor_id", "content_hash", "raw", "statement_id"}
    for row_id, record in zip(ids, items, strict=True):
        values = {
            key: value
            for key, value in record.items()
            if key in columns and key not in skip and not isinstance(value, list | dict)
        }
        if values:
            assignments = ", ".join(f"{key} = ?" for key in values)
            store.conn.execute(
                f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), row_id)
            )


def _article(record: dict) -> Article:
    raw = record.get("raw_base64")
    return Article(
        text=record["text"],
        origin=record.get("origin") or "import",
        title=record.get("title"),
        outlet=record.get("outlet"),
        url=record.get("url"),
        published=PublishedDate(
            record.get("published"),
            record.get("published_precision") or "unknown",
            record.get("published_source") or "unknown",
            record.get("published_evidence"),
        ),
        language=record.get("language"),
        raw=base64.b64decode(raw) if raw else None,
        raw_type=record.get("raw_type"),
    )


def _claim(record: dict) -> Claim:
    time = record.get("time")
    event = record.get("event") or {}
    return Claim(
        speaker=record["actor"],
        speaker_text=record.get("speaker_text") or "",
        speaker_span=_span(record.get("speaker_span")),
        cue=record.get("cue"),
        cue_span=_span(record.get("cue_span")),
        content=record["content"],
        content_span=_span(record["content_span"]),
        kind=record.get("kind"),
        facets=Facets(
            topics=list(record.get("topics", [])),
            venue=record.get("venue"),
            time=TimeExpression(
                time["text"], (0, 0), time.get("start"), time.get("end"), time.get("precision")
            )
            if time
            else None,
            participants=list(record.get("participants", [])),
            polarity=record.get("polarity"),
            polarity_cue=record.get("polarity_cue"),
            event_kind=event.get("kind"),
            event_status=event.get("status"),
            said_on=_said_on(record.get("said_on")),
            parties=[dict(party) for party in record.get("parties") or []],
            agent=record.get("agent"),
        ),
        speaker_kind=record.get("actor_kind") or "unknown",
        confidence=record.get("confidence"),
    )


def _said_on(value: dict | None) -> SaidOn | None:
    if not value:
        return None
    return SaidOn(value.get("date"), value["precision"], value["source"], value.get("text"))


def _span(value: list[int] | None) -> tuple[int, int] | None:
    return (value[0], value[1]) if value else None
