"""Time expressions: find them in text and normalise them against the publication date.

A small grammar whose words live in ``data/time_expressions.json``. Each rule is a regular
expression with named parts; all rules are joined into one scanner, tried only where a word
that can start a time expression stands. A match is then resolved to an inclusive ISO date
range and a precision (day | week | month | year | near | unspecified). Relative
expressions need an anchor (the publication date); without one only their precision is
known. Bare weekdays and dates without a year are resolved in the direction of the tense of
their clause ("will meet on Friday" is the next Friday, "met on Friday" the last one).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from claimtrack.lexicon import table
from claimtrack.models import Span, TimeExpression

FUTURE = "future"
PAST = "past"

_DATA = table("time_expressions.json")
_MONTHS: dict[str, int] = _DATA["months"]
_WEEKDAYS: dict[str, int] = _DATA["weekdays"]
_NUMBERS: dict[str, int] = _DATA["numbers"]
_UNITS: dict[str, int] = _DATA["units"]
_PERIOD_PARTS: dict[str, list[float]] = _DATA["period_parts"]
_RELATIVE_PERIODS: dict[str, int] = _DATA["relative_periods"]
_RELATIVE_DAYS: dict[str, int] = _DATA["relative_days"]
_VAGUE: dict[str, list[int] | None] = _DATA["vague"]
_DEADLINES: dict[str, str] = _DATA["deadline_words"]


def _alternation(words, capitalised: bool = False) -> str:
    """Longest first so that 'quite promptly' wins over 'promptly'."""
    ordered = sorted(words, key=len, reverse=True)
    escaped = "|".join(re.escape(w.capitalize() if capitalised else w) for w in ordered)
    # Month and weekday names must be capitalised: "may" and "march" are also verbs.
    return f"(?-i:{escaped})" if capitalised else f"(?:{escaped})"


_MONTH = _alternation(_MONTHS, capitalised=True)
_WEEKDAY = _alternation(_WEEKDAYS, capitalised=True)
_DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DAY_MONTH = rf"(?:{_DAY_NUM}\s+{_MONTH}|{_MONTH}\.?\s+{_DAY_NUM}\b)(?:,?\s+{_YEAR})?"
_REL = _alternation(_RELATIVE_PERIODS)
_PART = _alternation(_PERIOD_PARTS)
_NUMBER = rf"(?:\d+|{_alternation(_NUMBERS)})"
# Without a preposition "a week" is too often a rate ("twice a week"): digits or words only.
_BARE_NUMBERS = [n for n in _NUMBERS if n not in ("a", "an")]
_BARE_NUMBER = rf"(?:\d+|{_alternation(_BARE_NUMBERS)})"
_UNIT = rf"(?:{_alternation(_UNITS)})s?"
_DAY_PART = _alternation(_DATA["day_parts"])
_PERIOD = rf"(?:(?:{_REL}|the)\s+(?:weekend|{_UNIT})|{_MONTH}(?:\s+{_YEAR})?)"

# Rules in priority order: at one position the first rule that matches wins.
_RULES: dict[str, str] = {
    "between": rf"between\s+(?P<first>{_DAY_MONTH})\s+and\s+(?P<second>{_DAY_MONTH})",
    "deadline": rf"(?P<word>{_alternation(_DEADLINES)})\s+(?P<rest>(?:the\s+)?{_PART}[\s-]+"
    rf"(?:of\s+)?{_PERIOD}|{_DAY_MONTH}|{_WEEKDAY}|{_MONTH})",
    "vague": rf"(?P<phrase>{_alternation(_VAGUE)})",
    "not_time": _alternation(_DATA["not_times"]),
    "relative_day": rf"(?P<day>{_alternation(_RELATIVE_DAYS)})",
    "part": rf"(?:(?:at|in|by|from|for)\s+)?(?P<part>{_PART})[\s-]+(?:of\s+)?(?P<period>{_PERIOD})",
    "period": rf"(?:(?P<shift>later|earlier)\s+)?(?:(?P<rel>{_REL})\s+(?P<unit>weekend|{_UNIT}))",
    "duration": rf"(?:(?:within|in|over|for|during)\s+(?:the\s+(?:next|coming)\s+)?"
    rf"(?P<number>{_NUMBER})|(?P<bare>{_BARE_NUMBER}))\s+(?P<unit>{_UNIT})(?P<ago>\s+ago)?",
    "weekday": rf"(?:(?:on|from|since|until|by)\s+)?(?:(?P<rel>this|next|last|coming)\s+)?"
    rf"(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>{_DAY_PART}))?",
    "date": rf"(?:(?:on|from|since)\s+)?(?P<date>{_DAY_MONTH})",
    "month": rf"(?:(?:in|since|from|during|of|this|last|next)\s+)(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>{_YEAR}))?|(?P<month2>{_MONTH})\s+(?P<year2>{_YEAR})",
    "year": rf"(?:in|by|since|until|during)\s+(?P<year>{_YEAR})\b",
}


def _first_words(phrases: Iterable[str]) -> tuple[str, ...]:
    return tuple(re.split(r"[\s-]", phrase)[0].lower() for phrase in phrases)


# Stands for a number written in digits among the words a rule may start with.
_NUMERAL = "0"
# The words each rule above may start with, lowercased.
_RULE_LEADS: dict[str, tuple[str, ...]] = {
    "between": ("between",),
    "deadline": _first_words(_DEADLINES),
    "vague": _first_words(_VAGUE),
    "not_time": _first_words(_DATA["not_times"]),
    "relative_day": _first_words(_RELATIVE_DAYS),
    "part": ("at", "in", "by", "from", "for", *_first_words(_PERIOD_PARTS)),
    "period": ("later", "earlier", *_first_words(_RELATIVE_PERIODS)),
    "duration": ("within", "in", "over", "for", "during", _NUMERAL, *_first_words(_BARE_NUMBERS)),
    "weekday": ("on", "from", "since", "until", "by", "this", "next", "last", "coming", *_WEEKDAYS),
    "date": ("on", "from", "since", _NUMERAL, *_MONTHS),
    "month": ("in", "since", "from", "during", "of", "this", "last", "next", *_MONTHS),
    "year": ("in", "by", "since", "until", "during"),
}
_RULE_PATTERNS = {k: re.compile(p, re.IGNORECASE) for k, p in _RULES.items()}
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _scanner(kinds: Iterable[str]) -> re.Pattern:
    """The rules of ``kinds`` joined into one pattern; a match's ``lastgroup`` is its rule."""
    alternatives = (rf"(?P<{kind}>{_NAMED_GROUP.sub('(?:', _RULES[kind])})(?!\w)" for kind in kinds)
    # One word boundary up front lets the scanner skip most positions after a single test.
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


