"""Extraction workers die with their ingest: ``kill -9`` of it leaves no process behind.

Like ``test_faults``: a real ``python -m claimtrack ingest --jobs 2`` over many article
files, watched from outside through the database and /proc.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import suppress
from pathlib import Path

from conftest import SEEDS, stored_articles

DEADLINE_S = 60.0
_PAUSE = threading.Event()  # never set: wait() paces the polling loops


def living_children(parent: int) -> set[int]:
    """Processes whose parent is ``parent`` and that are not zombies (dead, unreaped)."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with suppress(FileNotFoundError, ProcessLookupError):
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent and fields[0] != "Z":
                found.add(int(entry))
    return found


def still_running(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        with suppress(FileNotFoundError, ProcessLookupError):
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                alive.add(pid)
    return alive


def test_kill_9_of_an_ingest_ends_its_extraction_workers(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    for number in range(40):
        text = f"{seeds[number % len(seeds)]}\n\nArchive copy number {number:04d}.\n"
        (folder / f"article_{number:04d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "claims.db"
    command = [sys.executable, "-m", "claimtrack", "--db", str(db), "ingest", "--jobs", "2"]
    process = subprocess.Popen(
        [*command, str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + DEADLINE_S
        while stored_articles(db) < 2 and time.monotonic() < deadline:
            assert process.poll() is None, "ingest ended before it could be killed"
            _PAUSE.wait(0.005)
        workers = living_children(process.pid)
        assert len(workers) == 2, "two extraction workers run"
        process.kill()
        process.wait(timeout=DEADLINE_S)
        deadline = time.monotonic() + DEADLINE_S
        while still_running(workers) and time.monotonic() < deadline:
            _PAUSE.wait(0.005)
        assert still_running(workers) == set(), "workers outlived their ingest"
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        for pid in still_running(workers):
            os.kill(pid, signal.SIGKILL)
