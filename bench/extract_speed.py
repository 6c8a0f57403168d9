"""Attribution extraction speed on one core.

Usage: python bench/extract_speed.py [FOLDER]   (default ../shared/polnear)

Reads every ``*/text/*.txt`` below FOLDER (or ``*.txt`` directly in it), then times
``text.prepare`` + ``attribution.find_attributions`` over all of them in this process.
Start-up (imports, lexicon loading) is excluded by a warm-up run on the first text.
Prints articles/second, words/second, attributions found and peak memory (max RSS).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from claimtrack.attribution import find_attributions
from claimtrack.text import prepare

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "polnear"


def load_texts(folder: Path) -> list[str]:
    paths = sorted(folder.glob("*/text/*.txt")) or sorted(folder.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER
    texts = load_texts(folder)
    if not texts:
        print(f"no texts under {folder}")
        return 1
    find_attributions(prepare(texts[0]))
    words = sum(len(t.split()) for t in texts)
    started = time.process_time()
    found = sum(len(find_attributions(prepare(t))) for t in texts)
    elapsed = time.process_time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"folder: {folder}")
    print(f"articles: {len(texts)}  words: {words}  attributions: {found}")
    print(f"cpu seconds: {elapsed:.2f}")
    print(f"articles/second: {len(texts) / elapsed:.0f}")
    print(f"words/second: {words / elapsed:.0f}")
    print(f"peak memory: {peak_mb:.0f} MB (max RSS)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
