"""Inputs -> Article values: files, folders with manifests, batch files, HTML, URLs, stdin.

Every input yields Articles or one-line InputErrors, lazily, and a bad input never stops
the next one. Text files are stored exactly as decoded; HTML goes through trafilatura.
Metadata is ranked: the user's overrides, then manifest or batch fields, then what the
content itself says (page metadata, the URL, a leading ``date`` line).
"""

from __future__ import annotations

import codecs
import csv
import http.client
import json
import os
import queue
import re
import socket
import ssl
import sys
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

import charset_normalizer
from lxml import etree

from claimtrack import __version__
from claimtrack.dates import (
    date_from_metadata,
    date_from_text_header,
    date_from_url,
    first_known,
    parse_date,
    parse_loose_date,
)
from claimtrack.models import Article, PublishedDate

MEGABYTE = 1024 * 1024
MAX_INPUT_BYTES = 20 * MEGABYTE
STDIN = "-"

ARTICLE_SUFFIXES = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
BATCH_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".json")
MANIFEST_NAMES = ("manifest.json", "manifest.jsonl")

# Field names news APIs and scrapers use, first match wins.
RECORD_FIELDS = {
    "text": ("text", "body", "maintext", "full_text", "content"),
    "html": ("html", "raw_html"),
    "file": ("file", "path"),
    "url": ("url", "link", "canonical_url"),
    "title": ("title", "headline"),
    "published": ("published", "publishedat", "published_at", "date", "pubdate", "seendate"),
    "outlet": ("outlet", "domain", "source", "sitename", "site"),
    "precision": ("precision",),
    "evidence": ("evidence", "date_evidence"),
}

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown")
_LOOKS_LIKE_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_URL_SCHEME = re.compile(r"\A([a-zA-Z][a-zA-Z0-9+.-]+):")
_WESTERN = "cp1252"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_REPLACEMENT = "\ufffd"
_FEED_ENTRY_TAGS = ("item", "entry", "url")
_FEED_DATE_FIELDS = (
    "pubdate",
    "published",
    "publication_date",
    "date",
    "issued",
    "updated",
    "lastmod",
)
_FEED_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
_INCOMPLETE = "connection closed before the body was complete"
_REDIRECT_CODES = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_DATE_SLACK = timedelta(days=366)
# Fewer words than this from a page is navigation chrome, not an article.
_MIN_HTML_WORDS = 8


@dataclass(frozen=True)
class Overrides:
    """Metadata the user sets on the command line for a single input."""

    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: where, and why, in one line."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Limits:
    """Bounds on what is read: size, and for URLs timeouts, total time and redirects."""

    max_bytes: int = MAX_INPUT_BYTES
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_redirects: int = 5
    user_agent: str = f"claimtrack/{__version__} (news claim tracker)"


