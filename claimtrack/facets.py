"""Type a claim: what it is about (topics), where (venue), when (time), who takes part
(participants), whether it affirms, denies or hedges (polarity), and the talks event.

Everything is read from the claim content first. A time expression or venue just outside
the content in the same sentence counts too (``could hold talks "in the coming days"``),
except a time that dates the reporting ("Peskov said on Thursday"). Cue words live in
``data/topics.json``, ``data/places.json``, ``data/polarity.json`` and ``data/events.json``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from claimtrack import timex
from claimtrack.lexicon import table
from claimtrack.models import Actor, Attribution, Facets, Span, TimeExpression
from claimtrack.text import Document

TOPIC_ORDER = ("talks", "venue", "timeline", "participants")
# A time this close to the cue or source dates the reporting, not the claim.
REPORT_TIME_GAP = 16
# How many earlier sentences an anaphor ("such a meeting") may reach back to.
ANAPHOR_REACH = 3


def compile_cues(entries: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern for a list of cue entries (syntax in ``data/topics.json``)."""
    parts = []
    for entry in sorted(set(entries), key=len, reverse=True):
        pieces = [_cue_piece(piece) for piece in entry.split(" ... ")]
        body = r"(?:\W+\w+){0,4}?\W+".join(pieces)
        start = r"(?<!\w)" if entry[0].isalnum() and not entry.startswith("n't") else ""
        end = "" if entry.endswith("*") else r"(?!\w)"
        parts.append(start + body + end)
    return re.compile("|".join(parts), flags)


def _cue_piece(piece: str) -> str:
    prefix = piece.endswith("*")
    words = piece.rstrip("*").split()
    pattern = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)
    return pattern + (r"\w*" if prefix else "")


@dataclass(frozen=True)
class Place:
    """A gazetteer entry as found in text: its canonical name and what kind of place it is."""

    name: str
    kind: str  # country | demonym | city | venue | region
    country: str | None


_TOPICS = table("topics.json")
_POLARITY = table("polarity.json")
_EVENTS = table("events.json")
_TOPIC_CUES = {topic: compile_cues(_TOPICS[topic]) for topic in TOPIC_ORDER}
_ANAPHORS = compile_cues(_TOPICS["anaphors"])
_NOT_VENUE_HEADS = frozenset(w.lower() for w in _TOPICS["not_venue_heads"])
_VENUE_PREPOSITIONS = frozenset(_TOPICS["venue_prepositions"])
_NOT_PARTY_PREPOSITIONS = frozenset(_TOPICS["not_participant_prepositions"])
_TITLE_WORDS = frozenset(_TOPICS["title_words"])
_ATTRIBUTE_HEADS = frozenset(_TOPICS["attribute_heads"])
_MOTION_WORDS = frozenset(_TOPICS["motion_words"])
_CLAUSE_BREAK = compile_cues(_TOPICS["clause_breaks"])
_PRESENCE_VERBS = frozenset(_TOPICS["presence_verbs"])
_WORD_AFTER = re.compile(r"\W*([\w’']+)")
_HOST_CUE = compile_cues(["host", "hosts", "hosted", "hosting", "would host", "will host"])
_POLARITY_CUES = {
    key: compile_cues(_POLARITY[key])
    for key in ("uncertain_cues", "uncertain", "conditional", "deny", "negations", "hedges")
}
_NEUTRALISERS = compile_cues(_POLARITY["negation_neutralisers"])
_NEGATIVE_PREDICATES = compile_cues(_POLARITY["negative_predicates"])
_EVENT_KINDS = {kind: compile_cues(cues) for kind, cues in _EVENTS["kinds"].items()}
_EVENT_STATUSES = {status: compile_cues(cues) for status, cues in _EVENTS["statuses"].items()}
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_NAME_TOKEN = r"[A-ZÀ-ÖØ-ÞŁŚŠŽČ][^\W\d_]+"
# Hyphens split names: "a Trump-Putin meeting" names two people.
_NAME = re.compile(rf"(?<!\w){_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*")


