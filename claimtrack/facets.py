"""Type a claim: what it is about (topics), where (venue), when (time), who takes part
(participants, and as ``parties`` with their role), whether it affirms, denies or hedges
(polarity), the talks event (kind and status), and the agent of a reported commitment. The
speaker is never a party: in "Peskov said that Trump and Putin discussed talks" the parties
are Trump and Putin. Times resolve against the anchor ``describe`` is given: the day the
claim was said (``claimtrack.said_at``), which is the publication date unless the text says.

Everything is read from the claim content first. A time expression or venue just outside
the content counts too when it trails the content in the same clause (``could hold talks
"in the coming days"``), but not one that dates or locates the reporting ("Peskov said on
Thursday"), nor a past time that dates a background event ("On Wednesday, X and Y also
discussed ...", "had a telephone conversation on 18 March").

Topics are kept narrow, so that ``--topic`` queries stay clean: ``talks`` needs a talks cue
that is not only the frame of a participants phrase ("represent Russia at the next talks"
is about participants) nor the complement of a detail ("the date of the next talks" is
about the timeline), nor one in a detail the predicate withholds ("did not provide any
timeline for a potential meeting"); ``participants``, ``venue`` and ``timeline`` cues count
only where talks are in view (in the claim or the few sentences before it); no topic cue
counts in a clause that gives a reason ("could not be predicted because the delegations
were still establishing contacts"); parties recalled for an
anaphor, and names joined into a compound that identifies the event ('a Trump-Putin
meeting'), fill the slot but do not make a participants claim; a time makes a timeline claim
only in a claim about talks (or a bare fragment that goes on from them).

Parties are countries and people: a leader's role over countries names the leaders ("the
leaders of Russia and Ukraine" are Putin and Zelensky on the anchor day), and a country
right after a city only locates it ("in Istanbul, Turkey").

Cue words live in ``data/topics.json``, ``data/places.json``,
``data/polarity.json`` and ``data/events.json``; they are matched word by word (see
``CueIndex``), which keeps the cost linear in the text and independent of the lexicon size.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import compress, islice
from operator import itemgetter
from typing import NamedTuple

from claimtrack import timex
from claimtrack.actors import RoleSense, actor_key, canonical_actor, role_sense
from claimtrack.lexicon import table
from claimtrack.models import Actor, Attribution, Facets, Span, TimeExpression
from claimtrack.text import Document

TOPIC_ORDER = ("talks", "venue", "timeline", "participants")
# A time or place this close (in characters) to the cue or source dates or locates the
# reporting, not the claim.
REPORT_GAP = 16
# Characters read before the content (for "in", "the") and after it (trailing slots).
LEAD_CHARS = 40
TRAIL_CHARS = 160
# How far (in words) after a clause break a reporting verb makes it an embedded report.
REPORT_REACH = 8
# How many words before a time a negation rules the time out.
NEGATION_REACH = 3
# How many words before a talks cue a preposition makes it framed by an earlier topic cue.
FRAME_REACH = 3
# Topics whose cues can frame a talks cue (see ``_about_talks``).
FRAMING_TOPICS = ("participants",)
# Topics whose cues head a phrase that only names the talks as their complement (see
# ``_detail_heads``).
DETAIL_HEAD_TOPICS = ("timeline", "venue")
# Topics that are details of talks: their cues count only where talks are in view.
DETAIL_TOPICS = ("venue", "timeline", "participants")
# How many words besides its time a claim without a talks cue may have and keep that time.
TIME_FRAGMENT_WORDS = 6
# How many words before a past time a marker of an earlier event ('following') may stand.
PAST_EVENT_REACH = 5
# How many earlier sentences an anaphor ("such a meeting") may reach back to.
ANAPHOR_REACH = 3
# How many characters before a name a hyphenated name joined to it may start.
NAME_REACH = 30
# How many words "a ... b" in a cue entry may skip.
CUE_GAP = 4
# The role class of heads of state and government (data/roles.json): 'the leaders of
# Russia and Ukraine' names the holders of such roles.
LEADER_CLASS = "leader"

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_NEW = tuple.__new__  # builds a Word without the slower NamedTuple constructor


class Word(NamedTuple):
    """A word of the text: its matching key (casefolded, straight apostrophe) and span."""

    text: str
    key: str
    start: int
    end: int


def words(text: str, span: Span) -> list[Word]:
    """The words of ``text[span]``, with offsets into ``text``. Contractions are split as
    the cue lists spell them: "don't" -> "do" "n't", "we’ll" -> "we" "ll"."""
    found = []
    for match in _WORD.finditer(text, *span):
        token, start = match.group(), match.start()
        if "'" in token or "’" in token:
            found.extend(_contraction(token, start))
        else:
            found.append(_NEW(Word, (token, token.lower(), start, match.end())))
    return found


def _contraction(token: str, start: int) -> list[Word]:
    cut = (
        len(token) - 3
        if token[-3:].lower() in ("n't", "n’t")
        else max(token.rfind("'"), token.rfind("’"))
    )
    second = token[cut:] if token[cut] not in "'’" else token[cut + 1 :]
    end = start + len(token)
    suffix = Word(second, second.lower().replace("’", "'"), end - len(second), end)
    if not cut:  # "n't" written alone, as cue lists may: one word
        return [suffix]
    return [Word(token[:cut], token[:cut].lower(), start, start + cut), suffix]


class _Part(NamedTuple):
    word: str
    prefix: bool
    gap: bool


class Hit(NamedTuple):
    """A cue entry found in the words ``[first, last)``, spanning ``start:end`` chars."""

    entry: str
    first: int
    last: int
    start: int
    end: int


_Cue = tuple[str, str, tuple[_Part, ...]]  # category, entry, parts
_Table = dict[str | None, list[_Cue]]  # the word after a cue's first word -> its cues


class CueIndex:
    """Cue phrases of several categories matched over words in one pass: ``talks``,
    ``negotiat*`` (any word starting so), ``invite ... to`` (up to ``CUE_GAP`` words
    between). Each word is looked up once, whatever the size of the lexicon."""

    def __init__(self, categories: dict[str, Iterable[str]], case_sensitive: bool = False):
        self.case_sensitive = case_sensitive
        self._field = 0 if case_sensitive else 1  # Word.text or Word.key
        self._exact: dict[str, list[_Cue]] = {}
        self._prefixed: dict[str, list[_Cue]] = {}
        # Word key -> the phrases it may open, looked up once per distinct word.
        self._tables = _Memo(self._candidates)
        for category, entries in categories.items():
            for entry in entries:
                parts = self._parse(entry)
                if parts and parts[0].prefix:
                    self._prefixed.setdefault(parts[0].word[:3], []).append(
                        (category, entry, parts)
                    )
                elif parts:
                    self._exact.setdefault(parts[0].word, []).append((category, entry, parts))

    def _parse(self, entry: str) -> tuple[_Part, ...]:
        parts = []
        for index, piece in enumerate(entry.split(" ... ")):
            tokens = [self._key(w) for w in words(piece, (0, len(piece)))]
            for position, token in enumerate(tokens):
                last = position == len(tokens) - 1
                parts.append(
                    _Part(token, last and piece.endswith("*"), index > 0 and position == 0)
                )
        return tuple(parts)

    def _key(self, word: Word) -> str:
        return word[self._field]

    def _matches(self, word: Word, part: _Part) -> bool:
        key = self._key(word)
        return key.startswith(part.word) if part.prefix else key == part.word

    def _end(self, seq: Sequence[Word], first: int, parts: tuple[_Part, ...]) -> int | None:
        """Index after the last word of ``parts`` matched from ``first``, or None."""
        at = first + 1
        for part in parts[1:]:
            reach = min(at + CUE_GAP + 1 if part.gap else at + 1, len(seq))
            for index in range(at, reach):
                if self._matches(seq[index], part):
                    at = index + 1
                    break
            else:
                return None
        return at

    def _candidates(self, key: str) -> _Table | None:
        """The phrases a word with this key may open (None if none), by the word after it;
        see ``_by_second_word``."""
        exact = self._exact.get(key, [])
        same_start = self._prefixed.get(key[:3])
        if not (exact or same_start):  # most words: no phrase starts with them
            return None
        prefixed = [c for c in same_start or () if key.startswith(c[2][0].word)]
        return _by_second_word(exact + prefixed) if exact or prefixed else None

    def scan(self, seq: Sequence[Word]) -> dict[str, list[Hit]]:
        """Hits by category: leftmost-longest, not overlapping within a category."""
        found: dict[str, list[Hit]] = {}
        free: dict[str, int] = {}
        tables, field = self._tables, self._field
        length = len(seq)
        # One lookup per word, in C: most words open no phrase.
        looked_up = list(map(tables.__getitem__, map(itemgetter(field), seq)))
        for index in compress(range(length), looked_up):
            table = looked_up[index]
            following = seq[index + 1][field] if index + 1 < length else None
            cues = table.get(following) or table[None]
            if not cues:  # "the" opens phrases, none of them with this next word
                continue
            best: dict[str, Hit] = {}
            for category, entry, parts in cues:
                if free.get(category, 0) > index:
                    continue
                end = index + 1 if len(parts) == 1 else self._end(seq, index, parts)
                if end is not None and (category not in best or end > best[category].last):
                    best[category] = Hit(entry, index, end, seq[index].start, seq[end - 1].end)
            for category, hit in best.items():
                found.setdefault(category, []).append(hit)
                free[category] = hit.last
        return found


class _Memo(dict):
    """A dict that computes a missing value once with ``compute``; cleared when it holds
    ``limit`` entries, so that a long run over new words stays bounded."""

    def __init__(self, compute: Callable[[str], object], limit: int = 200_000):
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: str) -> object:
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._compute(key)
        return value


def _by_second_word(cues: list[_Cue]) -> _Table:
    """Cues grouped for the word that follows their first: under ``None`` those that need
    no particular word there; under a word, those plus the ones whose plain second word
    it is. Order is kept, as it breaks ties between equally long hits."""
    seconds = {parts[1].word for _, _, parts in cues if _plain_second(parts)}
    table: _Table = {
        second: [c for c in cues if not _plain_second(c[2]) or c[2][1].word == second]
        for second in seconds
    }
    table[None] = [c for c in cues if not _plain_second(c[2])]
    return table


def _plain_second(parts: tuple[_Part, ...]) -> bool:
    """Whether a phrase's second word must follow its first as written (no gap, no prefix)."""
    return len(parts) >= 2 and not parts[1].gap and not parts[1].prefix