@dataclass(frozen=True)
class Known:
    """Metadata known from outside the content (user, manifest, batch record)."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: PublishedDate | None = None


class Refused(Exception):
    """An input we will not turn into an article; the message is the one-line reason."""


def iter_articles(
    inputs: list[str], overrides: Overrides = Overrides(), limits: Limits = Limits()
) -> Iterator[Article | InputError]:
    """Yield one Article (or InputError) per article found in the inputs, lazily.

    An input is a file, a folder (its manifest's files, else every article file under
    it), a batch file (.jsonl, .csv, .json), an http(s) URL, or ``-`` for stdin.
    """
    user = _known_from_overrides(overrides, len(inputs))
    if isinstance(user, InputError):
        yield user
        return
    reader = _Reader(limits, user)
    for item in inputs:
        yield from reader.input(item)


def iter_feed(
    url: str, limits: Limits = Limits(), skip: Callable[[str], bool] | None = None
) -> Iterator[Article | InputError]:
    """The articles an RSS or Atom feed or a sitemap links to, in the feed's order.

    Each linked page is fetched like a URL input; the feed's title and date for an entry
    are trusted over the page's own (their date source is ``feed``). Links for which
    ``skip`` is true (say, already stored) are passed over without being fetched.
    """
    try:
        entries = _feed_entries(fetch(url, limits).body)
    except Refused as exc:
        yield InputError(url, str(exc))
        return
    if not entries:
        yield InputError(url, "no entries found: not an RSS or Atom feed or a sitemap")
        return
    reader = _Reader(limits, None)
    for entry in entries:
        if skip is None or not skip(entry.url):
            yield reader.build(entry.url, lambda link=entry.url: reader.from_url(link), entry)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet as its domain without ``www.``: ``https://www.bbc.co.uk/x`` -> bbc.co.uk."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def article_from_bytes(
    data: bytes,
    content_type: str | None,
    origin: str,
    url: str | None = None,
    fetched: date | None = None,
) -> Article:
    """An article from a raw body as fetched (``Article.raw``/``raw_type``), no network.

    Raises Refused when the bytes hold no readable article.
    """
    media_type, charset = _parse_content_type(content_type)
    if media_type in _HTML_TYPES or (media_type not in _TEXT_TYPES and _looks_like_html(data)):
        html = decode(data, charset, _meta_charset(data))
        return _html_article(html, origin, url, fetched or _today(), data, content_type)
    if media_type and media_type not in _TEXT_TYPES:
        raise Refused(f"unsupported content type {media_type}")
    return _text_article(decode(data, charset), origin, url)


def decode(data: bytes, *declared: str | None) -> str:
    """Bytes to text: BOM, UTF-8, the declared charsets, then detection; never fails.

    UTF-8 is tried before a declared charset because a valid UTF-8 body with non-ASCII
    bytes is almost never anything else, while declarations are often wrong; a body that
    is mostly valid UTF-8 (cut mid-character, a stray byte) stays UTF-8, its broken bytes
    replaced, rather than turning into mojibake in a single-byte code page. Detection on
    short Western text picks among look-alike code pages at random (cp1250 for French), so
    when it finds Latin script we use windows-1252, the web's default for Western pages.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:_CHUNK]:
        raise Refused("binary content (NUL bytes), not text")
    try:
        return _checked_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        damaged = _damaged_utf8(data)
    if damaged is not None:
        return _checked_text(damaged)
    for encoding in declared:
        if encoding:
            try:
                return _checked_text(data.decode(encoding))
            except (UnicodeDecodeError, LookupError):
                continue
    best = charset_normalizer.from_bytes(data[: 4 * MEGABYTE]).best()
    if best is not None:
        text = data.decode(best.encoding, errors="replace")
        if not _is_latin_script(text):
            return _checked_text(text)
    return _checked_text(data.decode(_WESTERN, errors="replace"))


