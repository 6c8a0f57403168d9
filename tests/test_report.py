"""report ACTOR: a Markdown report of an actor's positions per topic."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke


def test_report_on_peskov_has_his_profile_topics_and_quotes(seeded: Invoke):
    result = seeded("report", "Peskov")
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("# Dmitry Peskov\n")
    assert "**Also written as:**" in text and "Peskow" in text
    assert "Kremlin spokesman" in text
    for topic in ("## Talks", "## Venue", "## Timeline", "## Participants"):
        assert topic in text
    assert "> “There is definitely a need to organise such a meeting quite promptly" in text
    assert "Reported 2 times" in text
    assert "Saudi Arabia" in text
    assert "**Changed " in text


def test_report_dates_run_in_order_within_a_topic(seeded: Invoke):
    text = seeded("report", "Peskov").output
    talks = text.split("## Talks")[1].split("\n## ")[0]
    dates = [line.split(" · ")[0][4:] for line in talks.splitlines() if line.startswith("### ")]
    assert dates and dates == sorted(dates)


def test_report_to_a_file(seeded: Invoke, tmp_path: Path):
    path = tmp_path / "peskov.md"
    assert seeded("report", "Peskov", "-o", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# Dmitry Peskov")


def test_report_on_an_unknown_actor_is_an_error(seeded: Invoke):
    result = seeded("report", "Nobody Atall")
    assert result.exit_code == 1 and "no actor matches" in result.output
