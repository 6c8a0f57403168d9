"""The command line end to end, on the repo's seed articles and real SQLite files."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS, Invoke, invoker, make_claim
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.models import Article, Claim, PublishedDate, TimeExpression
from claimtrack.store import open_store

CLAIM_KEYS = {
    "id", "article_id", "published", "precision", "outlet", "title", "actor", "actor_kind",
    "speaker_text", "speaker_span", "cue", "cue_span", "content", "content_span", "kind",
    "topics", "venue", "time", "participants", "polarity", "polarity_cue", "event",
    "said_on", "parties", "agent", "confidence", "extractor_version", "review",
}  # fmt: skip
SEED_000 = SEEDS / "000_d04d9c40bbc889bf.txt"


def as_json(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def clean_failure(result, message: str) -> None:
    """A user error: non-zero exit, one message on stderr, no traceback."""
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), result.exception
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_ingest_twice_adds_nothing_the_second_time(invoke: Invoke):
    first = as_json(invoke("ingest", str(SEEDS), "--json"))
    assert len(first["added"]) == 5 and first["failed"] == [] and first["claims"] > 0
    assert first["claims"] == sum(item["claims"] for item in first["added"])
    second = as_json(invoke("ingest", str(SEEDS), "--json"))
    assert second["added"] == [] and second["claims"] == 0
    assert sorted(d["article_id"] for d in second["duplicates"]) == [1, 2, 3, 4, 5]
    assert len(as_json(invoke("articles", "--json"))) == 5


def test_ingest_summary_lists_failures_and_exits_1(invoke: Invoke, tmp_path: Path):
    missing = tmp_path / "missing.txt"
    result = invoke("ingest", str(SEED_000), str(missing))
    assert result.exit_code == 1
    assert "1 article(s) added" in result.stdout and "1 failed" in result.stdout
    assert f"failed: {missing}" in result.stdout
    assert len(as_json(invoke("articles", "--json"))) == 1


def test_ingest_from_stdin_with_metadata(invoke: Invoke):
    text = SEED_000.read_text(encoding="utf-8")
    args = ("ingest", "-", "--date", "2025-03-20", "--outlet", "kyivindependent.com", "--json")
    assert len(as_json(invoke(*args, input=text))["added"]) == 1
    [article] = as_json(invoke("articles", "--json"))
    assert (article["published"], article["precision"]) == ("2025-03-20", "day")
    assert article["outlet"] == "kyivindependent.com"
    stored = as_json(invoke("show", f"article:{article['id']}", "--json"))
    assert stored["text"] == text


def test_ingest_stores_the_language_its_workers_detect(invoke: Invoke, tmp_path: Path):
    german = tmp_path / "kreml.txt"
    german.write_text(
        "Der Kreml hat am Donnerstag erklärt, dass ein Treffen der beiden Präsidenten gut"
        " vorbereitet sein muss. Sprecher Dmitri Peskow sagte, es gebe noch keinen Termin.\n",
        encoding="utf-8",
    )
    result = invoke("ingest", str(german), str(SEED_000), "--jobs", "2", "--json")
    added = {Path(row["origin"]).name: row for row in as_json(result)["added"]}
    assert added["kreml.txt"]["claims"] == 0, "only English text is read"
    assert added[SEED_000.name]["claims"] > 0
    languages = {
        name: as_json(invoke("show", f"article:{row['article_id']}", "--json"))["language"]
        for name, row in added.items()
    }
    assert languages == {"kreml.txt": "de", SEED_000.name: "en"}
    [line] = invoke("extract", str(german), "--json").stdout.splitlines()
    assert json.loads(line)["language"] == "de"


def test_ingest_rejects_a_bad_date(invoke: Invoke):
    clean_failure(invoke("ingest", str(SEED_000), "--date", "2025-13-01"), "bad date")


def test_extract_json_is_one_object_per_article(invoke: Invoke, tmp_path: Path):
    result = invoke("extract", str(SEEDS / "001_f067fb6896d73582.txt"), "--json")
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    article = json.loads(line)
    assert set(article) == {
        "origin", "title", "outlet", "url", "published", "language", "format", "claims", "roles"
    }  # fmt: skip
    assert set(article["published"]) == {"value", "precision", "source", "evidence"}
    assert {"actor": "Dmitry Peskov", "role": "Kremlin spokesperson"} in article["roles"]
    text = (SEEDS / "001_f067fb6896d73582.txt").read_text(encoding="utf-8")
    assert article["claims"], "the seed article has attributed claims"
    for claim in article["claims"]:
        start, end = claim["content_span"]
        assert text[start:end] == claim["content"]
    assert not (tmp_path / "claims.db").exists(), "extract stores nothing"


def test_articles_carry_manifest_dates(seeded: Invoke):
    rows = as_json(seeded("articles", "--json"))
    assert set(rows[0]) == {
        "id", "published", "precision", "outlet", "title", "url", "origin", "claims"
    }  # fmt: skip
    by_file = {Path(row["origin"]).name: row for row in rows}
    assert by_file["000_d04d9c40bbc889bf.txt"]["published"] == "2025-03-20"
    august = by_file["003_3989386db7ce4a61.txt"]
    assert (august["published"], august["precision"]) == ("2025-08", "month")
    assert [row["published"] for row in rows] == sorted(row["published"] for row in rows)


def test_actors_lists_peskov_once_with_his_claims(seeded: Invoke):
    rows = as_json(seeded("actors", "--json"))
    assert set(rows[0]) == {
        "id", "name", "kind", "country", "aliases", "roles", "claims", "first", "last"
    }  # fmt: skip
    peskov = [row for row in rows if "Peskov" in row["name"]]
    assert [row["name"] for row in peskov] == ["Dmitry Peskov"]
    assert peskov[0]["claims"] >= 10
    assert (peskov[0]["first"], peskov[0]["last"]) == ("2025-02-13", "2025-08")


def test_who_said_saudi_arabia(seeded: Invoke):
    groups = as_json(seeded("who-said", "Saudi Arabia", "--json"))
    assert {"Dmitry Peskov", "Donald Trump", "Volodymyr Zelensky"} <= {g["actor"] for g in groups}
    claims = [claim for group in groups for claim in group["claims"]]
    assert all(set(claim) == CLAIM_KEYS for claim in claims)
    assert all(
        "saudi arabia" in (claim["content"] + " " + (claim["venue"] or "")).casefold()
        or "Saudi Arabia" in claim["participants"]
        for claim in claims
    )
    newest = [group["claims"][0]["published"] for group in groups]
    assert newest == sorted(newest, reverse=True)


def test_who_said_takes_unquoted_words_as_one_phrase(seeded: Invoke):
    quoted = as_json(seeded("who-said", "Saudi Arabia", "--json"))
    unquoted = as_json(seeded("who-said", "Saudi", "Arabia", "--json"))
    assert unquoted == quoted


def test_who_said_filters_by_actor_and_dates(seeded: Invoke):
    result = seeded("who-said", "talks", "--actor", "Peskov", "--until", "2025-02", "--json")
    groups = as_json(result)
    assert [g["actor"] for g in groups] == ["Dmitry Peskov"]
    assert all(c["published"].startswith("2025-02") for c in groups[0]["claims"])


def test_who_said_survives_search_syntax(seeded: Invoke):
    for query in ('Saudi"', "U.S.-Russia", "it's", "NOT AND OR (", "talks*"):
        result = seeded("who-said", query, "--json")
        assert result.exit_code == 0, (query, result.output)
        assert isinstance(json.loads(result.stdout), list)
    clean_failure(seeded("who-said", "*"), "nothing to search for")


def test_timeline_of_peskov_on_timing(seeded: Invoke):
    result = as_json(seeded("timeline", "peskov", "--topic", "timeline", "--json"))
    assert result["actor"]["name"] == "Dmitry Peskov"
    dates = [claim["published"] for claim in result["claims"]]
    assert dates == sorted(dates)
    months = [date[:7] for date in dates]
    assert "2025-02" in months and "2025-03" in months and "2025-08" in months
    assert months.index("2025-02") < months.index("2025-03") < months.index("2025-08")
    assert all("timeline" in claim["topics"] for claim in result["claims"])
    assert any(claim["changes"] for claim in result["claims"][1:])


def test_timeline_marks_changes_in_plain_text(seeded: Invoke):
    result = seeded("timeline", "Dmitry Peskov", "--topic", "timeline")
    assert result.exit_code == 0, result.output
    assert "Timeline of Dmitry Peskov" in result.stdout
    assert "* " in result.stdout and " -> " in result.stdout
    assert not set("│━─┃╇") & set(result.stdout), "no box lines when not on a terminal"


def test_timeline_since_until(seeded: Invoke):
    args = ("--since", "2025-03", "--until", "2025-03-31", "--json")
    result = as_json(seeded("timeline", "Peskov", *args))
    assert result["claims"]
    assert {claim["published"] for claim in result["claims"]} == {"2025-03-20"}


def test_diff_peskov_from_february_to_march(seeded: Invoke):
    result = as_json(
        seeded("diff", "Peskov", "--from", "2025-02-13", "--to", "2025-03-20", "--json")
    )
    topics = {entry["topic"]: entry for entry in result["topics"]}
    timing = topics["timeline"]
    assert timing["status"] == "changed"
    # Three articles share 2025-02-13: each side holds all claims of its date.
    assert {claim["date"] for claim in timing["before"]} == {"2025-02-13"}
    assert {claim["date"] for claim in timing["after"]} == {"2025-03-20"}
    assert any(claim["time"] is None for claim in timing["before"]), "no timeframe yet"
    assert all(claim["time"]["precision"] in ("day", "week", "near") for claim in timing["after"])
    assert [claim["venue"] for claim in topics["venue"]["after"]] == ["Saudi Arabia"]


def test_diff_between_two_articles(seeded: Invoke):
    result = as_json(seeded("diff", "Peskov", "--from", "2", "--to", "article:1", "--json"))
    assert result["topics"]
    for entry in result["topics"]:
        assert entry["status"] in ("same", "changed", "appeared", "dropped")
        assert {claim["article_id"] for claim in entry["before"]} <= {2}
        assert {claim["article_id"] for claim in entry["after"]} <= {1}


def test_show_claim_in_its_paragraph(seeded: Invoke):
    [group] = as_json(seeded("who-said", "expert level", "--actor", "Peskov", "--json"))
    claim_id = group["claims"][0]["id"]
    detail = as_json(seeded("show", str(claim_id), "--json"))
    article = as_json(seeded("show", f"article:{detail['article_id']}", "--json"))
    paragraph = detail["paragraph"]
    assert article["text"][paragraph["start"] : paragraph["end"]] == paragraph["text"]
    start, end = detail["content_span"]
    assert article["text"][start:end] == detail["content"]
    assert detail["content"] in paragraph["text"]
    assert detail["speaker_text"] in paragraph["text"], "a continuation shows its attribution"
    plain = seeded("show", str(claim_id))
    assert plain.exit_code == 0 and detail["content"][:30] in plain.stdout


def test_show_rejects_unknown_ids(seeded: Invoke):
    clean_failure(seeded("show", "999999"), "no claim with id 999999")
    clean_failure(seeded("show", "article:999"), "no article with id 999")
    clean_failure(seeded("show", "claim:x"), "bad id")


def test_ambiguous_actor_lists_candidates(tmp_path: Path):
    db = tmp_path / "two.db"
    text = "Peskov said talks were possible. Medvedev said talks were pointless."
    article = Article(text=text, origin="inline", published=PublishedDate("2025-02-13", "day"))
    with open_store(db, create=True) as store:
        claims = [
            _claim(text, "Dmitry Peskov", "Peskov", "talks were possible"),
            _claim(text, "Dmitry Medvedev", "Medvedev", "talks were pointless"),
        ]
        store.add_article(article, claims)
    invoke = invoker(db)
    result = invoke("timeline", "Dmitry")
    clean_failure(result, "matches several actors")
    assert "Dmitry Medvedev" in result.stderr and "Dmitry Peskov" in result.stderr
    assert as_json(invoke("timeline", "medvedev", "--json"))["actor"]["name"] == "Dmitry Medvedev"
    clean_failure(invoke("timeline", "Lavrov"), "no actor matches 'Lavrov'")


def _claim(text: str, speaker: str, mention: str, content: str, **facets) -> Claim:
    return make_claim(text, content, speaker, mention, **{"topics": ["talks"], **facets})


def _seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def peskov_on_talks(db: Path) -> Invoke:
    """Peskov's venue and timing claims from three seeds, with facets set by hand."""
    feb, mar, aug = _seed("004"), _seed("000"), _seed("003")
    next_week = TimeExpression("the beginning of next week", (0, 0), "2025-03-24", "2025-03-25")
    articles = {
        ("2025-02-13", feb): [
            _claim(feb, "Dmitry Peskov", "Peskov", "Saudi Arabia would host the summit",
                   topics=["venue"], venue="Saudi Arabia", polarity="uncertain"),
            _claim(feb, "Dmitry Peskov", "Peskov", "It is also impossible to speculate on any",
                   topics=["timeline"], polarity="uncertain"),
        ],
        ("2025-03-20", mar): [
            _claim(mar, "Dmitry Peskov", "Peskov", "it’s the beginning of next week",
                   topics=["timeline"], time=next_week),
            _claim(mar, "Dmitry Peskov", "Peskov", "inform who will represent Russia at the",
                   topics=["venue", "participants"], venue="Saudi Arabia",
                   participants=["Russia", "United States"]),
        ],
        ("2025-08", aug): [
            _claim(aug, "Dmitry Peskov", "Peskov", "Moscow cannot name a timeframe",
                   topics=["timeline"], polarity="deny"),
        ],
    }  # fmt: skip
    with open_store(db, create=True) as store:
        for (published, text), claims in articles.items():
            date = PublishedDate(published, "month" if len(published) == 7 else "day")
            store.add_article(Article(text=text, origin=published, published=date), claims)
    return invoker(db)


