"""Every way an article gets in, and every bad input refused with one line, not a crash.

URL cases run against a real HTTP server on 127.0.0.1 started by the ``server`` fixture.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import socket
import sys
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimtrack.language import detect_language
from claimtrack.models import Article
from claimtrack.sources import (
    InputError,
    Limits,
    Overrides,
    article_from_bytes,
    iter_articles,
    iter_feed,
    outlet_from_url,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PESKOW = SEEDS / "001_f067fb6896d73582.txt"
PESKOW_TEXT = PESKOW.read_text(encoding="utf-8")
PESKOW_OPENING = PESKOW_TEXT.split("\n", 1)[0]
PESKOW_QUOTE = "“We have a lot more understanding for the position of the current government”"
FAST = Limits(connect_timeout=0.5, read_timeout=0.5, deadline=2.0)


def one(inputs: list[str], **kwargs) -> Article | InputError:
    return one_of(iter_articles(inputs, **kwargs))


def one_of(results) -> Article | InputError:
    results = list(results)
    assert len(results) == 1, results
    return results[0]


def article_html(paragraphs: list[str], head: str = "", charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Kremlin open to talks'
        f"</title>{head}</head><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>Kremlin open to talks</h1>{body}</article></body></html>"
    )


PESKOW_HTML = article_html([p for p in PESKOW_TEXT.splitlines() if p.strip()])


# --- text files, folders, manifests -------------------------------------------------------


def test_seed_folder_reads_its_manifest_and_keeps_text_verbatim():
    articles = list(iter_articles([str(SEEDS)]))
    assert [Path(a.origin).name for a in articles] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for article in articles:
        assert article.text == Path(article.origin).read_bytes().decode("utf-8")
        assert article.language is None, "the extractor detects it, in the ingest workers"
        assert article.published.source == "manifest"
    first, _, _, month_only, _ = articles
    assert (first.published.value, first.published.precision) == ("2025-03-20", "day")
    assert "19 March" in first.published.evidence
    assert (month_only.published.value, month_only.published.precision) == ("2025-08", "month")


def test_manifest_jsonl_lists_exactly_the_articles(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "001.txt").write_text(" date 2025-02-10 " + PESKOW_OPENING)
    (tmp_path / "articles" / "002.txt").write_text(PESKOW_OPENING)
    (tmp_path / "articles" / "unlisted.txt").write_text(PESKOW_OPENING)
    (tmp_path / "README.md").write_text("# corpus\nNot an article.")
    (tmp_path / "expected.jsonl").write_text('{"file": "articles/001.txt"}\n')
    entries = [
        {
            "file": "articles/001.txt",
            "url": "https://www.anews.com.tr/diplomacy/2025/02/14/saudi-arabia-welcomes",
            "published": "2025-02-14",
            "date_evidence": "url",
            "outlet": "anews.com.tr",
        },
        {"file": "articles/002.txt", "url": "https://www.news.az/news/kremlin-signals"},
    ]
    manifest = "\n".join(json.dumps(e) for e in entries) + "\n"
    (tmp_path / "manifest.jsonl").write_text(manifest)

    first, second = iter_articles([str(tmp_path)])

    assert first.origin == str(tmp_path / "articles" / "001.txt")
    assert first.text.startswith(" date 2025-02-10 Moscow has expressed")
    assert (first.published.value, first.published.source) == ("2025-02-14", "manifest")
    assert first.published.evidence == "manifest.jsonl: url"
    assert (first.outlet, first.url) == ("anews.com.tr", entries[0]["url"])
    assert second.outlet == "news.az"
    assert second.published.value is None


def test_manifest_json_with_month_precision_and_a_missing_file(tmp_path):
    (tmp_path / "a.txt").write_text(PESKOW_TEXT)
    entries = [
        {"file": "a.txt", "published": "2025-08", "precision": "month", "title": "Peskow"},
        {"file": "gone.txt", "published": "2025-02-13"},
    ]
    (tmp_path / "manifest.json").write_text(json.dumps({"about": "x", "articles": entries}))

    article, missing = iter_articles([str(tmp_path)])

    assert (article.published.value, article.published.precision) == ("2025-08", "month")
    assert article.title == "Peskow"
    assert missing == InputError(str(tmp_path / "gone.txt"), "no such file or directory")


def test_folder_without_manifest_is_walked_recursively(tmp_path):
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(PESKOW_OPENING)
    (tmp_path / "b" / "note.md").write_text(PESKOW_OPENING)
    (tmp_path / "b" / "deeper" / "page.html").write_text(PESKOW_HTML)
    (tmp_path / "b" / "data.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text(PESKOW_OPENING)
    (tmp_path / "b" / "deeper" / "sub").mkdir()
    (tmp_path / "b" / "deeper" / "sub" / "manifest.jsonl").write_text('{"text": "Hi there."}\n')

    origins = [a.origin for a in iter_articles([str(tmp_path)])]

    assert origins == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "deeper" / "page.html"),
        f"{tmp_path / 'b' / 'deeper' / 'sub' / 'manifest.jsonl'}#line 1",
        str(tmp_path / "b" / "note.md"),
    ]


def test_leading_date_line_of_a_text_file_dates_it(tmp_path):
    path = tmp_path / "scraped.txt"
    path.write_text(" date 2025-02-19 Yandex metrika counter\n\n" + PESKOW_TEXT)
    article = one([str(path)])
    assert (article.published.value, article.published.source) == ("2025-02-19", "text")
    assert article.text.startswith(" date 2025-02-19 Yandex")


# --- batch files ---------------------------------------------------------------------------


def test_jsonl_batch_with_text_url_and_bad_lines(tmp_path, server):
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"text": PESKOW_TEXT, "title": "Peskow", "published": "2025-02-13"}),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"url": f"{server}/2025/02/14/peskow.html", "outlet": "example.org"}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines) + "\n")

    inline, bad_json, empty, fetched, not_object = iter_articles([str(path)], limits=FAST)

    assert inline.text == PESKOW_TEXT
    assert inline.origin == f"{path}#line 1"
    assert (inline.title, inline.published.value, inline.published.source) == (
        "Peskow",
        "2025-02-13",
        "metadata",
    )
    assert bad_json.origin == f"{path}#line 2" and bad_json.reason.startswith("invalid JSON")
    assert empty.reason == "record has no text, html, file or url"
    assert PESKOW_OPENING in fetched.text
    assert fetched.outlet == "example.org"
    assert fetched.published.value == "2025-02-14"
    assert not_object.reason == "expected a JSON object, got list"


def test_csv_batch_with_metadata_columns_and_a_long_text(tmp_path):
    path = tmp_path / "scrape.csv"
    long_text = (PESKOW_TEXT + "\n") * 100  # over csv's default 128 KB field limit
    rows = [
        "title,url,published,text",
        f'Peskow,https://www.example.com/news/1,"Thu, 13 Feb 2025 10:00:00 GMT","{long_text}"',
    ]
    path.write_text("\n".join(rows) + "\n")

    article = one([str(path)])

    assert article.text == long_text
    assert (article.title, article.outlet) == ("Peskow", "example.com")
    assert (article.published.value, article.published.precision) == ("2025-02-13", "day")


def test_json_batch_as_news_apis_export_it(tmp_path):
    path = tmp_path / "newsapi.json"
    record = {
        "source": {"id": None, "name": "Reuters"},
        "title": "Kremlin open to talks",
        "url": "https://www.reuters.com/world/kremlin-open-talks",
        "publishedAt": "2025-02-13T09:30:00Z",
        "content": PESKOW_TEXT,
    }
    path.write_text(json.dumps({"status": "ok", "articles": [record]}))

    article = one([str(path)])

    assert (article.outlet, article.published.value) == ("Reuters", "2025-02-13")
    assert article.text == PESKOW_TEXT


# --- stdin and overrides -------------------------------------------------------------------


def set_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text_is_read_once(monkeypatch):
    set_stdin(monkeypatch, PESKOW_TEXT.encode("utf-8"))
    article, again = iter_articles(["-", "-"])
    assert article.text == PESKOW_TEXT and article.origin == "<stdin>"
    assert again == InputError("<stdin>", "stdin was already read")


def test_stdin_html_goes_through_the_html_path(monkeypatch):
    set_stdin(monkeypatch, PESKOW_HTML.encode("utf-8"))
    article = one(["-"])
    assert article.title == "Kremlin open to talks"
    assert PESKOW_QUOTE in article.text and "<p>" not in article.text
    assert article.raw == PESKOW_HTML.encode("utf-8")


def test_overrides_set_metadata_of_a_single_input():
    overrides = Overrides(published="2025-08", title="T", url="https://www.rt.com/news/1/")
    article = one([str(PESKOW)], overrides=overrides)
    assert (article.published.value, article.published.precision) == ("2025-08", "month")
    assert article.published.source == "user"
    assert (article.title, article.url, article.outlet) == ("T", overrides.url, "rt.com")


def test_overrides_are_refused_for_several_inputs_or_a_bad_date():
    two = list(iter_articles([str(PESKOW), str(PESKOW)], Overrides(title="T")))
    assert len(two) == 1 and "exactly one input" in two[0].reason
    bad = one([str(PESKOW)], overrides=Overrides(published="20 March"))
    assert bad.origin == "--date" and "YYYY-MM-DD" in bad.reason


# --- bad files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "no text (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes), not text"),
        (bytes(range(1, 32)) * 30, "binary content (control characters), not text"),
        (b"x" * 2000, "file is over the 1024 bytes size cap"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", None),
    ],
)
def test_bad_files_give_one_line_reasons(tmp_path, content, reason):
    path = tmp_path / "bad.html" if content.startswith(b"<html") else tmp_path / "bad.txt"
    path.write_bytes(content)
    error = one([str(path)], limits=Limits(max_bytes=1024))
    assert isinstance(error, InputError)
    assert error.reason == (reason or "no article text found in the HTML")


def test_iteration_goes_on_after_bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.touch()
    results = list(iter_articles([str(empty), "ftp://example.com/a.txt", "nope", str(PESKOW)]))
    assert [type(r).__name__ for r in results] == ["InputError"] * 3 + ["Article"]
    assert results[1].reason == "URL with unsupported scheme 'ftp:' (only http and https)"
    assert results[2].reason == "no such file or directory"


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (codecs.BOM_UTF8 + PESKOW_TEXT.encode("utf-8"), PESKOW_TEXT),
        (PESKOW_TEXT.encode("utf-16"), PESKOW_TEXT),
        (PESKOW_TEXT.encode("cp1252"), PESKOW_TEXT),
    ],
)
def test_other_encodings_are_decoded(tmp_path, encoded, expected):
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    assert one([str(path)]).text == expected


def test_latin1_text_is_decoded_not_refused(tmp_path):
    path = tmp_path / "latin1.txt"
    text = "Le président Macron a déclaré que la rencontre aurait lieu à Genève, près du lac."
    path.write_bytes(text.encode("latin-1"))
    article = one([str(path)])
    assert article.text == text
    assert detect_language(article.text) == "fr"


def test_truncated_html_still_gives_its_text(tmp_path):
    path = tmp_path / "cut.htm"
    path.write_text(PESKOW_HTML[: PESKOW_HTML.index(PESKOW_QUOTE) + 200])
    article = one([str(path)])
    assert PESKOW_QUOTE in article.text
    assert article.title == "Kremlin open to talks"


def test_html_file_metadata_gives_url_outlet_and_date(tmp_path):
    head = (
        '<link rel="canonical" href="https://www.kyivindependent.com/kremlin-talks/">'
        '<meta property="article:published_time" content="2025-02-13T08:00:00+00:00">'
        '<meta property="article:modified_time" content="2025-03-01T08:00:00+00:00">'
    )
    path = tmp_path / "page.html"
    path.write_text(article_html(PESKOW_TEXT.splitlines(), head))
    article = one([str(path)])
    assert article.url == "https://www.kyivindependent.com/kremlin-talks/"
    assert article.outlet == "kyivindependent.com"
    assert (article.published.value, article.published.source) == ("2025-02-13", "metadata")


# --- URLs ----------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    """Routes for every case a fetcher meets in the wild."""

    stop: threading.Event

    def log_message(self, *args) -> None:
        pass

    def send(self, body: bytes, content_type: str = "text/html; charset=utf-8", **headers):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        route = self.path.rstrip("/")
        if route in ("/2025/02/14/peskow.html", "/peskow"):
            self.send(PESKOW_HTML.encode("utf-8"))
        elif route == "/future":
            tomorrow = (date.today() + timedelta(days=2)).isoformat()
            head = f'<meta property="article:published_time" content="{tomorrow}">'
            self.send(article_html(PESKOW_TEXT.splitlines(), head).encode("utf-8"))
        elif route == "/plain":
            self.send(PESKOW_TEXT.encode("utf-8"), "text/plain; charset=utf-8")
        elif route == "/gzip":
            self.send(gzip.compress(PESKOW_HTML.encode("utf-8")), Content_Encoding="gzip")
        elif route == "/says-latin1-is-utf8":
            self.send(PESKOW_HTML.encode("utf-8"), "text/html; charset=iso-8859-1")
        elif route == "/says-utf8-is-cp1252":
            self.send(PESKOW_HTML.encode("cp1252"), "text/html; charset=utf-8")
        elif route == "/meta-cp1251":
            said = "Песков заявил, что переговоры начнутся скоро, но дата ещё не согласована."
            html = article_html([said, said], "", "cp1251")
            self.send(html.encode("cp1251"), "text/html")
        elif route == "/pdf":
            self.send(b"%PDF-1.7 not really", "application/pdf")
        elif route == "/moved":
            self.redirect("/peskow")
        elif route == "/loop-a":
            self.redirect("/loop-b")
        elif route == "/loop-b":
            self.redirect("/loop-a")
        elif route == "/to-file":
            self.redirect("file:///etc/passwd")
        elif route == "/huge":
            self.send(b"<p>" + b"talks " * 1000 + b"</p>")
        elif route == "/huge-unsized":
            self.stream(b"talks " * 1000)
        elif route == "/drip":
            self.stream(b"<p>talks", drip=0.02)
        elif route in FEEDS:
            self.send(FEEDS[route].format(host=self.headers["Host"]).encode(), "application/xml")
        elif route == "/stall":
            self.stop.wait(3)
        elif route in ("/stall-body", "/cut"):
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<p>Peskow said")
            if route == "/stall-body":
                self.stop.wait(1)
        else:
            self.send_error(404, "Not Found")

    def stream(self, body: bytes, drip: float = 0.0) -> None:
        """A body without Content-Length; with ``drip``, a byte at a time until stopped."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            if not drip:
                self.wfile.write(body)
                return
            while not self.stop.wait(drip):
                self.wfile.write(body[:1])
                self.wfile.flush()
        except OSError:
            return


