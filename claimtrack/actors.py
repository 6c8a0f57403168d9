"""Resolve source mentions to actors. STUB, owned by the actors helper."""

from __future__ import annotations

from claimtrack.models import Actor, Attribution
from claimtrack.text import Document


def resolve_speakers(doc: Document, attributions: list[Attribution]) -> list[Actor | None]:
    return [Actor(a.source.text) if a.source else None for a in attributions]
