"""Shared fixtures: the repo's seed articles, an isolated user dir, a CLI runner; and the
attribution helpers the attribution tests share."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from claimtrack.attribution import find_attributions
from claimtrack.cli import app
from claimtrack.models import Actor, Attribution, Claim, Facets
from claimtrack.text import prepare

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep the user's data dir and database out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CLAIMTRACK_HOME", str(home))
    monkeypatch.delenv("CLAIMTRACK_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


def invoker(db: Path) -> Invoke:
    """Run the CLI against ``db``: ``invoke("timeline", "Peskov", input=None)``."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--db", str(db), *args], input=input)

    return invoke


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    """The CLI on a fresh, empty database path."""
    return invoker(tmp_path / "claims.db")


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Invoke:
    """The CLI on a database holding the five seed articles (ingested once, read-only)."""
    invoke = invoker(tmp_path_factory.mktemp("seeded") / "seeds.db")
    result = invoke("ingest", str(SEEDS))
    assert result.exit_code == 0, result.output
    return invoke


@pytest.fixture(scope="session")
def seeds_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the five seed articles, to copy from (never written)."""
    db = tmp_path_factory.mktemp("template") / "seeds.db"
    result = invoker(db)("ingest", str(SEEDS))
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def seeds_db(seeds_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds database, for a test to change."""
    db = tmp_path / "seeds.db"
    with sqlite3.connect(seeds_template) as source, sqlite3.connect(db) as target:
        source.backup(target)
    return db


def make_claim(
    text: str, content: str, speaker: str = "Dmitry Peskov", mention: str = "Peskov", **facets
) -> Claim:
    """A hand-made claim on the first occurrences of ``content`` and ``mention`` in
    ``text`` (no speaker span when the mention is not in the text)."""
    start = text.index(content)
    named = text.find(mention)
    return Claim(
        speaker=speaker,
        speaker_text=mention,
        speaker_span=(named, named + len(mention)) if named >= 0 else None,
        cue=None,
        cue_span=None,
        content=content,
        content_span=(start, start + len(content)),
        kind="indirect",
        facets=Facets(**facets),
        speaker_kind=Actor(speaker).kind,
    )


def attribute(text: str) -> list[Attribution]:
    return find_attributions(prepare(text))


def triples(text: str) -> list[tuple[str | None, str | None, str]]:
    """(source, cue, content) of each attribution in ``text``, as written."""
    return [
        (a.source.text if a.source else None, a.cue.text if a.cue else None, a.content.text)
        for a in attribute(text)
    ]


def stored_articles(db: Path) -> int:
    """Articles committed so far, read from outside the writing process (0 before any)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # no file or no tables yet
        return 0
