"""Re-run the current extractor over stored articles whose claims an older one produced.

Works from the stored text and metadata only (never the network). Each article's claims
are replaced in one transaction; the user's actor decisions apply as the new claims are
filed (the store's pins) and their corrections are re-applied, so both survive. The
roles each article teaches are re-learned with it, and role-only speakers are filled from
what all stored articles teach (``claimtrack.learned_roles``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from claimtrack import EXTRACTOR_VERSION
from claimtrack.corrections import MIN_OVERLAP, apply, overlap
from claimtrack.models import Article, Extraction, PublishedDate
from claimtrack.store import Store, write_transaction

# What makes two versions of one claim differ.
COMPARED_FIELDS = (
    "actor_id", "kind", "speaker_text", "cue", "content_start", "content_end", "content",
    "topics", "venue", "time_text", "time_start", "time_end", "participants", "polarity",
    "said_on", "parties", "agent", "review",
)  # fmt: skip

Extractor = Callable[[Article], Extraction]


@dataclass
class Summary:
    """What a reprocess run did, per article and in total."""

    articles: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "extractor_version": EXTRACTOR_VERSION,
            "articles": self.articles,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "failed": self.failed,
        }


def stale_articles(store: Store, everything: bool = False) -> list[int]:
    """Ids of articles extracted by another extractor version (all with ``everything``)."""
    if everything:
        rows = store.query("SELECT id FROM articles ORDER BY id")
    else:
        rows = store.query(
            "SELECT id FROM articles WHERE extractor_version IS NOT ? ORDER BY id",
            (EXTRACTOR_VERSION,),
        )
    return [row["id"] for row in rows]


def reprocess(store: Store, article_ids: list[int], extractor: Extractor | None = None) -> Summary:
    """Re-extract the articles, replace their claims, and count what changed."""
    if extractor is None:
        from claimtrack.extract import extract_article as extractor
    summary = Summary()
    for article_id in article_ids:
        article = stored_article(store, article_id)
        try:
            extraction = extractor(article)
        except Exception as exc:  # one bad article must not stop the run
            reason = f"extraction failed: {type(exc).__name__}: {exc}"
            summary.failed.append({"article_id": article_id, "reason": reason})
            continue
        _replace(store, article_id, extraction, article.published, summary)
    return summary


def _replace(
    store: Store,
    article_id: int,
    extraction: Extraction,
    published: PublishedDate,
    summary: Summary,
) -> None:
    try:
        with write_transaction(store.conn):
            before = _claim_rows(store, article_id)
            store.replace_claims(article_id, extraction.claims, extraction.roles, published)
            apply(store, article_id)
            after = _claim_rows(store, article_id)
    except BaseException:
        store.forget_actors()
        raise
    summary.articles += 1
    for change in _compare(before, after):
        setattr(summary, change, getattr(summary, change) + 1)


def stored_article(store: Store, article_id: int) -> Article:
    """The article as it was ingested: text and metadata from the store."""
    row = store.query("SELECT * FROM articles WHERE id = ?", (article_id,))[0]
    return Article(
        text=row["text"],
        origin=row["origin"] or f"article:{article_id}",
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published=PublishedDate(
            value=row["published"],
            precision=row["published_precision"] or "unknown",
            source=row["published_source"] or "unknown",
            evidence=row["published_evidence"],
        ),
        language=row["language"],
    )


def _claim_rows(store: Store, article_id: int) -> dict[tuple[int, int], dict]:
    rows = store.query("SELECT * FROM claims WHERE article_id = ?", (article_id,))
    return {(row["content_start"], row["content_end"]): row for row in rows}


def _compare(before: dict[tuple, dict], after: dict[tuple, dict]) -> Iterator[str]:
    """added / removed / changed / unchanged for each claim. The old version of a claim
    has the same content span, else the one overlapping it most (bounds that moved)."""
    unmatched = {span: old for span, old in before.items() if span not in after}
    for span, new in after.items():
        old = before.get(span) or _overlapping(unmatched, span)
        if old is None:
            yield "added"
        elif any(_value(old, name) != _value(new, name) for name in COMPARED_FIELDS):
            yield "changed"
        else:
            yield "unchanged"
    yield from ("removed" for _ in unmatched)


def _overlapping(unmatched: dict[tuple, dict], span: tuple[int, int]) -> dict | None:
    """Take from ``unmatched`` the claim sharing most of its span with ``span``, if any."""
    best = max(unmatched, key=lambda old: overlap(old, span), default=None)
    if best is None or overlap(best, span) < MIN_OVERLAP:
        return None
    return unmatched.pop(best)


def _value(row: dict, name: str) -> object:
    value = row[name]
    return json.loads(value) if name in ("topics", "participants") and value else value