def _damaged_utf8(data: bytes) -> str | None:
    """The bytes as UTF-8 with U+FFFD for broken bytes, when valid multi-byte characters
    outnumber broken ones two to one; None when they do not (Latin-1 text has none)."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count(_REPLACEMENT)
    valid = len(_NON_ASCII.findall(text)) - broken
    return text if valid >= 2 * broken else None


def _is_latin_script(text: str) -> bool:
    """True when every non-ASCII letter in the opening is a Latin one (é, ł, ß, not Ж)."""
    return all(
        unicodedata.name(char, "").startswith("LATIN")
        for char in set(text[:_CHUNK])
        if not char.isascii() and char.isalpha()
    )


class _Reader:
    """Turns inputs into articles under one set of limits; remembers that stdin was read."""

    def __init__(self, limits: Limits, user: Known | None) -> None:
        self.limits = limits
        self.user = user
        self.stdin_read = False

    def input(self, item: str) -> Iterator[Article | InputError]:
        path = Path(item)
        if not item.strip():
            yield InputError(repr(item), "empty input name")
        elif item == STDIN:
            yield self.build("<stdin>", self._stdin)
        elif path.is_dir():
            yield from self._folder(path)
        elif path.is_file() and path.suffix.lower() in BATCH_SUFFIXES:
            yield from self._batch(path)
        elif path.exists() or not _URL_SCHEME.match(item):
            yield self.build(item, lambda: self._file(path))
        else:
            yield self.build(item, lambda: self.from_url(item))

    def build(self, origin: str, build, known: Known | None = None) -> Article | InputError:
        """Run one article builder; a refusal or unexpected failure becomes an InputError."""
        try:
            article = build()
        except Refused as exc:
            return InputError(origin, str(exc))
        except (OSError, ValueError) as exc:
            return InputError(origin, f"{type(exc).__name__}: {exc}")
        return _complete(article, [k for k in (self.user, known) if k is not None])

    def _stdin(self) -> Article:
        if self.stdin_read:
            raise Refused("stdin was already read")
        self.stdin_read = True
        stream = getattr(sys.stdin, "buffer", None)
        data = (
            stream.read(self.limits.max_bytes + 1)
            if stream
            else sys.stdin.read(self.limits.max_bytes + 1).encode("utf-8")
        )
        _check_size(len(data), self.limits.max_bytes, "stdin")
        if not data.strip():
            raise Refused("stdin is empty")
        return article_from_bytes(data, None, "<stdin>")

    def _file(self, path: Path) -> Article:
        if not path.exists():
            raise Refused("no such file or directory")
        size = path.stat().st_size
        _check_size(size, self.limits.max_bytes, "file")
        if size == 0:
            raise Refused("empty file")
        data = path.read_bytes()
        kind = ARTICLE_SUFFIXES.get(path.suffix.lower())
        if kind == "html" or (kind is None and _looks_like_html(data)):
            return article_from_bytes(data, "text/html", str(path))
        return _text_article(decode(data), str(path))

    def from_url(self, url: str) -> Article:
        fetched = fetch(url, self.limits)
        return article_from_bytes(
            fetched.body, fetched.content_type, url, fetched.url, fetched.at.date()
        )

    def _folder(self, folder: Path) -> Iterator[Article | InputError]:
        """A folder's manifest articles, else its article files, recursively, in name order."""
        manifest = next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None)
        if manifest is not None:
            yield from self._records(manifest, "manifest")
            return
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(str(folder), f"cannot list folder: {exc.strerror}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                yield from self._folder(path)
            elif entry.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
                yield self.build(str(path), lambda p=path: self._file(p))

    def _batch(self, path: Path) -> Iterator[Article | InputError]:
        source = "manifest" if path.name in MANIFEST_NAMES else "metadata"
        yield from self._records(path, source)

    def _records(self, path: Path, date_source: str) -> Iterator[Article | InputError]:
        """Articles from each record of a manifest or batch file; a bad record is skipped."""
        try:
            for label, record in _read_records(path):
                if isinstance(record, InputError):
                    yield record
                    continue
                yield self._record(record, path, label, date_source)
        except (OSError, ValueError, csv.Error) as exc:
            yield InputError(str(path), f"cannot read {path.name}: {exc}")

    def _record(
        self, record: dict, path: Path, label: str, date_source: str
    ) -> Article | InputError:
        fields = _record_fields(record)
        origin = f"{path}#{label}"
        known = _known_from_record(fields, date_source, path.name)
        if fields.get("text"):
            return self.build(origin, lambda: self._inline(fields["text"], origin), known)
        if fields.get("html"):
            html = fields["html"].encode("utf-8")
            return self.build(origin, lambda: article_from_bytes(html, "text/html", origin), known)
        if fields.get("file"):
            file = path.parent / fields["file"]
            return self.build(str(file), lambda: self._file(file), known)
        if known.url:
            return self.build(known.url, lambda: self.from_url(known.url), known)
        return InputError(origin, "record has no text, html, file or url")

    def _inline(self, text: str, origin: str) -> Article:
        _check_size(len(text.encode("utf-8")), self.limits.max_bytes, "text")
        return _text_article(text, origin)


@dataclass(frozen=True)
class Fetched:
    """A response body as fetched, after redirects and content decoding."""

    url: str
    body: bytes
    content_type: str | None
    at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


class _NoRedirect(HTTPRedirectHandler):
    """Surface redirects as HTTPError so fetch() can vet every hop itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = build_opener(_NoRedirect)


def fetch(url: str, limits: Limits = Limits()) -> Fetched:
    """GET an http(s) URL within the limits, following safe redirects; raises Refused."""
    deadline = time.monotonic() + limits.deadline
    seen = {url}
    current = url
    for _ in range(limits.max_redirects + 1):
        _check_url(current, redirected=current != url)
        _look_up(urlsplit(current).hostname, limits.connect_timeout)
        request = Request(
            current,
            headers={
                "User-Agent": limits.user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "gzip, deflate",
            },
        )
        try:
            response = _OPENER.open(request, timeout=limits.connect_timeout)
        except HTTPError as exc:
            location = exc.headers.get("Location") if exc.code in _REDIRECT_CODES else None
            exc.close()
            if not location:
                raise Refused(f"HTTP {exc.code} {exc.reason}") from None
            current = urljoin(current, location)
            if current in seen:
                raise Refused(f"redirect loop at {current}") from None
            seen.add(current)
            continue
        except (URLError, OSError, http.client.HTTPException) as exc:
            raise Refused(_network_reason(exc, current, limits)) from None
        with response:
            body = _read_body(response, limits, deadline)
            return Fetched(current, body, response.headers.get("Content-Type"))
    raise Refused(f"more than {limits.max_redirects} redirects")


def _look_up(host: str, timeout: float) -> None:
    """Refuse a host whose name does not resolve within ``timeout`` seconds.

    A name lookup has no timeout of its own: an unresponsive resolver would hold the whole
    batch. So the lookup runs in a daemon thread that is abandoned when it is late; the
    connection's own lookup that follows is then answered from the resolver's cache.
    """
    answer: queue.Queue[OSError | None] = queue.Queue(maxsize=1)

    def resolve() -> None:
        try:
            socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except OSError as exc:
            answer.put(exc)
        else:
            answer.put(None)

    threading.Thread(target=resolve, name=f"lookup {host}", daemon=True).start()
    try:
        error = answer.get(timeout=timeout)
    except queue.Empty:
        raise Refused(f"DNS lookup for {host} took over {timeout:g} s") from None
    if error is not None:
        raise Refused(f"DNS lookup failed for {host}")


def _read_body(response, limits: Limits, deadline: float) -> bytes:
    """The body in chunks, refused past the size cap or the total deadline (slow drips)."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit():
        _check_size(int(length), limits.max_bytes, "response")
    _set_read_timeout(response, limits.read_timeout)
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(_CHUNK):
            size += len(chunk)
            _check_size(size, limits.max_bytes, "response")
            if time.monotonic() > deadline:
                raise Refused(f"download not finished within {limits.deadline:g} s")
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as exc:
        raise Refused(_network_reason(exc, response.url, limits)) from None
    if response.length:  # bytes the Content-Length promised that never came
        raise Refused(_INCOMPLETE)
    return _decompress(b"".join(chunks), response.headers.get("Content-Encoding"), limits)


def _set_read_timeout(response, seconds: float) -> None:
    """Switch the socket from the connect timeout to the read timeout, where reachable."""
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        sock.settimeout(seconds)


def _decompress(body: bytes, encoding: str | None, limits: Limits) -> bytes:
    encoding = (encoding or "").strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise Refused(f"unsupported content encoding {encoding}")
    # 32 + 15: zlib or gzip header, detected; raw deflate is the fallback some servers send.
    for wbits in (47, -15):
        inflater = zlib.decompressobj(wbits)
        try:
            data = inflater.decompress(body, limits.max_bytes + 1)
        except zlib.error:
            continue
        _check_size(len(data), limits.max_bytes, "decompressed response")
        return data
    raise Refused(f"corrupt {encoding} body")


def _network_reason(exc: Exception, url: str, limits: Limits) -> str:
    reason = exc.reason if isinstance(exc, URLError) else exc
    host = urlsplit(url).hostname
    if isinstance(reason, socket.gaierror):
        return f"DNS lookup failed for {host}"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(reason, TimeoutError):
        return f"timed out (connect {limits.connect_timeout:g} s, read {limits.read_timeout:g} s)"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error with {host}: {reason.reason or reason}"
    if isinstance(reason, http.client.IncompleteRead):
        return _INCOMPLETE
    return f"network error: {reason or type(reason).__name__}"


def _check_url(url: str, redirected: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        what = "redirect to" if redirected else "URL with"
        raise Refused(f"{what} unsupported scheme '{parts.scheme}:' (only http and https)")
    if not parts.hostname:
        raise Refused("URL has no host")


def _html_article(
    html: str, origin: str, url: str | None, fetched: date, raw: bytes, raw_type: str | None
) -> Article:
    from trafilatura import bare_extraction  # a tenth of a second: only for web pages

    try:
        document = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "deferred_url_extractor": True,
                # htmldate bends dates past max_date into wrong ones; we refuse them instead.
                "max_date": (fetched + _DATE_SLACK).isoformat(),
            },
        )
    except Exception as exc:  # lxml and trafilatura raise many types on junk
        raise Refused(f"HTML could not be parsed: {type(exc).__name__}") from None
    text = document.text if document is not None else None
    if not text or len(text.split()) < _MIN_HTML_WORDS:
        raise Refused("no article text found in the HTML")
    page_url = url or document.url
    return Article(
        text=text,
        origin=origin,
        title=document.title,
        url=page_url,
        published=date_from_metadata(document.date, fetched) or PublishedDate(),
        raw=raw,
        raw_type=raw_type or "text/html",
    )


