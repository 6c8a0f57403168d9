"""Measure statement grouping: which wordings of one actor would be merged, at what score.

    python bench/statements.py FOLDER... [--floor 0.4]

Each FOLDER holds ``expected.jsonl`` and the article texts (seeds, corpus/dev). Two sources
of wordings are compared, per actor, every pair: the analyst's expected quotes, and the
claims ``claimtrack.extract.extract`` finds in the texts. Pairs scoring at least ``--floor``
are listed with their shared-term count and whether ``statements.same_statement`` merges
them, so a person can check that no different claims are merged and pick the thresholds.
Overlapping spans of one article (one quote cut two ways) are skipped: they are trivially
one statement.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from claimtrack import statements
from claimtrack.extract import extract
from claimtrack.models import Article


def expected_wordings(folder: Path) -> list[tuple[str, str, str, tuple[int, int]]]:
    """(actor, file, quote, span) of the analyst's expected claims."""
    rows = []
    for line in (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        claim = json.loads(line)
        text = _text(folder, claim["file"])
        start = text.find(claim["quote"])
        rows.append((claim["speaker"], claim["file"], claim["quote"], (start, start + 1)))
    return rows


def extracted_wordings(folder: Path) -> list[tuple[str, str, str, tuple[int, int]]]:
    """(actor, file, content, span) of the claims the extractor finds."""
    files = sorted({json.loads(line)["file"] for line in _lines(folder / "expected.jsonl")})
    rows = []
    for name in files:
        article = Article(text=_text(folder, name), origin=name)
        for claim in extract(article):
            rows.append((claim.speaker, name, claim.content, claim.content_span))
    return rows


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _text(folder: Path, name: str) -> str:
    path = folder / name if (folder / name).exists() else folder / "articles" / name
    return path.read_text(encoding="utf-8")


def report(label: str, rows: list[tuple[str, str, str, tuple[int, int]]], floor: float) -> None:
    merged = 0
    print(f"== {label}: {len(rows)} wordings")
    for a, b in itertools.combinations(rows, 2):
        if a[0] != b[0] or a[2] == b[2]:
            continue
        if a[1] == b[1] and a[3][0] < b[3][1] and b[3][0] < a[3][1]:
            continue
        ta, tb = statements.wording(a[2]), statements.wording(b[2])
        score = statements.similarity(ta, tb)
        if score < floor:
            continue
        same = statements.same_statement(ta, tb)
        merged += same
        shared = len(ta.terms & tb.terms - ta.names - tb.names)
        print(f"{'MERGE' if same else 'apart'} {score:.2f} shared={shared} {a[0]}")
        print(f"   {a[1]}: {a[2][:160]!r}\n   {b[1]}: {b[2][:160]!r}")
    print(f"== {label}: {merged} merged pairs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--floor", type=float, default=0.4)
    args = parser.parse_args()
    expected = [row for folder in args.folders for row in expected_wordings(folder)]
    extracted = [row for folder in args.folders for row in extracted_wordings(folder)]
    report("expected quotes", expected, args.floor)
    report("extracted claims", extracted, args.floor)


if __name__ == "__main__":
    main()
