"""Cheap language identification: which language's function words the text uses most.

Good enough to tell English news from other languages (the extractor only reads English);
the best guess among the other languages in ``data/stopwords.txt`` is kept for the record.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from claimtrack.lexicon import word_list

UNDETERMINED = "und"
ENGLISH = "en"

# Reading the opening is enough to know the language and keeps detection constant-time.
_SAMPLE_CHARS = 20_000
_MIN_HITS = 3
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _stopwords() -> dict[str, str]:
    """Each function word mapped to its language; English words stay English only."""
    by_language: dict[str, set[str]] = {}
    for line in word_list("stopwords.txt"):
        code, *words = line.lower().split()
        by_language.setdefault(code, set()).update(words)
    english = by_language.get(ENGLISH, set())
    owner = {word: ENGLISH for word in english}
    for code, words in by_language.items():
        for word in words - english:
            owner.setdefault(word, code)
    return owner


def detect_language(text: str) -> str:
    """``en``, another ISO 639-1 code as best guess, or ``und`` when there is too little."""
    owner = _stopwords()
    hits = Counter(owner[w] for w in _WORD.findall(text[:_SAMPLE_CHARS].lower()) if w in owner)
    if not hits:
        return UNDETERMINED
    best, count = hits.most_common(1)[0]
    if hits[ENGLISH] >= count or (hits[ENGLISH] and count < _MIN_HITS):
        return ENGLISH
    return best
