"""``claimtrack ingest --feed`` against feeds served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import html
import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import SEEDS, Invoke

from claimtrack.store import open_store

PESKOV_SEED = (SEEDS / "000_d04d9c40bbc889bf.txt").read_text(encoding="utf-8")
OTHER_SEED = (SEEDS / "002_435e0aa90e868962.txt").read_text(encoding="utf-8")


def article_page(title: str, text: str) -> bytes:
    """A news page as sites serve it: navigation around an <article> of paragraphs."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
        f"<footer>All rights reserved</footer></body></html>"
    ).encode()


PAGES = {
    "/news/kremlin-talks": article_page("Kremlin open to talks", PESKOV_SEED),
    "/news/riyadh-meeting": article_page("Meeting in Riyadh", OTHER_SEED),
}
RSS_ITEM = "<item><title>{title}</title><link>http://{host}{path}</link>{date}</item>"
ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title>Kremlin open to talks</title>
<link rel="alternate" href="http://{host}/news/kremlin-talks"/>
<published>2025-03-20T08:00:00Z</published></entry></feed>"""
SITEMAP = """<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://{host}/news/riyadh-meeting</loc><lastmod>2025-02-18</lastmod></url>
</urlset>"""


class FeedSite:
    """What the test server serves (an RSS feed the test can extend) and what was asked."""

    def __init__(self) -> None:
        self.rss_items: list[tuple[str, str, str]] = []  # (title, path, pubDate)
        self.requests: Counter[str] = Counter()

    def rss(self, host: str) -> str:
        items = "".join(
            RSS_ITEM.format(
                title=title, host=host, path=path, date=f"<pubDate>{day}</pubDate>" if day else ""
            )
            for title, path, day in self.rss_items
        )
        return f"<?xml version='1.0'?><rss version='2.0'><channel>{items}</channel></rss>"


def handler_for(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            site.requests[self.path] += 1
            host = self.headers["Host"]
            if self.path == "/feed.rss":
                self.reply(site.rss(host).encode(), "application/rss+xml")
            elif self.path == "/atom.xml":
                self.reply(ATOM.format(host=host).encode(), "application/atom+xml")
            elif self.path == "/sitemap.xml":
                self.reply(SITEMAP.format(host=host).encode(), "application/xml")
            elif self.path in PAGES:
                self.reply(PAGES[self.path], "text/html; charset=utf-8")
            else:
                self.send_error(404, "Not Found")

        def reply(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def site() -> Iterator[tuple[FeedSite, str]]:
    """A fresh site per test and its base URL."""
    feed_site = FeedSite()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(feed_site))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield feed_site, f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def ingest_json(invoke: Invoke, *args: str) -> tuple[int, dict]:
    result = invoke("ingest", *args, "--json")
    return result.exit_code, json.loads(result.stdout)


def test_feed_items_are_stored_with_the_feed_date_and_raw_page(
    site, invoke: Invoke, tmp_path: Path
):
    feed, base = site
    feed.rss_items = [
        ("Kremlin open to talks", "/news/kremlin-talks", "Thu, 20 Mar 2025 10:00:00 GMT"),
        ("Gone", "/news/removed", ""),
    ]
    code, summary = ingest_json(invoke, "--feed", f"{base}/feed.rss")
    assert code == 1  # the removed page failed; the other item is stored anyway
    assert summary["failed"] == [{"origin": f"{base}/news/removed", "reason": "HTTP 404 Not Found"}]
    [added] = summary["added"]
    assert added["origin"] == f"{base}/news/kremlin-talks" and added["claims"] > 0

    detail = json.loads(invoke("show", f"article:{added['article_id']}", "--json").stdout)
    assert (detail["published"], detail["precision"]) == ("2025-03-20", "day")
    assert (detail["published_source"], detail["published_evidence"]) == (
        "feed",
        "feed field 'pubdate'",
    )
    assert detail["title"] == "Kremlin open to talks"
    assert "could hold talks" in detail["text"] and "All rights reserved" not in detail["text"]
    with open_store(tmp_path / "claims.db") as store:
        [row] = store.query("SELECT raw, raw_type FROM articles")
    assert gzip.decompress(row["raw"]) == PAGES["/news/kremlin-talks"]
    assert row["raw_type"] == "text/html; charset=utf-8"


def test_polling_a_feed_again_fetches_only_the_new_items(site, invoke: Invoke):
    feed, base = site
    feed.rss_items = [("Kremlin open to talks", "/news/kremlin-talks", "")]
    code, first = ingest_json(invoke, "--feed", f"{base}/feed.rss")
    assert code == 0 and len(first["added"]) == 1

    feed.rss_items.append(("Meeting in Riyadh", "/news/riyadh-meeting", "2025-02-18"))
    code, second = ingest_json(invoke, "--feed", f"{base}/feed.rss")
    assert code == 0
    assert [a["origin"] for a in second["added"]] == [f"{base}/news/riyadh-meeting"]
    assert second["duplicates"] == [
        {"origin": f"{base}/news/kremlin-talks", "article_id": first["added"][0]["article_id"]}
    ]
    assert feed.requests["/news/kremlin-talks"] == 1  # not fetched again
    assert feed.requests["/news/riyadh-meeting"] == 1
    assert feed.requests["/feed.rss"] == 2


def test_atom_feed_and_sitemap_together_with_a_file(site, invoke: Invoke):
    _, base = site
    args = ("--feed", f"{base}/atom.xml", "--feed", f"{base}/sitemap.xml")
    code, summary = ingest_json(invoke, str(SEEDS / "001_f067fb6896d73582.txt"), *args)
    assert code == 0 and summary["failed"] == []
    assert len(summary["added"]) == 3
    stored = {a["url"]: a for a in json.loads(invoke("articles", "--json").stdout)}
    assert stored[f"{base}/news/kremlin-talks"]["published"] == "2025-03-20"
    assert stored[f"{base}/news/riyadh-meeting"]["published"] == "2025-02-18"


def test_a_page_that_is_no_feed_and_a_dead_feed_fail_in_one_line(site, invoke: Invoke):
    _, base = site
    result = invoke("ingest", "--feed", f"{base}/news/kremlin-talks", "--feed", f"{base}/gone")
    assert result.exit_code == 1
    failures = [line for line in result.stdout.splitlines() if line.startswith("failed: ")]
    assert failures == [
        f"failed: {base}/news/kremlin-talks: no entries found: not an RSS or Atom feed or a "
        "sitemap",
        f"failed: {base}/gone: HTTP 404 Not Found",
    ]


def test_feed_with_single_input_metadata_or_no_input_is_refused(site, invoke: Invoke):
    _, base = site
    refused = invoke("ingest", "--feed", f"{base}/feed.rss", "--date", "2025-03-20")
    assert refused.exit_code == 1 and "not a feed's" in refused.stderr
    nothing = invoke("ingest")
    assert nothing.exit_code == 1 and "nothing to ingest" in nothing.stderr
