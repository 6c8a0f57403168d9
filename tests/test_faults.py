"""Faults and load through the real command line: bad inputs, kill -9, Ctrl-C, two writers.

The process tests run ``python -m claimtrack`` over many article files made from the seed
texts (each with its own marker line, so each is a distinct article) and watch the
database from outside while it fills.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlite_utils
from conftest import SEEDS, Invoke, invoker, stored_articles

from claimtrack.store import SCHEMA_VERSION, migrate

SEED_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
PESKOV_SEED = SEED_TEXTS[0]
PESKOV_QUOTE = "Peskov said Russia and the United States could hold talks"
DEADLINE_S = 60.0


def write_articles(folder: Path, count: int) -> list[Path]:
    """``count`` distinct article files: seed texts in turn, each with a marker line."""
    folder.mkdir()
    paths = []
    for number in range(count):
        path = folder / f"article_{number:04d}.txt"
        text = SEED_TEXTS[number % len(SEED_TEXTS)]
        path.write_text(f"{text}\n\nArchive copy number {number:04d}.\n", encoding="utf-8")
        paths.append(path)
    return paths


StartIngest = Callable[..., subprocess.Popen]


@pytest.fixture
def start_ingest() -> Iterator[StartIngest]:
    """Start ``claimtrack --db DB ingest --json INPUTS...`` in its own process group.

    The group (the ingest and its extraction workers) is what a terminal's Ctrl-C
    reaches; whatever is left of it is killed when the test ends.
    """
    groups: list[int] = []

    def start(db: Path, *inputs: Path) -> subprocess.Popen:
        command = [sys.executable, "-m", "claimtrack", "--db", str(db), "ingest", "--json"]
        process = subprocess.Popen(
            [*command, *map(str, inputs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        groups.append(process.pid)
        return process

    yield start
    for group in groups:
        with suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


def wait_for_articles(process: subprocess.Popen, db: Path, at_least: int) -> int:
    """Poll the database until ``at_least`` articles are in it while ``process`` runs."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        assert process.poll() is None, "ingest ended before it could be interrupted"
        stored = stored_articles(db)
        if stored >= at_least:
            return stored
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.005)  # paces the polling; returns early if it exits
    raise AssertionError(f"fewer than {at_least} articles after {DEADLINE_S} s")


