"""Score attribution extraction against brat standoff gold annotations (PolNeAR).

A gold folder holds ``text/<stem>.txt`` and ``attributions/<stem>_<annotator>.ann``; when a
text has several annotators the first ``.ann`` by name is used. An ``Attribution`` event
links Source, Cue and Content text-bound annotations; ``Attribution-no-source`` has no
Source. Spans may be discontinuous (``10 20;25 40``).

A predicted attribution matches a gold one when their contents overlap and their sources
overlap (content alone when the gold has no source). Matching is one-to-one, greedy by
content overlap. Three scores are reported: ``all`` (content and source), ``content``
(content overlap only) and ``speech_verb`` (gold whose cue contains a speech verb of
``data/speech_verbs.txt``; predictions whose cue does).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from claimtrack.attribution import find_attributions, is_speech_cue
from claimtrack.models import Attribution, Span
from claimtrack.text import prepare


@dataclass
class GoldAttribution:
    """One annotated attribution: each role as a list of (possibly discontinuous) spans."""

    content: list[Span]
    cue: list[Span]
    source: list[Span] | None
    text: str = ""

    def role_text(self, spans: list[Span] | None) -> str:
        """The annotated words of a role, pieces joined by ' … '."""
        if not spans:
            return ""
        return " … ".join(self.text[start:end] for start, end in spans)


@dataclass
class Scores:
    """Counts and precision/recall/F1 for one matching criterion."""

    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Scores) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched_gold += other.matched_gold
        self.matched_predicted += other.matched_predicted

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Miss:
    """A gold attribution the extractor did not find."""

    document: str
    source: str
    cue: str
    content: str


@dataclass
class EvaluationReport:
    """Scores over a gold folder plus the missed gold attributions."""

    documents: int = 0
    all: Scores = field(default_factory=Scores)
    content: Scores = field(default_factory=Scores)
    speech_verb: Scores = field(default_factory=Scores)
    misses: list[Miss] = field(default_factory=list)

    def as_dict(self, with_misses: bool = False) -> dict:
        data = {
            "documents": self.documents,
            "all": self.all.as_dict(),
            "content": self.content.as_dict(),
            "speech_verb": self.speech_verb.as_dict(),
        }
        if with_misses:
            data["misses"] = [asdict(miss) for miss in self.misses]
        return data


def parse_spans(field_text: str) -> list[Span]:
    """``"10 20;25 40"`` -> ``[(10, 20), (25, 40)]``."""
    spans = []
    for piece in field_text.split(";"):
        start, end = piece.split()
        spans.append((int(start), int(end)))
    return spans


def read_ann(ann: str, text: str = "") -> list[GoldAttribution]:
    """The attribution events of one brat ``.ann`` file."""
    bounds: dict[str, list[Span]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, spans = parts[1].partition(" ")
            if label in ("Source", "Cue", "Content", "Content2"):
                bounds[parts[0]] = parse_spans(spans)
        elif parts[0].startswith("E"):
            head, *args = parts[1].split()
            kind = head.split(":")[0]
            if kind.startswith("Attribution"):
                roles: dict[str, str] = {}
                for arg in args:
                    role, _, ref = arg.partition(":")
                    roles.setdefault(role.rstrip("0123456789"), ref)
                    if role == "Content2":
                        roles["Content2"] = ref
                events.append((kind, roles))
    gold = []
    for _kind, roles in events:
        content = list(bounds.get(roles.get("Content", ""), []))
        content += bounds.get(roles.get("Content2", ""), [])
        if not content:
            continue
        source = bounds.get(roles["Source"]) if "Source" in roles else None
        gold.append(
            GoldAttribution(
                content=content,
                cue=bounds.get(roles.get("Cue", ""), []),
                source=source,
                text=text,
            )
        )
    return gold


def gold_documents(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(text, first .ann by name) pairs of a gold folder, texts without annotations dropped."""
    anns = sorted((gold_dir / "attributions").glob("*.ann"))
    pairs = []
    for text_path in sorted((gold_dir / "text").glob("*.txt")):
        prefix = text_path.stem + "_"
        ann = next((a for a in anns if a.name.startswith(prefix)), None)
        if ann is not None:
            pairs.append((text_path, ann))
    return pairs


def _overlaps(a: list[Span], b: Span) -> int:
    """Characters that span ``b`` shares with any span of ``a``."""
    return sum(max(0, min(e, b[1]) - max(s, b[0])) for s, e in a)


