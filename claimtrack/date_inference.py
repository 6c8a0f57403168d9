"""Publication dates inferred from the text of an undated article.

Strong evidence only, most trusted first: a page timestamp at the top ("11:35 29.05.2025"),
an agency dateline ("FLINT, Mich., Oct. 4 (UPI) —", its year written in the text), or a
relative day word set beside the date it stands for ("yesterday [19 March]", "today, March
20"). The year of the latter comes from the apposed date itself, else from the latest full
date in the text ("on 18 March 2025"), else from the weekdays the text names: the most
recent year, not after today, in which the apposed date falls on one of them ("On Wednesday
... yesterday [19 March]" gives 2025). Without such evidence the date stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta

from claimtrack import timex
from claimtrack.models import Article, PublishedDate

# How many years back a weekday may place an apposed date.
YEARS_BACK = 30
# How the evidence of an inferred date starts (the manifest's convention too).
INFERRED = "inferred: "

_WEEKDAYS = timex.weekday_numbers()
_RELATIVE_DAYS = timex.relative_day_offsets()
_WEEKDAY = "|".join(w.capitalize() for w in _WEEKDAYS)
_RELATIVE = "|".join(re.escape(w) for w in sorted(_RELATIVE_DAYS, key=len, reverse=True))
_APPOSED = re.compile(
    rf"\b(?P<word>{_RELATIVE})\s*[\[(,–—-]?\s*(?:on\s+)?(?:(?:{_WEEKDAY}),?\s+)?"
    rf"(?P<date>{timex.DAY_MONTH_PATTERN})[\])]?",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(timex.DAY_MONTH_PATTERN)
# How far into the text a timestamp or dateline may stand.
HEAD_CHARS = 400
_TIMESTAMP = re.compile(
    r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d.])"
)
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z.' -]+(?:,[ \t]*[A-Z][A-Za-z.]+)?,[ \t]+(?P<date>{timex.DAY_MONTH_PATTERN})"
    r"[ \t]*(?:\([\w .]+\)[ \t]*)?[—–-]",
    re.MULTILINE,
)
_NAMED_WEEKDAY = re.compile(rf"\b(?:{_WEEKDAY})\b")
# Characters a case-insensitive regex equates with an ASCII letter that str.lower() leaves
# apart from it: "İ" and "ı" (i) and "ſ" (s), the only ones in Unicode.
_CASE_CONFUSABLES = ("\u0130", "\u0131", "\u017f")


def with_inferred_date(article: Article, today: date | None = None) -> Article:
    """The article, with a date inferred from its text when it has none (see module doc)."""
    if article.published.value:
        return article
    inferred = infer_published(article.text, today)
    return replace(article, published=inferred) if inferred else article


def with_inferred_dates(items: Iterable[object]) -> Iterator[object]:
    """The items with a date inferred for each undated Article; other items as they are."""
    for item in items:
        yield with_inferred_date(item) if isinstance(item, Article) else item


def was_inferred(published: PublishedDate) -> bool:
    """Whether a date was inferred from the text here (not read from a header or a feed)."""
    return published.source == "text" and (published.evidence or "").startswith(INFERRED)


def infer_published(text: str, today: date | None = None) -> PublishedDate | None:
    """The publication day the text gives evidence for (source ``text``), else None."""
    today = today or date.today()
    return _timestamp(text, today) or _dateline(text, today) or _apposed(text, today)


def _timestamp(text: str, today: date) -> PublishedDate | None:
    """A page timestamp at the top: '11:35 29.05.2025 (Updated: ...)'."""
    # Its year follows a dot: a plain search rules out most texts before the regex runs.
    if text.find(".19", 0, HEAD_CHARS) < 0 and text.find(".20", 0, HEAD_CHARS) < 0:
        return None
    match = _TIMESTAMP.search(text, 0, HEAD_CHARS)
    if match is None:
        return None
    try:
        found = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    if found > today:
        return None
    evidence = f"{INFERRED}timestamp {match.group().strip()!r} at the top of the text"
    return PublishedDate(found.isoformat(), "day", "text", evidence)


def _dateline(text: str, today: date) -> PublishedDate | None:
    """An agency dateline opening a paragraph: 'FLINT, Mich., Oct. 4 (UPI) — ...'. The year
    must be written in the text (a weekday is no evidence here: it may name any day)."""
    match = _DATELINE.search(text, 0, HEAD_CHARS)
    if match is None:
        return None
    day, month, year = timex.day_month(match["date"])
    why = "the dateline gives the year"
    if year is None:
        year = _written_year(text, today)
        why = f"latest full date in the text is in {year}"
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if found > today:
        return None
    evidence = f"{INFERRED}dateline {match.group().strip()!r}; {why}"
    return PublishedDate(found.isoformat(), "day", "text", evidence)


def _apposed(text: str, today: date) -> PublishedDate | None:
    """A relative day word beside its date: 'yesterday [19 March]'."""
    for match in _apposed_matches(text):
        day, month, year = timex.day_month(match["date"])
        offset = _RELATIVE_DAYS[match["word"].lower()]
        found = _year(text, day, month, year, today)
        if found is None:
            continue
        year, why = found
        try:
            published = date(year, month, day) - timedelta(days=offset)
        except ValueError:
            continue
        if published <= today:
            evidence = f"{INFERRED}text says {match.group()!r}; {why}"
            return PublishedDate(published.isoformat(), "day", "text", evidence)
    return None


def _apposed_matches(text: str) -> Iterator[re.Match]:
    """What ``_APPOSED.finditer`` finds, tried only where ``find`` in the lowered text sees
    a relative day word: the case-insensitive search over the whole text is slow. Texts
    with a character that search may read as an ASCII letter where ``str.lower`` does not
    (dotted and dotless i, long s) are searched whole."""
    if any(char in text for char in _CASE_CONFUSABLES):
        yield from _APPOSED.finditer(text)
        return
    # Without those characters, lowering keeps every offset.
    lowered = text.lower()
    starts = sorted({at for word in _RELATIVE_DAYS for at in _occurrences(lowered, word)})
    end = 0
    for start in starts:
        match = _APPOSED.match(text, start) if start >= end else None
        if match:
            end = match.end()
            yield match


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _year(text: str, day: int, month: int, year: int | None, today: date) -> tuple[int, str] | None:
    """The year of an apposed date and why, or None when the text does not tell."""
    if year:
        return year, "the date gives the year"
    written = _written_year(text, today)
    if written:
        return written, f"latest full date in the text is in {written}"
    named = {_WEEKDAYS[w.lower()] for w in _NAMED_WEEKDAY.findall(text)}
    for candidate in range(today.year, today.year - YEARS_BACK, -1):
        try:
            weekday = date(candidate, month, day).weekday()
        except ValueError:
            continue
        if weekday in named and date(candidate, month, day) <= today:
            name = next(w for w, n in _WEEKDAYS.items() if n == weekday).capitalize()
            return candidate, f"{day} {_month_name(month)} fell on a {name} (named) in {candidate}"
    return None


def _written_year(text: str, today: date) -> int | None:
    """The year of the latest full date ('18 March 2025') in the text, not after today."""
    years = [timex.day_month(m.group())[2] for m in _FULL_DATE.finditer(text)]
    past = [year for year in years if year and year <= today.year]
    return max(past, default=None)


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")
