"""Feeds for ``claimtrack ingest --feed``: the linked articles a database does not hold yet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from claimtrack.models import Article
from claimtrack.sources import InputError, Limits, iter_feed
from claimtrack.store import Store


def unstored_feed_articles(
    store: Store, feeds: Iterable[str], skipped: list[dict], limits: Limits | None = None
) -> Iterator[Article | InputError]:
    """The articles of each feed, in feed order, except those whose link is stored.

    A stored link is passed over before its page is fetched (polling a feed costs one
    request for the feed, not one per item) and recorded in ``skipped`` as
    ``{"origin": link, "article_id": id}``.
    """

    def stored(link: str) -> bool:
        rows = store.query("SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1", (link,))
        if rows:
            skipped.append({"origin": link, "article_id": rows[0]["id"]})
        return bool(rows)

    for feed in feeds:
        yield from iter_feed(feed, limits or Limits(), skip=stored)
