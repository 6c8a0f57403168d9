"""Article text -> paragraphs and sentences, with boilerplate set aside.

The text is never modified: every span is an offset into it. Stages:

1. lines: each non-blank line is a paragraph candidate, trimmed of surrounding spaces;
2. boilerplate: lines matching a pattern of ``data/boilerplate.txt`` (or only a leading
   part of them, such as a `` date 2025-02-14`` lead) and lines that occur more than once
   (repeated headlines) go to ``skipped``;
3. sentences: each kept paragraph is split after ``.``, ``!`` or ``?`` (plus any closing
   quotes or brackets) when the next word starts like a sentence, except after an
   abbreviation of ``data/abbreviations.txt`` or a single-letter initial.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property

from claimtrack.lexicon import word_list
from claimtrack.models import Span

# "[.!?…][.!?…]*" rather than "[.!?…]+": a leading character set lets the regex engine skip
# fast to the next stop mark.
_SENTENCE_END = re.compile(r"[.!?…][.!?…]*[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*$")
_REPEATED_LINE_MAX_WORDS = 25
_MAX_SENTENCE = 1500


@dataclass
class Document:
    """The stored text and the spans extraction works on (offsets into ``text``)."""

    text: str
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    skipped: list[Span] = field(default_factory=list)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence starts, for bisecting; read once ``sentences`` is complete."""
        return [start for start, _ in self.sentences]


@cache
def _boilerplate() -> re.Pattern[str]:
    patterns = word_list("boilerplate.txt")
    return re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(word_list("abbreviations.txt"))


def prepare(text: str) -> Document:
    """Segment ``text`` into kept paragraphs, their sentences and skipped boilerplate."""
    doc = Document(text=text)
    lines = _trimmed_lines(text)
    counts = Counter(line for line, _, _ in lines)
    for line, start, end in lines:
        if counts[line] > 1 and len(line.split()) <= _REPEATED_LINE_MAX_WORDS:
            doc.skipped.append((start, end))
            continue
        lead = _boilerplate().match(text, start, end)
        if lead and lead.end() > start:
            cut = _trimmed(lead.end(), end, text)
            if cut[0] >= cut[1]:
                doc.skipped.append((start, end))
                continue
            doc.skipped.append((start, lead.end()))
            start = cut[0]
        doc.paragraphs.append((start, end))
        doc.sentences.extend(split_sentences(text, start, end))
    return doc


def _trimmed_lines(text: str) -> list[tuple[str, int, int]]:
    """Each non-blank line (ended by a line feed or carriage return) without its surrounding
    spaces, with its span; string methods do this far faster than a regex."""
    lines = []
    start = 0
    for raw in text.replace("\r", "\n").split("\n"):
        line = raw.strip()
        if line:
            first = start + len(raw) - len(raw.lstrip())
            lines.append((line, first, first + len(line)))
        start += len(raw) + 1
    return lines


def _trimmed(start: int, end: int, text: str) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of ``text[start:end]`` (one paragraph)."""
    sentences = []
    begin = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text, begin, m.start(), text[m.start()]):
            continue
        sentences.append((begin, m.end()))
        begin = _trimmed(m.end(), end, text)[0]
    if begin < end:
        sentences.append((begin, end))
    if end - start <= _MAX_SENTENCE or all(e - s <= _MAX_SENTENCE for s, e in sentences):
        return sentences
    return [piece for span in sentences for piece in _capped(text, span)]


def _capped(text: str, span: Span) -> list[Span]:
    """A run-on "sentence" (a table, a list without stops) cut at spaces into pieces of at
    most ``_MAX_SENTENCE`` characters, so that later stages stay linear."""
    start, end = span
    if end - start <= _MAX_SENTENCE:
        return [span]
    pieces = []
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        pieces.append(_trimmed(start, cut, text))
        start = _trimmed(cut, end, text)[0]
    pieces.append((start, end))
    return [p for p in pieces if p[0] < p[1]]


def _is_abbreviation(text: str, begin: int, stop: int, mark: str) -> bool:
    if mark != ".":
        return False
    # The word ends at ``stop`` and holds no space: start the search after the last one.
    window = max(begin, stop - 40, text.rfind(" ", begin, stop) + 1)
    word = _WORD_BEFORE.search(text, window, stop)
    if word is None:
        return False
    token = word.group(1).rstrip(".")
    if len(token) == 1 and token.isupper():
        return True
    return token in _abbreviations() or token.rsplit(".", 1)[-1] in _abbreviations()