def test_timeline_marks_each_change_of_position(tmp_path: Path):
    result = as_json(peskov_on_talks(tmp_path / "p.db")("timeline", "Peskov", "--json"))
    dates = [claim["published"] for claim in result["claims"]]
    assert dates == ["2025-02-13", "2025-02-13", "2025-03-20", "2025-03-20", "2025-08"]
    changes = [claim["changes"] for claim in result["claims"]]
    assert changes[:2] == [[], []]
    assert changes[2] == [
        {"topic": "timeline", "field": "time", "from": "no timeframe",
         "to": "the beginning of next week"},
        {"topic": "timeline", "field": "polarity", "from": "uncertain", "to": "affirm"},
    ]  # fmt: skip
    # participants are no venue of their own, and a first participants claim moves nothing
    assert changes[3] == [
        {"topic": "venue", "field": "polarity", "from": "uncertain", "to": "affirm"},
    ]
    assert changes[4] == [
        {"topic": "timeline", "field": "time", "from": "the beginning of next week",
         "to": "no timeframe"},
        {"topic": "timeline", "field": "polarity", "from": "affirm", "to": "deny"},
    ]  # fmt: skip


def test_diff_shows_old_and_new_values_with_quotes(tmp_path: Path):
    invoke = peskov_on_talks(tmp_path / "p.db")
    result = as_json(
        invoke("diff", "Peskov", "--from", "2025-02-13", "--to", "2025-03-20", "--json")
    )
    topics = {entry["topic"]: entry for entry in result["topics"]}
    assert {name: entry["status"] for name, entry in topics.items()} == {
        "venue": "changed", "timeline": "changed", "participants": "appeared"
    }  # fmt: skip
    assert topics["timeline"]["changes"] == [
        {"field": "time", "from": "no timeframe", "to": "the beginning of next week"},
        {"field": "polarity", "from": "uncertain", "to": "affirm"},
    ]
    [before] = topics["timeline"]["before"]
    assert before["quote"].startswith("It is also impossible") and before["time"] is None
    assert [claim["venue"] for claim in topics["venue"]["after"]] == ["Saudi Arabia"]
    plain = invoke(
        "diff", "Peskov", "--from", "2025-02-13", "--to", "2025-08", "--topic", "timeline"
    )
    assert plain.exit_code == 0, plain.output
    assert "the beginning of next week" not in plain.stdout
    assert "Moscow cannot name a timeframe" in plain.stdout and "deny" in plain.stdout