def match(
    gold: list[GoldAttribution], predicted: list[Attribution], with_source: bool
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, greedy by content overlap."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = _overlaps(g.content, p.content.span)
            if not overlap:
                continue
            if (
                with_source
                and g.source is not None
                and (p.source is None or not _overlaps(g.source, p.source.span))
            ):
                continue
            candidates.append((-overlap, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


def score(
    gold: list[GoldAttribution], predicted: list[Attribution], with_source: bool
) -> tuple[Scores, list[tuple[int, int]]]:
    """Scores of one document under one criterion, and the matched pairs."""
    pairs = match(gold, predicted, with_source)
    scores = Scores(len(gold), len(predicted), len(pairs), len(pairs))
    return scores, pairs


def _gold_is_speech(g: GoldAttribution) -> bool:
    return bool(g.cue) and is_speech_cue(g.role_text(g.cue))


def _pred_is_speech(p: Attribution) -> bool:
    return p.cue is not None and is_speech_cue(p.cue.text)


def _trim(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def evaluate_document(
    text: str, gold: list[GoldAttribution], predicted: list[Attribution], name: str = ""
) -> EvaluationReport:
    """The report for a single document."""
    report = EvaluationReport(documents=1)
    report.all, pairs = score(gold, predicted, with_source=True)
    report.content, _ = score(gold, predicted, with_source=False)
    speech_gold = [g for g in gold if _gold_is_speech(g)]
    speech_pred = [p for p in predicted if _pred_is_speech(p)]
    # Recall over speech-verb gold may be earned by any prediction; precision is over
    # speech-cue predictions matched against any gold.
    _, recall_pairs = score(speech_gold, predicted, with_source=True)
    _, precision_pairs = score(gold, speech_pred, with_source=True)
    report.speech_verb = Scores(
        len(speech_gold), len(speech_pred), len(recall_pairs), len(precision_pairs)
    )
    found = {gi for gi, _ in pairs}
    for gi, g in enumerate(gold):
        if gi not in found:
            report.misses.append(
                Miss(
                    document=name,
                    source=_trim(g.role_text(g.source)),
                    cue=_trim(g.role_text(g.cue)),
                    content=_trim(g.role_text(g.content)),
                )
            )
    return report


def extract_attributions(text: str) -> list[Attribution]:
    """The extractor under evaluation: segmentation then attribution."""
    return find_attributions(prepare(text))


def evaluate(
    gold_dir: str | Path,
    extractor: Callable[[str], list[Attribution]] = extract_attributions,
) -> EvaluationReport:
    """Score ``extractor`` over every annotated text of ``gold_dir``."""
    report = EvaluationReport()
    for text_path, ann_path in gold_documents(Path(gold_dir)):
        text = text_path.read_text(encoding="utf-8")
        gold = read_ann(ann_path.read_text(encoding="utf-8"), text)
        one = evaluate_document(text, gold, extractor(text), text_path.stem)
        report.documents += 1
        report.all.add(one.all)
        report.content.add(one.content)
        report.speech_verb.add(one.speech_verb)
        report.misses.extend(one.misses)
    return report


def print_report(report: EvaluationReport, misses: bool = False, as_json: bool = False) -> None:
    """Print a report as a rich table (plus the misses when asked) or as JSON."""
    if as_json:
        print(json.dumps(report.as_dict(misses), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Attribution scores over {report.documents} documents")
    for column in ("criterion", "precision", "recall", "F1", "gold", "predicted"):
        table.add_column(column, justify="left" if column == "criterion" else "right")
    for name in ("all", "content", "speech_verb"):
        s: Scores = getattr(report, name)
        table.add_row(
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.gold),
            str(s.predicted),
        )
    console = Console()
    console.print(table)
    if misses:
        for miss in report.misses:
            console.print(
                f"[dim]{miss.document}[/dim] {miss.source} | [bold]{miss.cue}[/bold] | "
                f"{miss.content}",
                markup=True,
                highlight=False,
            )


def main(argv: list[str] | None = None) -> int:
    """``python -m claimtrack.evaluate GOLD_DIR [--misses] [--json]``."""
    args = sys.argv[1:] if argv is None else argv
    flags = {a for a in args if a.startswith("--")}
    paths = [a for a in args if not a.startswith("--")]
    if len(paths) != 1:
        print("usage: python -m claimtrack.evaluate GOLD_DIR [--misses] [--json]")
        return 2
    print_report(evaluate(paths[0]), misses="--misses" in flags, as_json="--json" in flags)
    return 0


if __name__ == "__main__":
    sys.exit(main())
