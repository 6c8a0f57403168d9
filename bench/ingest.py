"""End-to-end ingest speed: ``claimtrack ingest`` as a whole process into a fresh database.

Usage: python bench/ingest.py [FOLDER] [--runs N] [--jobs 1,2]
       (default FOLDER ../shared/polnear: every text file under it, 924 articles)

Each run starts ``claimtrack --db NEW ingest FOLDER --jobs J --json`` and times it from
outside (wall clock and CPU of the whole process tree, and of the main process), so
start-up, reading, extraction and storing all count. Prints the median of the runs per job count,
and the database size against the article text it holds (UTF-8, plus the raw pages as
stored, compressed): ``db/text``.
The machine may be shared: medians damp the noise, they do not remove it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "polnear"


def machine() -> str:
    """nproc, CPU model and Python version, for the head of a bench table."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"nproc {os.cpu_count()}, {model}, Python {platform.python_version()}"


def text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


def database_bytes(db: Path) -> tuple[int, int]:
    """Bytes of the database files (with any WAL) and of the article text they hold."""
    with sqlite3.connect(db) as conn:
        text = conn.execute(
            "SELECT sum(length(CAST(text AS BLOB))) + sum(coalesce(length(raw), 0)) FROM articles"
        ).fetchone()[0]
    conn.close()
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")), text or 0


# ``python -m claimtrack`` that also reports its main process's own CPU seconds (the
# writer's, without its extraction workers': forked workers leave without running atexit).
CLI_WITH_OWN_CPU = """
import atexit, resource, sys
from claimtrack.cli import main
own = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
atexit.register(lambda: print(f"main-process-cpu {own()}", file=sys.stderr))
sys.argv[0] = "claimtrack"
main()
"""


def ingest_once(folder: Path, jobs: int) -> dict:
    """One ingest into a fresh database: wall and CPU seconds, articles and claims stored,
    database and text bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        command = [
            sys.executable, "-c", CLI_WITH_OWN_CPU, "--db", str(db),
            "ingest", str(folder), "--jobs", str(jobs), "--json",
        ]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=tmp)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        db_bytes, text_bytes = database_bytes(db) if db.exists() else (0, 0)
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    summary = json.loads(done.stdout)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall": wall,
        "cpu": cpu,
        "main_cpu": float(done.stderr.rsplit("main-process-cpu ", 1)[-1]),
        "added": len(summary["added"]),
        "failed": len(summary["failed"]),
        "claims": summary["claims"],
        "peak_mb": after.ru_maxrss / 1024,
        "db_bytes": db_bytes,
        "text_bytes": text_bytes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--runs", type=int, default=3, help="Runs per job count (median).")
    parser.add_argument("--jobs", default="1,2", help="Comma-separated job counts.")
    args = parser.parse_args()
    args.folder = args.folder.resolve()  # each run works in a temporary directory
    files = text_files(args.folder)
    if not files:
        print(f"no text files under {args.folder}")
        return 1
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"machine: {machine()}")
    print(f"input: {args.folder} ({len(files)} text files, {megabytes:.1f} MB)")
    print(f"median of {args.runs} run(s); wall clock of the whole process, CPU of its tree")
    print("and of its main process alone (reading and storing: the single writer)")
    print(f"{'jobs':>4} {'wall s':>8} {'cpu s':>8} {'main cpu s':>10} {'articles/s':>11} "
          f"{'added':>6} {'failed':>6} {'claims':>7} {'max RSS MB':>10} {'db MB':>6} "
          f"{'db/text':>7}")  # fmt: skip
    for jobs in (int(j) for j in args.jobs.split(",")):
        runs = [ingest_once(args.folder, jobs) for _ in range(args.runs)]
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        main_cpu = statistics.median(r["main_cpu"] for r in runs)
        last = runs[-1]
        print(
            f"{jobs:>4} {wall:>8.2f} {cpu:>8.2f} {main_cpu:>10.2f} {last['added'] / wall:>11.0f} "
            f"{last['added']:>6} {last['failed']:>6} {last['claims']:>7} "
            f"{max(r['peak_mb'] for r in runs):>10.0f} {last['db_bytes'] / 1e6:>6.1f} "
            f"{last['db_bytes'] / max(last['text_bytes'], 1):>7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