_SCANNER = _scanner(_RULES)
# Each lead word's scanner cut down to the rules that may start with it: a try at a common
# word ('the', 'in') costs a few rules instead of all of them.
_SCANNERS = {
    lead: _scanner([kind for kind in _RULES if lead in _RULE_LEADS[kind]])
    for lead in {lead for leads in _RULE_LEADS.values() for lead in leads}
}
_WORD = re.compile(r"\w+")
# Every time expression holds a digit or one of these words (the last word of a vague
# phrase, a unit, a calendar name); text without any holds none.
_CORE_WORDS = frozenset(
    word.lower()
    for word in (
        *(re.split(r"[\s-]", phrase)[-1] for phrase in (*_VAGUE, *_RELATIVE_DAYS)),
        *(f"{unit}{plural}" for unit in (*_UNITS, "weekend") for plural in ("", "s")),
        *_MONTHS,
        *_WEEKDAYS,
    )
)
_DIGIT = re.compile(r"\d")
_DAY_MONTH_AT = re.compile(_DAY_MONTH, re.IGNORECASE)
DAY_MONTH_PATTERN = _DAY_MONTH
_TENSE_WORD = re.compile(r"['’]?\w+")


def _tense_phrases() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> (phrase words, tense) for the tense cues of the data file."""
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for tense, cues in _DATA["tense"].items():
        for cue in cues:
            tokens = tuple(_TENSE_WORD.findall(cue.lower().replace("’", "'")))
            phrases.setdefault(tokens[0], []).append((tokens, tense))
    return phrases


_TENSE_PHRASES = _tense_phrases()


@dataclass(frozen=True)
class _Range:
    start: date | None
    end: date | None
    precision: str


def resolve(
    expression: str, anchor: date | None, tense: str | None = None
) -> tuple[str | None, str | None, str]:
    """ISO start, ISO end (inclusive) and precision of a time expression.

    ``tense`` ("future" | "past" | None) picks the direction for bare weekdays and dates
    without a year; with None the nearest candidate wins. Unknown expressions and
    relative ones without an anchor give ``(None, None, precision)``.
    """
    match = _SCANNER.search(expression)
    if match is None or match.lastgroup == "not_time":
        return None, None, "unspecified"
    found = _resolve_match(match, anchor, tense)
    return _iso(found.start), _iso(found.end), found.precision


# Far-apart days in different seasons and on different weekdays (Sunday, Wednesday,
# Friday), against which an expression is read when no anchor is known (``reads_past``).
_REFERENCE_DAYS = (date(1950, 1, 1), date(2080, 7, 3), date(2081, 4, 4))


@lru_cache(maxsize=4096)
def reads_past(expression: str) -> bool | None:
    """Whether an expression lies before whatever day it is said on: True for 'last week',
    'yesterday', 'two days ago'; False for 'next week', 'today', 'soon'; None when that
    depends on the day ('in 2003', 'Friday', 'June 16')."""
    verdicts = set()
    for reference in _REFERENCE_DAYS:
        start, end, _ = resolve(expression, reference)
        if start is None or end is None:
            return None
        day = reference.isoformat()
        verdicts.add(True if end < day else False if start >= day else None)
    return verdicts.pop() if len(verdicts) == 1 else None


def find_times(text: str, span: Span, anchor: date | None) -> list[TimeExpression]:
    """Time expressions inside ``text[span]``, resolved with the tense of their clause."""
    start, end = span
    window = text[start:end]
    if not _may_hold_time(window):
        return []
    found = []
    for match in _scan(window):
        if match.lastgroup == "not_time":
            continue
        tense = tense_of(window, match.start(), match.end())
        resolved = _resolve_match(match, anchor, tense)
        found.append(
            TimeExpression(
                text=match.group(),
                span=(start + match.start(), start + match.end()),
                start=_iso(resolved.start),
                end=_iso(resolved.end),
                precision=resolved.precision,
            )
        )
    return found


def day_month(text: str) -> tuple[int, int, int | None] | None:
    """Day, month and year (None when not written) of a date such as '19 March' or
    'March 19, 2025' at the start of ``text``."""
    match = _DAY_MONTH_AT.match(text)
    if match is None:
        return None
    numbers = re.findall(r"\d+", match.group())
    year = next((int(n) for n in numbers if len(n) == 4), None)
    return int(numbers[0]), _month_number(re.search(_MONTH, match.group()).group()), year


def relative_day_offsets() -> dict[str, int]:
    """'yesterday' -> -1 and the like: day offsets of the relative day words."""
    return dict(_RELATIVE_DAYS)


def weekday_numbers() -> dict[str, int]:
    """'monday' -> 0 ... 'sunday' -> 6."""
    return dict(_WEEKDAYS)


def calendar_words() -> tuple[str, ...]:
    """Month and weekday names: capitalised words that are never names of people."""
    return (*_MONTHS, *_WEEKDAYS)


def _may_hold_time(text: str) -> bool:
    """A cheap test that rules out most sentences before the scanner runs."""
    if _DIGIT.search(text):
        return True
    # Lowering the text first may only split a word (at a dotted capital I): a false
    # positive at worst, which the scanner then rules out.
    return not _CORE_WORDS.isdisjoint(_WORD.findall(text.lower()))


def _scan(text: str) -> list[re.Match]:
    """What ``_SCANNER.finditer`` finds, trying only where a word that may start a time
    expression stands, and only the rules that may start with it."""
    found: list[re.Match] = []
    for word in _WORD.finditer(text):
        if found and word.start() < found[-1].end():
            continue
        key = word.group()
        lead = _NUMERAL if key[0].isdigit() else key.lower()
        if lead in _SCANNERS:
            match = _SCANNERS[lead].match(text, word.start())
            if match:
                found.append(match)
    return found


def tense_of(text: str, start: int, end: int) -> str | None:
    """The tense implied around ``text[start:end]``: the nearest cue before it, else after."""
    before = _tense_words(text[max(0, start - 80) : start])
    found = _first_tense(before, reversed(range(len(before))))
    if found:
        return found
    after = _tense_words(text[end : end + 60])
    return _first_tense(after, range(len(after)))


def _tense_words(text: str) -> list[str]:
    return _TENSE_WORD.findall(text.lower().replace("’", "'"))


def _first_tense(tokens: list[str], order: Iterable[int]) -> str | None:
    """The tense of the first cue found starting at the positions of ``tokens`` in
    ``order`` (nearest first), None if none starts at any."""
    for index in order:
        for phrase, tense in _TENSE_PHRASES.get(tokens[index], ()):
            if tuple(tokens[index : index + len(phrase)]) == phrase:
                return tense
    return None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _resolve_match(match: re.Match, anchor: date | None, tense: str | None) -> _Range:
    kind = match.lastgroup
    parts = _RULE_PATTERNS[kind].fullmatch(match.group())
    return _RESOLVERS[kind](parts, anchor, tense)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _unit_days(word: str) -> int:
    return _UNITS[word.lower().rstrip("s")]


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _pick_year(anchor: date, month: int, day: int, tense: str | None) -> date:
    """The candidate date in the anchor's year or a neighbour that fits the tense."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        day_in_month = min(day, calendar.monthrange(year, month)[1])
        candidates.append(date(year, month, day_in_month))
    return _pick(candidates, anchor, tense)


