"""Segmentation: paragraphs, sentences and boilerplate, as offsets into the untouched text."""

from __future__ import annotations

from pathlib import Path

from claimtrack.text import prepare


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in prepare(text).sentences]


def _skipped(text: str) -> list[str]:
    return [text[s:e] for s, e in prepare(text).skipped]


def test_spans_are_offsets_into_the_text_as_given(seeds_dir: Path) -> None:
    text = (seeds_dir / "000_d04d9c40bbc889bf.txt").read_text(encoding="utf-8")
    doc = prepare(text)
    assert doc.text is text
    assert text[slice(*doc.paragraphs[1])] == (
        "It may not be Sunday itself. The final nuances are being agreed now, it’s the beginning"
        " of next week, the very beginning, that’s what will be known. Well, indeed, we are"
        " talking about the very next days."
    )
    assert [text[s:e] for s, e in doc.sentences[1:4]] == [
        "It may not be Sunday itself.",
        "The final nuances are being agreed now, it’s the beginning of next week, the very"
        " beginning, that’s what will be known.",
        "Well, indeed, we are talking about the very next days.",
    ]
    for start, end in doc.sentences:
        assert text[start:end] == text[start:end].strip()
    assert doc.sentence_starts == [start for start, _ in doc.sentences]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = (
        "Mr. Waltz met Gov. Newsom in the U.S. capital on Jan. 5. "
        "President Donald J. Trump said no."
    )
    assert _sentences(text) == [
        "Mr. Waltz met Gov. Newsom in the U.S. capital on Jan. 5.",
        "President Donald J. Trump said no.",
    ]


def test_quotes_keep_their_closing_marks_and_attribution() -> None:
    text = "“Is it over?” he asked. “Not yet.” The talks resumed."
    assert _sentences(text) == ["“Is it over?” he asked.", "“Not yet.”", "The talks resumed."]


def test_seed_boilerplate_is_skipped(seeds_dir: Path) -> None:
    text = (seeds_dir / "004_ebd96396f1565e17.txt").read_text(encoding="utf-8")
    skipped = _skipped(text)
    assert skipped.count("Putin-Trump summit on the way –\xa0Kremlin") == 6
    assert any(line.startswith("Read more No NATO for Kiev") for line in skipped)
    assert any(line.startswith("READ MORE: Russia has won") for line in skipped)
    assert any("©" in line and "Getty Images" in line for line in skipped)
    for chrome in (
        "Source",
        "Leave a Reply",
        "Your email address will not be published.",
        "Back to top button",
    ):
        assert chrome in skipped
    kept = " ".join(text[s:e] for s, e in prepare(text).paragraphs)
    assert "Leave a Reply" not in kept and "READ MORE" not in kept
    assert "Kremlin spokesman Dmitry Peskov has said." in kept


def test_date_lead_is_cut_from_its_line_and_the_rest_kept() -> None:
    text = " date 2025-02-14 Saudi Arabia on Friday commended the recent phone call.\n"
    doc = prepare(text)
    assert _skipped(text) == ["date 2025-02-14"]
    assert text[slice(*doc.paragraphs[0])] == (
        "Saudi Arabia on Friday commended the recent phone call."
    )


def test_page_chrome_lines() -> None:
    text = (
        "Talks set for Monday\n"
        "11:35 29.05.2025 (Updated: 13:12 29.05.2025)\n"
        "Photo: AP\n"
        "Subscribe\n"
        "Article continues below the player\n"
        "Peskov said the talks would go ahead.\n"
    )
    assert _skipped(text) == [
        "11:35 29.05.2025 (Updated: 13:12 29.05.2025)",
        "Photo: AP",
        "Subscribe",
        "Article continues below the player",
    ]
    assert _sentences(text)[-1] == "Peskov said the talks would go ahead."


def test_lines_are_trimmed_of_every_kind_of_space() -> None:
    text = "\t Peskov said the talks would go ahead.\xa0 \r\n \u2003\n  Ushakov agreed. \n"
    doc = prepare(text)
    assert [text[s:e] for s, e in doc.paragraphs] == [
        "Peskov said the talks would go ahead.",
        "Ushakov agreed.",
    ]
    assert doc.sentences == doc.paragraphs
