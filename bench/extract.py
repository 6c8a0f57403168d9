"""Extraction throughput on one core: the whole pure core, with a per-stage breakdown.

Usage: python bench/extract.py [FOLDER] [--runs N]   (default ../shared/polnear, 3 runs)

Reads every ``*/text/*.txt`` below FOLDER (or ``*.txt`` in it) as English articles with
no date. Start-up and lexicon loading are excluded by a warm-up on the first
``WARM_UP`` articles; each run then times ``claimtrack.extract.extract`` (CPU time) over
the others in a process forked from that warmed-up one. So every run sees the measured
articles for the first time, as ingest does: the extractor caches what it computes per
distinct string, and a second pass over the same texts would be faster than real use.
Prints the median of the runs in articles and words per second, the share of each stage
(measured by wrapping the stage functions the core calls), and the peak memory.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import claimtrack.extract as core
from claimtrack.models import Article

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "polnear"
STAGES = ("prepare", "find_attributions", "resolve_article", "said_on", "describe")
WARM_UP = 20


def load_articles(folder: Path) -> list[Article]:
    paths = sorted(folder.glob("*/text/*.txt")) or sorted(folder.glob("*.txt"))
    return [
        Article(text=path.read_text(encoding="utf-8"), origin=str(path), language="en")
        for path in paths
    ]


def timed(stage: str, func: Callable, totals: dict[str, float]) -> Callable:
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            totals[stage] += time.process_time() - started

    return wrapper


def run(articles: list[Article]) -> tuple[float, int]:
    started = time.process_time()
    claims = sum(len(core.extract(article)) for article in articles)
    return time.process_time() - started, claims


def stage_shares(articles: list[Article]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    originals = {stage: getattr(core, stage) for stage in STAGES}
    for stage, func in originals.items():
        setattr(core, stage, timed(stage, func, totals))
    try:
        elapsed, _ = run(articles)
    finally:
        for stage, func in originals.items():
            setattr(core, stage, func)
    return {stage: totals[stage] / elapsed for stage in STAGES}


def in_fresh_process(func: Callable, *args: object) -> object:
    """``func(*args)`` in a child forked from this process, so its caches die with it."""
    context = multiprocessing.get_context("fork")
    with context.Pool(1, maxtasksperchild=1) as pool:
        return pool.apply(func, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    articles = load_articles(args.folder)
    if len(articles) <= WARM_UP:
        raise SystemExit(f"fewer than {WARM_UP + 1} texts under {args.folder}")
    run(articles[:WARM_UP])
    articles = articles[WARM_UP:]
    timings = [in_fresh_process(run, articles) for _ in range(args.runs)]
    elapsed = statistics.median(t for t, _ in timings)
    words = sum(len(a.text.split()) for a in articles)
    print(f"folder        {args.folder}")
    print(f"articles      {len(articles)}  words {words}  claims {timings[0][1]}")
    print(f"articles/s    {len(articles) / elapsed:.0f}  (one core, median of {args.runs} runs)")
    print(f"              (each run sees the articles for the first time; {WARM_UP} warm-up)")
    print(f"words/s       {words / elapsed:.0f}")
    print(f"ms/article    {1000 * elapsed / len(articles):.2f}")
    for stage, share in in_fresh_process(stage_shares, articles).items():
        print(f"  {stage:<18} {100 * share:5.1f} %")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory   {peak:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