def _pick(candidates: list[date], anchor: date, tense: str | None) -> date:
    if tense == FUTURE:
        later = [c for c in candidates if c >= anchor]
        if later:
            return min(later)
    if tense == PAST:
        earlier = [c for c in candidates if c <= anchor]
        if earlier:
            return max(earlier)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c < anchor))


def _parse_day_month(text: str, anchor: date | None, tense: str | None) -> _Range:
    numbers = re.findall(r"\d+", text)
    month = _month_number(re.search(_MONTH, text).group())
    day = int(numbers[0])
    year = next((int(n) for n in numbers if len(n) == 4), None)
    if year:
        found = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    elif anchor:
        found = _pick_year(anchor, month, day, tense)
    else:
        return _Range(None, None, "day")
    return _Range(found, found, "day")


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _resolve_month(name: str, year: str | None, anchor: date | None, tense: str | None) -> _Range:
    month = _month_number(name)
    if year:
        return _Range(*_month_range(int(year), month), "month")
    if anchor is None:
        return _Range(None, None, "month")
    ranges = [_month_range(y, month) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    by_start = {start: (start, end) for start, end in ranges}
    month_of_anchor = anchor.replace(day=1)
    chosen = _pick(list(by_start), month_of_anchor, tense)
    return _Range(*by_start[chosen], "month")


def _period_range(text: str, anchor: date | None, tense: str | None) -> _Range:
    """A whole period: 'next week', 'this weekend', 'the month', 'February 2025'."""
    month = re.search(_MONTH, text)
    if month:
        year = re.search(_YEAR, text)
        return _resolve_month(month.group(), year.group() if year else None, anchor, tense)
    words = text.lower().split()
    unit = words[-1].rstrip("s")
    rel = " ".join(words[:-1])
    shift = _RELATIVE_PERIODS.get(rel, 0)
    precision = "week" if unit == "weekend" else unit
    if anchor is None:
        return _Range(None, None, precision)
    if unit in ("week", "weekend"):
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=shift)
        if unit == "weekend":
            return _Range(monday + timedelta(days=5), monday + timedelta(days=6), precision)
        return _Range(monday, monday + timedelta(days=6), precision)
    if unit == "day":
        day = anchor + timedelta(days=shift)
        return _Range(day, day, "day")
    if unit == "month":
        first = anchor.replace(day=1) + relativedelta(months=shift)
        return _Range(*_month_range(first.year, first.month), precision)
    year = anchor.year + shift
    return _Range(date(year, 1, 1), date(year, 12, 31), "year")


