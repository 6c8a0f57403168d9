"""The analyst in the loop: claims confirm / reject / set, the interactive review, and
corrections that queries apply and re-extraction keeps."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke, invoker

from claimtrack.corrections import content_key
from claimtrack.models import Extraction
from claimtrack.reprocess import reprocess, stale_articles, stored_article
from claimtrack.store import open_store


def as_json(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def peskov_claims(invoke: Invoke, *options: str) -> list[dict]:
    return as_json(invoke("timeline", "Peskov", "--json", *options))["claims"]


def claim_with(invoke: Invoke, words: str) -> dict:
    """The one stored claim whose content holds ``words``."""
    groups = as_json(invoke("who-said", words, "--json"))
    found = [claim for group in groups for claim in group["claims"] if words in claim["content"]]
    assert len(found) == 1, found
    return found[0]


def test_interactive_review_confirms_rejects_and_corrects(seeds_db: Path):
    invoke = invoker(seeds_db)
    pending = peskov_claims(invoke)
    answers = "c\nr\nt\nvenue, timeline\np\ndeny\nc\nx\nn\nq\n"
    result = invoke("review", "--actor", "Peskov", input=answers)
    assert result.exit_code == 0, result.output
    assert "Moscow has expressed a willingness to engage in dialogue" in result.stdout
    assert "unknown key 'x'" in result.stdout
    assert "2 confirmed, 1 rejected, 2 corrected, 1 skipped" in result.stdout

    first, second, third = pending[0], pending[1], pending[2]
    confirmed = peskov_claims(invoke, "--confirmed")
    assert [claim["content"] for claim in confirmed] == [first["content"], third["content"]]
    assert confirmed[1]["topics"] == ["venue", "timeline"]
    assert confirmed[1]["polarity"] == "deny"
    remaining = {claim["content"] for claim in peskov_claims(invoke)}
    assert second["content"] not in remaining
    # the next review starts after the decided claims
    total = int(result.stdout.split(" claim(s) to review")[0])
    again = invoke("review", "--actor", "Peskov", input="q\n")
    assert again.stdout.startswith(f"{total - 3} claim(s) to review")


def test_rejected_claims_leave_who_said_timeline_and_diff(seeds_db: Path):
    invoke = invoker(seeds_db)
    claim = claim_with(invoke, "we expect that the talks will continue")
    assert invoke("claims", "reject", str(claim["id"])).exit_code == 0
    assert as_json(invoke("who-said", "we expect that the talks will continue", "--json")) == []
    assert claim["content"] not in {c["content"] for c in peskov_claims(invoke)}
    diff = as_json(invoke("diff", "Peskov", "--from", "2025-02", "--to", "2025-03-31", "--json"))
    shown = {
        claim["quote"] for topic in diff["topics"] for claim in topic["before"] + topic["after"]
    }
    assert claim["content"] not in shown
    assert as_json(invoke("show", str(claim["id"]), "--json"))["review"] == "rejected"


def test_set_overrides_slots_and_speaker(seeds_db: Path):
    invoke = invoker(seeds_db)
    claim = claim_with(invoke, "we expect that the talks will continue")
    result = invoke(
        "claims", "set", str(claim["id"]), "--speaker", "Yury Ushakov", "--topic", "venue",
        "--topic", "timeline", "--venue", "Riyadh", "--time", "next week", "--polarity", "deny",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ushakov = as_json(invoke("timeline", "Ushakov", "--json"))["claims"]
    assert [c["content"] for c in ushakov] == [claim["content"]]
    corrected = ushakov[0]
    assert corrected["topics"] == ["venue", "timeline"]
    assert (corrected["venue"], corrected["polarity"]) == ("Riyadh", "deny")
    assert corrected["time"]["text"] == "next week"
    assert corrected["time"]["start"] == "2025-03-24"  # article of 20 March 2025
    assert as_json(invoke("who-said", "Riyadh", "--json"))[0]["actor"] == "Yuri Ushakov"  # known


def test_bad_corrections_are_one_line_errors(seeds_db: Path):
    invoke = invoker(seeds_db)
    claim = claim_with(invoke, "we expect that the talks will continue")
    for args, message in [
        (("claims", "set", str(claim["id"]), "--topic", "weather"), "unknown topic"),
        (("claims", "set", str(claim["id"]), "--polarity", "maybe"), "unknown polarity"),
        (("claims", "set", str(claim["id"])), "nothing to set"),
        (("claims", "confirm", "999999"), "no claim with id 999999"),
    ]:
        result = invoke(*args)
        assert result.exit_code == 1
        assert message in result.stderr
        assert "Traceback" not in result.output


def test_corrections_survive_reprocess(seeds_db: Path):
    invoke = invoker(seeds_db)
    kept = claim_with(invoke, "we expect that the talks will continue")
    dropped = claim_with(invoke, "Moscow would “timely” inform")
    assert invoke("claims", "confirm", str(kept["id"])).exit_code == 0
    assert invoke("claims", "set", str(kept["id"]), "--venue", "Riyadh").exit_code == 0
    assert invoke("claims", "reject", str(dropped["id"])).exit_code == 0
    assert invoke("reprocess", "--all").exit_code == 0
    again = claim_with(invoke, "we expect that the talks will continue")
    assert again["id"] != kept["id"]
    assert (again["review"], again["venue"]) == ("confirmed", "Riyadh")
    assert invoke("who-said", "Moscow would timely inform", "--json").stdout.strip() == "[]"
    confirmed = peskov_claims(invoke, "--confirmed")
    assert [claim["content"] for claim in confirmed] == [kept["content"]]


def test_corrections_follow_a_claim_whose_bounds_moved(seeds_db: Path):
    """A new extractor that trims the content still meets the correction (by overlap)."""
    invoke = invoker(seeds_db)
    claim = claim_with(invoke, "we expect that the talks will continue")
    assert invoke("claims", "set", str(claim["id"]), "--polarity", "deny").exit_code == 0

    def trimming(article) -> Extraction:
        from claimtrack.extract import extract_article

        extraction = extract_article(article)
        for made in extraction.claims:
            start, end = made.content_span
            made.content_span = (start + 1, end)
            made.content = article.text[start + 1 : end]
        return extraction

    with open_store(seeds_db) as store:
        article_id = claim["article_id"]
        summary = reprocess(store, [article_id], trimming)
        assert (summary.articles, summary.added, summary.removed) == (1, 0, 0)
        assert summary.unchanged == 0 and summary.changed > 0  # every content was trimmed
        rows = store.query("SELECT content, polarity FROM claims WHERE content LIKE ?",
                           ("%we expect that the talks will continue%",))  # fmt: skip
        assert [row["polarity"] for row in rows] == ["deny"]
        assert content_key(rows[0]["content"]) != content_key(claim["content"])
        assert stored_article(store, article_id).published.value == "2025-03-20"
        assert stale_articles(store) == []