def _text_article(text: str, origin: str, url: str | None = None) -> Article:
    if not text.strip():
        raise Refused("no text (only whitespace)")
    return Article(
        text=text,
        origin=origin,
        url=url,
        published=date_from_text_header(text) or PublishedDate(),
    )


def _feed_entries(body: bytes) -> list[Known]:
    """Entries of RSS ``item``, Atom ``entry`` or sitemap ``url`` elements, once per link."""
    try:
        root = etree.fromstring(body, _FEED_PARSER)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    entries: dict[str, Known] = {}
    for node in root.iter(tag=etree.Element):
        if etree.QName(node).localname in _FEED_ENTRY_TAGS:
            entry = _feed_entry(node)
            if entry is not None:
                entries.setdefault(entry.url, entry)
    return list(entries.values())


def _feed_entry(node) -> Known | None:
    fields: dict[str, str] = {}
    for child in node.iter(tag=etree.Element):
        name = etree.QName(child).localname.lower()
        if name == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            fields.setdefault("link", child.get("href"))
        elif child.text and child.text.strip():
            fields.setdefault(name, child.text.strip())
    link = fields.get("link") or fields.get("loc")
    if not link or urlsplit(link).scheme not in ("http", "https"):
        return None
    name = next((n for n in _FEED_DATE_FIELDS if n in fields), None)
    published = parse_loose_date(fields[name], "feed", f"feed field '{name}'") if name else None
    return Known(title=fields.get("title"), url=link, published=published)


