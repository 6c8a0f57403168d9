"""Attribution rules on sentences from real articles: source, cue, content and kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import attribute, triples

from claimtrack.attribution import (
    _TOKEN,
    _tokens,
    is_speech_cue,
    quote_spans,
    verb_lemmas,
)
from claimtrack.models import Attribution


def by_content(attributions: list[Attribution], words: str) -> Attribution:
    return next(a for a in attributions if words in a.content.text)


@pytest.fixture(scope="module")
def seed_000(seeds_dir: Path) -> tuple[str, list[Attribution]]:
    text = (seeds_dir / "000_d04d9c40bbc889bf.txt").read_text(encoding="utf-8")
    return text, attribute(text)


@pytest.fixture(scope="module")
def seed_004(seeds_dir: Path) -> tuple[str, list[Attribution]]:
    text = (seeds_dir / "004_ebd96396f1565e17.txt").read_text(encoding="utf-8")
    return text, attribute(text)


def test_spans_point_into_the_text(seed_000: tuple[str, list[Attribution]]) -> None:
    text, attributions = seed_000
    assert attributions
    for a in attributions:
        for mention in (a.source, a.cue, a.content):
            assert mention is not None
            assert text[slice(*mention.span)] == mention.text
        assert 0 <= a.confidence <= 1
        assert a.kind in ("direct", "indirect", "mixed", "continuation")


def test_titled_names_and_nested_speakers(seed_000: tuple[str, list[Attribution]]) -> None:
    _, attributions = seed_000
    first = by_content(attributions, "could hold talks “in the coming days”")
    assert first.source.text == "Russian presidential spokesman Dmitry Peskov"
    assert first.cue.text == "said"
    assert first.kind == "mixed"
    assert first.content.text.startswith("Russia and the United States could hold talks")
    nested = next(a for a in attributions if a.source.text == "US President Donald Trump")
    assert nested.cue.text == "said on Wednesday"
    assert nested.content.text.startswith("he had “very good” phone conversations")


def test_cues_with_medium_addressee_and_institutions(
    seed_000: tuple[str, list[Attribution]],
) -> None:
    _, attributions = seed_000
    post = by_content(attributions, "much of his hour-long phone conversation")
    assert (post.source.text, post.cue.text) == ("Trump", "wrote in a Truth Social post")
    reporters = by_content(attributions, "Ukraine-US talks in Saudi Arabia this weekend")
    assert (reporters.source.text, reporters.cue.text) == ("Zelensky", "told reporters")
    office = by_content(attributions, "Ukraine would not participate in the negotiation")
    assert office.source.text == "Zelensky’s administration"
    kallas = by_content(attributions, "support for Ukraine should be demonstrated by action")
    assert kallas.source.text == "EU foreign policy chief Kaja Kallas"
    according = by_content(attributions, "Trump suggested that Zelensky consider")
    assert (according.source.text, according.cue.text) == (
        "a White House statement",
        "According to",
    )


def test_continuation_paragraphs_follow_the_attributed_speaker(
    seed_000: tuple[str, list[Attribution]],
) -> None:
    _, attributions = seed_000
    stressed = by_content(attributions, "Trump and Putin discussed the need for future talks")
    follow = by_content(attributions, "we expect that the talks will continue at the expert level")
    assert follow.kind == "continuation"
    assert follow.source.text == "Peskov"
    assert attributions[follow.continues] is stressed
    kallas = by_content(attributions, "If you listen to the statements of the leaders")
    assert kallas.kind == "continuation"
    assert kallas.source.text == "EU foreign policy chief Kaja Kallas"
    opener = by_content(attributions, "it’s the beginning of next week")
    assert opener.source.text == "Russian presidential spokesman Dmitry Peskov"


def test_inverted_order_and_quotes_after_the_speaker(
    seed_004: tuple[str, list[Attribution]],
) -> None:
    _, attributions = seed_004
    hard = by_content(attributions, "It is hard to overestimate the significance")
    assert (hard.source.text, hard.cue.text) == ("Kremlin spokesman Dmitry Peskov", "said")
    impressed = by_content(attributions, "We are much more impressed")
    assert (impressed.source.text, impressed.cue.text) == ("the spokesman", "stressed")
    assert impressed.kind == "direct"
    noting = by_content(attributions, "this landscape did not contribute")
    assert (noting.source.text, noting.cue.text) == ("he", "noting")


def test_quote_paragraph_after_an_attribution_keeps_the_speaker(
    seed_004: tuple[str, list[Attribution]],
) -> None:
    _, attributions = seed_004
    need = by_content(attributions, "There is definitely a need for such a [Trump-Putin] meeting")
    # It continues "He also did not provide any timeline …", Peskov's withheld detail.
    assert need.source.text == "He"
    assert need.kind == "direct"
    assert need.continues is not None


def test_boilerplate_is_never_extracted(seed_004: tuple[str, list[Attribution]]) -> None:
    _, attributions = seed_004
    for a in attributions:
        assert "READ MORE" not in a.content.text
        assert "Leave a Reply" not in a.content.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hugh Hill, a doctor, said the hospital was full.",
            ("Hugh Hill, a doctor", "said", "the hospital was full"),
        ),
        ("“We are ready,” said Peskov.", ("Peskov", "said", "“We are ready,”")),
        (
            "According to the Kremlin, the meeting will take place in Istanbul.",
            ("the Kremlin", "According to", "the meeting will take place in Istanbul"),
        ),
        (
            "Turkish Foreign Minister Hakan Fidan will join the talks in Istanbul, according to"
            " Turkish foreign ministry sources.",
            (
                "Turkish foreign ministry sources",
                "according to",
                "Turkish Foreign Minister Hakan Fidan will join the talks in Istanbul",
            ),
        ),
        (
            "PESKOV: We are open to dialogue with Washington.",
            ("PESKOV", ":", "We are open to dialogue with Washington"),
        ),
        (
            "Peskov said: «The meeting is possible».",
            ("Peskov", "said", "«The meeting is possible»"),
        ),
        (
            "“We will not stop supporting Ukraine,” - Commissioner Marta Kos.",
            ("Commissioner Marta Kos", "-", "“We will not stop supporting Ukraine,”"),
        ),
        (
            "''Who would Trump appoint to anything? He's a wild card,'' Ms. Epstein said.",
            (
                "Ms. Epstein",
                "said",
                "''Who would Trump appoint to anything? He's a wild card,''",
            ),
        ),
        (
            "Kremlin spokesman Dmitry Peskov told reporters Wednesday that the Russian side also"
            " needed time to review the memoranda.",
            (
                "Kremlin spokesman Dmitry Peskov",
                "told reporters Wednesday",
                "the Russian side also needed time to review the memoranda",
            ),
        ),
        (
            "Sen. Lindsey Graham, R-S.C., a long-shot presidential candidate, said Obama is"
            " overselling the successes.",
            (
                "Sen. Lindsey Graham, R-S.C., a long-shot presidential candidate",
                "said",
                "Obama is overselling the successes",
            ),
        ),
        (
            "At a campaign rally, Trump’s GOP primary rival Sen. Marco Rubio (R-Fla.) said Trump"
            " is “unelectable now.”",
            (
                "Trump’s GOP primary rival Sen. Marco Rubio",
                "said",
                "Trump is “unelectable now.”",
            ),
        ),
        ('"Absolutely," he said when asked by a reporter.', ("he", "said", '"Absolutely,"')),
        (
            "“Cruz appeals to Reagan Democrats,” Viguerie notes.",
            ("Viguerie", "notes", "“Cruz appeals to Reagan Democrats,”"),
        ),
        (
            "Only 24 percent said she did nothing wrong.",
            ("24 percent", "said", "she did nothing wrong"),
        ),
    ],
)
def test_constructions(text: str, expected: tuple[str, str, str]) -> None:
    assert triples(text)[0] == expected


def test_inverted_speaker_wins_over_a_comma_aside() -> None:
    text = (
        "Ukraine proposed a late-August meeting between Presidents Volodymyr Zelensky and"
        " Vladimir Putin, with Turkish President Recep Tayyip Erdoğan potentially involved,"
        " said Ukrainian delegation head Rustem Umerov."
    )
    said = next(a for a in attribute(text) if a.cue.text == "said")
    assert said.source.text == "Ukrainian delegation head Rustem Umerov"
    assert said.content.text.startswith("Ukraine proposed a late-August meeting")
    told = triples("“We were wrong,” Ramos, 58, told AFP in an interview.")
    assert told[0][0] == "Ramos, 58"


def test_participle_takes_the_speaker_of_its_clause() -> None:
    found = triples("The talks will continue, Peskov said, adding that the date had not been set.")
    assert found == [
        ("Peskov", "said", "The talks will continue"),
        ("Peskov", "adding", "the date had not been set"),
    ]


def test_coordinated_verb_shares_the_subject() -> None:
    found = triples(
        'Comey called it "extremely careless," but said she should face no criminal charges.'
    )
    assert ("Comey", "said", "she should face no criminal charges") in found


def test_single_quotes_make_a_mixed_claim() -> None:
    (claim,) = attribute("Trump said the talks were ‘going well’ and would continue.")
    assert claim.kind == "mixed"
    assert claim.content.text == "the talks were ‘going well’ and would continue"


def test_colon_lead_in_announces_the_next_paragraph() -> None:
    text = "And from Chairwoman Hill:\nThe committee will meet next week to review the plan."
    assert triples(text) == [
        ("Chairwoman Hill", ":", "The committee will meet next week to review the plan.")
    ]


def test_transcript_label_beats_a_first_person_cue_but_not_a_dateline() -> None:
    found = triples("FALLIN: Well, I think the whole nation needs to work together.")
    assert found[0] == ("FALLIN", ":", "Well, I think the whole nation needs to work together")
    dateline = triples("MOSCOW: The Kremlin said on Thursday that talks were possible.")
    assert dateline == [("The Kremlin", "said on Thursday", "talks were possible")]


def test_colon_before_a_quotation() -> None:
    text = 'Bush: "The mission is to destroy ISIS -- not to contain it."'
    assert triples(text) == [
        ("Bush", ":", '"The mission is to destroy ISIS -- not to contain it."')
    ]


def test_dash_after_a_paragraph_of_speech() -> None:
    text = (
        "Our American partners told us that Putin invited me to Moscow. I believe that if you"
        " want nothing to happen, you should invite me to Moscow. - noted the President of"
        " Ukraine."
    )
    noted = next(a for a in attribute(text) if a.cue.text == "noted")
    assert noted.source.text == "the President of Ukraine"
    assert "you should invite me to Moscow" in noted.content.text


def test_multi_paragraph_quote_is_carried_by_the_speaker() -> None:
    text = (
        "Peskov told reporters:\n"
        "“We are ready for talks at the expert level.\n"
        "“The date will be agreed through diplomatic channels.”"
    )
    found = attribute(text)
    assert [a.source.text for a in found] == ["Peskov", "Peskov"]
    assert found[0].content.text.startswith("“We are ready")
    assert found[1].content.text.startswith("“The date will be agreed")
    assert found[1].continues == 0


def test_noun_and_subjunctive_uses_are_not_cues() -> None:
    assert attribute("Trump’s remarks drew criticism in Kyiv.") == []
    assert attribute("Most Southern states will hold nominating contests on March 1.") == []
    found = triples("Trump suggested that Zelensky consider transferring the power plants.")
    assert [(s, c) for s, c, _ in found] == [("Trump", "suggested")]


def test_stray_quote_costs_at_most_its_claim() -> None:
    text = (
        'The official said the 12" screens were broken and nothing else.\n'
        "Peskov said the talks would continue next week.\n"
        "“Unclosed quote runs on, the spokesman said\n"
        "Ushakov said the delegations would meet in Istanbul."
    )
    found = triples(text)
    sources = [s for s, _, _ in found]
    assert "Peskov" in sources and "Ushakov" in sources
    peskov = next(c for s, _, c in found if s == "Peskov")
    assert peskov == "the talks would continue next week"


def test_quote_spans_read_straight_quotes_by_context() -> None:
    text = 'stray " mark then “real quote” and "another one" end'
    assert [text[s:e] for s, e in quote_spans(text, 0, len(text))] == [
        "“real quote”",
        '"another one"',
    ]


def test_apostrophes_inside_words_do_not_end_a_single_quotation() -> None:
    text = "‘We don’t agree with Trump’s plan,’ Peskov said."
    assert [text[s:e] for s, e in quote_spans(text, 0, len(text))] == [
        "‘We don’t agree with Trump’s plan,’"
    ]


def test_tokens_are_offsets_of_every_non_space_character(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start in range(0, len(text), 97):
            end = min(len(text), start + 160)
            tokens = _tokens(text, start, end)
            expected = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
            assert tokens == expected
            assert "".join(t for t, _, _ in tokens) == "".join(text[start:end].split())


def test_speech_verb_lexicon_inflects_lemmas() -> None:
    lemmas = verb_lemmas("speech_verbs.txt")
    assert lemmas["said"] == "say"
    assert lemmas["emphasized"] == "emphasize"
    assert lemmas["points out"] == "point out"
    assert is_speech_cue("has said")
    assert is_speech_cue("told reporters")
    assert not is_speech_cue("according to")


def test_extraction_is_linear_in_text_length(seeds_dir: Path) -> None:
    article = (seeds_dir / "000_d04d9c40bbc889bf.txt").read_text(encoding="utf-8")
    copies = 100_000 // len(article.split()) + 1
    big = "\n".join([article] * copies)
    assert len(big.split()) >= 100_000
    # Short lines seen twice count as repeated headlines, so copies 2..n are alike.
    two, three = (len(attribute("\n".join([article] * n))) for n in (2, 3))
    assert len(attribute(big)) == two + (copies - 2) * (three - two)
    run_on = " ".join(["Peskov said the talks, “would go on"] * 5_000)
    assert attribute(run_on)


def test_a_second_speech_verb_joins_the_cue(seed_004: tuple[str, list[Attribution]]) -> None:
    _, attributions = seed_004
    denial = by_content(attributions, "Saudi Arabia would host the summit")
    assert (denial.source.text, denial.cue.text) == ("Peskov", "confirm or deny")
    content = denial.content.text
    assert content.startswith("Trump’s remarks that Saudi Arabia would host the summit")
    assert triples("Trump said and the talks went ahead.")[0][1] == "said"


def test_an_occasion_between_cue_and_that_is_not_content() -> None:
    sentence = (
        "Russian Presidential Aide Yury Ushakov said following the February 18 Russian-US "
        "negotiations in Riyadh that the final date of a meeting had not been set yet."
    )
    assert triples(sentence)[0][2] == "the final date of a meeting had not been set yet"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Peskov earlier this week said the talks would resume soon.", "Peskov"),
        ("The spokesman on Tuesday morning said the meeting was over.", "The spokesman"),
        ("Lavrov at the time said that nothing had been agreed.", "Lavrov"),
    ],
)
def test_a_time_between_source_and_cue_is_skipped(sentence: str, source: str) -> None:
    assert triples(sentence)[0][0] == source
