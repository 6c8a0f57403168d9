"""Find attributions: source, cue and content spans. STUB, owned by the attribution helper."""

from __future__ import annotations

from claimtrack.models import Attribution
from claimtrack.text import Document


def find_attributions(doc: Document) -> list[Attribution]:
    return []
