"""Find attributions: who (source) said (cue) what (content), as spans of the text.

A rule pipeline over the words in ``data/`` (``speech_verbs.txt``, ``belief_verbs.txt``,
``source_nouns.txt``, ``attribution_cues.json``), run paragraph by paragraph:

1. quotes: quotation spans of the paragraph (“…”, "…", «…», ‘…’, ''…'', ``…''); straight
   marks are read by context and a quote left open runs to the paragraph end, so a stray
   mark costs one claim at most;
2. cues: every inflection of the verb lists ("said", "has stressed", "points out",
   "went on to say"), "according to", headline forms ("Kremlin Says"), colon and dash
   lead-ins, outside quotes; a cue word used as a noun ("his remarks", "the secretary of
   state") or an adjective ("so-called"), a passive ("was told", "agreed by") or a bare
   form with a singular subject ("that Zelensky consider") is dropped; so is a view held
   by a pronoun inside an earlier report ("Peskov said he thinks …");
3. source: the noun phrase before the cue ("Kremlin spokesman Dmitry Peskov said", "the
   spokesman also noted", "a spokesman for the Kremlin said", "figures published on
   Monday show", "six in 10 say"), through appositives and asides ("Hugh Hill, a doctor,
   said", "Graham, R-S.C., a candidate, said", "Trump, who …, said"); after it in
   inverted order ("…, said Peskov", "…, said a source familiar with the talks"); after
   "according to"; before a colon ("SPEAKER: …", not "Correction: …"); after a dash
   (``"…" - Commissioner X``); a participle ("…, adding that …", "responded by saying")
   or a coordinated verb ("… and said …") takes the subject of its clause;
4. content: after the cue ("said (that) …", "told reporters …", "said: “…”", "accused
   him of …") or before it ("“…,” he said", "…, according to X"), widened to whole
   quotations running over several sentences and ending where a second report of the
   speaker begins ("…, adding that …", "… and urged …"); verbs that need "that", a
   colon or a quote before their content are listed apart from those that take a bare
   clause ("said he was") or a direct object ("cited a poll");
5. follow-ups: a paragraph announced by a colon ("Peskov said:") is the speaker's words,
   and so is each short paragraph of a list ("More statements by Peskov:"); a quotation
   with no cue after an attribution carries its source ("direct"); so does an unquoted
   paragraph that reads as the speaker's own words ("continuation": first or second
   person, a discourse opener, no cue of its own, right after an attribution).

Each stage scans a bounded window around a cue; regexes are compiled once, and those
searched through a text open with a literal or a character set ("\\s\\s*" rather than
"\\s+"), so that the regex engine skips fast to where they can match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from claimtrack.lexicon import table, word_list
from claimtrack.models import Attribution, Mention, Span
from claimtrack.text import Document

SPEECH_VERBS = "speech_verbs.txt"
BELIEF_VERBS = "belief_verbs.txt"

# A word may hold "'’.-&" between word characters ("U.S", "AT&T"). Matching runs of word
# characters, rather than any mix of both ending in a word character, spares the regex
# engine a step back at every token.
_TOKEN = re.compile(r"[A-Z][a-z]{0,3}\.(?=\s+[A-Z])|\w+(?:['’.\-&]+\w+)*|[^\w\s]")
_SPACED_TOKEN = re.compile(rf"(\s*)({_TOKEN.pattern})")
_WORD = re.compile(r"[\w'’]+")
_OPENERS = {"“": "”", "«": "»", "‘": "’", "„": "“"}
# An apostrophe before a letter ("don’t") can neither open nor close a quotation: no mark.
_QUOTE_MARK = re.compile(r"''|``|\"|“|”|«|»|‘|’(?![^\W_])|„")
_QUOTE_MARKS = {"“", "”", "«", "»", "‘", "’", '"', "'", "„", "`"}
_CONTENT_TRIM = " \t,;:—–-"
_CONTENT_TRIM_END = _CONTENT_TRIM + "."
_MIN_CONTENT_WORDS = 2
_LOOK_BACK = 160  # characters scanned back from a cue for its source
_MAX_CONTENT = 3000  # characters a quotation may widen a content to


class Cue(NamedTuple):
    """A cue occurrence: its span, lemma and class (speech | belief | according | mark).

    A named tuple: one is made per cue word found, and it is cheaper to build than a
    frozen dataclass."""

    start: int
    end: int
    lemma: str
    kind: str


def _inflections(lemma: str) -> list[str]:
    """Regular -s, -ed and -ing forms of a verb lemma."""
    if lemma.endswith("e"):
        return [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return [lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma + "s", lemma + "ed", lemma + "ing"]


@cache
def verb_lemmas(name: str) -> dict[str, str]:
    """Every form of every verb in a list file -> its lemma (phrasal verbs keep particles)."""
    forms: dict[str, str] = {}
    for entry in word_list(name):
        words = entry.split()
        lemma, extra = words[0], words[1:]
        particle = ""
        if extra and extra[-1] in ("out", "up", "on", "off"):
            particle = " " + extra.pop()
        key = lemma + particle
        for form in [lemma, *_inflections(lemma), *extra]:
            forms.setdefault(form + particle, key)
    return forms


def is_speech_cue(cue_text: str) -> bool:
    """Whether a cue's words contain a form of a speech verb of ``data/speech_verbs.txt``."""
    lemmas = verb_lemmas(SPEECH_VERBS)
    words = [w.lower() for w in _WORD.findall(cue_text)]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return any(w in lemmas for w in words + pairs)


@cache
def _words(role: str) -> frozenset[str]:
    return frozenset(w.lower() for w in table("attribution_cues.json")[role])


@cache
def _source_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("source_nouns.txt"))


@cache
def _cue_pattern() -> re.Pattern[str]:
    """A cue at a word start: "said", "points out", "According to", "Kremlin Says"."""
    forms = list(_all_verb_lemmas()) + _headline_forms()
    # Testing the first letter before the alternatives skips most word boundaries fast.
    first_letters = re.escape("".join(sorted({form[0] for form in forms} | {"a", "A"})))
    return re.compile(rf"\b(?=[{first_letters}])(?:{_cue_words()})\b")


@cache
def _cue_after_boundary() -> re.Pattern[str]:
    """A cue (group 1) with the character before it, which is not a word character.

    Opening with a character set lets the regex engine skip through the words to the
    next space or punctuation mark, instead of trying the cue words at every position;
    the set is ASCII so that the test is a bitmap, and the lookbehind checks ``\\W``."""
    return re.compile(rf"[^0-9A-Z_a-z](?<=\W)({_cue_words()})\b")


@cache
def _cue_words() -> str:
    """The alternatives of both cue patterns: "according to" and every verb form."""
    forms = list(_all_verb_lemmas()) + _headline_forms()
    # "[Aa]" rather than "(?i:a)": an alternative opening with a character set is skipped
    # at once when the character does not match.
    return rf"[Aa](?i:ccording\s+to)|{_trie_pattern(forms)}"


def _cue_spans(text: str, start: int, end: int) -> Iterator[Span]:
    """Spans of the matches of ``_cue_pattern()`` in ``text[start:end]``, in order."""
    scan_from = start - 1  # the character before ``start`` may precede a cue
    if start == 0:  # no character before the text: a cue may open it
        opening = _cue_pattern().match(text, 0, end)
        if opening is not None:
            yield opening.span()
        scan_from = opening.end() if opening else 0
    for found in _cue_after_boundary().finditer(text, scan_from, end):
        yield found.span(1)


def _headline_forms() -> list[str]:
    """'Kremlin Says …', 'Zelensky Warns …': capitalised third-person speech verbs of
    title-case headlines, except those that are also nouns ("Reports", "Posts")."""
    nouns = _words("noun_like_forms")
    return [
        form.capitalize()
        for form, lemma in verb_lemmas(SPEECH_VERBS).items()
        if form != lemma and form.endswith("s") and " " not in form and form not in nouns
    ]


@cache
def _all_verb_lemmas() -> dict[str, str]:
    return {**verb_lemmas(BELIEF_VERBS), **verb_lemmas(SPEECH_VERBS)}