def _places() -> tuple[re.Pattern[str], dict[str, Place]]:
    data = table("places.json")
    index: dict[str, Place] = {}
    for country, forms in data["countries"].items():
        for name in forms["names"]:
            index[name] = Place(country, "country", country)
        for demonym in forms["demonyms"]:
            index[demonym] = Place(country, "demonym", country)
    for region in data["regions"]:
        index[region] = Place(region, "region", None)
    for city, country in data["cities"].items():
        index[city] = Place(city, "city", country)
    for venue, city in data["venues"].items():
        index[venue] = Place(venue, "venue", data["cities"].get(city))
    surfaces = sorted(index, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in surfaces) + r")(?![\w-])"
    )
    return pattern, index


_PLACE_PATTERN, _PLACE_INDEX = _places()
_VENUE_RANK = {"venue": 0, "city": 1, "region": 2, "country": 3}
_NON_NAMES = frozenset([*_PLACE_INDEX, *(w.capitalize() for w in timex.calendar_words())])


def describe(
    doc: Document, attribution: Attribution, speaker: Actor, anchor: date | None
) -> Facets:
    """The facets of one claim; see the module docstring for the scope of each."""
    text = doc.text
    content = attribution.content.span
    context = _sentence_span(doc, content)
    time = _claim_time(doc, attribution, context, anchor)
    masked = _masked(text, content, time)
    cues = {topic: pattern.search(masked) for topic, pattern in _TOPIC_CUES.items()}
    reporting = [m.span for m in (attribution.cue, attribution.source) if m is not None]
    venue = _venue(text, content, context, reporting, cued=any(cues.values()))
    participants = _participants(doc, content, speaker, venue, talks=bool(cues["talks"]))
    polarity, polarity_cue = _polarity(masked, attribution.cue.text if attribution.cue else "")
    named_person = any(" " in p for p in participants) and bool(cues["talks"] or venue)
    topics = _topics(cues, venue, time, named_person)
    kind, status = _event(masked, polarity) if "talks" in topics else (None, None)
    return Facets(
        topics=topics,
        venue=venue[0].name if venue else None,
        venue_span=venue[1] if venue else None,
        time=time,
        participants=participants,
        polarity=polarity,
        polarity_cue=polarity_cue,
        event_kind=kind,
        event_status=status,
    )


def _sentence_span(doc: Document, span: Span) -> Span:
    """The sentences the content touches, joined; the content itself if none."""
    first = max(_sentence_index(doc, span[0]), 0)
    start, end = span
    for sentence in doc.sentences[first:]:
        if sentence[0] >= span[1]:
            break
        if sentence[1] > span[0]:
            start, end = min(start, sentence[0]), max(end, sentence[1])
    return start, end


def _sentence_index(doc: Document, position: int) -> int:
    """Index of the last sentence starting at or before ``position`` (-1 if none)."""
    return bisect_right(doc.sentences, position, key=lambda s: s[0]) - 1


def _masked(text: str, content: Span, time: TimeExpression | None) -> str:
    """The content with its time expression blanked: 'as soon as possible' is no condition."""
    start, end = content
    piece = text[start:end]
    if time and time.start and start <= time.span[0] and time.span[1] <= end:
        a, b = time.span[0] - start, time.span[1] - start
        piece = piece[:a] + " " * (b - a) + piece[b:]
    return piece


def _claim_time(
    doc: Document, attribution: Attribution, context: Span, anchor: date | None
) -> TimeExpression | None:
    """The first time inside the content, else the first one that trails it in the same
    clause (see ``_trails``)."""
    start, end = attribution.content.span
    found = timex.find_times(doc.text, context, anchor)
    inside = [t for t in found if start <= t.span[0] and t.span[1] <= end]
    if inside:
        return inside[0]
    reporting = [m.span for m in (attribution.cue, attribution.source) if m is not None]
    return next((t for t in found if _trails(doc.text, (start, end), t.span, reporting)), None)


