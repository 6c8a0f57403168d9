"""Roles learned in one article resolve a role-only speaker in another, by date."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import SEEDS, invoker

from claimtrack.extract import extract_article
from claimtrack.learned_roles import LearnedRole, holder_of
from claimtrack.models import Article, PublishedDate, RoleSighting

# Written as the wires report White House briefings; neither press secretary is in
# data/actors.json, so only the stored articles can tell who "the press secretary" is.
LEAVITT = (
    "White House press secretary Karoline Leavitt told reporters on Tuesday that Trump "
    'would speak with Putin this week. "The president is determined to end this war," '
    "she said."
)
JEAN_PIERRE = (
    "White House press secretary Karine Jean-Pierre said on Monday that the administration "
    "would not negotiate over Ukraine's head."
)
UNNAMED = (
    "The White House press secretary said on Thursday that the talks in Riyadh would go "
    "ahead next week. She added that Ukraine would be consulted before any agreement."
)


def _article(text: str, published: str) -> Article:
    return Article(text, "test", published=PublishedDate(published, "day", "user"))


def test_an_article_reports_the_roles_it_gives_people():
    extraction = extract_article(_article(LEAVITT, "2025-02-18"))
    assert extraction.roles == [RoleSighting("Karoline Leavitt", "White House press secretary")]
    assert {claim.speaker for claim in extraction.claims} == {"Karoline Leavitt"}


def test_a_role_is_reported_as_written_from_its_first_capitalised_word():
    # "... between US President Donald Trump and Russian leader Vladimir Putin ..." and
    # "Since taking office, U.S. President Donald Trump ..."
    for seed, sighting in [
        ("002_435e0aa90e868962.txt", RoleSighting("Vladimir Putin", "Russian leader")),
        ("003_3989386db7ce4a61.txt", RoleSighting("Donald Trump", "U.S. President")),
    ]:
        text = (SEEDS / seed).read_text(encoding="utf-8")
        roles = extract_article(_article(text, "2025-03-01")).roles
        assert sighting in roles
        assert all(seen.role[0].isupper() for seen in roles), roles


def test_an_unfilled_post_speaks_as_the_role_and_its_pronouns_follow():
    claims = extract_article(_article(UNNAMED, "2025-02-20")).claims
    assert [(c.speaker, c.speaker_kind) for c in claims] == [
        ("White House press secretary", "role"),
        ("White House press secretary", "role"),
    ]


def test_anonymous_and_vague_roles_stay_unresolved():
    text = (
        "A White House spokesperson said the talks were useful. Russian officials said "
        "the meeting would take place in Riyadh."
    )
    kinds = {c.speaker_kind for c in extract_article(_article(text, "2025-02-20")).claims}
    assert "role" not in kinds


PRESS_SECRETARY = "White House press secretary"
LAST_BRIEFING = date(2025, 6, 1)
LEARNED = [
    LearnedRole("Karine Jean-Pierre", PRESS_SECRETARY, date(2022, 6, 1), date(2025, 1, 17)),
    LearnedRole("Karoline Leavitt", PRESS_SECRETARY, date(2025, 1, 28), date(2025, 8, 1)),
    LearnedRole(
        "Mao Ning", "Chinese Foreign Ministry spokeswoman", date(2023, 1, 1), LAST_BRIEFING
    ),
    LearnedRole(
        "Lin Jian", "Chinese Foreign Ministry spokesperson", date(2024, 1, 1), LAST_BRIEFING
    ),
]


@pytest.mark.parametrize(
    ("role", "when", "holder"),
    [
        ("White House press secretary", date(2025, 3, 1), "Karoline Leavitt"),
        ("White House press secretary", date(2024, 5, 6), "Karine Jean-Pierre"),
        # Between two holders' sightings: the one seen most recently before.
        ("White House press secretary", date(2025, 1, 20), "Karine Jean-Pierre"),
        # Before anyone was seen in the post: the first seen after.
        ("White House press secretary", date(2020, 1, 1), "Karine Jean-Pierre"),
        # Two spokespeople of one ministry at once: no answer.
        ("Chinese foreign ministry spokesperson", date(2024, 6, 1), None),
        # Another country's post.
        ("Russian Foreign Ministry spokeswoman", date(2024, 6, 1), None),
    ],
)
def test_a_role_resolves_to_its_holder_at_the_date(role, when, holder):
    assert holder_of(role, LEARNED, when) == holder


def _claims_by_date(db: Path) -> dict[str, set[str]]:
    """Speaker names of the stored claims, by their article's publication date."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT a.published, actors.name FROM claims c JOIN articles a ON a.id = c.article_id"
            " JOIN actors ON actors.id = c.actor_id"
        ).fetchall()
    found: dict[str, set[str]] = {}
    for published, name in rows:
        found.setdefault(published, set()).add(name)
    return found


def _write(folder: Path, articles: dict[str, tuple[str, str]]) -> Path:
    """A folder of articles with their dates in a manifest, as ``ingest`` reads them."""
    folder.mkdir()
    entries = []
    for name, (text, published) in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
        entries.append({"file": name, "published": published, "precision": "day"})
    (folder / "manifest.json").write_text(json.dumps({"articles": entries}), encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_role_learned_earlier_in_the_batch_fills_a_later_article(tmp_path: Path, jobs: str):
    folder = _write(
        tmp_path / "in",
        {
            "a.txt": (JEAN_PIERRE, "2024-05-06"),
            "b.txt": (LEAVITT, "2025-02-18"),
            "c.txt": (UNNAMED, "2025-02-20"),
        },
    )
    db = tmp_path / "claims.db"
    result = invoker(db)("ingest", str(folder), "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert _claims_by_date(db)["2025-02-20"] == {"Karoline Leavitt"}


def test_a_later_article_teaches_the_role_and_reprocess_fills_it(tmp_path: Path):
    db = tmp_path / "claims.db"
    invoke = invoker(db)
    unnamed = tmp_path / "unnamed.txt"
    unnamed.write_text(UNNAMED, encoding="utf-8")
    assert invoke("ingest", str(unnamed), "--date", "2024-06-13").exit_code == 0
    assert _claims_by_date(db)["2024-06-13"] == {"White House press secretary"}
    actors = json.loads(invoke("actors", "--json").stdout)
    assert {"name": "White House press secretary", "kind": "role"}.items() <= next(
        a for a in actors if a["name"] == "White House press secretary"
    ).items()

    teacher = tmp_path / "teacher.txt"
    teacher.write_text(JEAN_PIERRE, encoding="utf-8")
    assert invoke("ingest", str(teacher), "--date", "2024-05-06").exit_code == 0
    assert invoke("reprocess", "--all").exit_code == 0
    assert _claims_by_date(db)["2024-06-13"] == {"Karine Jean-Pierre"}