def _complete(article: Article, known: list[Known]) -> Article:
    """Fill metadata by trust: user, then manifest/record, then the content's own."""
    url = _first([k.url for k in known] + [article.url])
    url_date = date_from_url(url)
    page_date = article.published if article.published.source == "metadata" else None
    if page_date and url_date and page_date.value == url_date.value:
        page_date = None  # htmldate read it from the URL: say so
    published = first_known(*(k.published for k in known), page_date, url_date, article.published)
    return replace(
        article,
        url=url,
        title=_first([k.title for k in known] + [article.title]),
        outlet=_first([k.outlet for k in known] + [outlet_from_url(url)]),
        published=published,
    )


def _known_from_overrides(overrides: Overrides, input_count: int) -> Known | InputError | None:
    if overrides == Overrides():
        return None
    if input_count != 1:
        return InputError("command line", "--date/--title/--url/--outlet need exactly one input")
    try:
        published = (
            parse_date(overrides.published, "user", "set by the user")
            if overrides.published
            else None
        )
    except ValueError as exc:
        return InputError("--date", str(exc))
    return Known(overrides.title, overrides.url, overrides.outlet, published)


def _read_records(path: Path) -> Iterator[tuple[str, dict | InputError]]:
    """(label, record) pairs of a .jsonl/.csv/.json file, streamed where the format allows."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_records(path)
    elif suffix == ".json":
        yield from _json_records(path)
    else:
        yield from _jsonl_records(path)


def _jsonl_records(path: Path) -> Iterator[tuple[str, dict | InputError]]:
    with path.open(encoding="utf-8-sig", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            label = f"line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield label, InputError(f"{path}#{label}", f"invalid JSON: {exc.msg}")
                continue
            yield label, _as_record(record, f"{path}#{label}")


def _csv_records(path: Path) -> Iterator[tuple[str, dict | InputError]]:
    csv.field_size_limit(max(csv.field_size_limit(), MAX_INPUT_BYTES))
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as rows:
        for number, row in enumerate(csv.DictReader(rows), 1):
            yield f"row {number}", {k: v for k, v in row.items() if k is not None}


def _json_records(path: Path) -> Iterator[tuple[str, dict | InputError]]:
    """A JSON list of records, or an object holding one under ``articles`` (manifest.json)."""
    data = json.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
    records = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise ValueError("expected a list of records or an object with an 'articles' list")
    for number, record in enumerate(records, 1):
        yield f"item {number}", _as_record(record, f"{path}#item {number}")


def _as_record(record: object, origin: str) -> dict | InputError:
    if isinstance(record, dict):
        return record
    return InputError(origin, f"expected a JSON object, got {type(record).__name__}")


def _record_fields(record: dict) -> dict[str, str]:
    """A record's values under our names (see RECORD_FIELDS), as non-empty strings."""
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    fields = {}
    for name, aliases in RECORD_FIELDS.items():
        for alias in aliases:
            value = lowered.get(alias)
            if isinstance(value, dict):  # NewsAPI: "source": {"id": ..., "name": ...}
                value = value.get("name")
            if value not in (None, "") and not isinstance(value, (list, dict)):
                fields[name] = str(value)
                break
    return fields