def _trails(text: str, content: Span, span: Span, reporting: list[Span]) -> bool:
    """Whether a time or place outside the content still belongs to the claim: it follows
    the content, no clause break or attribution stands between them, and it is not right
    by the cue or source ("Peskov said on Thursday")."""
    if span[0] < content[1]:
        return False
    if any(content[1] <= r[0] < span[0] for r in reporting) or _near(span, reporting):
        return False
    return not _CLAUSE_BREAK.search(text, content[1], span[0])


def _near(span: Span, reporting: list[Span]) -> bool:
    """Whether a time or place outside the content dates or locates the reporting."""
    return any(_gap(span, r) < REPORT_TIME_GAP for r in reporting)


def _gap(a: Span, b: Span) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _word_before(text: str, position: int) -> tuple[str, int]:
    """The word ending just before ``position`` and where it starts."""
    found = _WORD_BEFORE.search(text, max(0, position - 30), position)
    return (found.group(1), found.start(1)) if found else ("", position)


def _venue(
    text: str, content: Span, context: Span, reporting: list[Span], cued: bool
) -> tuple[Place, Span] | None:
    """The most specific place introduced as a location ('in Jeddah', 'come to Moscow',
    'Saudi Arabia would host'), inside the content first, then trailing it. Without a
    topic cue only a presence ('would be in Geneva') counts."""
    candidates = []
    for match in _PLACE_PATTERN.finditer(text, context[0], context[1]):
        place = _PLACE_INDEX[match.group()]
        if place.kind == "demonym" or not _is_location(text, match, place, cued):
            continue
        inside = content[0] <= match.start() and match.end() <= content[1]
        if not inside and not _trails(text, content, match.span(), reporting):
            continue
        rank = (not inside, _VENUE_RANK[place.kind], _gap(match.span(), content))
        candidates.append((rank, place, match.span()))
    if not candidates:
        return None
    _, place, span = min(candidates, key=lambda c: c[0])
    return place, span


def _is_location(text: str, match: re.Match, place: Place, cued: bool) -> bool:
    before, position = _word_before(text, match.start())
    if before == "the":
        before, position = _word_before(text, position)
    if not cued:
        head, _ = _word_before(text, position)
        return before == "in" and head in _PRESENCE_VERBS and place.kind in ("city", "venue")
    if before in _VENUE_PREPOSITIONS:
        head, _ = _word_before(text, position)
        if before == "to" and place.kind == "country":
            return head.lower() in _MOTION_WORDS
        return head.lower() not in _NOT_VENUE_HEADS
    return bool(_HOST_CUE.match(text, match.end() + 1, match.end() + 20))


def _participants(
    doc: Document, content: Span, speaker: Actor, venue: tuple[Place, Span] | None, talks: bool
) -> list[str]:
    """Countries and people named as parties in the content (not places, not the speaker);
    for an anaphor such as 'such a meeting', the parties of the nearest earlier sentence."""
    venue_span = venue[1] if venue else None
    names = _parties(doc.text, content, venue_span)
    if not names and talks and _ANAPHORS.search(doc.text, *content):
        names = _antecedent_parties(doc, content)
    speaker_key = _key(speaker.name)
    return [n for n in names if _key(n) != speaker_key]


def _parties(text: str, span: Span, venue_span: Span | None) -> list[str]:
    found: dict[str, int] = {}
    for match in _PLACE_PATTERN.finditer(text, *span):
        place = _PLACE_INDEX[match.group()]
        if place.kind not in ("country", "demonym") or match.span() == venue_span:
            continue
        before, position = _word_before(text, match.start())
        if before == "the":
            before, _ = _word_before(text, position)
        if place.kind == "country" and before in _NOT_PARTY_PREPOSITIONS:
            continue
        after = _WORD_AFTER.match(text, match.end())
        if after and after.group(1).lower() in _ATTRIBUTE_HEADS:
            continue
        found.setdefault(place.name, match.start())
    for match in _NAME.finditer(text, *span):
        for name, position in _people(match):
            found.setdefault(name, position)
    return sorted(found, key=found.get)


