"""The extraction core: one article in, its attributed and typed claims out.

A pure function of the article's text and metadata (no database, no network), so it can
be tested alone, mapped over a corpus in parallel, and re-run by ``reprocess``.
"""

from __future__ import annotations

from claimtrack.actors import resolve_article
from claimtrack.attribution import find_attributions
from claimtrack.date_inference import with_inferred_date
from claimtrack.facets import describe
from claimtrack.language import ENGLISH, detect_language
from claimtrack.models import Article, Claim, Extraction
from claimtrack.said_at import said_on, said_on_date
from claimtrack.text import prepare


def extract(article: Article) -> list[Claim]:
    """Claims attributed to a resolvable speaker, in text order."""
    return extract_article(article).claims


def extract_article(article: Article) -> Extraction:
    """The article's claims, and the roles it gives people, which the store keeps so that
    a role alone ("the White House press secretary") resolves in later articles.

    An article without a language gets the one detected in its text, and only English
    is read. Detection runs here, not in the reader, so that ingest workers pay for it
    rather than the single writer."""
    published = with_inferred_date(article).published
    language = article.language or detect_language(article.text)
    if language != ENGLISH:
        return Extraction([], published=published, language=language)
    doc = prepare(article.text)
    attributions = find_attributions(doc)
    anchor = published.anchor()
    speakers, roles = resolve_article(doc, attributions, when=anchor)
    claims = []
    for attribution, speaker in zip(attributions, speakers, strict=True):
        if speaker is None or attribution.source is None:
            continue
        # A follow-up paragraph has no reporting words of its own: its speaker is carried
        # over from the attribution it continues, its cue is not.
        cue = attribution.cue if attribution.continues is None else None
        said = said_on(doc, attribution, published)
        facets = describe(doc, attribution, speaker, said_on_date(said))
        facets.said_on = said
        claims.append(
            Claim(
                speaker=speaker.name,
                speaker_kind=speaker.kind,
                speaker_text=attribution.source.text,
                speaker_span=attribution.source.span,
                cue=cue.text if cue else None,
                cue_span=cue.span if cue else None,
                content=attribution.content.text,
                content_span=attribution.content.span,
                kind=attribution.kind,
                facets=facets,
                confidence=attribution.confidence,
            )
        )
    return Extraction(claims, roles, published, language)
