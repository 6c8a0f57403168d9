"""Publication dates: parsed from user input, manifests, URLs, page metadata and text headers.

Every finder returns a :class:`PublishedDate` saying how precise the value is and where it
came from, or ``None`` when it found nothing; :func:`first_known` picks the most trusted.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateutil_parser

from claimtrack.models import PublishedDate

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

# /2025/02/14/, /2025-02-14-, /20250214/ and /2025/02/ in a URL path.
_URL_DAY = re.compile(r"(?<!\d)(20\d{2}|19\d{2})([/_.-]?)(\d{2})\2(\d{2})(?!\d)")
_URL_MONTH = re.compile(r"/(20\d{2}|19\d{2})/(\d{2})/")

# Scraped text files may open with a line such as " date 2025-02-14".
_TEXT_HEADER_DATE = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)

_PARTS_BY_PRECISION = {"year": 1, "month": 2, "day": 3}
_PRECISION_BY_PARTS = {n: precision for precision, n in _PARTS_BY_PRECISION.items()}


def parse_date(
    value: str,
    source: str,
    evidence: str | None = None,
    precision: str | None = None,
) -> PublishedDate:
    """A date written as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (time of day ignored).

    ``precision`` may only make the value coarser than it is written. Raises ValueError
    for anything that is not a real calendar date.
    """
    text = value.strip()
    match = _ISO_DATE.match(text)
    rest = text[match.end() :] if match else text
    if not match or (rest and rest[0] not in "T "):
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise ValueError(f"not a date: {value!r} ({exc})") from None
    if precision in _PARTS_BY_PRECISION:
        parts = parts[: _PARTS_BY_PRECISION[precision]]
    iso = "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
    return PublishedDate(
        value=iso, precision=_PRECISION_BY_PARTS[len(parts)], source=source, evidence=evidence
    )


def parse_loose_date(
    value: str, source: str, evidence: str | None = None, precision: str | None = None
) -> PublishedDate:
    """A date as feeds and news APIs write it (ISO, RFC 822, ``20250214T103000Z``...).

    Never raises: an unreadable value gives an unknown date whose evidence says why.
    """
    try:
        return parse_date(value, source, evidence, precision)
    except ValueError:
        pass
    try:
        parsed = dateutil_parser.parse(value)
    except (ValueError, OverflowError):
        return PublishedDate(evidence=f"unreadable date {value!r} from {source}")
    return parse_date(parsed.date().isoformat(), source, evidence, precision)


def date_from_url(url: str | None) -> PublishedDate | None:
    """The date news sites put in article paths, e.g. ``/2025/02/14/``."""
    if not url:
        return None
    path = url.split("?", 1)[0]
    for match in _URL_DAY.finditer(path):
        year, _, month, day = match.groups()
        found = _valid(f"{year}-{month}-{day}", "url", f"URL path {match.group(0)!r}")
        if found:
            return found
    match = _URL_MONTH.search(path)
    if match:
        return _valid(f"{match[1]}-{match[2]}", "url", f"URL path {match.group(0)!r}")
    return None


def date_from_text_header(text: str) -> PublishedDate | None:
    """A leading ``date YYYY-MM-DD`` line, as scrapers write at the top of text files."""
    match = _TEXT_HEADER_DATE.match(text[:200])
    if not match:
        return None
    return _valid(match[1], "text", f"leading line {match.group(0).strip()!r}")


def date_from_metadata(found: str | None, fetched: date) -> PublishedDate | None:
    """A date the page metadata gave (htmldate's output), refused when after ``fetched``."""
    if not found:
        return None
    published = _valid(found[:10], "metadata", "page metadata (original publication date)")
    if published is None or published.anchor() > fetched:
        return None
    return published


def first_known(*candidates: PublishedDate | None) -> PublishedDate:
    """The first candidate that carries a value, in the caller's order of trust."""
    for candidate in candidates:
        if candidate is not None and candidate.value:
            return candidate
    return PublishedDate()


def _valid(value: str, source: str, evidence: str) -> PublishedDate | None:
    try:
        return parse_date(value, source, evidence)
    except ValueError:
        return None