def _people(match: re.Match) -> list[tuple[str, int]]:
    """Person names in a run of capitalised words, titles and places stripped."""
    if match.group() in _PLACE_INDEX:
        return []
    tokens = match.group().split()
    kept = [t for t in tokens if t not in _TITLE_WORDS and t not in _NON_NAMES]
    if not kept or kept != tokens[len(tokens) - len(kept) :]:
        return []
    actor = _canonical(" ".join(kept))
    if actor is None:
        return []
    return [(actor, match.start())]


def _antecedent_parties(doc: Document, content: Span) -> list[str]:
    index = _sentence_index(doc, content[0])
    for sentence in reversed(doc.sentences[max(0, index - ANAPHOR_REACH) : max(index, 0)]):
        if not _TOPIC_CUES["talks"].search(doc.text, *sentence):
            continue
        names = _parties(doc.text, sentence, None)
        if len(names) >= 2:
            return names
    return []


@cache
def _canonical(name: str) -> str | None:
    """The canonical name of a person, via the actors module when it can resolve names."""
    from claimtrack import actors

    resolve = getattr(actors, "canonical_actor", None)
    if resolve is None:
        return name if " " in name else None
    actor = resolve(name)
    if actor is None or actor.kind not in ("person", "unknown"):
        return None
    if actor.kind == "unknown" and " " not in name:
        return None
    return actor.name


def _key(name: str) -> str:
    from claimtrack import actors

    key = getattr(actors, "actor_key", None)
    return key(name) if key else name.casefold()


def _polarity(content: str, cue: str) -> tuple[str, str | None]:
    """Affirm, deny or uncertain, decided by the first rule in ``data/polarity.json`` order."""
    found = _POLARITY_CUES["uncertain_cues"].search(f"{cue} {content}")
    if found:
        return "uncertain", found.group()
    for key, polarity in (
        ("uncertain", "uncertain"),
        ("conditional", "uncertain"),
        ("deny", "deny"),
    ):
        found = _POLARITY_CUES[key].search(content)
        if found:
            return polarity, found.group()
    negation = _negation(content)
    if negation:
        return "deny", negation
    found = _POLARITY_CUES["hedges"].search(content)
    if found:
        return "uncertain", found.group()
    return "affirm", None


def _negation(content: str) -> str | None:
    """A negation that is not cancelled ('though not in full') or negating something bad
    ('would not be a big problem')."""
    cancelled = [m.span() for m in _NEUTRALISERS.finditer(content)]
    for match in _POLARITY_CUES["negations"].finditer(content):
        if any(s <= match.start() < e for s, e in cancelled):
            continue
        following = content[match.end() : match.end() + 40].split()[:4]
        if _NEGATIVE_PREDICATES.search(" ".join(following)):
            continue
        return match.group()
    return None


def _topics(
    cues: dict[str, re.Match | None],
    venue: tuple[Place, Span] | None,
    time: TimeExpression | None,
    named_person: bool,
) -> list[str]:
    """Topics whose cues occur, plus venue, timeline and participants when those slots are
    filled (a person named in a talks claim is a participant)."""
    present = {topic for topic, found in cues.items() if found}
    if named_person:
        present.add("participants")
    if venue:
        present.add("venue")
    if time:
        present.add("timeline")
    return [topic for topic in TOPIC_ORDER if topic in present]


def _event(content: str, polarity: str) -> tuple[str | None, str | None]:
    kind = next((k for k, p in _EVENT_KINDS.items() if p.search(content)), None)
    status = next((s for s, p in _EVENT_STATUSES.items() if p.search(content)), None)
    if polarity == "deny" and status not in ("refused", "postponed"):
        status = "refused"
    return kind, status