def test_missing_database_is_a_one_line_error(invoke: Invoke):
    clean_failure(invoke("timeline", "Peskov"), "no database at")


def test_corrupt_and_foreign_databases_are_refused_untouched(tmp_path: Path):
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not a database at all\n" * 200)
    before = corrupt.read_bytes()
    clean_failure(invoker(corrupt)("ingest", str(SEED_000)), "not a readable SQLite database")
    assert corrupt.read_bytes() == before

    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    clean_failure(invoker(foreign)("ingest", str(SEED_000)), "not a claimtrack database")
    with sqlite3.connect(foreign) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["notes"]


def test_bad_dates_and_topics_are_user_errors(seeded: Invoke):
    clean_failure(seeded("timeline", "Peskov", "--since", "2025-13"), "bad date '2025-13'")
    clean_failure(seeded("who-said", "talks", "--topic", "weather"), "unknown topic 'weather'")
    clean_failure(seeded("diff", "Peskov", "--from", "yesterday", "--to", "2025"), "neither")


def test_database_from_env_unless_option_given(tmp_path: Path, monkeypatch):
    env_db, option_db = tmp_path / "env.db", tmp_path / "option.db"
    monkeypatch.setenv("CLAIMTRACK_DB", str(env_db))
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEED_000)]).exit_code == 0
    assert env_db.exists() and not option_db.exists()
    assert runner.invoke(app, ["--db", str(option_db), "ingest", str(SEED_000)]).exit_code == 0
    assert option_db.exists()


