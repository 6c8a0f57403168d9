"""The values that flow through the pipeline: sources -> text -> attribution -> claims.

Everything here is plain data. Spans are (start, end) character offsets into the
article text exactly as stored, end exclusive, so ``text[start:end]`` is the mention.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimtrack.statements import Wording

Span = tuple[int, int]

POLARITIES = ("affirm", "deny", "uncertain")
TOPICS = ("talks", "venue", "timeline", "participants")
# Version of the claim JSON shape (``Claim.to_json``): 2 added said_on, parties and agent.
CLAIM_JSON_FORMAT = 2


@dataclass(frozen=True)
class PublishedDate:
    """When an article was published, how precisely, and how we know.

    ``value`` is ISO text cut to the precision: ``2025-03-20``, ``2025-08`` or ``2025``.
    """

    value: str | None = None
    precision: str = "unknown"
    source: str = "unknown"
    evidence: str | None = None

    def anchor(self) -> date | None:
        """The first day the value covers, used to resolve relative time expressions."""
        if not self.value:
            return None
        parts = [int(p) for p in self.value.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return date(parts[0], parts[1], parts[2])


@dataclass
class Article:
    """One input article: its text as stored plus the metadata we could find."""

    text: str
    origin: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    language: str | None = None
    raw: bytes | None = None
    raw_type: str | None = None


@dataclass(frozen=True)
class Mention:
    """A piece of the article text: what it says and where it stands."""

    text: str
    span: Span


@dataclass
class Attribution:
    """Who (source) said (cue) what (content), as written in the text.

    ``source`` is the mention as written ("he", "the Kremlin spokesman"); resolving it to
    an actor is the next stage's job. ``continues`` is the index of the attribution a
    continuation paragraph carries on from.
    """

    content: Mention
    kind: str
    source: Mention | None = None
    cue: Mention | None = None
    confidence: float = 0.5
    continues: int | None = None


@dataclass(frozen=True)
class Actor:
    """A resolved speaker or participant: one canonical name for many spellings."""

    name: str
    # person | institution | country | group | unknown; "role" for a role whose holder
    # the article does not name ("the White House press secretary"), see learned_roles.
    kind: str = "person"
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True)
class RoleSighting:
    """A person introduced with a role in an article: "Kremlin spokesman Dmitry Peskov"."""

    actor: str
    role: str


@dataclass(frozen=True)
class TimeExpression:
    """A time expression as written, with its span and normalised range."""

    text: str
    span: Span
    start: str | None = None
    end: str | None = None
    precision: str = "unspecified"  # day | week | month | year | near | unspecified


@dataclass(frozen=True)
class SaidOn:
    """When a claim was said: a date in the text by its cue ("said on Wednesday"), resolved
    against the publication date, else the publication date itself (``source`` published).
    """

    date: str | None = None
    precision: str = "unknown"  # day | week | month | year | unknown
    source: str = "published"  # text | published
    text: str | None = None
    span: Span | None = None


@dataclass
class Facets:
    """What a claim is about: topics and their slots, and its polarity."""

    topics: list[str] = field(default_factory=list)
    venue: str | None = None
    venue_span: Span | None = None
    time: TimeExpression | None = None
    participants: list[str] = field(default_factory=list)
    polarity: str = "affirm"
    polarity_cue: str | None = None
    event_kind: str | None = None
    event_status: str | None = None
    said_on: SaidOn | None = None
    # Who takes part in the talks and in what role: [{"name": "Russia", "role": "party"}].
    parties: list[dict] = field(default_factory=list)
    # Who a reported commitment binds ("Moscow would timely inform ...").
    agent: str | None = None


@dataclass
class Claim:
    """An attributed statement with its resolved speaker and facets."""

    speaker: str
    speaker_text: str
    speaker_span: Span | None
    cue: str | None
    cue_span: Span | None
    content: str
    content_span: Span
    kind: str
    facets: Facets = field(default_factory=Facets)
    speaker_kind: str = "unknown"
    confidence: float = 0.5

    def to_json(self) -> dict:
        """The stable JSON shape documented in the README (``extract --json``)."""
        f = self.facets
        return {
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "speaker_text": self.speaker_text,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "content": self.content,
            "content_span": list(self.content_span),
            "kind": self.kind,
            "topics": list(f.topics),
            "venue": f.venue,
            "venue_span": list(f.venue_span) if f.venue_span else None,
            "time": _time_json(f.time),
            "participants": list(f.participants),
            "polarity": f.polarity,
            "polarity_cue": f.polarity_cue,
            "event": {"kind": f.event_kind, "status": f.event_status}
            if f.event_kind or f.event_status
            else None,
            "said_on": _said_on_json(f.said_on),
            "parties": [dict(p) for p in f.parties],
            "agent": f.agent,
            "confidence": round(self.confidence, 3),
        }


def _time_json(time: TimeExpression | None) -> dict | None:
    if time is None:
        return None
    data = asdict(time)
    data["span"] = list(time.span)
    return data


def _said_on_json(said_on: SaidOn | None) -> dict | None:
    if said_on is None:
        return None
    data = asdict(said_on)
    data["span"] = list(said_on.span) if said_on.span else None
    return data


@dataclass
class Extraction:
    """What the extractor finds in one article: its claims, the roles it teaches, the
    publication date the claims were resolved against and the language the text was read
    as (each inferred from the text when the article had none; None: the article's own).

    ``wordings``, when set, holds each claim's ``statements.wording``: ingest workers
    compute them beside the claims, so that the single writer does not."""

    claims: list[Claim]
    roles: list[RoleSighting] = field(default_factory=list)
    published: PublishedDate | None = None
    language: str | None = None
    wordings: list[Wording] | None = None
