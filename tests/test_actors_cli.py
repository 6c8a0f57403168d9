"""One actor everywhere: spelling variants, and the analyst's merge / split / alias / rename
decisions surviving later ingests and reprocessing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import Invoke, invoker, make_claim

from claimtrack.models import Article, PublishedDate
from claimtrack.store import open_store

# Seed sentences (and two written the same way for Waltz, who only speaks in unseen news).
VARIANTS = {
    "a.txt": "Moscow has expressed a willingness to engage in dialogue with the US, according"
    " to Kremlin spokesperson Dmitri Peskow.\n\nEurope should be at the negotiating table if"
    " the issue is to end the war, Ukrainian President Volodymyr Zelenskyy also emphasized.\n\n"
    "National Security Advisor Michael Waltz said the talks would begin next week.\n",
    "b.txt": "“Any contact at a high level or at the highest level should be well prepared to"
    " be effective,” Kremlin spokesman Dmitriy Peskov told reporters.\n\nUkrainian President"
    " Volodymyr Zelensky said Kyiv was ready for talks.\n\nWhite House national security"
    " adviser Mike Waltz said the meeting would take place in Saudi Arabia.\n",
    "c.txt": "Kremlin spokesman Dmitry Peskov said the talks could start soon.\n\nZelenskyy said"
    " Ukraine must be part of any negotiations.\n\nWaltz said the delegations would meet in"
    " Riyadh.\n",
}
# A Kremlin statement and a Peskow one, as new articles for "later ingest" checks.
KREMLIN_LATER = "The Kremlin said on Thursday that a summit needed careful preparation.\n"
PESKOW_LATER = "Kremlin spokesperson Dmitri Peskow said the delegations had not yet met.\n"


def as_json(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def actors_by_name(invoke: Invoke) -> dict[str, dict]:
    return {actor["name"]: actor for actor in as_json(invoke("actors", "--json"))}


def ingest_text(invoke: Invoke, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = invoke("ingest", str(path), "--date", "2025-03-01")
    assert result.exit_code == 0, result.output


def test_spelling_variants_are_one_actor_each(tmp_path: Path):
    for name, text in VARIANTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    invoke = invoker(tmp_path / "variants.db")
    assert invoke("ingest", *(str(tmp_path / name) for name in VARIANTS)).exit_code == 0
    actors = actors_by_name(invoke)
    assert set(actors) == {"Dmitry Peskov", "Volodymyr Zelensky", "Mike Waltz"}
    assert all(actor["claims"] == 3 for actor in actors.values())
    written = {
        name: " ".join(c["speaker_text"] for c in timeline_claims(invoke, name)) for name in actors
    }
    assert all(s in written["Dmitry Peskov"] for s in ("Peskow", "Dmitriy Peskov", "Dmitry"))
    assert all(s in written["Volodymyr Zelensky"] for s in ("Zelenskyy", "Volodymyr Zelensky"))
    assert all(s in written["Mike Waltz"] for s in ("Michael Waltz", "Mike Waltz"))


def test_trump_and_trump_jr_stay_two_people_even_with_a_pinned_surname(tmp_path: Path):
    text = "Donald Trump said talks would start. Donald Trump Jr. said nothing was agreed."
    invoke = invoker(tmp_path / "trumps.db")
    store_claims(tmp_path / "trumps.db", text, [("Donald Trump", "Donald Trump", "talks would")])
    assert invoke("actors", "alias", "add", "Donald Trump", "Trump").exit_code == 0
    jr = ("Donald Trump Jr.", "Donald Trump Jr.", "nothing was agreed")
    store_claims(tmp_path / "trumps.db", text + " ", [jr])
    actors = actors_by_name(invoke)
    assert actors["Donald Trump"]["claims"] == 1
    assert actors["Donald Trump Jr."]["claims"] == 1


def timeline_claims(invoke: Invoke, actor: str) -> list[dict]:
    return as_json(invoke("timeline", actor, "--json"))["claims"]


def store_claims(db: Path, text: str, claims: list[tuple[str, str, str]]) -> None:
    """Store an article with hand-made claims: (speaker, mention, content start)."""
    made = [
        make_claim(text, content, speaker, mention, topics=["talks"])
        for speaker, mention, content in claims
    ]
    article = Article(text=text, origin="inline", published=PublishedDate("2025-03-01", "day"))
    with open_store(db, create=True) as store:
        store.add_article(article, made)


def test_merge_survives_later_ingest_and_reprocess(seeds_db: Path, tmp_path: Path):
    invoke = invoker(seeds_db)
    before = actors_by_name(invoke)
    result = invoke("actors", "merge", "Dmitry Peskov", "Kremlin")
    assert result.exit_code == 0, result.output
    merged = actors_by_name(invoke)
    assert "Kremlin" not in merged
    total = before["Dmitry Peskov"]["claims"] + before["Kremlin"]["claims"]
    assert merged["Dmitry Peskov"]["claims"] == total
    assert "The Kremlin" in merged["Dmitry Peskov"]["aliases"]

    ingest_text(invoke, tmp_path, "kremlin.txt", KREMLIN_LATER)
    assert invoke("reprocess", "--all").exit_code == 0
    after = actors_by_name(invoke)
    assert "Kremlin" not in after
    assert after["Dmitry Peskov"]["claims"] == total + 1
    timeline = as_json(invoke("timeline", "Kremlin", "--json"))
    assert timeline["actor"]["name"] == "Dmitry Peskov"


def test_split_survives_later_ingest_and_reprocess(seeds_db: Path, tmp_path: Path):
    invoke = invoker(seeds_db)
    peskov = actors_by_name(invoke)["Dmitry Peskov"]["claims"]
    result = invoke("actors", "split", "Dmitry Peskov", "Dmitri Peskow")
    assert result.exit_code == 0, result.output
    written_peskow = [claim["speaker_text"] for claim in timeline_claims(invoke, "Dmitri Peskow")]
    assert written_peskow and all("Dmitri Peskow" in text for text in written_peskow)
    moved = actors_by_name(invoke)["Dmitri Peskow"]["claims"]

    ingest_text(invoke, tmp_path, "peskow.txt", PESKOW_LATER)
    assert invoke("reprocess", "--all").exit_code == 0
    actors = actors_by_name(invoke)
    assert actors["Dmitri Peskow"]["claims"] == moved + 1
    assert actors["Dmitry Peskov"]["claims"] == peskov - moved
    assert as_json(invoke("timeline", "Peskov", "--json"))["actor"]["name"] == "Dmitry Peskov"


def test_alias_add_moves_claims_now_and_on_reprocess(seeds_db: Path):
    invoke = invoker(seeds_db)
    before = actors_by_name(invoke)
    result = invoke("actors", "alias", "add", "Vladimir Putin", "the Kremlin")
    assert result.exit_code == 0, result.output
    now = actors_by_name(invoke)
    assert (
        now["Vladimir Putin"]["claims"]
        == before["Vladimir Putin"]["claims"] + before["Kremlin"]["claims"]
    )
    assert invoke("reprocess", "--all").exit_code == 0
    assert actors_by_name(invoke) == now


def test_rename_survives_later_ingest_and_reprocess(tmp_path: Path):
    for name, text in VARIANTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    invoke = invoker(tmp_path / "variants.db")
    assert invoke("ingest", str(tmp_path / "a.txt")).exit_code == 0
    result = invoke("actors", "rename", "Waltz", "Michael Waltz")
    assert result.exit_code == 0, result.output
    assert invoke("ingest", str(tmp_path / "b.txt"), str(tmp_path / "c.txt")).exit_code == 0
    assert invoke("reprocess", "--all").exit_code == 0
    actors = actors_by_name(invoke)
    assert actors["Michael Waltz"]["claims"] == 3
    assert "Mike Waltz" in actors["Michael Waltz"]["aliases"]
    assert "Mike Waltz" not in actors


def test_decisions_are_logged_and_bad_ones_refused(seeds_db: Path):
    invoke = invoker(seeds_db)
    assert invoke("actors", "merge", "Peskov", "Peskov").exit_code == 1
    refused = invoke("actors", "rename", "Peskov", "Donald Trump")
    assert refused.exit_code == 1
    assert "merge them instead" in refused.stderr
    assert invoke("actors", "rename", "Peskov", "Dmitry S. Peskov").exit_code == 0
    with sqlite3.connect(seeds_db) as conn:
        logged = conn.execute("SELECT action, args FROM user_decisions").fetchall()
    assert logged == [("rename", '{"actor": "Dmitry Peskov", "name": "Dmitry S. Peskov"}')]


def test_bare_actors_lists_and_help_documents_the_user_file(seeds_db: Path):
    invoke = invoker(seeds_db)
    listed = invoke("actors")
    assert listed.exit_code == 0
    assert "Dmitry Peskov" in listed.stdout
    assert "actors.json in the user data dir" in " ".join(invoke("actors", "--help").stdout.split())


def test_a_user_actors_file_extends_the_bundled_one(tmp_path: Path, isolated_home: Path):
    """A fresh process (the lexicon is read once) files both spellings under one actor."""
    user_file = isolated_home / "data" / "actors.json"
    user_file.parent.mkdir(parents=True)
    umerov = {"name": "Rustem Umerov", "kind": "person", "aliases": ["Rustam Umarov"]}
    user_file.write_text(json.dumps({"actors": [umerov]}), encoding="utf-8")
    article = tmp_path / "umerov.txt"
    article.write_text(
        "Ukrainian Defence Minister Rustem Umerov said the delegation was ready.\n\n"
        "Rustam Umarov said the talks would be held in Istanbul.\n",
        encoding="utf-8",
    )
    db = tmp_path / "user.db"
    command = [sys.executable, "-m", "claimtrack", "--db", str(db), "ingest", str(article)]
    ingest = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    assert ingest.returncode == 0, ingest.stderr
    actors = actors_by_name(invoker(db))
    assert list(actors) == ["Rustem Umerov"]
    assert actors["Rustem Umerov"]["claims"] == 2
