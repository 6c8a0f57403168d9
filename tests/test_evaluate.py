"""The brat/PolNeAR evaluator on a small gold folder written by the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.evaluate import evaluate, main, parse_spans, read_ann
from claimtrack.models import Attribution, Mention

TEXT = (
    "Peskov said the talks would continue next week.\n"
    "“We are ready,” the spokesman added, “and we will wait.”\n"
    "The meeting will be held in Istanbul, according to diplomatic sources.\n"
    "Turnout was low, it was reported.\n"
)


def _span(needle: str) -> str:
    start = TEXT.index(needle)
    return f"{start} {start + len(needle)}"


def _ann() -> str:
    quote_one, quote_two = "“We are ready,”", "“and we will wait.”"
    lines = [
        f"T1\tSource {_span('Peskov')}\tPeskov",
        f"T2\tCue {_span('said')}\tsaid",
        f"T3\tContent {_span('the talks would continue next week')}\tthe talks",
        f"T4\tAttribution {_span('said')}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {_span('the spokesman')}\tthe spokesman",
        f"T6\tCue {_span('added')}\tadded",
        f"T7\tContent {_span(quote_one)};{_span(quote_two)}\t{quote_one} {quote_two}",
        f"T8\tAttribution {_span('added')}\tadded",
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        f"T9\tSource {_span('diplomatic sources')}\tdiplomatic sources",
        f"T10\tCue {_span('according to')}\taccording to",
        f"T11\tContent {_span('The meeting will be held in Istanbul')}\tThe meeting",
        f"T12\tAttribution {_span('according to')}\taccording to",
        "E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9",
        f"T13\tCue {_span('was reported')}\twas reported",
        f"T14\tContent {_span('Turnout was low')}\tTurnout was low",
        f"T15\tAttribution-no-source {_span('was reported')}\twas reported",
        "E4\tAttribution-no-source:T15 Content:T14 Cue:T13",
        f"T16\tDiscard {_span('Turnout')}\tTurnout",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "talks_2025.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "talks_2025_a1.ann").write_text(_ann(), encoding="utf-8")
    # A second annotator of the same text: ignored, the first .ann by name is used.
    (tmp_path / "attributions" / "talks_2025_b2.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_parse_discontinuous_spans() -> None:
    assert parse_spans("10 20;25 40") == [(10, 20), (25, 40)]


def test_read_ann_links_roles_and_keeps_sourceless_events() -> None:
    gold = read_ann(_ann(), TEXT)
    assert len(gold) == 4
    assert gold[1].role_text(gold[1].source) == "the spokesman"
    assert gold[1].role_text(gold[1].content) == "“We are ready,” … “and we will wait.”"
    assert gold[3].source is None
    assert gold[3].role_text(gold[3].cue) == "was reported"


def test_evaluate_real_extractor(gold_dir: Path) -> None:
    report = evaluate(gold_dir)
    assert report.documents == 1
    assert (report.all.gold, report.all.predicted, report.all.matched_gold) == (4, 3, 3)
    assert report.all.precision == 1.0
    assert report.all.recall == 0.75
    # "according to" is not a speech verb; said, added and (was) reported are.
    assert (report.speech_verb.gold, report.speech_verb.matched_gold) == (3, 2)
    assert [m.cue for m in report.misses] == ["was reported"]


def _prediction(content: str, source: str | None) -> Attribution:
    start = TEXT.index(content)
    source_mention = None
    if source is not None:
        s = TEXT.index(source)
        source_mention = Mention(source, (s, s + len(source)))
    return Attribution(
        content=Mention(content, (start, start + len(content))),
        kind="indirect",
        source=source_mention,
        cue=Mention("said", (7, 11)),
    )


def test_matching_is_one_to_one_and_needs_the_source(gold_dir: Path) -> None:
    def extractor(_: str) -> list[Attribution]:
        return [
            _prediction("the talks would continue", "Peskov"),
            _prediction("talks would continue next week", "Peskov"),
            _prediction("The meeting will be held", "The meeting"),
            _prediction("Turnout was low", None),
        ]

    report = evaluate(gold_dir, extractor)
    assert report.all.matched_gold == 2  # Peskov once, the sourceless gold on content
    assert report.all.predicted == 4
    assert report.content.matched_gold == 3  # the wrong source still overlaps its content
    assert report.all.f1 == pytest.approx(0.5)


def test_module_main_prints_json(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(gold_dir), "--json", "--misses"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 1
    assert data["all"]["recall"] == 0.75
    assert data["misses"][0]["content"] == "Turnout was low"


def test_cli_eval_command(gold_dir: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(gold_dir), "--misses"])
    assert result.exit_code == 0, result.output
    assert "speech_verb" in result.output
    assert "was reported" in result.output
