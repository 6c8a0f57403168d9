"""Publication dates inferred from the text of undated articles, and ``articles set-date``."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from claimtrack.date_inference import infer_published, was_inferred, with_inferred_date
from claimtrack.extract import extract
from claimtrack.models import Article, PublishedDate
from tests.conftest import SEEDS, Invoke

SEED_000 = SEEDS / "000_d04d9c40bbc889bf.txt"
SEED_001 = SEEDS / "001_f067fb6896d73582.txt"
TODAY = date(2026, 11, 22)


def test_yesterday_with_its_date_and_a_named_weekday_give_the_day_and_year():
    found = infer_published(SEED_000.read_text(encoding="utf-8"), TODAY)
    assert (found.value, found.precision, found.source) == ("2025-03-20", "day", "text")
    assert "yesterday [19 March]" in found.evidence and "Wednesday" in found.evidence
    assert was_inferred(found)


def test_a_full_date_in_the_text_gives_the_year():
    text = "Talks were held on 18 March 2025. And yesterday (19 March) the aides spoke again."
    assert infer_published(text, TODAY).value == "2025-03-20"


def test_the_apposed_date_may_carry_its_own_year():
    assert infer_published("Today, March 3, 2025, Peskov said.", TODAY).value == "2025-03-03"


def test_a_timestamp_at_the_top_gives_the_day():
    text = "Kremlin Says\n11:35 29.05.2025 (Updated: 13:12 29.05.2025)\nRussia and Ukraine could"
    found = infer_published(text, TODAY)
    assert (found.value, found.precision) == ("2025-05-29", "day")
    assert "timestamp" in found.evidence


def test_a_dateline_gives_the_day_when_the_text_writes_the_year():
    dateline = "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized the law."
    assert infer_published(f"{dateline} It passed on March 23, 2010.", TODAY).value == "2010-10-04"
    # Without a written year a dateline is no evidence: a weekday may name any day.
    assert infer_published(f"{dateline} He spoke on Tuesday.", TODAY) is None


def test_no_evidence_keeps_the_date_unknown():
    # Seed 001 speaks of "their telephone conversation yesterday" without its date.
    assert infer_published(SEED_001.read_text(encoding="utf-8"), TODAY) is None
    # A date with no year, no full date and no weekday does not tell the year.
    assert infer_published("Yesterday [19 March] the aides spoke.", TODAY) is None


def test_a_known_date_is_never_replaced():
    known = PublishedDate("2025-03-21", "day", "url", "URL path")
    article = Article(SEED_000.read_text(encoding="utf-8"), "seed", published=known)
    assert with_inferred_date(article).published is known


def test_extraction_resolves_times_against_the_inferred_date():
    article = Article(SEED_000.read_text(encoding="utf-8"), "seed")
    claims = extract(article)
    weekend = next(c for c in claims if c.facets.time and c.facets.time.text == "this weekend")
    assert (weekend.facets.time.start, weekend.facets.time.end) == ("2025-03-22", "2025-03-23")


def test_ingest_says_a_date_was_inferred(invoke: Invoke, tmp_path: Path):
    undated = tmp_path / "undated.txt"
    shutil.copy(SEED_000, undated)
    result = invoke("ingest", str(undated))
    assert result.exit_code == 0, result.output
    assert "dated from its text" in result.stdout and "2025-03-20" in result.stdout
    [row] = json.loads(invoke("articles", "--json").stdout)
    assert (row["published"], row["precision"]) == ("2025-03-20", "day")


def test_set_date_dates_an_article_and_re_resolves_its_claims(invoke: Invoke, tmp_path: Path):
    undated = tmp_path / "undated.txt"
    shutil.copy(SEED_001, undated)
    assert invoke("ingest", str(undated)).exit_code == 0
    [row] = json.loads(invoke("articles", "--json").stdout)
    assert row["published"] is None
    assert _times(invoke)["as soon as possible"] is None
    result = invoke("articles", "set-date", str(row["id"]), "2025-02-13", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["published"] == "2025-02-13"
    [row] = json.loads(invoke("articles", "--json").stdout)
    assert (row["published"], row["precision"]) == ("2025-02-13", "day")
    assert _times(invoke)["as soon as possible"] == "2025-02-13"


def test_set_date_refuses_bad_dates_and_unknown_articles(invoke: Invoke):
    invoke("ingest", str(SEED_001))
    bad = invoke("articles", "set-date", "1", "2025-13-01")
    assert bad.exit_code == 1 and "not a date" in bad.stderr
    missing = invoke("articles", "set-date", "7", "2025-02-13")
    assert missing.exit_code == 1 and "no article with id 7" in missing.stderr


def _times(invoke: Invoke) -> dict[str, str | None]:
    """Peskov's claim times as written -> their resolved start."""
    claims = json.loads(invoke("timeline", "Peskov", "--json").stdout)["claims"]
    return {c["time"]["text"]: c["time"]["start"] for c in claims if c["time"]}