def _trie_pattern(words: list[str]) -> str:
    """One regex for many words, factored by common prefixes so matching stays fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = []
        optional = "" in node
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            body = f"(?:{body})?"
        return body

    return "(?:" + build(trie) + ")"


def _alternation(role: str) -> str:
    """A regex alternation of a word list of ``attribution_cues.json``, longest first (so
    "has not" is tried before "has"); a space matches any whitespace, an apostrophe
    either form."""
    words = sorted(_words(role), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words)


@cache
def _cue_extension() -> re.Pattern[str]:
    """What may follow a verb and still belong to the cue: addressee, medium, time."""
    addressees = _alternation("addressees")
    nouns = _alternation("statement_nouns")
    name = r"[A-Z][\w'’.\-]*(?:\s+(?:of\s+)?[A-Z][\w'’.\-]*){0,4}"
    title = rf"(?:{name}|[“\"][^”\"]{{1,60}}[”\"])"
    return re.compile(
        rf"(?:\s+(?:(?i:{addressees})|{name}(?=\s+(?:that|on|in)\b)))?"
        rf"(?:,?\s+(?i:in|on|during|via|through)\s+(?i:a|an|the|his|her|their|its)\s+"
        rf"(?:[\w'’]+\s+){{0,3}}?(?i:{nouns})(?:\s+(?:on|with|to)\s+(?:the\s+)?{title})?)?"
    )


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYS = (*_WEEKDAYS, "yesterday", "today", "tonight")
_DAY_PARTS = ("morning", "afternoon", "evening", "night")
_PERIODS = ("week", "month", "year", "spring", "summer", "fall", "autumn", "winter")
_DAY = (
    rf"(?:(?:on|last|this|late|early)\s+)?(?:{'|'.join(_DAYS)})"
    rf"(?:\s+(?:{'|'.join(_DAY_PARTS)}))?"
)
_CUE_DAY = re.compile(rf"(?i:\s+{_DAY})\b")
_TIME_TAIL = re.compile(
    r"(?i:\s\s*(?:in\s+the\s+past|at\s+the\s+time|(?:last|this|earlier\s+this)\s+"
    rf"(?:{'|'.join(_PERIODS)})|{_DAY}))$"
)
# The words a _TIME_TAIL match ends with: a token list ending in none of them has none.
_TIME_TAIL_ENDS = frozenset(("past", "time", *_PERIODS, *_DAYS, *_DAY_PARTS))
_THAT = re.compile(
    r"\s*(?:,\s*)?(?:(?:later|earlier|again|also|then|now|today|yesterday|[a-z]+ly),?\s+)?"
    r"(?:that\b|whether\b|:|,?\s*(?=[“\"«‘]|''))"
)
_PARTY_TAG = re.compile(r"[RDI]-[A-Z]")
_PARENTHESIS_TAIL = re.compile(r"\s*\([^()]{1,40}\)\s*$|\s*\([RDI](?:-[^()]{1,20})?\),\s*$")
_CLAUSE_BREAK = re.compile(r"\s*(?:[,:.;“\"'‘]|that\b|$)")
# "told Trump at the beginning of the meeting that …": a short phrase, then "that".
_LATE_THAT = re.compile(
    r"\s+(?:in|on|at|during|after|following|before|to|with|in an?|last|this|earlier)"
    r"\s[^,“\"«;:]{1,80}?"
    r"\s(?:that\b|(?=[“\"«]))"
)
# "expressed concern that", "offered no proof that": the object belongs to the cue.
# "would not confirm or deny", "said and added": a second speech verb joins the cue.
_COORDINATED_VERB = re.compile(r",?\s+(?:or|and|nor)\s+([A-Za-z]+)")
_OBJECT_BEFORE_THAT = re.compile(r"\s+(?:[\w'’\-]+\s+){0,2}[\w'’\-]+(?=\s+that\b)")
# The colon first (then a word character before it) lets the engine skip to colons fast.
_COLON_QUOTE = re.compile(r":(?<=\w:)\s*(?=[“\"«])")
_AND_TAILS = ("and", "but", "also", "then", "later", "has", "had", "have", "would", "will", "not")
_SENTENCE_OPENING = re.compile(r"(?:^|(?<=[.!?…]\s))\W*(\w+(?:[\s,]+\w+){0,2})", re.MULTILINE)
# ", adding …", ", calling …", "and urged …", ", but added …": the verb (group 1) of a
# second report, maybe after an adverb.
_NEXT_REPORT = re.compile(
    r"(?:,\s+(?=[a-z]+ing\b)|,?\s+(?:and|but)\s+(?:(?:also|then|later|[a-z]+ly)\s+)?)([a-z]+)\b"
)
# "More statements by Peskov:": a few words, then the noun of the list (group 1) and "by".
_LIST_LEAD = re.compile(r"(?:[A-Z]?[a-z]+\s+){0,2}?([A-Za-z]+)\s+(?:by|from|of)\s+")
# "He went on to say …", "She then proceeded to explain …": the infinitive is the report.
_WENT_ON_TO = re.compile(r"\b(?:(?:go|goes|going|gone|went)\s+on|proceed(?:s|ed)?)\s+to\s+$")
# "agreed by the coalition" is passive; "said by telephone" is not.
_PASSIVE_BY = re.compile(r"\s+by\s+(?!(?:tele)?phone|e-?mail|video|text|letter|satellite)")
_DASH_SOURCE = re.compile(r"\s\s*[-–—―]\s*(?=[A-Za-z])")
# A cheap test for _DASH_SOURCE: a dash after a space (a character set is scanned fast).
_DASHES = frozenset("-–—―")
_ASIDE_ENDS = _DASHES | {","}
_SPACED_DASH = re.compile(r"[-–—―](?<=\s.)")


def quote_spans(text: str, start: int, end: int) -> list[Span]:
    """Quotation spans of one paragraph, marks included.

    Straight quotes are read by context (an opener follows a space, a closer follows a
    word), so one stray mark drops a single quotation instead of shifting every later one.
    A quote still open at the paragraph end runs to ``end``.
    """
    spans: list[Span] = []
    open_at: int | None = None
    closers: tuple[str, ...] = ()
    for mark in _QUOTE_MARK.finditer(text, start, end):
        i, ch, width = mark.start(), mark.group()[0], len(mark.group())
        if open_at is not None and text.startswith(closers, i) and _closes(text, i, end, ch):
            spans.append((open_at, i + width))
            open_at = None
        elif ch in _OPENERS and (ch != "‘" or _starts_word(text, i, start)):
            open_at, closers = i, (_OPENERS[ch], '"')
        elif (ch == '"' or width == 2) and _starts_word(text, i + width - 1, start):
            open_at, closers = i, ('"', "''", "”")
    if open_at is not None:
        spans.append((open_at, end))
    return spans


def _closes(text: str, i: int, end: int, ch: str) -> bool:
    if ch in "’'":
        return _ends_word(text, i, end)
    if ch == '"':
        return i == 0 or not text[i - 1].isspace() or _ends_word(text, i, end)
    return True


def _starts_word(text: str, i: int, start: int) -> bool:
    before = text[i - 1] if i > start else " "
    return not before.isalnum() and i + 1 < len(text) and not text[i + 1].isspace()


def _ends_word(text: str, i: int, end: int) -> bool:
    after = text[i + 1] if i + 1 < end else " "
    return not after.isalnum()


class Quotes:
    """A paragraph's quotation spans (sorted, disjoint) with lookups by position."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def __iter__(self):  # noqa: ANN204 - an iterator of spans
        return iter(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Quotations that share a character with ``[start, end)``."""
        if not self.spans:
            return []
        i = max(0, bisect_right(self.starts, start) - 1)
        found = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                found.append(self.spans[i])
            i += 1
        return found

    def last_ending_by(self, pos: int) -> Span | None:
        """The last quotation that is closed at or before ``pos``."""
        i = bisect_right(self.ends, pos) - 1
        return self.spans[i] if i >= 0 else None


def _inside(pos: int, quotes: Quotes) -> Span | None:
    for s, e in quotes.overlapping(pos, pos + 1):
        if s < pos < e:
            return (s, e)
    return None


@dataclass
class _Paragraph:
    start: int
    end: int
    quotes: Quotes
    sentences: list[Span]


def find_attributions(doc: Document) -> list[Attribution]:
    """Attributions of the kept paragraphs of ``doc``, in text order."""
    text = doc.text
    results: list[Attribution] = []
    sentence_starts = doc.sentence_starts
    previous: list[int] = []
    lead: _Lead | None = None
    listing = False  # whether ``lead`` carries on from a listed statement
    for p_start, p_end in doc.paragraphs:
        first = bisect_left(sentence_starts, p_start)
        sentences = doc.sentences[first : bisect_left(sentence_starts, p_end, first)]
        para = _Paragraph(p_start, p_end, Quotes(quote_spans(text, p_start, p_end)), sentences)
        found = _attribute_paragraph(text, para)
        led = lead is not None and not found and (not listing or _is_list_item(para))
        if led:
            found = [_led_paragraph(text, para, lead)]
        elif previous and all(_speaks_for_self(a) for a in found):
            main = _main_attribution(results, previous)
            follower = _follow_up(text, para, results[main], main)
            if follower is not None:
                found = [follower]
        previous = list(range(len(results), len(results) + len(found)))
        results.extend(found)
        opened = _open_lead(text, para)
        listing = opened is None and led and lead.listed
        lead = opened or (lead if listing else None)
    return results


class _Lead(NamedTuple):
    """The speaker and cue a colon lead-in announces; ``listed`` when it announces a list
    of statements ("More statements by Peskov:"), one paragraph each."""

    source: Mention
    cue: Mention
    listed: bool = False


def _is_list_item(para: _Paragraph) -> bool:
    """Whether a paragraph after a listed statement may be the list's next item: items
    are short, so a longer paragraph ends the list."""
    return len(para.sentences) <= 2


def _open_lead(text: str, para: _Paragraph) -> _Lead | None:
    """Source and cue of a paragraph that ends by announcing the next one:
    "Peskov said:", "And from Chairwoman Smith:" or "More statements by Peskov:"."""
    if not text.endswith(":", para.start, para.end) or not para.sentences:
        return None
    last = para.sentences[-1]
    colon = para.end - 1
    named = _LEAD_ALONE.fullmatch(text, last[0], para.end)
    if named is not None and _is_name_word(named.group(1)):
        return _Lead(Mention(named.group(1), named.span(1)), Mention(":", (colon, para.end)))
    listed = _list_lead(text, last[0], colon)
    if listed is not None:
        return listed
    cues = list(_cue_spans(text, last[0], colon))
    if not cues:
        return None
    cue_start, cue_end = cues[-1]
    if text[cue_end:colon].strip(" ,") and not _cue_extension().fullmatch(text, cue_end, colon):
        return None
    source = _source_before(text, last[0], cue_start, para.quotes)
    if source is None:
        return None
    return _Lead(Mention(text[slice(*source)], source), Mention(text[cue_start:cue_end], cues[-1]))


def _list_lead(text: str, start: int, colon: int) -> _Lead | None:
    """'More statements by Peskov:', 'Key remarks from the president:': a list lead-in."""
    found = _LIST_LEAD.match(text, start, colon)
    if found is None or found.group(1).lower() not in _words("list_nouns"):
        return None
    source = _source_after(text, found.end(), colon + 1)
    if source is None or text[source[1] : colon].strip():
        return None
    cue = Mention(text[found.start(1) : found.end(1)], found.span(1))
    return _Lead(Mention(text[slice(*source)], source), cue, listed=True)


def _led_paragraph(text: str, para: _Paragraph, lead: _Lead) -> Attribution:
    """The paragraph a colon lead-in announced is the speaker's words."""
    span = (para.start, para.end)
    kind = _content_kind(text, para, span)
    return Attribution(
        content=Mention(text[para.start : para.end], span),
        kind=kind if kind != "mixed" else "direct",
        source=lead.source,
        cue=lead.cue,
        confidence=0.7,
    )


def _main_attribution(results: list[Attribution], indices: list[int]) -> int:
    """The last attribution of a paragraph that is not nested in another's content."""

    def nested(i: int) -> bool:
        s, e = results[i].content.span
        return any(
            j != i and results[j].content.span[0] <= s and e <= results[j].content.span[1]
            for j in indices
        )

    outer = [i for i in indices if not nested(i)]
    return outer[-1] if outer else indices[-1]


def _speaks_for_self(attribution: Attribution) -> bool:
    """'I believe', 'we expect': a speaker quoting their own view inside a quotation."""
    source = attribution.source
    return source is not None and source.text.lower() in _words("first_second_person")


def _attribute_paragraph(text: str, para: _Paragraph) -> list[Attribution]:
    """Cue-led attributions of each sentence, else a dash or transcript attribution."""
    found: list[Attribution] = []
    for s_start, s_end in para.sentences:
        in_sentence: list[Attribution] = []
        for cue_start, cue_end in _cue_spans_outside_quotes(text, (s_start, s_end), para.quotes):
            if _within_cue(cue_start, in_sentence):
                continue
            cue = _cue_at(text, cue_start, cue_end)
            attribution = _attribute_cue(text, para, (s_start, s_end), cue, in_sentence)
            if attribution is not None:
                in_sentence.append(attribution)
        if not in_sentence:
            sentence = (s_start, s_end)
            marked = (
                _dash_attribution(text, para, sentence)
                or _colon_quote(text, para, sentence)
                or _withheld_detail(text, para, sentence)
            )
            if marked is not None:
                in_sentence.append(marked)
        if not in_sentence and found:
            _extend_with_quote(text, para, (s_start, s_end), found[-1])
        if len(in_sentence) > 1:
            in_sentence = [a for a in in_sentence if not _nested_relative(text, a, in_sentence)]
        found.extend(in_sentence)
    lead = _transcript_lead(text, para)
    if lead is None:
        return found
    first_end = para.sentences[0][1] if para.sentences else para.end
    if any(a.source and a.source.span[0] < first_end and not _speaks_for_self(a) for a in found):
        return found  # "MOSCOW: The Kremlin said …" is a dateline, not a speaker label
    return [lead, *found]


def _cue_spans_outside_quotes(text: str, sentence: Span, quotes: Quotes) -> Iterator[Span]:
    """Cue spans of a sentence that do not start inside a quotation: a cue there is the
    quoted speaker's own word, so the quotations are not searched at all."""
    start = sentence[0]
    for quote_start, quote_end in quotes.overlapping(*sentence):
        if start < quote_start:
            # A cue ends before a quotation mark: it holds only letters and spaces.
            yield from _cue_spans(text, start, quote_start)
        start = quote_end
    if start < sentence[1]:
        yield from _cue_spans(text, start, sentence[1])


def _within_cue(pos: int, attributions: list[Attribution]) -> bool:
    """Whether ``pos`` falls inside the cue of the sentence's latest attribution."""
    cue = attributions[-1].cue if attributions else None
    return cue is not None and cue.span[0] <= pos < cue.span[1]


def _cue_at(text: str, start: int, end: int) -> Cue:
    lemma, kind = _cue_reading(text[start:end])
    return Cue(start, end, lemma, kind)


@lru_cache(maxsize=4096)
def _cue_reading(written: str) -> tuple[str, str]:
    """Lemma and class of a cue as written ("Says", "points  out"); few distinct forms
    recur, so the answer is cached."""
    form = " ".join(written.lower().split())
    if form == "according to":
        return form, "according"
    speech = verb_lemmas(SPEECH_VERBS)
    if form in speech:
        return speech[form], "speech"
    return verb_lemmas(BELIEF_VERBS)[form], "belief"


def _attribute_cue(
    text: str,
    para: _Paragraph,
    sentence: Span,
    cue: Cue,
    in_sentence: list[Attribution],
) -> Attribution | None:
    """The attribution a cue heads, or None when the rules find no source or content."""
    if cue.kind == "according":
        return _according_to(text, para, sentence, cue)
    last_quote = para.quotes.last_ending_by(cue.start)
    head = max(sentence[0], last_quote[1] if last_quote else -1, cue.start - _LOOK_BACK)
    before = text[head : cue.start]
    if before.endswith(" to "):
        went_on = _WENT_ON_TO.search(before)
        if went_on is None:
            return None  # "to say", "to see": an infinitive, not a reporting verb
        cue = cue._replace(start=head + went_on.start())
        before = before[: went_on.start()]
    written = text[cue.start : cue.end]
    if before.endswith("-") or _is_noun_use(before, written, text, cue.end):
        return None  # "so-called", "well-known": an adjective; "his remarks": a noun
    if _PASSIVE_BY.match(text, cue.end):
        return None
    if cue.lemma in _words("contact_verbs") and _is_contact(text, cue.end, sentence[1]):
        return None
    if written.endswith("ing"):
        return _participle(text, para, sentence, cue, before, in_sentence)
    if _is_passive(before):
        return None
    inverted = _inverted_source(text, before, cue, sentence)
    source = None if inverted else _source_before(text, sentence[0], cue.start, para.quotes)
    if source is None and _after_coordination(text, sentence[0], cue.start):
        source = in_sentence[-1].source.span if in_sentence and in_sentence[-1].source else None
        source = source or _clause_subject(text, sentence, cue.start, para.quotes)
    if source is not None:
        cue_end = _extend_cue(text, cue, sentence)
        content = _choose_content(text, para, sentence, source, cue_end)
        if (
            content is not None
            and content[0] >= cue_end
            and not _takes_bare_clause(text, cue, cue_end, sentence)
        ):
            return None
    elif _after_clause_break(before) and cue.kind == "speech":
        source = inverted or _source_after(text, cue.end, sentence[1])
        content = _content_before(text, para, sentence, cue.start)
        cue_end = cue.end
    else:
        return None
    if source is None or content is None or not _agrees(text, source, written, before):
        return None
    if cue.kind == "belief" and (
        not _can_hold_view(text, source) or _reported_view(text, source, cue, in_sentence)
    ):
        return None
    if _is_relative_source(text, source):
        if _describes_speaker(source, in_sentence):
            return None
        content = _relative_clause_content(text, para, content)
    confidence = 0.8 if cue.kind == "speech" else 0.55
    return _build(text, para, source, cue, cue_end, content, confidence)


@cache
def _relative_endings() -> tuple[str, ...]:
    """The 'relative_pronouns' as a speaker's last word may be written ("who", "Who")."""
    return tuple(w for word in _words("relative_pronouns") for w in (word, word.capitalize()))


def _is_relative_source(text: str, source: Span) -> bool:
    """'Obama, who (called)': a speaker ending with the pronoun of a relative clause set
    off by a comma, which speaks for its antecedent."""
    if not text.endswith(_relative_endings(), source[0], source[1]):
        return False  # most speakers: one test in C
    words = text[source[0] : source[1]].split()
    return (
        len(words) > 1
        and words[-2].endswith(",")
        and words[-1].lower() in _words("relative_pronouns")
    )


def _nested_relative(text: str, attribution: Attribution, others: list[Attribution]) -> bool:
    """'Unlike Biden's team, which believed …, the new one …, Peskov said': a relative
    clause inside the content of a report whose cue follows is that speaker's account,
    not a claim. (In "criticised the governor, who says …" the clause is the writer's.)"""
    source, cue = attribution.source, attribution.cue
    if source is None or cue is None or not _is_relative_source(text, source.span):
        return False
    return any(
        other.cue is not None
        and other.cue.span[0] > cue.span[0]
        and other.content.span[0] <= cue.span[0] < other.content.span[1]
        for other in others
    )


def _describes_speaker(source: Span, earlier: list[Attribution]) -> bool:
    """'“…,” said Tom Rath, who (endorsed Kasich)': a relative clause on the speaker of an
    inverted cue describes the speaker; it is no report of its own."""
    return any(
        a.source is not None and source[0] <= a.source.span[1] + 2 and a.source.span[0] < source[1]
        for a in earlier
    )


def _relative_clause_content(text: str, para: _Paragraph, content: Span) -> Span | None:
    """A content after a relative clause's cue ends with the clause, at the first comma
    outside quotes: "Obama, who called the nominee unfit, spoke on Monday"."""
    comma = text.find(",", content[0], content[1])
    while comma >= 0:
        quote = _inside(comma, para.quotes)
        if quote is None:
            return _trim(text, content[0], comma)
        if not text[comma + 1 : quote[1]].strip("”\"’»'"):
            return (content[0], quote[1])  # "which believed that “…,” the new team …"
        comma = text.find(",", comma + 1, content[1])
    return content


def _is_contact(text: str, start: int, end: int) -> bool:
    """Whether a contact verb ("call") reports getting in touch, not words: a particle
    follows ("called off the talks") or a pronoun or name with no complement, only a time,
    an adverbial, a relative clause or the sentence end ("called Putin on Tuesday",
    "called Ukraine's president Zelensky, who …"), unlike "called him a liar", "called
    Wednesday for talks", "called on Kyiv to …" or "called them, in a column, “…”".

    An object with a determiner is left a cue: "the idea that …", "the use of force" and
    "the plan unacceptable" cannot be told from a contact by their words."""
    end = min(end, start + 100)
    if _QUOTE_MARK.search(text, start, end):
        return False  # a quoted name or judgement is the complement, after an aside
    tokens = _skip_time(_tokens(text, start, end))
    if not tokens:
        return False
    first = tokens[0][0]
    if first.lower() in _words("contact_particles"):
        return True
    size = 1 if first.lower() in _words("object_pronouns") else _name_size(tokens)
    return size > 0 and _closes_object(_skip_time(tokens[size:]))


def _skip_time(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Tokens after a leading time phrase ("Wednesday", "on Tuesday night", "last week");
    all of them when "on" or "this" opens no time ("on Kyiv to …")."""
    skipped = 0
    for i, (word, _, _) in enumerate(tokens):
        lower = word.lower()
        if lower not in _words("time_words"):
            break
        if lower in _TIME_TAIL_ENDS:
            skipped = i + 1
    return tokens[skipped:]


def _name_size(tokens: list[tuple[str, int, int]]) -> int:
    """Tokens of the name opening ``tokens`` ("Secretary of State John Kerry", "Russia's
    foreign minister Sergei Lavrov"), 0 if none."""
    size = 0
    while size < len(tokens):
        word = tokens[size][0]
        if _is_name_word(word) and word[0].isalnum():
            size += 1
            if word.endswith(("'s", "’s")):
                size = _title_after_owner(tokens, size)
        elif word == "of" and size and _is_name_word(tokens[min(size + 1, len(tokens) - 1)][0]):
            size += 1
        else:
            break
    return size


def _title_after_owner(tokens: list[tuple[str, int, int]], start: int) -> int:
    """Past a lowercase title between an owner and a name ("(Russia's) foreign minister
    (Lavrov)"), else ``start``: in "Russia's invasion a crime" no name follows."""
    for i in range(start, min(start + 3, len(tokens))):
        word = tokens[i][0]
        if _is_name_word(word):
            return i
        if not (word.isalpha() and word.islower()) or _opens_adjunct(word):
            break
    return start


def _closes_object(rest: list[tuple[str, int, int]]) -> bool:
    """Whether the words after a contact verb's object end it with no complement."""
    if not rest or rest[0][0] in (".", ";", "!", "?", ")"):
        return True
    word = rest[0][0].lower()
    after = rest[1][0] if len(rest) > 1 else ""
    if word == ",":
        return not after or after.lower() in _words("object_enders") or _is_participle_word(after)
    if word in ("and", "but"):  # "called Putin and discussed", not "called X and Y liars"
        return after.isalpha() and after.islower() and after not in _words("determiners")
    return _opens_adjunct(word)


def _opens_adjunct(word: str) -> bool:
    """A word that opens a time, an adverbial or a clause, not a complement."""
    lower = word.lower()
    return (
        lower in _words("time_words")
        or lower in _words("adverbial_starters")
        or lower in _words("clause_words")
    )


def _reported_view(text: str, source: Span, cue: Cue, earlier: list[Attribution]) -> bool:
    """'Trump said he thinks …': a view a pronoun holds inside the content of an earlier
    report is part of that report, not a claim of its own."""
    if text[source[0] : source[1]].lower() not in _words("pronouns"):
        return False
    return any(a.content.span[0] <= cue.start < a.content.span[1] for a in earlier)


def _after_coordination(text: str, start: int, cue_start: int) -> bool:
    """'Giles attempted … and said he had': a second verb sharing the clause's subject."""
    if not text[max(start, cue_start - 40) : cue_start].rstrip().endswith(_AND_TAILS):
        return False
    start = max(start, cue_start - _LOOK_BACK)
    tokens = _drop_adverbials(text, start, _tokens(text, start, cue_start))
    if len(tokens) < 4 or tokens[-1][0].lower() not in ("and", "but"):
        return False
    return tokens[-2][0][0].isalnum() or tokens[-2][0] in _QUOTE_MARKS | {","}


def _takes_bare_clause(text: str, cue: Cue, cue_end: int, sentence: Span) -> bool:
    """Whether the words after the cue can be its content without "that", a colon or a quote.

    "said he was", "wants to": yes; "boasts a lead", "responded to a question": no.
    """
    if cue.lemma in _words("bare_complement") or _introduced(text, cue_end, sentence[1]):
        return True
    if cue.lemma in _words("object_complement"):
        return _opens_object(text, cue_end, sentence[1])
    return text.startswith(" to ", cue_end) and cue.lemma in _words("infinitive_complement")


def _opens_object(text: str, start: int, end: int) -> bool:
    """Whether a noun phrase follows ``start``: "accused him of", "cited a poll".

    Not a preposition, adverb or verb: after "the women she accused of …" or "the cases it
    cited are …" the object was moved before the verb, and what follows is no content."""
    first = _TOKEN.search(text, start, min(end, start + 40))
    if first is None or text[start : first.start()].strip():
        return False
    word = first.group()
    lower = word.lower()
    if lower in _words("object_pronouns") or lower in _words("determiners"):
        return True
    if not word[0].isalnum():
        return word[0] in _QUOTE_MARKS
    if word[0].isupper() or word[0].isdigit():
        return True
    return not (
        _is_clause_word(word)
        or lower in _words("adverbial_starters")
        or lower in _words("passive_auxiliaries")
        or lower == "of"
        or _is_adverb(word)
    )


def _is_noun_use(before: str, form: str, text: str, end: int) -> bool:
    """'his remarks', 'Editor's note', 'every state', 'secretary of state': the cue word is
    a noun here.

    A form that is also a plural noun ("states", "notes") is a verb only after a name or
    pronoun and before a clause break, "that", the start of a clause ("Schweizer notes the
    foundation hid …") or, for a verb taking one, an infinitive ("Clinton hopes to …").
    """
    written = _last_word(before)
    if not written:
        return False
    last = written.lower()
    if last in _words("articles") or last.endswith(("'s", "’s")):
        return True
    if last in _words("noun_prepositions") and not form.endswith("ing"):
        return True  # "the secretary of state", "from every report"
    if form.lower() not in _words("noun_like_forms") or last in _words("pronouns"):
        return False
    if last in _words("relative_pronouns") and (
        last == "who" or before.rstrip()[: -len(written)].rstrip().endswith(",")
    ):
        return False  # "Sanders, who cites …"; "which states" without a comma asks
    if not _is_name_word(written):
        return True
    if _CLAUSE_BREAK.match(text, end):
        return False
    after = _TOKEN.search(text, end, end + 40)
    word = after.group() if after and not text[end : after.start()].strip() else ""
    if word == "to":
        lemma = _all_verb_lemmas().get(form.lower(), "")
        return lemma not in _words("infinitive_complement")
    return not (word.lower() in _words("clause_openers") or word[:1].isupper())


def _participle(
    text: str,
    para: _Paragraph,
    sentence: Span,
    cue: Cue,
    before: str,
    earlier: list[Attribution],
) -> Attribution | None:
    """'…, adding that …', 'issued a statement saying …', 'was saying …', 'by saying …'."""
    tail = before.rstrip()
    auxiliary = _last_word(tail)
    progressive = bool(auxiliary) and auxiliary.lower() in _words("passive_auxiliaries")
    if cue.kind != "speech" and not progressive and cue.lemma not in _words("verbal_acts"):
        return None
    source: Span | Mention | None = None
    if tail.endswith(","):
        if earlier and earlier[-1].source is not None:
            source = earlier[-1].source
        else:
            source = _clause_subject(text, sentence, cue.start, para.quotes)
    elif tail.lower().endswith(_statement_endings()):
        source = _sentence_subject(text, sentence)
    elif progressive:
        aux_start = cue.start - len(before) + len(tail) - len(auxiliary)
        source = _source_before(text, sentence[0], aux_start, para.quotes)
    elif auxiliary.lower() in _words("gerund_prepositions"):
        # "Bolton distanced himself by saying …", "After saying …, the man …"
        source = _clause_subject(text, sentence, cue.start, para.quotes)
    if source is None:
        return None
    cue_end = _extend_cue(text, cue, sentence)
    return _build(
        text, para, source, cue, cue_end, _content_after(text, para, cue_end, sentence), 0.6
    )


@cache
def _statement_endings() -> tuple[str, ...]:
    return tuple(" " + noun for noun in _words("statement_nouns"))


def _clause_subject(text: str, sentence: Span, stop: int, quotes: Quotes) -> Span | None:
    """The subject of the clause a participle hangs on: "…, Mrs. Clinton tried …, saying"."""
    window = max(sentence[0], stop - 2 * _LOOK_BACK)
    commas = [
        window + m.start()
        for m in re.finditer(",", text[window:stop])
        if not _inside(window + m.start(), quotes)
    ]
    if len(commas) >= 2:
        found = _sentence_subject(text, (commas[-2] + 1, stop), skip_intro=False)
        if found is not None:
            return found
    return _sentence_subject(text, sentence)


def _sentence_subject(text: str, sentence: Span, skip_intro: bool = True) -> Span | None:
    """The noun phrase that opens a sentence, after an introductory phrase and comma."""
    tokens = _tokens(text, sentence[0], min(sentence[1], sentence[0] + _LOOK_BACK))
    dateline = next((i for i, t in enumerate(tokens[:8]) if t[0] in ("—", "–", "-")), None)
    if dateline is not None:
        tokens = tokens[dateline + 1 :]
    while tokens and tokens[0][0].lower() in ("but", "and", "then", "so", "yet", "also"):
        tokens = tokens[1:]
    if not skip_intro and tokens and tokens[0][0].lower() in _words("introducers"):
        return None
    if tokens and tokens[0][0].lower() in _words("introducers"):
        comma = next((i for i, t in enumerate(tokens[:15]) if t[0] == ","), None)
        if comma is None:
            return None
        tokens = tokens[comma + 1 :]
    tokens = _after_time_opening(tokens)
    phrase: list[tuple[str, int, int]] = []
    for token in tokens[:10]:
        word = token[0]
        if _opens_object_after_verb(word, phrase):
            break
        if (
            word[0].isalnum()
            and not _is_clause_word(word)
            and (
                _is_name_word(word)
                or word.lower() in _words("determiners")
                or is_source_noun(word)
                or (phrase and phrase[0][0].lower() in _words("determiners") and word.islower())
            )
        ):
            phrase.append(token)
            continue
        if word.lower() in _words("pronouns") and not phrase:
            return (token[1], token[2])
        break
    while phrase and not (_is_name_word(phrase[-1][0]) or is_source_noun(phrase[-1][0])):
        phrase.pop()
    if not phrase or phrase[-1][0].lower() in _words("determiners"):
        return None
    return (phrase[0][1], phrase[-1][2])


def _after_time_opening(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Tokens after an opening time phrase and its comma, if any: "Eight years ago, he",
    "A few minutes later they" (not "He later")."""
    for i, (word, _, _) in enumerate(tokens[:6]):
        if not word.isalnum():
            return tokens
        if (
            word.lower() in _words("time_opening_ends")
            and i > 0
            and tokens[i - 1][0].lower().removesuffix("s") in _words("time_units")
        ):
            rest = tokens[i + 1 :]
            return rest[1:] if rest and rest[0][0] == "," else rest
    return tokens


def _opens_object_after_verb(word: str, phrase: list[tuple[str, int, int]]) -> bool:
    """Whether a determiner follows a lower-case word that is no determiner, preposition or
    speaker noun, the verb of a coordinated predicate: "The senator met | the envoy and
    said" (not "The head of | the agency")."""
    if not phrase or word.lower() not in _words("determiners"):
        return False
    last = phrase[-1][0]
    if not last.islower() or last in _words("determiners") or last in _words("noun_prepositions"):
        return False
    return last != "and" and not is_source_noun(last)


def _build(
    text: str,
    para: _Paragraph,
    source: Span | Mention,
    cue: Cue,
    cue_end: int,
    content: Span | None,
    confidence: float,
) -> Attribution | None:
    if content is None:
        return None
    mention = source if isinstance(source, Mention) else Mention(text[slice(*source)], source)
    start, end = content
    kind = _content_kind(text, para, content)
    if kind == "direct":
        confidence = min(1.0, confidence + 0.1)
    return Attribution(
        content=Mention(text[start:end], (start, end)),
        kind=kind,
        source=mention,
        cue=Mention(text[cue.start : cue_end], (cue.start, cue_end)),
        confidence=confidence,
    )


def _content_kind(text: str, para: _Paragraph, content: Span) -> str:
    quotes = para.quotes.overlapping(*content)
    inside = [(max(s, content[0]), min(e, content[1])) for s, e in quotes]
    quoted = sum(max(0, e - s) for s, e in inside)
    length = max(1, content[1] - content[0])
    if quoted >= 0.85 * length:
        return "direct"
    return "mixed" if quoted else "indirect"


def _extend_cue(text: str, cue: Cue, sentence: Span) -> int:
    """The cue end after an addressee or medium: "told reporters", "said in a statement"."""
    end = _coordinated_verb_end(text, cue.end, sentence[1])
    if text.startswith(" out", end) and cue.lemma == "point out":
        end += 4
    day = _CUE_DAY.match(text, end, sentence[1])
    if day:
        end = day.end()
    if cue.lemma in _words("addressee_verbs"):
        end = _addressee_end(text, end, sentence[1])
    elif cue.lemma not in _words("bare_complement"):
        noun = _OBJECT_BEFORE_THAT.match(text, end, sentence[1])
        end = noun.end() if noun else end
    extension = _cue_extension().match(text, end, sentence[1])
    if extension and extension.end() > end:
        after = text[extension.end() : extension.end() + 8]
        if re.match(r"\s*(?:,|that\b|:|[“\"«]|\.|$)", after) or cue.lemma == "tell":
            return extension.end()
    return end


def _coordinated_verb_end(text: str, end: int, limit: int) -> int:
    """Past a second speech verb joined to the cue ("confirm or deny"), else ``end``."""
    joined = _COORDINATED_VERB.match(text, end, limit)
    if joined and joined.group(1).lower() in verb_lemmas(SPEECH_VERBS):
        return joined.end()
    return end


def _addressee_end(text: str, start: int, end: int) -> int:
    """End of the addressee of "told": "told CNN's Jake Tapper.", "told city leaders that",
    "told the victims’ families."."""
    last = start
    for word, token_start, token_end in _tokens(text, start, min(end, start + 80)):
        lower = word.lower()
        if word in ("'", "’") and token_start == last and text[last - 1] in "sS":
            last = token_end  # "told the victims’ families", "told CBS' Face the Nation"
            continue
        if lower in _words("addressee_stops") or not word[0].isalnum():
            return last
        if _is_clause_word(word) and lower not in _words("determiners"):
            break
        last = token_end
    else:
        return last
    return start


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """``_TOKEN`` matches of ``text[start:end]`` as (token, start, end).

    Every character but a space belongs to a token, so reading the spaces before each token
    with ``findall`` and adding up lengths gives the same offsets as ``finditer`` without a
    match object per token. Trailing spaces are dropped first: they hold no token.
    """
    while end > start and text[end - 1].isspace():
        end -= 1
    tokens = []
    position = start
    for space, token in _SPACED_TOKEN.findall(text, start, end):
        position += len(space)
        tokens.append((token, position, position + len(token)))
        position += len(token)
    return tokens


def _is_passive(before: str) -> bool:
    last = _last_word(before)
    return bool(last) and last.lower() in _words("passive_auxiliaries")


def _last_word(words: str) -> str:
    """The last space-separated word of ``words`` ("" if none), without splitting it all."""
    found = words.rsplit(None, 1)
    return found[-1] if found else ""


def _after_clause_break(before: str) -> bool:
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ',”"’»:—–-' or stripped.endswith(("”,", '",'))


def _is_name_word(token: str) -> bool:
    return token[:1].isupper()


def is_source_noun(token: str) -> bool:
    """A noun that heads a speaker without a name (data/source_nouns.txt), or its plural."""
    word = token.lower().rstrip("'’")
    nouns = _source_nouns()
    return word in nouns or (word.endswith("s") and (word[:-1] in nouns or word[:-2] in nouns))


def _source_before(text: str, start: int, cue_start: int, quotes: Quotes) -> Span | None:
    """The noun phrase that ends right before the cue (skipping auxiliaries and time words).

    When a comma comes right before the cue, the words between commas are an appositive,
    a relative clause or an aside ("Hugh Hill, a doctor, said", "the spokesman, Josh
    Earnest, said", "Trump, who …, said", "Stranch, in her dissent, said") and the speaker
    phrase runs from the name before them.
    """
    sentence_start = start
    start = max(start, cue_start - _LOOK_BACK)
    aside_start = max(start, cue_start - 45)
    aside = None
    if text.find(")", aside_start, cue_start) >= 0:
        aside = _PARENTHESIS_TAIL.search(text, aside_start, cue_start)
    stop = aside.start() if aside else cue_start
    tokens = _drop_reduced_relative(_drop_adverbials(text, start, _tokens(text, start, stop)))
    while tokens and tokens[-1][0] in _QUOTE_MARKS:
        tokens.pop()
    if not tokens:
        return None
    if tokens[-1][0] in _ASIDE_ENDS and start > sentence_start:
        # Asides can be long ("Macron, when asked whether …, said"): look further back.
        start = max(sentence_start, cue_start - 2 * _LOOK_BACK)
        tokens = _drop_adverbials(text, start, _tokens(text, start, stop))
        while tokens and tokens[-1][0] in _QUOTE_MARKS:
            tokens.pop()
    if tokens[-1][0] in _DASHES:
        return _before_dash_aside(tokens)
    if tokens[-1][0] != ",":
        found = _noun_phrase_before(tokens)
        return found[0] if found else None
    commas = [i for i, t in enumerate(tokens[:-1]) if t[0] == ","]
    if quotes:
        commas = [i for i in commas if not _inside(tokens[i][1], quotes)]
    end = len(tokens) - 1
    speaker: Span | None = None
    for comma in reversed(commas[-3:]):
        inserted = tokens[comma + 1 : end]
        if not inserted or not _is_insertion(inserted):
            break
        named = _without_parenthesis(tokens[:comma])
        found = _noun_phrase_before(named)
        if found is not None and found[0][1] == named[-1][2]:
            speaker = (found[0][0], tokens[-2][2])
        elif speaker is None:
            # "Trump on Wednesday, after speaking to Putin, said": the speaker is the name.
            head = _drop_adverbials(text, start, tokens[:comma])
            found = _noun_phrase_before(head)
            if found is not None and found[0][1] == head[-1][2]:
                return found[0]
        end = comma
    return speaker


def _before_dash_aside(tokens: list[tuple[str, int, int]]) -> Span | None:
    """The speaker before an aside set off by dashes that end the tokens: "Jason Sims — a
    teacher — says", "The justice -- who has clashed with him -- said"."""
    end = len(tokens)
    while end > 0 and tokens[end - 1][0] in _DASHES:
        end -= 1
    opening = next((i for i in range(end - 1, 0, -1) if tokens[i][0] in _DASHES), None)
    if opening is None:
        return None
    while opening > 0 and tokens[opening - 1][0] in _DASHES:
        opening -= 1
    found = _noun_phrase_before(tokens[:opening])
    if found is None or opening == 0 or found[0][1] != tokens[opening - 1][2]:
        return None
    return found[0]


def _without_parenthesis(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Tokens without the parenthesis that closes them: the party and state after a name
    ("Sen. Jack Reed (D-R.I.)", "Rep. Sander Levin (Mich.)")."""
    if len(tokens) < 3 or tokens[-1][0] != ")":
        return tokens
    for i in range(len(tokens) - 2, max(0, len(tokens) - 10), -1):
        if tokens[i][0] in "()":
            return tokens[:i] if tokens[i][0] == "(" else tokens
    return tokens


def _drop_reduced_relative(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Tokens without a participle after the speaker's noun: "figures published (this
    week) show", "a statement released (on Monday) said"; time words are already gone."""
    if len(tokens) < 2 or not _is_past_participle(tokens[-1][0]):
        return tokens
    noun = tokens[-2][0]
    common = noun.islower() or len(tokens) == 2  # "Figures published …" opens a sentence
    if common and is_source_noun(noun) and not noun.endswith(("'s", "’s")):
        return tokens[:-1]
    return tokens  # "Ailes helped found", "Trump's repeated calls": a verb, an adjective


def _is_past_participle(word: str) -> bool:
    return word.islower() and (word.endswith("ed") or word in _words("irregular_participles"))


def _is_insertion(tokens: list[tuple[str, int, int]]) -> bool:
    """An appositive, relative clause or aside set off by commas."""
    first = tokens[0][0]
    if first.lower() in _words("insertion_starters") or first[0].isdigit():
        return True
    if _is_participle_word(first) or _PARTY_TAG.match(first) or _is_bare_role(tokens):
        return True
    found = _noun_phrase_before(tokens)
    return found is not None and found[0][0] == tokens[0][1]


def _is_bare_role(tokens: list[tuple[str, int, int]]) -> bool:
    """Whether the tokens open with a role without an article and then end or go on with a
    preposition: "director of research at the institute", "executive director of …"."""
    for i, (word, _, _) in enumerate(tokens[:3]):
        if not word.isalpha() or not word.islower():
            return False
        if is_source_noun(word):
            rest = tokens[i + 1 : i + 2]
            return not rest or rest[0][0] in _words("postmodifier_starters") or rest[0][0] == "and"
    return False


def _drop_adverbials(
    text: str, start: int, tokens: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """Tokens without the auxiliaries, adverbs and time words between subject and cue."""
    between = _words("between_source_and_cue")
    while tokens and (tokens[-1][0].lower() in between or _is_adverb(tokens[-1][0])):
        tokens.pop()
    if not tokens or tokens[-1][0].lower() not in _TIME_TAIL_ENDS:
        return tokens
    stop = tokens[-1][2]
    tail = _TIME_TAIL.search(text, max(start, stop - 60), stop)
    if tail:
        tokens = [t for t in tokens if t[2] <= tail.start()]
        while tokens and tokens[-1][0].lower() in between:
            tokens.pop()
    return tokens


def _noun_phrase_before(tokens: list[tuple[str, int, int]]) -> tuple[Span, bool] | None:
    """The noun phrase ending the token list, and whether it starts with a determiner."""
    if not tokens:
        return None
    share = _share(tokens)
    if share is not None:
        return share, False
    head = tokens[-1][0]
    if head.lower() in _words("pronouns"):
        return (tokens[-1][1], tokens[-1][2]), False
    if head.lower() in ("who", "which") and len(tokens) > 1:
        antecedent = tokens[:-2] if tokens[-2][0] == "," else tokens[:-1]
        found = _noun_phrase_before(antecedent)
        if found is None:
            return None
        return (found[0][0], tokens[-1][2]), found[1]
    determiners = _words("determiners")
    first = len(tokens) - 1
    has_determiner = False
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 10), -1):
        word = tokens[i][0]
        lower = word.lower()
        if lower in determiners:
            first, has_determiner = i, True
            break
        if word in ("'s", "’s", "-", "&") or (word in "'’" and _is_plural_possessive(tokens, i)):
            first = i
            continue
        if lower in ("of", "and", "to", "for", "at") and 0 < i < len(tokens) - 1:
            previous = tokens[i - 1][0]
            if _is_name_word(previous) or (lower != "and" and is_source_noun(previous)):
                first = i
                continue
        if _is_clause_word(word) or not word[0].isalnum():
            break
        first = i
    owner = _postmodified_owner(tokens[:first])
    if owner is not None and _can_end_object(head):
        return (owner, tokens[-1][2]), True  # "a spokesman for the Kremlin"
    while first < len(tokens) - 1 and (
        _is_clause_word(tokens[first][0]) or tokens[first][0] in ("'s", "’s", "and", "of", "for")
    ):
        first += 1
    phrase = tokens[first:]
    if not _good_head(head, phrase, has_determiner):
        return None
    return (phrase[0][1], phrase[-1][2]), has_determiner


def _is_plural_possessive(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """Whether token ``i``, an apostrophe, is that of "Sanders’ campaign manager", "the
    attackers' phones": one attached to a word ending in "s", inside the phrase."""
    if not 0 < i < len(tokens) - 1:
        return False
    before = tokens[i - 1]
    return before[0].endswith("s") and before[2] == tokens[i][1]


def _share(tokens: list[tuple[str, int, int]]) -> Span | None:
    """A poll share ending the token list: "47%", "six in 10", "one out of five"."""
    if len(tokens) >= 2 and tokens[-1][0] == "%" and tokens[-2][0][0].isdigit():
        return (tokens[-2][1], tokens[-1][2])
    if len(tokens) < 3 or not _is_number(tokens[-1][0]):
        return None
    ratio = [t[0].lower() for t in tokens[-4:-1]]
    if ratio[-1:] == ["in"] and _is_number(ratio[-2] if len(ratio) > 1 else ""):
        return (tokens[-3][1], tokens[-1][2])
    if ratio == [ratio[0], "out", "of"] and _is_number(ratio[0]):
        return (tokens[-4][1], tokens[-1][2])
    return None


def _is_share(text: str, source: Span) -> bool:
    """Whether a speaker is a poll share; its words are split only when the last one can
    end a share (most speakers are names)."""
    words = text[source[0] : source[1]].rsplit(None, 1)
    if not words or not (words[-1].endswith("%") or _is_number(words[-1])):
        return False
    return _share(_tokens(text, *source)) is not None


def _is_number(word: str) -> bool:
    return word[:1].isdigit() or word.lower() in _words("number_words")


def _can_end_object(word: str) -> bool:
    """Whether a word can end the object of a preposition: "(close to) him", "(for) the
    Kremlin", not "(close to) that"."""
    return word[0].isalnum() and (
        word.lower() in _words("object_pronouns") or not _is_clause_word(word)
    )


def _postmodified_owner(tokens: list[tuple[str, int, int]]) -> int | None:
    """Start of the speaker noun phrase that the tokens end with, followed by a preposition
    and maybe an adjective: "a spokesman for" (the Kremlin), "people familiar with" (the
    talks), "sources close to" (him); None when the tokens end otherwise."""
    if len(tokens) < 2 or tokens[-1][0].lower() not in _words("postmodifier_starters"):
        return None
    rest = tokens[:-1]
    if len(rest) > 1 and rest[-1][0].lower() in _words("postmodifier_adjectives"):
        rest = rest[:-1]
    if not is_source_noun(rest[-1][0]) or rest[-1][0].lower() in _words("quantity_nouns"):
        return None
    found = _noun_phrase_before(rest)
    if found is None or found[0][1] != rest[-1][2]:
        return None
    return found[0][0]


def _is_clause_word(token: str) -> bool:
    """A function word that ends a noun phrase ("US" and "IT" are names, not pronouns)."""
    if len(token) > 1 and token.isupper():
        return False
    return token.lower() in _words("clause_words")


def _is_adverb(token: str) -> bool:
    return len(token) > 4 and token.endswith("ly") and token.islower()


def _good_head(head: str, phrase: list[tuple[str, int, int]], has_determiner: bool) -> bool:
    if not head[0].isalpha():
        return False
    if _is_clause_word(head) or head.lower() in _words("time_words"):
        return False
    if _is_name_word(head):
        return not (len(phrase) == 1 and head.lower() in _words("determiners"))
    if is_source_noun(head):
        return True
    return has_determiner and len(phrase) <= 5


def _source_after(text: str, start: int, end: int) -> Span | None:
    """The noun phrase after an inverted cue ("…, said the spokesman, adding …"), with
    premodifiers ("said former governor Howard Dean") and postmodifiers ("said a spokesman
    for the ministry", "said a person familiar with the talks")."""
    phrase: list[tuple[str, int, int]] = []
    head = -1  # the noun a postmodifier hangs on, when there is one
    for token in _TOKEN.finditer(text, start, end):
        word, s, e = token.group(), token.start(), token.end()
        lower = word.lower()
        if not word[0].isalnum() and word not in ("'s", "’s", "-", "&"):
            break
        if lower in ("that", "in", "on", "at", "during", "after", "before", "when"):
            break
        if phrase and (_is_participle_word(word) or lower in ("who", "which", "whose", "whom")):
            break
        if head < 0 and phrase and lower in _words("postmodifier_starters"):
            head = _postmodified_head(phrase)
            if head < 0:
                return None
        phrase.append((word, s, e))
        if len(phrase) > 10:
            return None
    if (
        not phrase
        or _is_clause_word(phrase[0][0])
        and phrase[0][0].lower() not in _words("pronouns")
    ):
        return None
    if phrase[0][0].lower() in _words("pronouns"):
        phrase = phrase[:1]
    elif len(phrase) > 8 or any(
        _is_clause_word(w) and w.lower() not in _words("postmodifier_starters")
        for w, _, _ in phrase[1:]
    ):
        return None
    if not _opens_source_after(phrase, head):
        return None  # "said of Trump", "said in May"
    follow = _TOKEN.search(text, phrase[-1][2], min(end, phrase[-1][2] + 20))
    word_after = follow.group() if follow else ""
    if word_after[:1].isalnum() and word_after.lower() not in _words("follow_source"):
        return None
    last = phrase[-1][0]
    if head >= 0 and (phrase[head][0].lower() != "one" or is_source_noun(last)):
        return (phrase[0][1], phrase[-1][2])  # "one of the officials", not "one of the bags"
    if last.lower() in _words("pronouns") or _is_name_word(last) or is_source_noun(last):
        return (phrase[0][1], phrase[-1][2])
    if phrase[0][0].lower() in _words("determiners") and len(phrase) <= 4:
        return (phrase[0][1], phrase[-1][2])
    return None


_NOT_MODIFIERS = ("adverbial_starters", "between_source_and_cue", "time_words")


def _postmodified_head(phrase: list[tuple[str, int, int]]) -> int:
    """Index of the noun a postmodifier starting after ``phrase`` hangs on ("a spokesman"
    in "a spokesman for", "a person" in "a person close to"), or -1 when it is none."""
    i = len(phrase) - 1
    if i > 0 and phrase[i][0].lower() in _words("postmodifier_adjectives"):
        i -= 1
    word = phrase[i][0]
    lower = word.lower()
    if (lower in _words("determiners") and lower != "one") or lower in _words("quantity_nouns"):
        return -1  # "many of them", "another number to the mix"
    return i if _is_name_word(word) or is_source_noun(word) else -1


def _opens_source_after(phrase: list[tuple[str, int, int]], head: int) -> bool:
    """Whether an inverted speaker may open with its first word: a determiner, pronoun,
    name or source noun; or a modifier ("former", "senior") before a name or source noun."""
    opener = phrase[0][0]
    if not opener.islower():
        return True
    if opener in _words("determiners") or opener in _words("pronouns") or is_source_noun(opener):
        return True
    if len(phrase) < 2 or not opener.isalpha() or _is_adverb(opener) or opener.endswith("ing"):
        return False
    if any(opener in _words(role) for role in _NOT_MODIFIERS):
        return False
    noun = phrase[head][0] if head >= 0 else phrase[-1][0]
    return _is_name_word(noun) or is_source_noun(noun)


def _inverted_source(text: str, before: str, cue: Cue, sentence: Span) -> Span | None:
    """'…, potentially involved, said Ukrainian delegation head Rustem Umerov.': a speaker
    after the cue that ends the sentence wins over reading the commas as an aside."""
    if not before.rstrip().endswith(",") or cue.kind != "speech":
        return None
    if cue.lemma in _words("addressee_verbs"):
        return None  # "Graham, a former candidate, told CBS News."
    source = _source_after(text, cue.end, sentence[1])
    if source is None or text[source[0] : source[1]].split()[-1].lower() in _words("time_words"):
        return None
    rest = text[source[1] : sentence[1]]
    if not rest.strip(" .;!?”\"'’") or rest.lstrip().startswith(","):
        return source
    return None


def _is_participle_word(word: str) -> bool:
    return word.endswith("ing") and word.islower() and len(word) >= 5


def _agrees(text: str, source: Span, form: str, before: str) -> bool:
    """A bare verb form ("say", "believe") needs a plural or first/second person subject,
    or a modal ("would not confirm").

    This drops subjunctives such as "suggested that Zelensky consider".
    """
    if _all_verb_lemmas().get(form, "") != form:
        return True
    previous = _last_word(before).lower()
    if previous in _words("modals"):
        return True
    if _is_share(text, source):
        return True  # "six in 10 say"
    words = [word.lower() for word in _antecedent_words(text, source)]
    if not words:
        return False
    head = _head_word(words)
    if head in ("i", "we", "you", "they") or _is_plural(head) or _is_quantity(head):
        return True
    return _is_coordinated(words)


def _antecedent_words(text: str, source: Span) -> list[str]:
    """The speaker's words without a relative pronoun ending them ("those who (say)",
    "Bush and Christie, who (say)"): the verb agrees with the antecedent."""
    words = text[source[0] : source[1]].split()
    if len(words) > 1 and words[-1].lower() in _words("relative_pronouns"):
        words.pop()
    return [word.rstrip(",") for word in words]


def _is_coordinated(words: list[str]) -> bool:
    """'Bush and Christie', 'Democrats and some Republicans': two speakers, a plural; not
    "the head of research and development", where "and" follows the head noun."""
    head_end = next(
        (i for i, w in enumerate(words[1:], 1) if w in _words("postmodifier_starters")),
        len(words),
    )
    return "and" in words[1 : head_end - 1]


def _head_word(words: list[str]) -> str:
    """The noun a phrase's verb agrees with: the last word, or the one before a
    postmodifier ("the head of the delegation", "people familiar with the talks")."""
    after = next((i for i, w in enumerate(words[1:], 1) if w in _words("postmodifier_starters")), 0)
    if not after:
        return words[-1]
    if after > 1 and words[after - 1] in _words("postmodifier_adjectives"):
        after -= 1
    return words[after - 1]


def _is_plural(word: str) -> bool:
    """'officials', 'Democrats', 'people'; not 'previous', 'press', 'campus'."""
    if word in ("people", "police", "men", "women", "spokesmen", "others", "many", "both"):
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def _is_quantity(word: str) -> bool:
    """'67 percent (of voters) say', 'a majority say', '47% say': a share of a group takes
    a plural verb."""
    return word[:1].isdigit() or word.endswith("%") or word in _words("quantity_nouns")


def _can_hold_view(text: str, source: Span) -> bool:
    if _is_share(text, source):
        return True  # a poll share: "about 4 in 10 want …"
    if _is_relative_source(text, source):
        words = _antecedent_words(text, source)
    else:
        words = text[source[0] : source[1]].split()
    head = words[-1] if words else ""
    return head.lower() in _words("pronouns") or _is_name_word(head) or is_source_noun(head)


def _choose_content(
    text: str, para: _Paragraph, sentence: Span, source: Span, cue_end: int
) -> Span | None:
    """Content after the cue when there is any ("Carson said he was …"), else before it
    ("…, Peskov said on Tuesday.", "“…,” the spokesman said, adding …")."""
    lead = text[sentence[0] : source[0]].rstrip()
    after = _content_after(text, para, cue_end, sentence)
    if after is not None and _points_back(text[after[0] : after[1]]):
        after = None  # "He said this during a meeting": what he said was reported before
    if not lead:
        if after is None or _is_adverbial(text[after[0] : after[1]]):
            return _quote_just_before(text, para, sentence[0]) or after
        return after
    if _introduced(text, cue_end, sentence[1]):
        return after
    if _quoted_lead(text, para, sentence[0], source[0]):
        # "“…,” Trump told Britain's ITV in an interview aired on Monday.": the words after
        # the cue only say to whom, where or when.
        return _content_before(text, para, sentence, source[0])
    if after is not None and not _is_adverbial(text[after[0] : after[1]]):
        return after
    if lead.endswith(("”", '"', "»", "’", "''")):
        return _content_before(text, para, sentence, source[0])
    if lead.endswith(",") and not _is_introduction(text, para, sentence[0], lead):
        return _content_before(text, para, sentence, source[0])
    return after


def _points_back(content: str) -> bool:
    """Whether words after a cue are only a pronoun object, then where or when: "(said)
    this during a meeting", "(said) so on Tuesday"; not "(said) this week that …"."""
    words = content.split(None, 2)
    if not words or words[0].lower() not in _words("pointing_objects"):
        return False
    if len(words) == 1:
        return True
    second = words[1].lower().strip(",")
    # "described this as …", "showed this to be …": the object has its complement.
    return second in _words("adverbial_starters") and second not in ("as", "to")


def _quoted_lead(text: str, para: _Paragraph, start: int, stop: int) -> bool:
    """Whether the words before the speaker are one quotation, from the sentence start."""
    quote = para.quotes.last_ending_by(stop)
    return (
        quote is not None
        and quote[0] <= start + 1
        and not text[quote[1] : stop].strip(" ,")
        and not text[start : quote[0]].strip()
    )


def _is_introduction(text: str, para: _Paragraph, start: int, lead: str) -> bool:
    """'On Wednesday,' or 'At the same time,': an opening phrase, not a clause to report."""
    if lead.split()[0].lower().strip(",") not in _words("introducers"):
        return False
    inner = [m.start() for m in re.finditer(",", lead[:-1])]
    return all(_inside(start + i, para.quotes) for i in inner)


def _introduced(text: str, start: int, end: int) -> re.Match[str] | None:
    """'that', 'whether', a colon or a quotation opening the content, maybe after a short
    phrase ("said last week that", "told Trump at the meeting that")."""
    return _THAT.match(text, start, end) or _LATE_THAT.match(text, start, end)


def _is_adverbial(content: str) -> bool:
    """Text after a cue that only says where, when or how ("in an interview", "adding …")."""
    words = content.split(None, 1)
    first = words[0].lower().strip(",") if words else ""
    return first in _words("adverbial_starters") or _is_participle_word(first)


def _quote_just_before(text: str, para: _Paragraph, start: int) -> Span | None:
    """'“…?” Trump said.': the sentence splitter put the quote in the sentence before."""
    quote = para.quotes.last_ending_by(start)
    if quote is not None and not text[quote[1] : start].strip():
        return _trim(text, *quote)
    return None


def _content_after(text: str, para: _Paragraph, cue_end: int, sentence: Span) -> Span | None:
    start = cue_end
    introducer = _introduced(text, start, sentence[1])
    if introducer:
        start = introducer.end()
    end = _next_report_start(text, para, start, sentence[1])
    for s, e in para.quotes.overlapping(start, end):
        if start <= s < end < e:
            end = min(e, start + _MAX_CONTENT)
    span = _trim(text, start, end)
    if span is None or not _has_words(text[span[0] : span[1]], _MIN_CONTENT_WORDS):
        return None
    return span


def _next_report_start(text: str, para: _Paragraph, start: int, end: int) -> int:
    """Where a second report of the same speaker begins: a participle after a comma ("said
    the talks went well, adding that …", "defended the plan, calling it …") or a verb
    joined by "and" or "but" ("called it shameful and urged …"); else ``end``."""
    for found in _NEXT_REPORT.finditer(text, start, end):
        if _reports_speech(found.group(1)) and not _inside(found.start(), para.quotes):
            return found.start()
    return end


def _reports_speech(form: str) -> bool:
    """Whether a verb form is a speech verb or a verbal act of ``belief_verbs.txt``."""
    if form in verb_lemmas(SPEECH_VERBS):
        return True
    return verb_lemmas(BELIEF_VERBS).get(form) in _words("verbal_acts")


def _content_before(text: str, para: _Paragraph, sentence: Span, stop: int) -> Span | None:
    start = sentence[0]
    for s, _ in para.quotes.overlapping(start, start + 1):
        if s < start:
            start = max(s, stop - _MAX_CONTENT)
    span = _trim(text, start, stop)
    if span is None:
        return None
    if not _has_words(text[span[0] : span[1]], 2) and not para.quotes.overlapping(*span):
        return None
    return span


def _has_words(text: str, count: int) -> bool:
    """Whether ``text`` holds at least ``count`` words, without splitting all of a long one."""
    return len(text.split(None, count - 1)) >= count


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in _CONTENT_TRIM:
        start += 1
    while end > start and text[end - 1] in _CONTENT_TRIM_END:
        end -= 1
    return (start, end) if start < end else None


def _according_to(text: str, para: _Paragraph, sentence: Span, cue: Cue) -> Attribution | None:
    """'according to X, …' and '…, according to X.'"""
    source = _according_source(text, cue.end, sentence[1])
    if source is None:
        return None
    before = text[sentence[0] : cue.start].strip(" ,")
    if _has_words(before, _MIN_CONTENT_WORDS):
        content = _content_before(text, para, sentence, cue.start)
    else:
        comma = text.find(",", source[1], sentence[1])
        content = _trim(text, comma + 1, sentence[1]) if comma >= 0 else None
    return _build(text, para, source, cue, cue.end, content, 0.7)


_STOP = r"(?:[,;:.!?“”\"()—–]|\s-\s)"
_NOT_STOP = r"[^,;:.!?“”\"()—–]"
# Up to the next punctuation; a period inside a word ("U.S.") does not stop it.
_ACCORDING_SOURCE = re.compile(
    rf"\s*({_NOT_STOP}+?(?:\.[^\s,;:.!?“”\"()—–]{_NOT_STOP}*?)*)\s*(?={_STOP}|$)"
)


def _according_source(text: str, start: int, end: int) -> Span | None:
    """Everything from 'according to' to the next punctuation: often a long description
    ("an analysis of Federal Election Commission data by Crowdpac")."""
    found = _ACCORDING_SOURCE.match(text, start, end)
    if found is None:
        return None
    words = found.group(1).split()
    if not words or len(words) > 25 or _is_clause_word(words[0]):
        return None
    return found.span(1)


_LEAD_NAME = (
    r"(?:(?:And|Also)\s+)?(?:(?:from|by)\s+)?"
    r"((?:[A-Z][\w'’.\-]*|of|the)(?:\s+(?:[A-Z][\w'’.\-]*|of|the)){0,5})\s*:"
)
_TRANSCRIPT = re.compile(_LEAD_NAME + r"\s+(?=\S)")
_LEAD_ALONE = re.compile(_LEAD_NAME)


def _transcript_lead(text: str, para: _Paragraph) -> Attribution | None:
    """'PESKOV: …' or 'And from Chairwoman Smith: …' at a paragraph start."""
    if text.find(":", para.start, para.end) < 0:
        return None
    lead = _TRANSCRIPT.match(text, para.start, para.end)
    if lead is None or not _is_name_word(lead.group(1)):
        return None
    name = lead.group(1).lower()
    if name in _words("clause_words") or name in _words("non_speaker_labels"):
        return None  # "Correction: …", "Breaking: …"
    if not _has_words(text[lead.end() : para.end], 3):
        return None
    content = _trim(text, lead.end(), para.end)
    colon = text.rfind(":", lead.start(), lead.end())
    cue = Cue(colon, colon + 1, ":", "mark")
    return _build(text, para, lead.span(1), cue, cue.end, content, 0.6)


def _colon_quote(text: str, para: _Paragraph, sentence: Span) -> Attribution | None:
    """'Republican pollster Daron Shaw: “Historically, …”', 'From the report: “…”'."""
    colon = _COLON_QUOTE.search(text, sentence[0], sentence[1])
    if colon is None or _inside(colon.start(), para.quotes):
        return None
    quote = next(iter(para.quotes.overlapping(colon.end(), colon.end() + 1)), None)
    source = _source_before(text, sentence[0], colon.start(), para.quotes)
    if quote is None or source is None or not _labels_speaker(text, sentence[0], source):
        return None
    cue = Cue(colon.start(), colon.start() + 1, ":", "mark")
    return _build(text, para, source, cue, cue.end, _trim(text, *quote), 0.6)


def _withheld_detail(text: str, para: _Paragraph, sentence: Span) -> Attribution | None:
    """'He did not provide any timeline for …', 'The Kremlin would not give a date': a
    speaker withholding a detail says something about it; the withheld detail, with what
    follows it in the sentence, is the content (its polarity reads the negation)."""
    if not any(text.find(word, *sentence) >= 0 for word in _NEGATION_MARKS):
        return None  # most sentences: a few searches in C rule the pattern out
    found = _withholding().search(text, *sentence)
    if found is None or _inside(found.start(), para.quotes):
        return None
    source = _source_before(text, sentence[0], found.start(), para.quotes)
    if source is None or not _can_hold_view(text, source):
        return None  # "The plan does not provide a timeline"
    start = found.start("detail")
    content = _trim(text, start, _next_report_start(text, para, start, sentence[1]))
    cue = Cue(found.start(), found.end("verb"), "withhold", "speech")
    return _build(text, para, source, cue, cue.end, content, 0.55)


# Every 'withholding_negations' entry holds one of these ("cannot" holds "not").
_NEGATION_MARKS = ("not", "n't", "n’t", "unable")


@cache
def _withholding() -> re.Pattern[str]:
    """A negated 'withholding_verbs' form and the withheld detail it takes as object."""
    return re.compile(
        rf"\b(?:{_alternation('withholding_negations')})"
        rf"(?:\s+(?:{_alternation('withholding_adverbs')}))?"
        rf"\s+(?P<verb>{_alternation('withholding_verbs')})\s+"
        rf"(?P<detail>(?:(?:{_alternation('withheld_modifiers')})\s+){{0,3}}"
        rf"(?:{_alternation('withheld_nouns')}))\b"
    )


def _labels_speaker(text: str, start: int, source: Span) -> bool:
    """Whether the words before a colon name a speaker, as a label opening the sentence
    ("More from Jones:") or following a dashed heading ("… IN IOWA - Michael McDonald:"),
    not as the end of a clause ("Sanders delivered a retort:", "as Cornyn put it:")."""
    lead = re.split(r"\s[-–—]\s", text[start : source[0]])[-1].split()  # after "HEADLINE - "
    if any(word.lower() not in ("and", "also", "more", "from") for word in lead):
        return False
    words = text[source[0] : source[1]].split()
    return words[-1].lower() not in _words("pronouns") and (
        _is_name_word(words[-1]) or is_source_noun(words[-1])
    )


def _dash_attribution(text: str, para: _Paragraph, sentence: Span) -> Attribution | None:
    """'"…" - Commissioner X' and '… - noted the President of Ukraine.'"""
    if (
        _SPACED_DASH.search(text, sentence[0], sentence[1]) is None
        or _DASH_SOURCE.search(text, sentence[0], sentence[1]) is None
    ):
        return None
    quote_start, quote_end = 0, 0
    for s, e in para.quotes.overlapping(*sentence):
        if sentence[0] <= s and e <= sentence[1]:
            quote_start, quote_end = s, e
    start = quote_end or sentence[0]
    dash = _DASH_SOURCE.search(text, start, sentence[1])
    if dash is None or (not quote_end and dash.start() < sentence[0] + 20):
        return None
    rest_tokens = _tokens(text, dash.end(), sentence[1])
    if not rest_tokens or len(rest_tokens) > 12:
        return None
    cue_match = _cue_pattern().match(text, dash.end())
    source_start = dash.end()
    mark = text.rfind(dash.group().strip()[0], dash.start(), dash.end())
    cue = Cue(mark, mark + 1, "-", "mark")
    if cue_match is not None:
        cue = _cue_at(text, *cue_match.span())
        source_start = cue_match.end()
    source = _source_after(text, source_start, sentence[1])
    if source is None:
        return None
    content = _trim(text, quote_start if quote_end else para.start, dash.start())
    return _build(text, para, source, cue, cue.end, content, 0.6)


def _extend_with_quote(text: str, para: _Paragraph, sentence: Span, last: Attribution) -> None:
    """A quote-only sentence after an attributed one in the paragraph joins its content."""
    quotes = para.quotes.overlapping(sentence[0], sentence[0] + 2)
    quote = next((q for q in quotes if q[0] <= sentence[0] + 1 and q[1] >= sentence[1] - 1), None)
    if quote is None or last.content.span[1] > sentence[0] or last.kind == "continuation":
        return
    start = last.content.span[0]
    end = max(last.content.span[1], _trim(text, sentence[0], sentence[1])[1])
    last.content = Mention(text[start:end], (start, end))


def _follow_up(
    text: str, para: _Paragraph, previous: Attribution, index: int
) -> Attribution | None:
    """A paragraph with no cue right after an attribution: a quote or a continuation."""
    if previous.source is None or previous.source.text.lower() in _words("first_second_person"):
        return None
    quoted = sum(e - s for s, e in para.quotes.spans)
    span = _trim(text, para.start, para.end)
    if span is None:
        return None
    length = span[1] - span[0]
    if para.quotes and para.quotes.spans[0][0] <= para.start and quoted >= 0.8 * length:
        kind, confidence = "direct", 0.7
    elif not para.quotes and _reads_as_speech(text, span):
        kind, confidence = "continuation", 0.4
    else:
        return None
    return Attribution(
        content=Mention(text[span[0] : span[1]], span),
        kind=kind,
        source=previous.source,
        cue=previous.cue,
        confidence=confidence,
        continues=index,
    )


@cache
def _openers() -> tuple[str, ...]:
    return tuple(_words("discourse_openers"))


def _reads_as_speech(text: str, span: Span) -> bool:
    """First or second person or a spoken opener, and no narration of a third party."""
    words = _WORD.findall(text, span[0], span[1])
    if len(words) < 4:
        return False
    personal = sum(map(_words("first_second_person").__contains__, map(str.lower, words)))
    if personal != 1:
        return personal >= 2  # one personal word needs a spoken opener as well
    openings = _SENTENCE_OPENING.finditer(text, span[0], span[1])
    return any(m.group(1).lower().startswith(_openers()) for m in openings)