def _fraction(whole: _Range, part: str) -> _Range:
    if whole.start is None or whole.end is None:
        return whole
    low, high = _PERIOD_PARTS[part.lower()]
    length = (whole.end - whole.start).days + 1
    first = whole.start + timedelta(days=int(length * low))
    last = whole.start + timedelta(days=max(int(length * high) - 1, int(length * low)))
    return _Range(first, last, whole.precision)


def _between(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    first = _parse_day_month(m["first"], anchor, tense)
    second = _parse_day_month(m["second"], anchor, tense)
    return _Range(first.start, second.end, "day")


def _deadline(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    rest = m["rest"]
    inner = _SCANNER.fullmatch(rest) or _SCANNER.search(rest)
    if inner is None:  # a bare month name: "by March"
        target = _resolve_month(rest, None, anchor, tense or FUTURE)
    else:
        target = _resolve_match(inner, anchor, tense or FUTURE)
    if anchor is None or target.end is None:
        return _Range(None, None, target.precision)
    end = target.end
    ends_period = "end" in rest.lower() or inner is None or inner.lastgroup in ("month", "part")
    if _DEADLINES[m["word"].lower()] == "before" and not ends_period:
        end = target.start - timedelta(days=1)
    # From now until the deadline; a deadline already past covers its own period only.
    return _Range(anchor if anchor <= end else target.start, end, target.precision)


def _vague(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    bounds = _VAGUE[m["phrase"].lower()]
    if bounds is None:
        return _Range(None, None, "unspecified")
    if anchor is None:
        return _Range(None, None, "near")
    return _Range(anchor + timedelta(days=bounds[0]), anchor + timedelta(days=bounds[1]), "near")


def _relative_day(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    if anchor is None:
        return _Range(None, None, "day")
    day = anchor + timedelta(days=_RELATIVE_DAYS[m["day"].lower()])
    return _Range(day, day, "day")


def _part(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    return _fraction(_period_range(m["period"], anchor, tense), m["part"])


def _period(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    whole = _period_range(f"{m['rel']} {m['unit']}", anchor, tense)
    if not m["shift"] or whole.start is None or anchor is None:
        return whole
    if m["shift"].lower() == "later":
        return _Range(max(whole.start, anchor + timedelta(days=1)), whole.end, whole.precision)
    return _Range(whole.start, min(whole.end, anchor - timedelta(days=1)), whole.precision)


def _duration(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    number = m["number"] or m["bare"]
    vague = number.lower() in _DATA["vague_quantities"]
    unit = m["unit"].lower().rstrip("s")
    precision = "near" if vague else unit
    if anchor is None:
        return _Range(None, None, precision)
    length = timedelta(days=_number(number) * _unit_days(m["unit"]))
    if m["ago"]:
        return _Range(anchor - length, anchor - length, precision)
    return _Range(anchor, anchor + length, precision)


def _weekday(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    if anchor is None:
        return _Range(None, None, "day")
    target = _WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    if rel in ("next", "last", "this"):
        monday = anchor - timedelta(days=anchor.weekday())
        shift = {"next": 1, "last": -1, "this": 0}[rel]
        day = monday + timedelta(weeks=shift, days=target)
        return _Range(day, day, "day")
    if rel == "coming":
        tense = FUTURE
    offset = (target - anchor.weekday()) % 7
    candidates = [anchor + timedelta(days=offset), anchor + timedelta(days=offset - 7)]
    day = _pick(candidates, anchor, tense)
    return _Range(day, day, "day")


def _date(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    return _parse_day_month(m["date"], anchor, tense)


def _month(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    return _resolve_month(m["month"] or m["month2"], m["year"] or m["year2"], anchor, tense)


def _year(m: re.Match, anchor: date | None, tense: str | None) -> _Range:
    year = int(m["year"])
    return _Range(date(year, 1, 1), date(year, 12, 31), "year")


_RESOLVERS: dict[str, Callable[[re.Match, date | None, str | None], _Range]] = {
    "between": _between,
    "deadline": _deadline,
    "vague": _vague,
    "relative_day": _relative_day,
    "part": _part,
    "period": _period,
    "duration": _duration,
    "weekday": _weekday,
    "date": _date,
    "month": _month,
    "year": _year,
}