def _known_from_record(fields: dict[str, str], date_source: str, file_name: str) -> Known:
    published = None
    if fields.get("published"):
        evidence = f"{file_name}: {fields.get('evidence') or 'published'}"
        published = parse_loose_date(
            fields["published"], date_source, evidence, fields.get("precision")
        )
    return Known(fields.get("title"), fields.get("url"), fields.get("outlet"), published)


def _parse_content_type(content_type: str | None) -> tuple[str | None, str | None]:
    if not content_type:
        return None, None
    message = Message()
    message["Content-Type"] = content_type
    return message.get_content_type(), message.get_param("charset")


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii", errors="replace") if match else None


def _looks_like_html(data: bytes) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(data[:2048]))


def _checked_text(text: str) -> str:
    """Refuse decoded text that is mostly control characters: binary data, not prose."""
    sample = text[:_CHUNK]
    if sample and len(_CONTROL_CHARS.findall(sample)) > len(sample) // 20:
        raise Refused("binary content (control characters), not text")
    return text


def _check_size(size: int, cap: int, what: str) -> None:
    if size > cap:
        raise Refused(f"{what} is over the {_megabytes(cap)} size cap")


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:g} MB" if size >= MEGABYTE else f"{size} bytes"


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _today() -> date:
    return datetime.now(timezone.utc).date()
