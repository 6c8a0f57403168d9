"""One statement, many sightings: tell whether two claim wordings report the same statement.

Outlets quote the same remark in different translations and cuts ("a need to organise such
a meeting quite promptly" / "a need for such a [Trump-Putin] meeting to be held
promptly"), so wordings are compared as sets of content terms, not as strings: casefolded,
editorial insertions in square brackets and punctuation dropped, function words (listed in
``data/statement_stopwords.txt``) left out, and each word cut to a short stem so that
spelling variants and inflections meet (organise/organize, talk/talks).

Two wordings are one statement when they share at least ``MIN_SHARED`` terms other than
names, and the shared terms cover at least ``MIN_OVERLAP`` of the shorter wording (an
overlap coefficient, so a cut quote still matches its longer version). Both figures were
measured with ``bench/statements.py`` on the seeds and the dev corpus: three shared terms
already merge different claims of one speaker ("could hold talks in the coming days" /
"the talks will continue at the expert level in the coming days"). Only claims of the
same actor are ever compared; that is the caller's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from claimtrack.lexicon import word_list

MIN_SHARED = 4
MIN_OVERLAP = 0.6
STEM_LENGTH = 6

_EDITORIAL = re.compile(r"\[[^\]]*\]")
_NEGATED = re.compile(r"n[’']t\b", re.IGNORECASE)  # don't, can’t: the "not" is content
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_OPENERS = frozenset('.!?…:;"“”‘’«»(—-')


@dataclass(frozen=True)
class Wording:
    """The content terms of one wording, and which of them were written as names.

    Names (capitalised words inside a sentence: Putin, Saudi, President) are shared by
    most claims of one actor, so they count towards similarity but not towards the
    ``MIN_SHARED`` terms two wordings must have in common.
    """

    terms: frozenset[str]
    names: frozenset[str] = frozenset()


@cache
def _function_words() -> frozenset[str]:
    return frozenset(word.casefold() for word in word_list("statement_stopwords.txt"))


def stem(word: str) -> str:
    """A crude, language-light stem: plural -s dropped, then the first few letters."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM_LENGTH]


def wording(content: str) -> Wording:
    """The terms a claim's content is compared by."""
    text = _NEGATED.sub(" not", _EDITORIAL.sub(" ", content))
    terms: set[str] = set()
    names: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group()
        term = _term(word)
        if term is None:
            continue
        terms.add(term)
        if word[0].isupper() and not _opens_sentence(text, match.start()):
            names.add(term)
    return Wording(frozenset(terms), frozenset(names))


@lru_cache(maxsize=65536)
def _term(word: str) -> str | None:
    """The term of a word as written, or None for a function word or a single letter
    (cached: a store links every claim it files, and most words recur)."""
    folded = word.casefold()
    if len(folded) < 2 or folded in _function_words():
        return None
    return stem(folded)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins the text or a sentence (or a quotation)."""
    index = start - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return index < 0 or text[index] in _SENTENCE_OPENERS


def similarity(a: Wording, b: Wording) -> float:
    """Share of the shorter wording's terms found in the other (0 when either is empty)."""
    if not a.terms or not b.terms:
        return 0.0
    return len(a.terms & b.terms) / min(len(a.terms), len(b.terms))


def same_statement(a: Wording, b: Wording) -> bool:
    """Whether two wordings (of the same actor) report one statement."""
    shared = a.terms & b.terms
    return len(shared - a.names - b.names) >= MIN_SHARED and similarity(a, b) >= MIN_OVERLAP


def best_match(target: Wording, candidates: Iterable[tuple[int, Wording]]) -> int | None:
    """The key of the candidate ``(key, wording)`` most similar to ``target`` among those
    that are the same statement, or None."""
    best: tuple[float, int] | None = None
    for key, other in candidates:
        if same_statement(target, other):
            score = similarity(target, other)
            if best is None or score > best[0]:
                best = (score, key)
    return best[1] if best else None
