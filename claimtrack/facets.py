"""Type a claim: topics, venue, time, participants, polarity. STUB, owned by the facets helper."""

from __future__ import annotations

from datetime import date

from claimtrack.models import Actor, Attribution, Facets
from claimtrack.text import Document


def describe(doc: Document, attribution: Attribution, speaker: Actor, anchor: date | None) -> Facets:
    return Facets()