@pytest.fixture(scope="module")
def server():
    stop = threading.Event()
    handler = type("Routes", (Handler,), {"stop": stop})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    stop.set()
    httpd.shutdown()
    httpd.server_close()


def test_url_article_keeps_raw_bytes_and_dates_from_the_path(server):
    url = f"{server}/2025/02/14/peskow.html"
    article = one([url], limits=FAST)
    assert PESKOW_QUOTE in article.text
    assert (article.url, article.outlet, article.title) == (
        url,
        "127.0.0.1",
        "Kremlin open to talks",
    )
    assert article.raw == PESKOW_HTML.encode("utf-8")
    assert article.raw_type == "text/html; charset=utf-8"
    assert (article.published.value, article.published.source) == ("2025-02-14", "url")
    again = article_from_bytes(article.raw, article.raw_type, url, url)
    assert again.text == article.text


def test_redirects_are_followed_and_gzip_and_plain_text_read(server):
    moved = one([f"{server}/moved"], limits=FAST)
    assert moved.origin == f"{server}/moved" and moved.url == f"{server}/peskow"
    assert PESKOW_QUOTE in one([f"{server}/gzip"], limits=FAST).text
    assert one([f"{server}/plain"], limits=FAST).text == PESKOW_TEXT


def test_page_dates_after_the_fetch_are_not_believed(server):
    assert one([f"{server}/future"], limits=FAST).published.value is None