def assert_consistent(db: Path) -> dict[str, int]:
    """Every article is whole: claims that point into its text, indexed for search, and
    as many as every other copy of the same seed has. Returns claims per article text."""
    with sqlite3.connect(db) as conn:
        claims_per_article = dict(
            conn.execute(
                "SELECT a.text, count(c.id) FROM articles a"
                " LEFT JOIN claims c ON c.article_id = a.id GROUP BY a.id"
            ).fetchall()
        )
        orphans = conn.execute(
            "SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        # Raises if the search index disagrees with the claims it indexes.
        conn.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")
        spans = conn.execute(
            "SELECT a.text, c.content, c.content_start, c.content_end"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
        ).fetchall()
        hashes = conn.execute(
            "SELECT count(*), count(DISTINCT content_hash) FROM articles"
        ).fetchone()
    assert orphans == 0
    assert all(text[start:end] == content for text, content, start, end in spans)
    assert hashes[0] == hashes[1]
    for seed in SEED_TEXTS:
        counts = {n for text, n in claims_per_article.items() if text.startswith(seed)}
        assert len(counts) <= 1, f"copies of one seed with different claim counts: {counts}"
    return claims_per_article


def ingest_summary(process: subprocess.Popen) -> tuple[int, dict]:
    stdout, stderr = process.communicate(timeout=DEADLINE_S)
    assert "Traceback" not in stderr and stdout.strip(), f"no summary; stderr: {stderr}"
    return process.returncode, json.loads(stdout)


# --- kill -9 and Ctrl-C --------------------------------------------------------------------


def test_kill_9_loses_nothing_committed_and_the_next_ingest_finishes(
    tmp_path: Path, start_ingest: StartIngest
):
    articles = write_articles(tmp_path / "articles", 40)
    db = tmp_path / "claims.db"
    process = start_ingest(db, tmp_path / "articles")
    wait_for_articles(process, db, at_least=3)
    process.kill()  # the ingest itself, as `kill -9 PID` does
    process.wait(timeout=DEADLINE_S)
    assert process.returncode == -signal.SIGKILL

    committed = len(assert_consistent(db))
    assert 3 <= committed < len(articles)
    code, summary = ingest_summary(start_ingest(db, tmp_path / "articles"))
    assert code == 0
    assert (len(summary["duplicates"]), len(summary["added"])) == (
        committed,
        len(articles) - committed,
    )
    assert len(assert_consistent(db)) == len(articles)


def test_ctrl_c_exits_130_and_reports_exactly_what_was_stored(
    tmp_path: Path, start_ingest: StartIngest
):
    write_articles(tmp_path / "articles", 40)
    db = tmp_path / "claims.db"
    process = start_ingest(db, tmp_path / "articles")
    wait_for_articles(process, db, at_least=3)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole group
    code, summary = ingest_summary(process)
    assert code == 130 and summary["interrupted"] is True
    stored = assert_consistent(db)
    assert 3 <= len(summary["added"]) == len(stored) < 40
    assert summary["claims"] == sum(stored.values())


# --- two writers ---------------------------------------------------------------------------


def test_two_ingests_at_once_both_finish_and_store_each_article_once(
    tmp_path: Path, start_ingest: StartIngest
):
    articles = write_articles(tmp_path / "articles", 30)
    shared, only_first, only_second = articles[:14], articles[14:22], articles[22:]
    db = tmp_path / "claims.db"  # created by whichever process gets there first
    # Shared articles first and in the same order: the two run neck and neck through them.
    first = start_ingest(db, *shared, *only_first)
    second = start_ingest(db, *shared, *only_second)
    (code_1, summary_1), (code_2, summary_2) = ingest_summary(first), ingest_summary(second)
    assert (code_1, code_2) == (0, 0)
    added = [a["origin"] for s in (summary_1, summary_2) for a in s["added"]]
    assert sorted(added) == sorted(map(str, articles))  # each stored once, by one of them
    for summary in (summary_1, summary_2):
        assert len(summary["added"]) + len(summary["duplicates"]) == 22
    assert len(assert_consistent(db)) == 30
    with sqlite3.connect(db) as conn:
        actors, names = conn.execute("SELECT count(*), count(DISTINCT name) FROM actors").fetchone()
    assert actors == names  # no actor created twice by the two writers


# --- bad inputs through the CLI ------------------------------------------------------------


@pytest.fixture
def web_root(tmp_path: Path):
    """An HTTP server on 127.0.0.1 serving an empty folder (every page is a 404)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_each_bad_input_gets_one_line_and_the_good_ones_are_stored(
    tmp_path: Path, invoke: Invoke, web_root: str
):
    good = {
        "latin1.txt": "Le président Macron a déclaré que la rencontre aurait lieu à Genève."
        "\n\nLe Kremlin a répondu que la date n'était pas fixée.".encode("latin-1"),
        "damaged-utf8.txt": PESKOV_SEED.encode("utf-8")[:300]
        + b"\xff"
        + PESKOV_SEED.encode("utf-8")[300:],
        "truncated.html": (
            "<html><head><title>Talks</title></head><body><article>"
            + "".join(f"<p>{line}</p>" for line in PESKOV_SEED.splitlines() if line)
        ).encode("utf-8")[:2500],
        "stray-quotes.txt": (
            'Peskov said: "The talks will be held in Riyadh.\n\n'
            "He added that ” no date was set “ and 'nothing is agreed.\n\n"
            '"""Lavrov said nothing." “'
        ).encode(),
    }
    bad = {
        "empty.txt": (b"", "empty file"),
        "photo.txt": (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary content (NUL bytes), not text",
        ),
        "nav.html": (
            b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>",
            "no article text found in the HTML",
        ),
    }
    for name, data in good.items():
        (tmp_path / name).write_bytes(data)
    for name, (data, _) in bad.items():
        (tmp_path / name).write_bytes(data)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:  # over the 20 MB cap without writing 20 MB
        sparse.truncate(21 * 1024 * 1024)
    refused_url = f"http://127.0.0.1:{closed_port()}/article"
    failures = {
        **{str(tmp_path / name): reason for name, (_, reason) in bad.items()},
        str(huge): "file is over the 20 MB size cap",
        str(tmp_path / "missing.txt"): "no such file or directory",
        f"{web_root}/no-such-article": "HTTP 404 File not found",
        refused_url: "connection refused by 127.0.0.1",
        "file:///etc/hostname": "URL with unsupported scheme 'file:' (only http and https)",
    }
    inputs = [*(str(tmp_path / name) for name in good), *failures]
    result = invoke("ingest", *inputs)

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout.startswith(f"{len(good)} article(s) added, 0 skipped as duplicates, ")
    lines = [line for line in result.stdout.splitlines() if line.startswith("failed: ")]
    assert lines == [f"failed: {origin}: {reason}" for origin, reason in failures.items()]

    stored = {a["origin"]: a for a in json.loads(invoke("articles", "--json").stdout)}
    assert set(stored) == {str(tmp_path / name) for name in good}
    texts = {
        Path(origin).name: json.loads(invoke("show", f"article:{a['id']}", "--json").stdout)
        for origin, a in stored.items()
    }
    assert texts["latin1.txt"]["text"].startswith("Le président Macron a déclaré")
    damaged = texts["damaged-utf8.txt"]["text"]
    assert "\ufffd" in damaged and "“" in damaged and "â€" not in damaged
    assert PESKOV_QUOTE in texts["truncated.html"]["text"]


# --- databases -----------------------------------------------------------------------------


def test_a_version_2_database_with_articles_is_migrated_by_the_next_command(tmp_path: Path):
    """The first released schema with data in it: every later migration runs on open."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    migrate(sqlite_utils.Database(conn), 0, target=2)
    conn.execute(
        "INSERT INTO articles (text, content_hash, published) VALUES (?, 'old', '2025-02-14')",
        (PESKOV_SEED,),
    )
    conn.commit()
    conn.close()

    invoke = invoker(db)
    [old] = json.loads(invoke("articles", "--json").stdout)
    assert old["published"] == "2025-02-14"
    result = invoke("ingest", str(SEEDS / "002_435e0aa90e868962.txt"))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert json.loads(invoke("who-said", "Saudi Arabia", "--json").stdout)


def test_a_cut_short_database_file_is_a_one_line_error(tmp_path: Path):
    db = tmp_path / "cut.db"
    invoke = invoker(db)
    assert invoke("ingest", str(SEEDS)).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db.stat().st_size
    with db.open("r+b") as file:
        file.truncate(size // 2)
    for args in (("who-said", "talks"), ("ingest", str(SEEDS))):
        result = invoke(*args)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        [line] = result.stderr.splitlines()
        assert line.startswith("claimtrack: error: ") and "malformed" in line
