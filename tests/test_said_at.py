"""The first clock: when a claim was said, and the claim's time resolved against it."""

from __future__ import annotations

from claimtrack.extract import extract
from claimtrack.models import Article, Claim, PublishedDate
from tests.conftest import SEEDS

THURSDAY = PublishedDate("2025-02-13", "day", "manifest")


def claims_of(text: str, published: PublishedDate = THURSDAY) -> list[Claim]:
    return extract(Article(text, "test", published=published))


def seed_002() -> list[Claim]:
    return claims_of((SEEDS / "002_435e0aa90e868962.txt").read_text(encoding="utf-8"))


def by_cue(claims: list[Claim], cue: str, content: str) -> Claim:
    return next(c for c in claims if c.cue == cue and c.content.startswith(content))


def test_a_weekday_by_the_cue_dates_the_statement_backwards():
    claims = seed_002()
    wednesday = by_cue(claims, "said Wednesday", "he expected to meet Putin").facets.said_on
    assert (wednesday.date, wednesday.precision, wednesday.source) == ("2025-02-12", "day", "text")
    assert wednesday.text == "Wednesday"
    # "The Kremlin said Thursday", published on a Thursday: that very day.
    thursday = by_cue(claims, "said Thursday", "a face-to-face meeting").facets.said_on
    assert (thursday.date, thursday.source) == ("2025-02-13", "text")


def test_a_weekday_opening_the_sentence_dates_its_statement():
    claims = seed_002()
    said = by_cue(claims, "said", "he had held a “lengthy").facets.said_on
    assert (said.date, said.text) == ("2025-02-12", "On Wednesday")


def test_without_a_date_by_the_cue_the_publication_date_is_used_and_marked():
    said = by_cue(seed_002(), "said", "the call lasted").facets.said_on
    assert (said.date, said.precision, said.source, said.text) == (
        "2025-02-13",
        "day",
        "published",
        None,
    )


def test_the_claims_time_resolves_against_the_said_on_date():
    [claim] = claims_of(
        "Kremlin spokesman Dmitry Peskov told reporters on Monday that the talks in Riyadh"
        " would begin tomorrow."
    )
    assert claim.facets.said_on.date == "2025-02-10"
    assert (claim.facets.time.text, claim.facets.time.start) == ("tomorrow", "2025-02-11")
    assert claim.to_json()["said_on"]["source"] == "text"


def test_an_undated_article_has_no_said_on_date():
    [claim] = claims_of(
        "Kremlin spokesman Dmitry Peskov said the talks in Riyadh would begin tomorrow.",
        PublishedDate(),
    )
    assert (claim.facets.said_on.date, claim.facets.said_on.precision) == (None, "unknown")
    assert claim.facets.time.start is None