def _required_words(entries: Iterable[str]) -> re.Pattern:
    """A pattern for the longest word of each cue entry: text without a match has no cue,
    and one search rules most sentences out before they are split into words."""
    found = set()
    for entry in entries:
        longest = max(entry.replace("...", " ").split(), key=len)
        prefix = longest.endswith("*")
        found.add(re.escape(longest.rstrip("*")) + (r"\w*" if prefix else r"\b"))
    # Testing the first letter before the alternatives skips most word boundaries fast.
    firsts = {word[0] for word in found}
    letters = re.escape("".join(sorted({c.lower() for c in firsts} | {c.upper() for c in firsts})))
    return re.compile(rf"\b(?=[{letters}])(?i:{'|'.join(sorted(found))})")


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: its canonical name and what kind of place it is."""

    name: str
    kind: str  # country | demonym | city | venue | region


def _places() -> dict[str, Place]:
    data = _PLACE_DATA
    index: dict[str, Place] = {}
    for country, forms in data["countries"].items():
        for name in forms["names"]:
            index[name] = Place(country, "country")
        for demonym in forms["demonyms"]:
            index[demonym] = Place(country, "demonym")
    for region in data["regions"]:
        index[region] = Place(region, "region")
    for city in data["cities"]:
        index[city] = Place(city, "city")
    for venue in data["venues"]:
        index[venue] = Place(venue, "venue")
    return index


_TOPICS = table("topics.json")
_PLACE_DATA = table("places.json")
_POLARITY = table("polarity.json")
_EVENTS = table("events.json")
# Checked in this order; the first polarity rule with a hit decides.
_POLARITY_RULES = (
    ("uncertain", "uncertain"),
    ("conditional", "uncertain"),
    ("deny", "deny"),
)
_POLARITY_LISTS = (
    *(key for key, _ in _POLARITY_RULES),
    "negations",
    "negation_neutralisers",
    "negative_predicates",
    "hedges",
)
_CONTENT_CUES = CueIndex(
    {
        **{f"topic:{topic}": _TOPICS[topic] for topic in TOPIC_ORDER},
        "anaphor": _TOPICS["anaphors"],
        "break": _TOPICS["clause_breaks"],
        "report": _TOPICS["reporting_verbs"],
        "host": _TOPICS["host_words"],
        "reason": _TOPICS["reason_words"],
        **{f"polarity:{key}": _POLARITY[key] for key in _POLARITY_LISTS},
        **{f"kind:{kind}": cues for kind, cues in _EVENTS["kinds"].items()},
        **{f"status:{status}": cues for status, cues in _EVENTS["statuses"].items()},
    }
)
_REPORT_CUES = CueIndex(
    {"uncertain": _POLARITY["uncertain_cues"], "conditional": _POLARITY["conditional"]}
)
_WITHHOLDING_CUES = CueIndex({"withholding": _POLARITY["withholding_cues"]})
_CLAUSE_BREAKS = CueIndex({"break": _TOPICS["clause_breaks"]})
_NEGATED_STATUSES = frozenset(_EVENTS["negated_statuses"])
_UNREALISED_BEFORE = frozenset(_EVENTS["unrealised_before"])
_DETAIL_QUESTIONS = frozenset(_POLARITY["detail_questions"])
_NEGATIONS = frozenset(_POLARITY["negations"])
_VOLITIONAL_VERBS = frozenset(_POLARITY["volitional_verbs"])
_DETAIL_ADVERBS = frozenset(_POLARITY["detail_adverbs"])
_COMMITMENTS = CueIndex({"commitment": _EVENTS["commitment_words"]})
# How many words may open the content before the commitment word of its agent.
AGENT_REACH = 4
_HOST_WORDS = frozenset(_TOPICS["host_words"])
_PAST_EVENT_MARKERS = frozenset(_TOPICS["past_event_markers"])
_TALKS_CUES = CueIndex({"topic:talks": _TOPICS["talks"]})
_TALKS_HINT = _required_words(_TOPICS["talks"])
_FRAME_PREPOSITIONS = frozenset(_TOPICS["frame_prepositions"])
_FRAME_DETERMINERS = frozenset(_TOPICS["frame_determiners"])
_DETAIL_HEAD_LINKS = frozenset(_TOPICS["detail_head_links"])
_NOT_VENUE_HEADS = frozenset(w.lower() for w in _TOPICS["not_venue_heads"])
_VENUE_PREPOSITIONS = frozenset(_TOPICS["venue_prepositions"])
_PRESENCE_VERBS = frozenset(_TOPICS["presence_verbs"])
_MOTION_WORDS = frozenset(_TOPICS["motion_words"])
_CHOICE_WORDS = frozenset(_TOPICS["choice_words"])
_VENUE_NOUNS = frozenset(_TOPICS["venue_nouns"])
_COPULAS = frozenset(_TOPICS["copulas"])
_NOT_PARTY_PREPOSITIONS = frozenset(_TOPICS["not_participant_prepositions"])
_ATTRIBUTE_HEADS = frozenset(_TOPICS["attribute_heads"])
_TITLE_WORDS = frozenset(_TOPICS["title_words"])
_NOT_PARTY_POSSESSIONS = frozenset(_TOPICS["not_party_possessions"])
_COORDINATORS = frozenset(("and", "or"))
_POSSESSION = re.compile(r"['’]s\s+(\w+)")
_PLACE_INDEX = _places()
_PLACE_KINDS = {name: place.kind for name, place in _PLACE_INDEX.items()}
_CAPITALS = {city: _PLACE_DATA["cities"][city] for city in _PLACE_DATA["capitals"]}
_PLACES = CueIndex({"place": _PLACE_INDEX}, case_sensitive=True)
_VENUE_RANK = {"venue": 0, "city": 1, "region": 2, "country": 3}
_NON_NAMES = frozenset([*_PLACE_INDEX, *(w.capitalize() for w in timex.calendar_words())])
_NAME_TOKEN = r"[A-ZÀ-ÖØ-ÞŁŚŠŽČ][^\W\d_]+"
# Hyphens split names: "a Trump-Putin meeting" names two people.
_NAME = re.compile(rf"(?<!\w){_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*")
# A name joined by a hyphen to the next ('Trump' in 'Trump-Putin'), and one ending right
# before a name (searched up to ``NAME_REACH`` characters back).
_HYPHENS = "-‑–"
_HYPHENATED_NAME = re.compile(rf"{_NAME_TOKEN}[{_HYPHENS}]{_NAME_TOKEN}")
_NAME_AND_HYPHEN = re.compile(rf"{_NAME_TOKEN}[{_HYPHENS}]\Z")


@dataclass
class _Claim:
    """What describe() works on: the words around the content and the reporting spans."""

    doc: Document
    content: Span
    context: list[Word]
    starts: list[int]  # of the context words, for bisecting
    inside: slice
    reporting: list[Span]
    places: list[Hit]

    @property
    def words(self) -> list[Word]:
        return self.context[self.inside]


def describe(
    doc: Document, attribution: Attribution, speaker: Actor, anchor: date | None
) -> Facets:
    """The facets of one claim; see the module docstring for the scope of each."""
    claim = _claim(doc, attribution)
    time = _claim_time(claim, anchor)
    content = claim.words
    if time and time.start:
        content = [w for w in content if not _within((w.start, w.end), time.span)]
    hits = _CONTENT_CUES.scan(content)
    report = _report_words(doc, attribution)
    withheld = _WITHHOLDING_CUES.scan(report).get("withholding", [])
    stated = _before_reason(content, hits)
    cues = {topic: f"topic:{topic}" in stated for topic in TOPIC_ORDER}
    # A withheld detail ('did not provide any timeline for a potential meeting') is what
    # the claim is about: the talks only name the event it belongs to.
    detail_withheld = withheld and any(cues[topic] for topic in DETAIL_TOPICS)
    cues["talks"] = not detail_withheld and _about_talks(content, stated)
    # The other topics are details of talks: their cues count where talks are in view, in
    # the claim or the sentences before it ('represents our greatest shame' is no party).
    detailed = any(cues[topic] for topic in DETAIL_TOPICS)
    if detailed and "topic:talks" not in hits and not _follows_talks(claim):
        cues.update(dict.fromkeys(DETAIL_TOPICS, False))
    # A talks cue that only frames the parties still places the talks: 'at the next talks
    # with the US in Saudi Arabia'.
    place = _venue(claim, cued="topic:talks" in hits or cues["venue"])
    host = None if place else _hosting_person(claim, content, hits)
    venue = place or (host[:2] if host else None)
    # Parties are a slot of talks: a claim about anything else has none.
    about_talks = cues["talks"] or cues["participants"] or cues["venue"] or venue is not None
    if time and not (about_talks or any(hits.get(f"topic:{t}") for t in TOPIC_ORDER)):
        time = _time_going_on(claim, time, len(content), anchor)
    parties, recalled = (
        _participants(claim, speaker, place, content, hits, anchor) if about_talks else ([], False)
    )
    participants = [party.name for party in parties]
    scope = _topical_sentences(claim, content, hits, time)
    scope_hits = hits if scope is content else _CONTENT_CUES.scan(scope)
    polarity, polarity_cue = _polarity(scope, scope_hits, report, withheld)
    # Parties recalled from an earlier sentence ('such a meeting') fill the slot, but the
    # claim itself does not say who takes part.
    named_person = not recalled and any(_says_who_takes_part(doc.text, p) for p in parties)
    named_person = named_person and (cues["talks"] or venue is not None)
    topics = _topics(cues, venue, time, named_person)
    own = _report_cut(hits, len(content))
    # A talks cue that only frames the parties still names the event ('would not
    # participate in the negotiation process' refuses it).
    talks_event = "talks" in topics or "topic:talks" in hits
    kind, status = _event(content, hits, polarity, own) if talks_event else (None, None)
    return Facets(
        parties=_party_roles(claim, participants, place, host[2] if host else None),
        agent=_agent(claim),
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


def _before_reason(content: list[Word], hits: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
    """The cues before a clause that gives a reason: in 'the date could not be predicted
    because the delegations were establishing contacts' the reason's talks are not what
    the claim is about. 'because of' opens a phrase, not a clause."""
    clauses = [
        hit.first
        for hit in hits.get("reason", ())
        if hit.last == len(content) or content[hit.last].key != "of"
    ]
    if not clauses:
        return hits
    stop = clauses[0]
    kept = {key: [hit for hit in found if hit.first < stop] for key, found in hits.items()}
    return {key: found for key, found in kept.items() if found}


def _about_talks(content: list[Word], hits: dict[str, list[Hit]]) -> bool:
    """Whether a talks cue says talks happen, are planned or ruled out. Not one that only
    frames who takes part ('represent Russia [at the next talks]', 'part of any
    negotiations', 'lead the talks') or whose detail the claim gives ('the date [of the
    next talks]'), nor a talk verb whose object is a detail question ('discussed who could
    represent Russia')."""
    frames = [hit for topic in FRAMING_TOPICS for hit in hits.get(f"topic:{topic}", [])]
    frames += _detail_heads(content, hits)
    for hit in hits.get("topic:talks", []):
        after = content[hit.last].key if hit.last < len(content) else ""
        if after not in _DETAIL_QUESTIONS and not any(_frames(content, e, hit) for e in frames):
            return True
    return False


def _detail_heads(content: list[Word], hits: dict[str, list[Hit]]) -> Iterator[Hit]:
    """Timeline and venue cues heading a phrase whose complement names the talks: 'the
    date [of] the next talks', 'the venue [of] the summit'."""
    for topic in DETAIL_HEAD_TOPICS:
        for hit in hits.get(f"topic:{topic}", []):
            if hit.last < len(content) and content[hit.last].key in _DETAIL_HEAD_LINKS:
                yield hit


def _frames(content: list[Word], frame: Hit, talks: Hit) -> bool:
    """Whether a participants (or detail) cue frames a talks cue: it holds the talks words
    ('at the negotiating table'), or precedes them with a preposition a few words before the talks
    words ('represent Russia [at the next talks]') or with only its determiners and
    demonyms between ('lead the talks', 'lead the Ukrainian delegation')."""
    frame_end = frame.last
    if frame.first < talks.first and talks.last <= frame_end:
        return True
    if frame_end > talks.first:
        return False
    lead = content[max(frame_end, talks.first - FRAME_REACH) : talks.first]
    between = content[frame_end : talks.first]
    return _determines(between) or any(w.key in _FRAME_PREPOSITIONS for w in lead)


def _determines(between: list[Word]) -> bool:
    """Whether words are the determiners, then demonyms, of a noun: 'the', 'the Ukrainian';
    not 'the Russians ... the', where the demonym is a noun of its own."""
    determiners = 0
    while determiners < len(between) and between[determiners].key in _FRAME_DETERMINERS:
        determiners += 1
    demonyms = between[determiners:]
    return bool(between) and all(_PLACE_KINDS.get(w.text) == "demonym" for w in demonyms)


def _claim(doc: Document, attribution: Attribution) -> _Claim:
    content = attribution.content.span
    context = words(doc.text, _window(doc, content))
    starts = [w.start for w in context]
    inside = slice(bisect_left(starts, content[0]), bisect_left(starts, content[1]))
    reporting = [m.span for m in (attribution.cue, attribution.source) if m is not None]
    places = _PLACES.scan(context).get("place", [])
    return _Claim(doc, content, context, starts, inside, reporting, places)


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _window(doc: Document, content: Span) -> Span:
    """The content, a few words before it (prepositions of a place) and what trails it in
    its sentence, bounded so that long sentences cost no more than short ones."""
    sentence = _sentence_span(doc, content)
    return max(sentence[0], content[0] - LEAD_CHARS), min(sentence[1], content[1] + TRAIL_CHARS)


def _sentence_span(doc: Document, span: Span) -> Span:
    """The sentences the content touches, joined; the content itself if none."""
    first = max(_sentence_index(doc, span[0]), 0)
    start, end = span
    # islice, not a slice: a copy of the rest of the article per claim would go quadratic.
    for sentence in islice(doc.sentences, first, None):
        if sentence[0] >= span[1]:
            break
        if sentence[1] > span[0]:
            start, end = min(start, sentence[0]), max(end, sentence[1])
    return start, end


def _sentence_index(doc: Document, position: int) -> int:
    """Index of the last sentence starting at or before ``position`` (-1 if none)."""
    return bisect_right(doc.sentence_starts, position) - 1


def _claim_time(claim: _Claim, anchor: date | None) -> TimeExpression | None:
    """The first time inside the content, else the first one trailing it (``_trails``)."""
    if not claim.context:
        return None
    span = (claim.context[0].start, claim.context[-1].end)
    found = timex.find_times(claim.doc.text, span, anchor)
    inside = [
        t
        for t in found
        if _within(t.span, claim.content)
        and not _reporting_time(claim, t, anchor)
        and not _negated(claim, t)
        and not _dates_past_event(claim, t, anchor)
    ]
    if inside:
        return inside[0]
    trailing = (t for t in found if _trails(claim, t.span))
    return next((t for t in trailing if not _dates_past_event(claim, t, anchor)), None)


def _time_going_on(
    claim: _Claim, time: TimeExpression, length: int, anchor: date | None
) -> TimeExpression | None:
    """The time of a claim with no talks cue, if it still dates talks: it goes on from talks
    in the sentences before ('[talks ...] it's the beginning of next week') and lies ahead,
    or the claim is little more than the time. Else it dates some other event ('five years
    of fighting', 'in 2022')."""
    fragment = length <= TIME_FRAGMENT_WORDS
    if not fragment and _is_past(claim.doc.text, time, anchor):
        return None
    return time if _follows_talks(claim) else None


def _follows_talks(claim: _Claim) -> bool:
    """Whether one of the few sentences before the content has a talks cue: the claim
    goes on about talks named there."""
    doc = claim.doc
    index = _sentence_index(doc, claim.content[0])
    sentences = doc.sentences[max(0, index - ANAPHOR_REACH) : max(index, 0)]
    return any(_names_talks(doc.text, *sentence) for sentence in sentences)


@lru_cache(maxsize=1024)
def _names_talks(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a talks cue; cached, as the claims of an article
    look back at the same sentences."""
    if not _TALKS_HINT.search(text, start, end):
        return False
    return "topic:talks" in _TALKS_CUES.scan(words(text, (start, end)))


def _dates_past_event(claim: _Claim, time: TimeExpression, anchor: date | None) -> bool:
    """A past time that dates a background event, not the claim's target: one opening its
    sentence before a comma ('On Wednesday, X and Y also discussed ...'), or one a few
    words after a marker of an earlier event ('following the call yesterday', 'had a
    telephone conversation on 18 March')."""
    if not _is_past(claim.doc.text, time, anchor):
        return False
    text, start = claim.doc.text, time.span[0]
    sentence = claim.doc.sentences[max(_sentence_index(claim.doc, start), 0)]
    opening = start - sentence[0] < 4 or start - claim.content[0] < 4
    if opening and text[time.span[1] : time.span[1] + 1] == ",":
        return True
    index = bisect_left(claim.starts, start)
    before = claim.context[max(0, index - PAST_EVENT_REACH) : index]
    return any(w.key in _PAST_EVENT_MARKERS for w in before)


def _is_past(text: str, time: TimeExpression, anchor: date | None) -> bool:
    """Whether the time lies before the anchor; without one, whether it reads as past
    ('last week') or, if that depends on the day, its clause is in the past tense."""
    if anchor is not None and time.end is not None:
        return time.end < anchor.isoformat()
    past = timex.reads_past(time.text)
    return past if past is not None else timex.tense_of(text, *time.span) == timex.PAST


def _negated(claim: _Claim, time: TimeExpression) -> bool:
    """A time just after a negation is the time a claim rules out ('it may not be Sunday')."""
    index = bisect_left(claim.starts, time.span[0])
    before = claim.context[max(0, index - NEGATION_REACH) : index]
    return "polarity:negations" in _CONTENT_CUES.scan(before)


def _reporting_time(claim: _Claim, time: TimeExpression, anchor: date | None) -> bool:
    """A past time that opens the content right after the cue dates the reporting:
    'Trump said [Wednesday he expected to meet Putin]'."""
    opens = time.span[0] - claim.content[0] < REPORT_GAP
    by_cue = any(_gap(time.span, r) < REPORT_GAP for r in claim.reporting)
    past = anchor is not None and time.end is not None and time.end <= anchor.isoformat()
    return opens and by_cue and past


def _report_words(doc: Document, attribution: Attribution) -> list[Word]:
    """The words of the attribution's predicate around its cue: the cue may be 'confirm'
    alone in 'Peskov would not confirm or deny that ...'."""
    if attribution.cue is None or _gap(attribution.cue.span, attribution.content.span) > LEAD_CHARS:
        return []  # a continuation: the cue hedged another sentence
    start, end = attribution.cue.span
    source = attribution.source.span if attribution.source else None
    lead = source[1] if source and 0 <= start - source[1] <= LEAD_CHARS else start - LEAD_CHARS // 2
    content = attribution.content.span[0]
    tail = content if 0 <= content - end <= LEAD_CHARS else end
    return words(doc.text, (max(0, lead), tail))


def _topical_sentences(
    claim: _Claim, content: list[Word], hits: dict[str, list[Hit]], time: TimeExpression | None
) -> list[Word]:
    """The sentences of a multi-sentence content that carry a topic cue, which decide its
    polarity ('This conflict should never have started. [...] These negotiations will
    begin immediately'); the whole content when it is one sentence or none has a cue."""
    doc = claim.doc
    first = max(_sentence_index(doc, claim.content[0]), 0)
    last = _sentence_index(doc, claim.content[1] - 1)
    if last <= first or not content:
        return content
    starts = [start for start, _ in doc.sentences[first : last + 1]]
    sentence_of = [bisect_right(starts, w.start) for w in content]
    topical = {
        sentence_of[hit.first] for topic in TOPIC_ORDER for hit in hits.get(f"topic:{topic}", [])
    }
    # A place or a time makes a sentence topical too ("so maybe Switzerland").
    topical |= {bisect_right(starts, hit.start) for hit in claim.places}
    if time:
        topical.add(bisect_right(starts, time.span[0]))
    if not topical:
        return content
    return [w for w, sentence in zip(content, sentence_of, strict=True) if sentence in topical]


def _trails(claim: _Claim, span: Span) -> bool:
    """Whether a time or place outside the content still belongs to the claim: it follows
    the content, no clause break or attribution stands between them, and it is not right
    by the cue or source ("Peskov said on Thursday")."""
    end = claim.content[1]
    if span[0] < end:
        return False
    if any(end <= r[0] < span[0] or _gap(span, r) < REPORT_GAP for r in claim.reporting):
        return False
    between = [w for w in claim.context[claim.inside.stop :] if w.end <= span[0]]
    return "break" not in _CLAUSE_BREAKS.scan(between)


def _gap(a: Span, b: Span) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _before(seq: Sequence[Word], index: int) -> tuple[str, int]:
    """The word before ``seq[index]`` skipping an article, and its index."""
    index -= 1
    if index >= 0 and seq[index].key == "the":
        index -= 1
    return (seq[index].key, index) if index >= 0 else ("", index)


def _venue(claim: _Claim, cued: bool) -> tuple[Place, Span] | None:
    """The most specific place introduced as a location ('in Jeddah', 'come to Moscow',
    'Saudi Arabia would host'), inside the content first, then trailing it. Without a
    talks or venue cue only a presence ('would be in Geneva') counts."""
    candidates = []
    for hit in claim.places:
        place = _PLACE_INDEX[hit.entry]
        if place.kind == "demonym" or not _is_location(claim.context, hit, place, cued):
            continue
        span = (hit.start, hit.end)
        inside = _within(span, claim.content)
        if inside or _trails(claim, span):
            candidates.append(((not inside, _VENUE_RANK[place.kind], hit.start), place, span))
    if not candidates:
        return None
    _, place, span = min(candidates, key=lambda c: c[0])
    return place, span


def _is_location(seq: Sequence[Word], hit: Hit, place: Place, cued: bool) -> bool:
    before, index = _before(seq, hit.first)
    head = seq[index - 1].key if index > 0 else ""
    if not cued:
        return before == "in" and head in _PRESENCE_VERBS and place.kind in ("city", "venue")
    if before in _VENUE_PREPOSITIONS:
        if before == "to" and place.kind == "country":
            return head in _MOTION_WORDS
        return head not in _NOT_VENUE_HEADS
    if before in _CHOICE_WORDS or (before == "of" and head in _CHOICE_WORDS):
        return True
    if before in _COPULAS and any(w.key in _VENUE_NOUNS for w in seq[: hit.first]):
        return True  # "the venue for the summit is Budapest"
    return any(w.key in _HOST_WORDS for w in seq[hit.last : hit.last + 2])


def _hosting_person(
    claim: _Claim, content: list[Word], hits: dict[str, list[Hit]]
) -> tuple[Place, Span, str] | None:
    """A person named as the host, standing for their country as the venue: 'we'll be with
    Viktor Orbán, and I think he'll be a very good host' names Hungary."""
    if "host" not in hits:
        return None
    index = hits["host"][0].first
    if index + 1 < len(content) and content[index + 1].text[0].isupper():
        return None  # none, or a title: "MSNBC host Chris Matthews"
    hosting = content[index]
    doc = claim.doc
    sentence = doc.sentences[_sentence_index(doc, hosting.start)][0] if doc.sentences else 0
    found = None
    for match in _NAME.finditer(doc.text, max(content[0].start, sentence), hosting.start):
        name = _person(match)
        country = _country_of(name) if name else None
        if country:
            found = Place(country, "country"), match.span(), name
    if found is None:
        return None
    between = [w for w in content[:index] if w.start >= found[1][1]]
    return None if "break" in _CLAUSE_BREAKS.scan(between) else found


@cache
def _country_of(name: str) -> str | None:
    actor = canonical_actor(name)
    return actor.country if actor is not None else None


def _party_roles(
    claim: _Claim, participants: list[str], venue: tuple[Place, Span] | None, host: str | None
) -> list[dict]:
    """The participants as parties (the host among them as host), and a venue that hosts
    ('Saudi Arabia would host')."""
    roles = [{"name": name, "role": "host" if name == host else "party"} for name in participants]
    if venue is not None:
        after = bisect_left(claim.starts, venue[1][1])
        if any(w.key in _HOST_WORDS for w in claim.context[after : after + 2]):
            roles.append({"name": venue[0].name, "role": "host"})
    return roles


def _agent(claim: _Claim) -> str | None:
    """Who a reported commitment binds: the named actor opening the content right before a
    commitment word ('[Moscow] would timely inform ...'); a capital names its country."""
    opening = claim.words[: AGENT_REACH + 2]
    hits = _COMMITMENTS.scan(opening).get("commitment", [])
    if not hits or not 0 < hits[0].first <= AGENT_REACH:
        return None
    subject = claim.doc.text[opening[0].start : opening[hits[0].first - 1].end]
    subject = subject.removeprefix("the ").removeprefix("The ")
    if not subject[:1].isupper():
        return None
    if subject in _CAPITALS:
        return _CAPITALS[subject]
    place = _PLACE_INDEX.get(subject)
    if place is not None:
        return place.name if place.kind in ("country", "demonym") else None
    actor = canonical_actor(subject)
    return actor.name if actor is not None and actor.kind != "unknown" else None


@dataclass(frozen=True)
class _Party:
    name: str
    position: int
    person: bool


def _participants(
    claim: _Claim,
    speaker: Actor,
    venue: tuple[Place, Span] | None,
    content: list[Word],
    hits: dict[str, list[Hit]],
    when: date | None,
) -> tuple[list[_Party], bool]:
    """Countries and people named as parties in the content (not the venue, not the source
    mention); for an anaphor such as 'such a meeting', the parties of the nearest earlier
    sentence that names two, leaving out the speaker, who is named there for speaking. The
    flag says whether the parties were recalled from that earlier sentence."""
    skip = [venue[1]] if venue else []
    skip += claim.reporting
    scope = _before_report(claim, content, hits)
    parties = _parties(claim.doc.text, claim.context, claim.places, scope, skip, when)
    if parties or "topic:talks" not in hits or "anaphor" not in hits:
        return parties, False
    recalled = _antecedent_parties(claim, actor_key(speaker.name), when)
    return recalled, bool(recalled)


def _says_who_takes_part(text: str, party: _Party) -> bool:
    """Whether a party makes the claim one about who takes part: a person (a country does
    not), not named in a compound of names that only identifies the event ('a potential
    Trump-Putin meeting', 'such a [Trump-Putin] meeting')."""
    if party.name in _PLACE_INDEX:
        return False
    start = party.position
    if start and text[start - 1] in _HYPHENS:
        return not _NAME_AND_HYPHEN.search(text, max(0, start - NAME_REACH), start)
    return not _HYPHENATED_NAME.match(text, start)


def _before_report(claim: _Claim, content: list[Word], hits: dict[str, list[Hit]]) -> slice:
    """The content up to a clause break that opens an embedded report: in 'could hold talks
    after Trump said he had spoken with Putin', Trump and Putin are no parties."""
    cut = _report_cut(hits, len(content))
    if cut == len(content):
        return claim.inside
    stop = bisect_left(claim.starts, content[cut].start)
    return slice(claim.inside.start, stop)


def _report_cut(hits: dict[str, list[Hit]], length: int) -> int:
    """Index of the content word opening an embedded report, else ``length``."""
    reports = [hit.first for hit in hits.get("report", [])]
    for hit in hits.get("break", []):
        if any(hit.first < r <= hit.first + REPORT_REACH for r in reports):
            return hit.first
    return length


def _parties(
    text: str,
    seq: list[Word],
    places: list[Hit],
    inside: slice,
    skip: list[Span],
    when: date | None,
) -> list[_Party]:
    """Parties named in ``seq[inside]``; ``places`` are the gazetteer hits in ``seq``."""
    found: dict[str, _Party] = {}
    span = seq[inside]
    if not span:
        return []
    for match in _NAME.finditer(text, span[0].start, span[-1].end):
        name = _person(match)
        if name and not _possessor_of_words(text, match.end()):
            found.setdefault(name, _Party(name, match.start(), True))
    # After the names: a leader both named and described keeps the name's position.
    for party in _country_parties(seq, places, inside, when):
        found.setdefault(party.name, party)
    return sorted(
        (p for p in found.values() if not any(s[0] <= p.position < s[1] for s in skip)),
        key=lambda p: p.position,
    )


def _country_parties(
    seq: list[Word], places: list[Hit], inside: slice, when: date | None
) -> Iterator[_Party]:
    """Countries named as parties in ``seq[inside]``, or their leaders where a leader's role
    governs them (see ``_leaders_named``); not a country right after one of its cities,
    which only says where the city lies ('talks in Istanbul, Turkey')."""
    city_countries = {
        hit.last: _PLACE_DATA["cities"][hit.entry]
        for hit in places
        if _PLACE_INDEX[hit.entry].kind == "city"
    }
    countries = [
        hit
        for hit in places
        if inside.start <= hit.first
        and hit.last <= inside.stop
        and _PLACE_INDEX[hit.entry].kind in ("country", "demonym")
        and city_countries.get(hit.first) != _PLACE_INDEX[hit.entry].name
    ]
    for group in _coordinations(seq, countries):
        holders = _leaders_named(seq, group, when)
        if holders:
            yield from (_Party(h, hit.start, True) for hit, h in zip(group, holders, strict=True))
            continue
        for hit in group:
            place = _PLACE_INDEX[hit.entry]
            if _is_party_place(seq, hit, place):
                yield _Party(place.name, hit.start, False)


def _coordinations(seq: Sequence[Word], hits: list[Hit]) -> list[list[Hit]]:
    """The hits grouped into coordinations: 'Russia and Ukraine', 'the US, Ukraine and
    Europe', 'Ukraine-US' (only a coordinator, or nothing, between two hits)."""
    groups: list[list[Hit]] = []
    for hit in hits:
        between = seq[groups[-1][-1].last : hit.first] if groups else None
        if (
            between is not None
            and len(between) <= 1
            and all(w.key in _COORDINATORS for w in between)
        ):
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return groups


def _leaders_named(seq: Sequence[Word], group: list[Hit], when: date | None) -> list[str]:
    """The people a leader's role over countries names, one per country: 'the leaders of
    Russia and Ukraine', 'the Ukrainian and Russian presidents', 'the Ukrainian leader'
    (no name after it). The role's number must match the countries ('European leaders'
    names no one), and all must be known holders on the day ``when``, else none is named:
    without a day, a role names no one in particular."""
    role = _leader_role(seq, group) if when is not None else None
    if role is None or role.plural != (len(group) > 1):
        return []
    holders = []
    for hit in group:
        country = _PLACE_INDEX[hit.entry].name
        demonyms = _PLACE_DATA["countries"].get(country, {}).get("demonyms", [])
        actor = canonical_actor(f"{demonyms[0]} {role.head}", when) if demonyms else None
        if actor is None or actor.kind != "person":
            return []
        holders.append(actor.name)
    return holders


def _leader_role(seq: Sequence[Word], group: list[Hit]) -> RoleSense | None:
    """The leader's role of a definite description governing a coordination of countries:
    'the leaders of Russia and Ukraine', 'the Ukrainian and Russian presidents'; not a
    title before a name ('Russian President Vladimir Putin') nor a modified role ('the
    next president of the United States')."""
    before, index = _before(seq, group[0].first)
    if before == "of" and index > 1 and seq[index - 2].key == "the":
        return _as_leader(seq[index - 1].key)
    first, role = group[0].first, group[-1].last
    if first == 0 or seq[first - 1].key != "the" or role >= len(seq):
        return None
    named = role + 1 < len(seq) and seq[role + 1].text[0].isupper()
    return None if named else _as_leader(seq[role].key)


@cache
def _as_leader(word: str) -> RoleSense | None:
    """The role a word names if it is a leader's ('presidents', 'leader')."""
    sense = role_sense(word)
    return sense if sense is not None and LEADER_CLASS in sense.classes else None


def _possessor_of_words(text: str, end: int) -> bool:
    """Whether a name is followed by "'s remarks" (or another word it only owns)."""
    found = _POSSESSION.match(text, end)
    return bool(found and found.group(1).lower() in _NOT_PARTY_POSSESSIONS)


def _is_party_place(seq: Sequence[Word], hit: Hit, place: Place) -> bool:
    """A country as a party, not as a place ('in Ukraine') or an attribute ('US envoy')."""
    before, _ = _before(seq, hit.first)
    if place.kind == "country" and before in _NOT_PARTY_PREPOSITIONS:
        return False
    following = seq[hit.last] if hit.last < len(seq) else None
    if following is None or following.text in _PLACE_INDEX:  # "Ukraine-US talks"
        return True
    return following.key not in _ATTRIBUTE_HEADS and following.text not in _TITLE_WORDS


def _person(match: re.Match) -> str | None:
    """The person named by a run of capitalised words, titles and places stripped."""
    if match.group() in _PLACE_INDEX:
        return None
    tokens = match.group().split()
    kept = [t for t in tokens if t not in _TITLE_WORDS and t not in _NON_NAMES]
    if not kept or kept != tokens[len(tokens) - len(kept) :]:
        return None
    return _canonical(" ".join(kept))


def _antecedent_parties(claim: _Claim, speaker_key: str, when: date | None) -> list[_Party]:
    """Parties of the nearest earlier talks sentence naming two: people if it names two."""
    doc = claim.doc
    index = _sentence_index(doc, claim.content[0])
    for sentence in reversed(doc.sentences[max(0, index - ANAPHOR_REACH) : max(index, 0)]):
        seq = words(doc.text, sentence)
        if "topic:talks" not in _CONTENT_CUES.scan(seq):
            continue
        places = _PLACES.scan(seq).get("place", [])
        found = _parties(doc.text, seq, places, slice(0, len(seq)), [], when)
        parties = [p for p in found if actor_key(p.name) != speaker_key]
        people = [p for p in parties if p.person]
        chosen = people if len(people) >= 2 else parties
        if len(chosen) >= 2:
            return chosen
    return []


@cache
def _canonical(name: str) -> str | None:
    """The canonical name of a person (not an institution or a place)."""
    actor = canonical_actor(name)
    if actor is None or actor.kind not in ("person", "unknown"):
        return None
    # A person has a full name ("Vladimir Putin" for "Putin"); one word is a thing.
    return actor.name if " " in actor.name else None


def _polarity(
    content: list[Word], hits: dict[str, list[Hit]], cue: list[Word], withheld: list[Hit]
) -> tuple[str, str | None]:
    """Affirm, deny or uncertain, decided by the first rule in ``data/polarity.json`` order;
    the second value is the words that decided it. ``withheld``: the withholding cues of
    the predicate ``cue``."""
    if withheld:  # "[Peskov would not give] a date": the predicate alone, not the content
        return "uncertain", _spoken(cue, withheld[0])
    # The predicate may also open the content: "[Peskov did not specify] who might lead".
    reported = _REPORT_CUES.scan(cue + content[:REPORT_REACH])
    # A condition that opens the content may be left in the cue: "added that if [...]".
    conditions = reported.get("conditional", [])
    opening = [hit for hit in conditions if len(cue) - 1 <= hit.first <= len(cue)]
    opening = _hedging_conditions(cue + content, opening, opens=len(cue))
    hedged = reported.get("uncertain", []) + opening
    if hedged:
        return "uncertain", _spoken(cue + content, hedged[0])
    for key, polarity in _POLARITY_RULES:
        found = hits.get(f"polarity:{key}")
        if key == "conditional" and found:
            found = _event_conditions(_hedging_conditions(content, found), hits)
        if found:
            return polarity, _spoken(content, found[0])
    negation = _negation(content, hits)
    if negation:
        return "deny", negation
    found = _whether_hedges(content, hits)
    if found:
        return "uncertain", _spoken(content, found[0])
    return "affirm", None


def _hedging_conditions(seq: Sequence[Word], conditions: list[Hit], opens: int = 0) -> list[Hit]:
    """Conditions that hedge: not an 'if' on what someone wants that opens a sentence, a
    that-clause or the content (at word ``opens``): 'if he wants a meeting, he should come
    to Moscow' makes an offer. A negated wish ('if you don't want ...') still hedges, and so
    does 'if' after a verb, which asks whether ('decide if he wants'), also in a headline
    ('Decide If He Wants')."""
    return [
        hit
        for hit in conditions
        if not (seq[hit.first].key == "if" and _opens_clause(seq, hit.first, opens))
        or not _wish(seq[hit.last : hit.last + CUE_GAP + 1])
    ]


def _wish(clause: Sequence[Word]) -> bool:
    """Whether a condition's first words say what someone wants ('he wants a meeting'),
    not negated and not in title case."""
    for word in clause:
        if word.key in _NEGATIONS:
            return False
        if word.key in _VOLITIONAL_VERBS:
            return word.text[0].islower()
    return False


def _opens_clause(seq: Sequence[Word], index: int, opens: int) -> bool:
    """Whether ``seq[index]`` opens the content, a sentence or a that-clause."""
    return index <= opens or seq[index].text[0].isupper() or seq[index - 1].key == "that"


def _event_conditions(conditions: list[Hit], hits: dict[str, list[Hit]]) -> list[Hit]:
    """Conditions the event depends on: one opening the claim, before any talks cue ('if
    that meeting takes place, a summit would follow'), or one naming the event itself. A
    condition trailing a claim that already named its event qualifies a goal instead:
    'Europe should be at the negotiating table if the issue is to end the war'."""
    talks = [hit.first for hit in hits.get("topic:talks", [])]
    return [
        hit
        for hit in conditions
        if not any(first < hit.first for first in talks)
        or any(first >= hit.first for first in talks)
    ]


def _whether_hedges(content: list[Word], hits: dict[str, list[Hit]]) -> list[Hit]:
    """Hedges that scope over whether the event happens. Not one inside a question about a
    detail ('discussed [who could] represent Russia') nor an adverb placing a detail of a
    talks event already named ('we're going to meet [probably in] Saudi Arabia')."""
    talks = [hit.first for hit in hits.get("topic:talks", [])]
    kept = []
    for hit in hits.get("polarity:hedges", []):
        before = content[hit.first - 1].key if hit.first > 0 else ""
        after = content[hit.last].key if hit.last < len(content) else ""
        if before in _DETAIL_QUESTIONS:
            continue
        placing = hit.entry in _DETAIL_ADVERBS and after in _VENUE_PREPOSITIONS
        if placing and any(first < hit.first for first in talks):
            continue
        kept.append(hit)
    return kept


def _spoken(seq: Sequence[Word], hit: Hit) -> str:
    """The words of a hit as written (apostrophes aside): "did not specify", "refused"."""
    return " ".join(w.text for w in seq[hit.first : hit.last]).replace(" n't", "n't")


def _negation(content: list[Word], hits: dict[str, list[Hit]]) -> str | None:
    """A negation that is not cancelled ('though not in full') and does not negate something
    bad ('would not be a big problem')."""
    neutralisers = hits.get("polarity:negation_neutralisers", [])
    cancelled = {i for hit in neutralisers for i in range(hit.first, hit.last)}
    bad = [hit.first for hit in hits.get("polarity:negative_predicates", [])]
    for hit in hits.get("polarity:negations", []):
        if hit.first in cancelled or any(hit.last <= b < hit.last + CUE_GAP for b in bad):
            continue
        return content[hit.first].text
    return None


def _topics(
    cues: dict[str, bool],
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


def _event(
    content: list[Word], hits: dict[str, list[Hit]], polarity: str, own: int
) -> tuple[str | None, str | None]:
    """The first event kind and status (``data/events.json`` order) with a cue before word
    ``own`` (where an embedded report starts: 'could hold talks after Trump said he had
    phone conversations' is about talks); a denied claim takes a negated status: 'no
    substantial contacts ... yet' was not held."""

    def cued(key: str) -> bool:
        return any(hit.first < own for hit in hits.get(key, ()))

    kind = next((k for k in _EVENTS["kinds"] if cued(f"kind:{k}")), None)
    found = [s for s in _EVENTS["statuses"] if cued(f"status:{s}")]
    if "held" in found and all(_unrealised(content, h) for h in hits["status:held"]):
        found.remove("held")
    if polarity != "deny":
        return kind, next((s for s in found if s != "not_held"), None)
    negated = next((s for s in found if s in _NEGATED_STATUSES), None)
    if negated is None:
        negated = "not_held" if found and found[0] == "held" else "refused"
    return kind, negated


def _unrealised(content: list[Word], hit: Hit) -> bool:
    """A 'held' cue that does not report a held event: 'to be held', 'will be held'."""
    return hit.first > 0 and content[hit.first - 1].key in _UNREALISED_BEFORE
