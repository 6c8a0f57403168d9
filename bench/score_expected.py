"""Score claimtrack against an analyst's expected claims (``expected.jsonl``).

    python bench/score_expected.py FOLDER [--predictions FILE] [--oracle] [--misses]

FOLDER holds ``expected.jsonl``, the article texts and their manifest (``manifest.json`` or
``manifest.jsonl``, for publication dates). Predictions come from FILE (the JSON lines of
``claimtrack extract --json``), else from running that command, else (no CLI yet) from
``claimtrack.extract.extract`` in-process. ``--oracle`` skips attribution: it types each
expected quote with ``facets.describe`` to measure the facets alone.

An expected claim is found when a predicted claim in the same file has the same speaker
(``actors.actor_key``) and content overlapping the quote. For found claims:
topics = expected topics are a subset of the predicted ones (the mean Jaccard index is shown
too, so over-tagging is visible, and the topic precision: the share of predicted topics that
are expected, over all found claims and per topic); venue = same place (one name contains
the other, or the predicted city lies in the expected country); time = the predicted
expression overlaps the expected one (its occurrence nearest the quote), or both are absent
(time precision: the share of predicted times that overlap the expected one; a time where
none is expected is wrong); participants = the sets share at least half of the larger one,
or both are empty; polarity = equal.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from claimtrack.actors import actor_key
from claimtrack.lexicon import table
from claimtrack.models import Actor, Article, Attribution, Mention, PublishedDate
from claimtrack.text import prepare

FACETS = ("topics", "venue", "time", "participants", "polarity")


def key(name: str) -> str:
    """Matching key of an actor or participant name."""
    return actor_key(name)


def overlaps(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


@dataclass
class Expected:
    """One expected claim with its quote located in the article text."""

    record: dict
    text: str
    span: tuple[int, int]
    published: str | None

    @property
    def file(self) -> str:
        return self.record["file"]


@dataclass
class Tally:
    expected: int = 0
    found: int = 0
    facet_ok: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACETS, 0))
    jaccard: float = 0.0
    topics_predicted: dict[str, int] = field(default_factory=dict)
    topics_right: dict[str, int] = field(default_factory=dict)
    times_predicted: int = 0
    times_right: int = 0
    overlapping: int = 0
    overlapping_right_speaker: int = 0
    predicted: int = 0
    predicted_matched: int = 0
    predicted_talks: int = 0
    predicted_talks_matched: int = 0
    misses: list[str] = field(default_factory=list)


def read_manifest(folder: Path) -> dict[str, str]:
    """File (relative to FOLDER) -> publication date (ISO, possibly cut to month)."""
    dates = {}
    single = folder / "manifest.json"
    if single.is_file():
        for entry in json.loads(single.read_text(encoding="utf-8"))["articles"]:
            dates[entry["file"]] = entry.get("published")
    lines = folder / "manifest.jsonl"
    if lines.is_file():
        for line in lines.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                dates[entry["file"]] = entry.get("published")
    return dates


def read_expected(folder: Path, dates: dict[str, str]) -> list[Expected]:
    expected = []
    for line in (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = (folder / record["file"]).read_text(encoding="utf-8")
        start = text.find(record["quote"])
        span = (start, start + len(record["quote"]))
        expected.append(Expected(record, text, span, dates.get(record["file"])))
    return expected


def published(value: str | None) -> PublishedDate:
    if not value:
        return PublishedDate()
    precision = {3: "day", 2: "month", 1: "year"}[len(value.split("-"))]
    return PublishedDate(value=value, precision=precision, source="manifest")


def predict(folder: Path, dates: dict[str, str]) -> dict[str, list[dict]]:
    """File (relative to FOLDER) -> predicted claims as ``Claim.to_json()`` dicts."""
    if importlib.util.find_spec("claimtrack.cli") is not None:
        command = [sys.executable, "-m", "claimtrack", "extract", "--json", str(folder)]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode == 0:
            return parse_predictions(run.stdout, folder)
        print(f"`{' '.join(command[1:])}` failed, extracting in-process", file=sys.stderr)
    from claimtrack.extract import extract
    from claimtrack.sources import iter_articles

    by_file = {}
    for item in iter_articles([str(folder)]):
        if not isinstance(item, Article):
            continue
        name = relative(item.origin, folder)
        if name not in dates:
            continue
        if not item.published.value:
            item.published = published(dates[name])
        by_file[name] = [claim.to_json() for claim in extract(item)]
    return by_file


def relative(origin: str, folder: Path) -> str:
    path = Path(origin)
    try:
        return str(path.resolve().relative_to(folder.resolve()))
    except ValueError:
        return path.name


def parse_predictions(output: str, folder: Path) -> dict[str, list[dict]]:
    by_file = {}
    for line in output.splitlines():
        if line.strip():
            article = json.loads(line)
            origin = article.get("path") or article.get("origin") or ""
            by_file[relative(origin, folder)] = article.get("claims", [])
    return by_file


def oracle(expected: list[Expected]) -> dict[str, list[dict]]:
    """Facets of each expected quote, speaker and kind taken from the expected record."""
    from claimtrack.facets import describe
    from claimtrack.models import Claim

    by_file: dict[str, list[dict]] = {}
    for item in expected:
        record = item.record
        doc = prepare(item.text)
        mention = record["speaker_mention"]
        at = nearest(item.text, mention, item.span[0])
        source = Mention(mention, (at, at + len(mention))) if at is not None else None
        kind = "direct" if record.get("direct") else "indirect"
        attribution = Attribution(Mention(record["quote"], item.span), kind, source=source)
        anchor = published(item.published).anchor()
        facets = describe(doc, attribution, Actor(record["speaker"]), anchor)
        claim = Claim(
            speaker=record["speaker"],
            speaker_text=mention,
            speaker_span=source.span if source else None,
            cue=None,
            cue_span=None,
            content=record["quote"],
            content_span=item.span,
            kind=kind,
            facets=facets,
        )
        by_file.setdefault(item.file, []).append(claim.to_json())
    return by_file


def nearest(text: str, words: str, position: int) -> int | None:
    """Start of the occurrence of ``words`` nearest ``position``."""
    starts = []
    at = text.find(words)
    while at >= 0:
        starts.append(at)
        at = text.find(words, at + 1)
    return min(starts, key=lambda s: abs(s - position), default=None)


def time_span(item: Expected) -> tuple[int, int] | None:
    """The occurrence of the expected time expression nearest the quote."""
    words = item.record.get("time")
    at = nearest(item.text, words, item.span[0]) if words else None
    return (at, at + len(words)) if at is not None else None


def same_venue(expected: str | None, predicted: str | None) -> bool:
    if not expected or not predicted:
        return expected == predicted
    a, b = expected.casefold(), predicted.casefold()
    if a in b or b in a:
        return True
    country = table("places.json")["cities"].get(predicted)
    return country is not None and country.casefold() == a


def facet_checks(item: Expected, claim: dict) -> dict[str, bool]:
    record = item.record
    want_topics, got_topics = set(record["topics"]), set(claim["topics"])
    want = {key(p) for p in record["participants"]}
    got = {key(p) for p in claim["participants"]}
    shared = len(want & got)
    expected_time = time_span(item)
    got_time = tuple(claim["time"]["span"]) if claim["time"] else None
    return {
        "topics": want_topics <= got_topics,
        "venue": same_venue(record["venue"], claim["venue"]),
        "time": got_time is None if expected_time is None else overlaps(expected_time, got_time),
        "participants": not want and not got or shared >= max(len(want), len(got)) / 2,
        "polarity": record["polarity"] == claim["polarity"],
    }


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def score(expected: list[Expected], predictions: dict[str, list[dict]]) -> Tally:
    tally = Tally(expected=len(expected))
    for item in expected:
        record = item.record
        claims = predictions.get(item.file, [])
        right = [
            c
            for c in claims
            if key(c["speaker"]) == key(record["speaker"])
            and overlaps(tuple(c["content_span"]), item.span)
        ]
        if not right:
            tally.misses.append(f"MISS {item.file} [{record['speaker']}] {record['quote'][:90]}")
            continue
        claim = max(right, key=lambda c: overlap_size(tuple(c["content_span"]), item.span))
        tally.found += 1
        tally.jaccard += jaccard(set(record["topics"]), set(claim["topics"]))
        checks = facet_checks(item, claim)
        count_facet_precision(tally, record, claim, checks["time"])
        extra = sorted(set(claim["topics"]) - set(record["topics"]))
        if extra:
            tally.misses.append(f"{'TOPICS+':12} extra={extra!r} | {record['quote'][:80]}")
        for facet, ok in checks.items():
            tally.facet_ok[facet] += ok
            if not ok:
                tally.misses.append(describe_error(facet, item, claim))
    count_precision(tally, expected, predictions)
    return tally


def count_facet_precision(tally: Tally, record: dict, claim: dict, time_ok: bool) -> None:
    """Count the predicted topics and time of a found claim, and those that are right."""
    for topic in claim["topics"]:
        tally.topics_predicted[topic] = tally.topics_predicted.get(topic, 0) + 1
        right = topic in record["topics"]
        tally.topics_right[topic] = tally.topics_right.get(topic, 0) + right
    if claim["time"]:
        tally.times_predicted += 1
        tally.times_right += time_ok


def overlap_size(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def describe_error(facet: str, item: Expected, claim: dict) -> str:
    record = item.record
    want = {"time": record.get("time"), "topics": record["topics"]}.get(facet, record.get(facet))
    got = claim["time"]["text"] if facet == "time" and claim["time"] else claim.get(facet)
    cue = f" cue={claim['polarity_cue']!r}" if facet == "polarity" else ""
    return f"{facet.upper():12} want={want!r} got={got!r}{cue} | {record['quote'][:80]}"


def count_precision(tally: Tally, expected: list[Expected], predictions: dict) -> None:
    by_file: dict[str, list[Expected]] = {}
    for item in expected:
        by_file.setdefault(item.file, []).append(item)
    for file, claims in predictions.items():
        items = by_file.get(file, [])
        for claim in claims:
            span = tuple(claim["content_span"])
            touching = [i for i in items if overlaps(span, i.span)]
            matched = any(key(i.record["speaker"]) == key(claim["speaker"]) for i in touching)
            tally.predicted += 1
            tally.predicted_matched += matched
            if "talks" in claim["topics"]:
                tally.predicted_talks += 1
                tally.predicted_talks_matched += matched
            if touching:
                tally.overlapping += 1
                tally.overlapping_right_speaker += matched


def ratio(part: float, whole: int) -> str:
    return f"{part / whole:.3f} ({part:g}/{whole})" if whole else "n/a"


def report(tally: Tally, show_misses: bool, with_precision: bool) -> None:
    print(f"speaker recall        {ratio(tally.found, tally.expected)}")
    labels = {"topics": "topics (expected ⊆ predicted)"}
    for facet in FACETS:
        print(f"{labels.get(facet, facet):30}{ratio(tally.facet_ok[facet], tally.found)}")
    if tally.found:
        print(f"{'topics mean Jaccard':30}{tally.jaccard / tally.found:.3f}")
        right, predicted = sum(tally.topics_right.values()), sum(tally.topics_predicted.values())
        print(f"{'topic precision':30}{ratio(right, predicted)}")
        for topic, count in sorted(tally.topics_predicted.items()):
            print(f"{'  ' + topic:30}{ratio(tally.topics_right[topic], count)}")
        print(f"{'time precision':30}{ratio(tally.times_right, tally.times_predicted)}")
    if with_precision:
        print(f"speaker precision     {ratio(tally.overlapping_right_speaker, tally.overlapping)}")
        print(
            f"precision (all attributed claims)  {ratio(tally.predicted_matched, tally.predicted)}"
        )
        print(
            "precision (claims with topic talks) "
            f"{ratio(tally.predicted_talks_matched, tally.predicted_talks)}"
        )
    if show_misses:
        print()
        print("\n".join(tally.misses))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--predictions", type=Path, help="output of extract --json")
    parser.add_argument("--oracle", action="store_true", help="type the expected quotes only")
    parser.add_argument("--misses", action="store_true", help="list misses and facet errors")
    args = parser.parse_args(argv)
    dates = read_manifest(args.folder)
    expected = read_expected(args.folder, dates)
    if args.oracle:
        predictions = oracle(expected)
    elif args.predictions:
        predictions = parse_predictions(args.predictions.read_text(encoding="utf-8"), args.folder)
    else:
        predictions = predict(args.folder, dates)
    report(score(expected, predictions), args.misses, with_precision=not args.oracle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