def test_default_database_lives_in_the_user_data_dir(isolated_home: Path):
    result = CliRunner().invoke(app, ["paths"])
    assert f"database: {isolated_home / 'claimtrack.db'}" in result.stdout


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("claimtrack ")


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys; from claimtrack.cli import app; "
        "heavy = {'sqlite_utils', 'trafilatura', 'claimtrack.extract', 'claimtrack.store'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_ctrl_c_keeps_what_was_stored_and_exits_130(invoke: Invoke, monkeypatch):
    from claimtrack import sources

    real = sources.iter_articles

    def interrupted_after_first(inputs, overrides):
        yield next(real(inputs, overrides))
        raise KeyboardInterrupt

    monkeypatch.setattr(sources, "iter_articles", interrupted_after_first)
    result = invoke("ingest", str(SEEDS))
    assert result.exit_code == 130
    assert result.stdout.startswith("interrupted: 1 article(s) added")
    monkeypatch.setattr(sources, "iter_articles", real)
    assert len(as_json(invoke("articles", "--json"))) == 1


class Terminal(io.StringIO):
    """A stdout that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_boxes_on_a_terminal_but_not_with_no_color(seeded: Invoke, monkeypatch):
    from claimtrack import render
    from claimtrack.queries import Page

    groups = as_json(seeded("who-said", "Saudi Arabia", "--json"))
    page = Page(groups, sum(len(group["claims"]) for group in groups))
    for no_color, boxed in ((None, True), ("1", False)):
        if no_color:
            monkeypatch.setenv("NO_COLOR", no_color)
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        render.who_said(render.make_console(), page, "Saudi Arabia")
        output = terminal.getvalue()
        assert ("━" in output) is boxed
        assert ("\x1b[" in output) is boxed
        assert groups[0]["actor"] in output