@pytest.mark.parametrize("route", ["/says-latin1-is-utf8", "/says-utf8-is-cp1252"])
def test_wrong_charset_declarations_are_survived(server, route):
    assert PESKOW_QUOTE in one([server + route], limits=FAST).text


def test_meta_charset_is_used_when_headers_give_none(server):
    article = one([f"{server}/meta-cp1251"], limits=FAST)
    assert "Песков заявил" in article.text
    assert detect_language(article.text) == "ru"


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/loop-a", "redirect loop at {server}/loop-a"),
        ("/to-file", "redirect to unsupported scheme 'file:' (only http and https)"),
        ("/huge", "response is over the 1024 bytes size cap"),
        ("/huge-unsized", "response is over the 1024 bytes size cap"),
        ("/drip", "download not finished within 0.3 s"),
        ("/stall", "timed out (connect 0.2 s, read 0.2 s)"),
        ("/stall-body", "timed out (connect 0.2 s, read 0.2 s)"),
        ("/cut", "connection closed before the body was complete"),
        ("/pdf", "unsupported content type application/pdf"),
    ],
)
def test_unreadable_urls_give_one_line_reasons(server, route, reason):
    limits = Limits(max_bytes=1024, connect_timeout=0.2, read_timeout=0.2, deadline=0.3)
    error = one([server + route], limits=limits)
    assert error == InputError(server + route, reason.format(server=server))


