"""Article text -> paragraphs and sentences, with boilerplate set aside.

STUB: owned by the attribution helper; replace with the real segmenter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimtrack.models import Span


@dataclass
class Document:
    """The stored text and the spans extraction works on (offsets into ``text``)."""

    text: str
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    skipped: list[Span] = field(default_factory=list)


def prepare(text: str) -> Document:
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    return Document(text=text, paragraphs=paragraphs, sentences=list(paragraphs))
