"""Speaker resolution speed on one core.

Usage: python bench/actors_speed.py [FOLDER]   (default ../shared/polnear)

Reads every ``*/text/*.txt`` below FOLDER (or ``*.txt`` directly in it) and runs
``text.prepare`` + ``attribution.find_attributions`` on each (not timed). Then times
``actors.resolve_speakers`` over all articles, first with the name caches cold (each name
seen for the first time, as in a fresh process) and then warm, and ``actor_key`` and
``canonical_actor`` over all source mentions (cold). The lexicon is loaded before timing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from claimtrack import actors
from claimtrack.attribution import find_attributions
from claimtrack.models import Attribution
from claimtrack.text import Document, prepare

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "polnear"


def load_texts(folder: Path) -> list[str]:
    paths = sorted(folder.glob("*/text/*.txt")) or sorted(folder.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def timed(work: Callable[[], object]) -> float:
    """CPU seconds one call of ``work`` takes."""
    started = time.process_time()
    work()
    return time.process_time() - started


def clear_name_caches() -> None:
    """Empty the module's lru caches, so every name is seen again for the first time."""
    for value in vars(actors).values():
        if hasattr(value, "cache_clear") and value is not actors._lexicon:
            value.cache_clear()


def report(label: str, seconds: float, calls: int, articles: int) -> None:
    print(
        f"{label:<24} {1000 * seconds / articles:7.3f} ms/article"
        f"  {calls / seconds:10.0f} calls/s  ({calls} calls, {seconds:.2f} cpu s)"
    )


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER
    texts = load_texts(folder)
    if not texts:
        print(f"no texts under {folder}")
        return 1
    parsed: list[tuple[Document, list[Attribution]]] = []
    for text in texts:
        doc = prepare(text)
        parsed.append((doc, find_attributions(doc)))
    sources = [a.source.text for _, found in parsed for a in found if a.source]
    actors.canonical_actor("Dmitry Peskov")  # loads the lexicon
    print(f"folder: {folder}  articles: {len(texts)}  source mentions: {len(sources)}")

    def resolve_all() -> None:
        for doc, found in parsed:
            actors.resolve_speakers(doc, found)

    clear_name_caches()
    report("resolve_speakers cold", timed(resolve_all), len(parsed), len(parsed))
    report("resolve_speakers warm", timed(resolve_all), len(parsed), len(parsed))
    for function in (actors.actor_key, actors.canonical_actor):
        clear_name_caches()
        seconds = timed(lambda f=function: [f(source) for source in sources])
        report(f"{function.__name__} cold", seconds, len(sources), len(parsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