def test_the_read_timeout_applies_once_connected(server):
    # The server stalls 1 s mid-body: only the 0.2 s read timeout, not the 2 s connect
    # timeout, can end the wait before it closes the connection.
    limits = Limits(connect_timeout=2, read_timeout=0.2, deadline=2)
    error = one([f"{server}/stall-body"], limits=limits)
    assert error.reason == "timed out (connect 2 s, read 0.2 s)"


def test_connection_refused_and_dns_failure(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = one([f"http://127.0.0.1:{port}/"], limits=FAST)
    assert refused.reason == "connection refused by 127.0.0.1"

    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    unknown = one(["https://news.invalid/a"], limits=FAST)
    assert unknown.reason == "DNS lookup failed for news.invalid"


def test_a_dns_lookup_that_never_answers_is_refused_within_the_connect_timeout(monkeypatch):
    released = threading.Event()

    def unresponsive_resolver(*args, **kwargs):
        released.wait()
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", unresponsive_resolver)
    try:
        started = time.monotonic()
        error = one(["https://news.example/a"], limits=Limits(connect_timeout=0.1))
        assert time.monotonic() - started < 5
    finally:
        released.set()
    assert error.reason == "DNS lookup for news.example took over 0.1 s"


def test_outlet_is_the_host_without_www():
    assert outlet_from_url("https://www.themoscowtimes.com/2025/06/06/x") == "themoscowtimes.com"
    assert outlet_from_url("https://en.sputniknews.africa/20250529/x") == "en.sputniknews.africa"
    assert outlet_from_url(None) is None


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>News</title>
<item><title>Kremlin open to talks</title><link>http://{host}/peskow</link>
<pubDate>Thu, 13 Feb 2025 10:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>http://{host}/missing</link></item>
<item><title>Again</title><link>http://{host}/peskow</link></item>
</channel></rss>"""
ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title>Kremlin open to talks</title><link rel="alternate" href="http://{host}/peskow"/>
<published>2025-02-13T08:00:00Z</published><updated>2025-02-20T08:00:00Z</updated></entry>
</feed>"""
SITEMAP = """<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://{host}/plain</loc><news:news><news:publication_date>2025-02-12
</news:publication_date><news:title>Peskow</news:title></news:news></url>
</urlset>"""
FEEDS = {"/feed.rss": RSS, "/atom.xml": ATOM, "/sitemap.xml": SITEMAP}


def test_rss_feed_entries_are_fetched_once_each(server):
    article, missing = iter_feed(f"{server}/feed.rss", FAST)
    assert PESKOW_QUOTE in article.text
    assert (article.url, article.title) == (f"{server}/peskow", "Kremlin open to talks")
    assert (article.published.value, article.published.source) == ("2025-02-13", "feed")
    assert missing == InputError(f"{server}/missing", "HTTP 404 Not Found")


def test_atom_feed_and_news_sitemap(server):
    entry = one_of(iter_feed(f"{server}/atom.xml", FAST))
    assert (entry.published.value, entry.published.evidence) == (
        "2025-02-13",
        "feed field 'published'",
    )
    page = one_of(iter_feed(f"{server}/sitemap.xml", FAST))
    assert (page.text, page.title, page.published.value) == (PESKOW_TEXT, "Peskow", "2025-02-12")


def test_a_page_that_is_no_feed(server):
    error = one_of(iter_feed(f"{server}/peskow", FAST))
    assert error.reason == "no entries found: not an RSS or Atom feed or a sitemap"


# --- language ------------------------------------------------------------------------------


def test_language_of_seeds_and_other_languages():
    assert {detect_language(p.read_text()) for p in SEEDS.glob("*.txt")} == {"en"}
    assert (
        detect_language("Der Kreml hat erklärt, dass ein Treffen gut vorbereitet sein muss.")
        == "de"
    )
    assert detect_language("Кремль заявил, что любая встреча должна быть подготовлена.") == "ru"
    assert detect_language("Peskov said talks could start.") == "en"
    assert detect_language("2025 — 12:30") == "und"
