"""Extraction cost in CPU instructions per article, a figure that machine load cannot move.

Usage: python bench/instructions.py [FOLDER] [--articles N] [--stage attribution|speakers|all]
       (default ../shared/polnear, 120 articles spread over it, stage all)

Wall-clock and CPU time on a shared VM drift by half within an hour; an instruction count
with a fixed hash seed repeats exactly. So a change to the extractor is best judged here, and
``bench/extract.py`` gives the articles per second this machine reaches. Runs the
extractor under valgrind (cachegrind, no cache simulation; needs ``valgrind``) twice: once
over the 20 warm-up articles alone, once over them and N more, each measured article new
to the extractor's caches; the difference divided by N is the cost of one article.
``--stage attribution`` stops after segmentation and attribution, ``speakers`` after
speaker resolution; ``all`` runs the whole pure core.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DEFAULT_FOLDER = BENCH.parent.parent / "shared" / "polnear"
WARM_UP = 20

# Run in the measured child: extract the warm-up articles, then N spread over the folder.
CHILD = """
import sys
from pathlib import Path
from claimtrack.actors import resolve_article
from claimtrack.attribution import find_attributions
from claimtrack.extract import extract
from claimtrack.text import prepare

bench, folder, count, stage, warm_up = sys.argv[1], Path(sys.argv[2]), *sys.argv[3:]
count, warm_up = int(count), int(warm_up)
sys.path.insert(0, bench)
from extract import load_articles  # bench/extract.py: the same articles it times

articles = load_articles(folder)

def run(article):
    if stage == "all":
        return extract(article)
    doc = prepare(article.text)
    attributions = find_attributions(doc)
    if stage == "speakers":
        resolve_article(doc, attributions)

for article in articles[:warm_up]:
    run(article)
rest = articles[warm_up:]
step = max(1, len(rest) // max(count, 1))
for article in rest[::step][:count]:
    run(article)
"""


def instructions(folder: Path, count: int, stage: str) -> int:
    """Instructions of one child run over the warm-up articles and ``count`` more."""
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, "-c", CHILD, str(BENCH), str(folder), str(count), stage, str(WARM_UP),
    ]  # fmt: skip
    # A fixed hash seed: set and dict orders, and so the work done, then repeat exactly.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"valgrind run failed ({done.returncode}): {done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--articles", type=int, default=120, help="Articles measured.")
    parser.add_argument("--stage", choices=("attribution", "speakers", "all"), default="all")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)")
        return 1
    if not any(args.folder.glob("*/text/*.txt")) and not any(args.folder.glob("*.txt")):
        print(f"no articles under {args.folder}")
        return 1
    base = instructions(args.folder, 0, args.stage)
    total = instructions(args.folder, args.articles, args.stage)
    per_article = (total - base) / args.articles
    print(f"folder        {args.folder}")
    print(f"stage         {args.stage} ({args.articles} articles after {WARM_UP} for warm-up)")
    print(f"instructions  {per_article / 1e6:.2f} M per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
