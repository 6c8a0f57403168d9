"""The first clock of a claim: when it was said.

News dates the reporting next to its cue: "Peskov said on Wednesday", "Trump told
reporters Saturday", "On Monday, Peskov said". Such a time, in the cue's sentence and
outside the content (or opening the content right after the cue: "said [Wednesday he
expected ...]"), is resolved backwards from the publication date: what was said lies before
the report. Without one the claim was said on the publication date, marked as such.

The claim's own time ("talks next week") is the second clock; it resolves against the date
returned here (``extract`` passes it to ``facets.describe`` as the anchor).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from claimtrack import timex
from claimtrack.models import Attribution, PublishedDate, SaidOn, Span, TimeExpression
from claimtrack.text import Document

# A time this close (in characters) to the cue or the source dates the reporting.
REPORT_GAP = 16
# Characters read either side of the cue and source, and at the opening of the sentence.
WINDOW = 32
# Precisions a reporting date may have: "last week" dates a statement, "soon" does not.
DATING_PRECISIONS = frozenset({"day", "week", "month"})


def said_on(doc: Document, attribution: Attribution, published: PublishedDate) -> SaidOn:
    """The date the claim was said, from the text by its cue, else the publication date."""
    anchor = published.anchor()
    if anchor is not None and attribution.cue is not None:
        for time in _reporting_times(doc, attribution):
            start, end, precision = timex.resolve(time.text, anchor, timex.PAST)
            if start and precision in DATING_PRECISIONS and start <= anchor.isoformat():
                return SaidOn(start, precision, "text", time.text, time.span)
    return SaidOn(published.value, published.precision, "published")


def said_on_date(said: SaidOn) -> date | None:
    """The anchor the claim's own time expressions resolve against."""
    if said.date is None:
        return None
    return PublishedDate(value=said.date).anchor()


def _reporting_times(doc: Document, attribution: Attribution) -> list[TimeExpression]:
    """Times in the cue's sentence that date the reporting, nearest the cue first."""
    cue = attribution.cue.span
    sentence = _sentence_of(doc, cue[0])
    content = attribution.content.span
    near = [m.span for m in (attribution.cue, attribution.source) if m is not None]
    # Only the text by the cue and source, and the sentence's opening, can date it.
    low = max(sentence[0], min(s[0] for s in near) - WINDOW)
    high = min(sentence[1], max(s[1] for s in near) + WINDOW)
    found = timex.find_times(doc.text, (low, high), None)
    if low > sentence[0]:
        found += timex.find_times(doc.text, (sentence[0], min(low, sentence[0] + WINDOW)), None)
    dating = [t for t in found if _dates_report(doc.text, t.span, content, near, sentence)]
    return sorted(dating, key=lambda t: min(_gap(t.span, span) for span in near))


def _dates_report(text: str, span: Span, content: Span, near: list[Span], sentence: Span) -> bool:
    by_cue = any(_gap(span, other) < REPORT_GAP for other in near)
    opens_content = 0 <= span[0] - content[0] < REPORT_GAP
    inside = content[0] <= span[0] and span[1] <= content[1]
    if by_cue and (not inside or opens_content):
        return True
    # "On Monday, Peskov said ...": a time opening the sentence before the cue.
    opens_sentence = span[0] - sentence[0] < 4 and text[span[1] : span[1] + 1] == ","
    return opens_sentence and not inside and span[1] <= near[0][0]


def _sentence_of(doc: Document, position: int) -> Span:
    index = bisect_right(doc.sentence_starts, position) - 1
    return doc.sentences[index] if index >= 0 else (0, len(doc.text))


def _gap(a: Span, b: Span) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)
