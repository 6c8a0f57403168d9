"""Attribution patterns added for recall: object complements, poll shares, speakers with
modifiers, continuation and participle cues, list lead-ins; and the content boundaries
and filters that keep them precise. Fixtures are short paraphrases or repo seed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import attribute, triples

from claimtrack.models import Attribution


def by_cue(text: str, cue: str) -> Attribution:
    return next(a for a in attribute(text) if a.cue is not None and a.cue.text == cue)


def source_of(text: str, cue: str) -> str | None:
    """The speaker text of the attribution with this cue (None: no speaker)."""
    source = by_cue(text, cue).source
    return source.text if source else None


@pytest.mark.parametrize(
    ("text", "source", "cue", "content_start"),
    [
        ("Peskov accused Kyiv of stalling the talks.", "Peskov", "accused", "Kyiv of stalling"),
        (
            "The minister urged Washington to keep its promises.",
            "The minister",
            "urged",
            "Washington to",
        ),
        ("Zelensky cited a shortage of air defences.", "Zelensky", "cited", "a shortage"),
        (
            "The Kremlin expressed concern about the new sanctions.",
            "The Kremlin",
            "expressed",
            "concern",
        ),
    ],
)
def test_object_complement_is_content(text: str, source: str, cue: str, content_start: str) -> None:
    found = by_cue(text, cue)
    assert found.source is not None and found.source.text == source
    assert found.content.text.startswith(content_start)


@pytest.mark.parametrize(
    "text",
    [
        "He apologised to the women he accused of lying.",  # object moved before the verb
        "A man accused of spying was released on Friday.",  # passive participle
        "The talks he mentioned when he spoke on Monday have not started.",
    ],
)
def test_object_verb_without_object_is_no_cue(text: str) -> None:
    assert not [a for a in attribute(text) if a.cue and a.cue.text in ("accused", "mentioned")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("In the survey, 47% say the talks should continue.", "47%"),
        ("Six in 10 say the ceasefire will not hold.", "Six in 10"),
        ("About one out of five want new elections.", None),
        ("A majority of Ukrainians say they reject the plan.", "A majority of Ukrainians"),
        ("Over 60 percent of voters say the deal is unfair.", "60 percent of voters"),
        ("Analysts welcomed it, and some voters who say they distrust Moscow agreed.", None),
    ],
)
def test_poll_shares_speak_with_a_plural_verb(text: str, source: str | None) -> None:
    sources = [a.source.text for a in attribute(text) if a.source and a.cue.text == "say"]
    if source is None:
        assert all("percent" not in s and "%" not in s for s in sources)
    else:
        assert sources == [source]


def test_a_share_of_a_singular_noun_still_needs_agreement() -> None:
    assert not attribute("The leader of the opposition say the vote was rigged.")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            '"The talks will go on," said a spokesman for the Kremlin.',
            "a spokesman for the Kremlin",
        ),
        (
            '"The talks will go on," said former ambassador John Tefft.',
            "former ambassador John Tefft",
        ),
        (
            '"It is too early," said a source familiar with the negotiations.',
            "a source familiar with the negotiations",
        ),
        (
            '"It is too early," said one of the negotiators, who asked not to be named.',
            "one of the negotiators",
        ),
        ('"It is too early," said senior Ukrainian officials.', "senior Ukrainian officials"),
    ],
)
def test_inverted_speaker_with_modifiers(text: str, source: str) -> None:
    assert by_cue(text, "said").source.text == source


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," said late Tuesday the governor.',
        '"We will win," said often the governor.',
        "The bill, he warned, is so-called reform.",
    ],
)
def test_inverted_speaker_needs_a_noun_phrase(text: str) -> None:
    assert not [a for a in attribute(text) if a.cue and a.cue.text in ("said", "called")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("A spokesman for the Kremlin said the talks would go on.", "A spokesman for the Kremlin"),
        (
            "People familiar with the matter said the meeting was postponed.",
            "People familiar with the matter",
        ),
        ("Sources close to him say the envoy will travel on Friday.", "Sources close to him"),
        (
            "The head of the Russian delegation said the talks were useful.",
            "The head of the Russian delegation",
        ),
        ("Figures published this week show that exports fell.", "Figures"),
        ("Trump on Wednesday, after speaking to Putin, said they agreed to meet.", "Trump"),
    ],
)
def test_speaker_before_the_cue_with_postmodifier_or_time(text: str, source: str) -> None:
    assert attribute(text)[0].source.text == source


def test_went_on_to_say() -> None:
    found = attribute("He went on to say that the talks in Geneva would continue next week.")
    assert [(a.source.text, a.cue.text) for a in found] == [("He", "went on to say")]
    assert found[0].content.text == "the talks in Geneva would continue next week"


def test_verbal_act_participle_and_content_boundary() -> None:
    got = triples("Zelensky rejected the plan, calling it a capitulation.")
    assert ("Zelensky", "rejected", "the plan") in got
    assert ("Zelensky", "calling", "it a capitulation") in got


def test_content_stops_where_a_second_report_begins(seeds_dir: Path) -> None:
    text = (seeds_dir / "001_f067fb6896d73582.txt").read_text(encoding="utf-8")
    found = attribute(text)
    criticized = next(a for a in found if a.cue and a.cue.text == "criticized")
    assert criticized.content.text == "the US concessions to Russia"
    assert any(a.cue.text == "stating" and a.source == criticized.source for a in found)
    joined = triples("He called the proposal absurd and urged Kyiv to accept the terms.")
    assert ("He", "called", "the proposal absurd") in joined


def test_seed_express_takes_its_object(seeds_dir: Path) -> None:
    text = (seeds_dir / "001_f067fb6896d73582.txt").read_text(encoding="utf-8")
    found = by_cue(text, "expressed")
    assert found.source.text == "Moscow"
    assert found.content.text.startswith("a willingness to engage in dialogue")


@pytest.mark.parametrize(
    "text",
    [
        "He met the secretary of state in Riyadh.",
        "Officials from every state met in the capital.",
        "The so-called peace plan was leaked.",
        "Clinton won three state primaries on Tuesday.",
    ],
)
def test_cue_words_used_as_nouns_or_adjectives(text: str) -> None:
    assert not attribute(text)


def test_a_view_inside_a_report_is_no_claim_of_its_own() -> None:
    got = triples("Peskov said he thinks the talks are useful.")
    assert got == [("Peskov", "said", "he thinks the talks are useful")]


def test_quotation_before_told_is_the_content() -> None:
    got = triples(
        "“It looks like a very good relationship,” Trump told Britain’s ITV in an interview "
        "aired on Monday."
    )
    assert got == [
        (
            "Trump",
            "told Britain’s ITV in an interview",
            "“It looks like a very good relationship,”",
        )
    ]
    addressee = triples("“Our hearts are broken,” Obama told the victims’ families.")
    assert addressee == [("Obama", "told the victims’ families", "“Our hearts are broken,”")]


def test_gerund_after_a_preposition() -> None:
    got = triples("A Chinese official responded by saying Japan should not interfere.")
    assert got == [("A Chinese official", "saying", "Japan should not interfere")]


def test_colon_label_must_name_a_speaker() -> None:
    assert not attribute("Sanders delivered a retort: “No one is tearing this up.”")
    assert not attribute("Correction: An earlier version of this article misstated the date.")
    got = triples("Republican pollster Daron Shaw: “Lesser-known candidates get a boost.”")
    assert got == [
        ("Republican pollster Daron Shaw", ":", "“Lesser-known candidates get a boost.”")
    ]


def test_list_of_statements_after_a_lead_in() -> None:
    text = (
        "The Kremlin said the talks would go on.\n\n"
        "More statements by Peskov:\n\n"
        "Moscow will not discuss the documents in public.\n\n"
        "There are no plans for a new call between the two presidents.\n\n"
        "The Ukrainian delegation arrived in Istanbul on Sunday evening after a long delay "
        "at the border. Officials in Kyiv have not commented. The agenda is still unclear."
    )
    got = triples(text)
    assert ("Peskov", "statements", "Moscow will not discuss the documents in public.") in got
    assert (
        "Peskov",
        "statements",
        "There are no plans for a new call between the two presidents.",
    ) in got
    assert not [g for g in got if g[2].startswith("The Ukrainian delegation")]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Schweizer notes the foundation hid four donations.", "notes"),
        ("Clinton hopes to win the state by a wide margin.", "hopes"),
        ("Ukraine warns that the strikes will continue.", "warns"),
    ],
)
def test_verb_forms_that_are_also_nouns(text: str, cue: str) -> None:
    assert [a.cue.text for a in attribute(text)] == [cue]


def test_plural_noun_after_a_name_is_no_cue() -> None:
    assert not attribute("Kremlin claims were dismissed by the government in Kyiv.")


def test_a_pronoun_object_that_points_back_is_no_content():
    pointing = (
        "Trump answered whether Zelensky would attend the summit in Budapest.\n\n"
        "He said this during a meeting with Zelensky at the White House. "
        "Half of the voters said so in the earlier poll."
    )
    assert [cue for _, cue, _ in triples(pointing)] == ["answered"]
    kept = triples(
        "Peskov said this week that the talks would resume. "
        "Zelensky described this as a breakthrough for Ukraine."
    )
    assert [content for _, _, content in kept] == [
        "the talks would resume",
        "this as a breakthrough for Ukraine",
    ]


def test_a_withheld_detail_is_reported_with_the_detail_as_content(seeds_dir: Path) -> None:
    text = (seeds_dir / "004_ebd96396f1565e17.txt").read_text(encoding="utf-8")
    withheld = by_cue(text, "did not provide")
    assert withheld.source is not None and withheld.source.text == "He"
    assert withheld.content.text.startswith("any timeline for a potential Trump-Putin meeting")
    found = triples(
        "The Kremlin would not give a date for the summit. "
        "Peskov hasn’t yet named a venue for the talks."
    )
    assert found == [
        ("The Kremlin", "would not give", "a date for the summit"),
        ("Peskov", "hasn’t yet named", "a venue for the talks"),
    ]


def test_a_withholding_verb_needs_a_speaker_a_negation_and_a_detail() -> None:
    assert triples("The plan does not provide a timeline for the talks.") == []
    assert triples("Russia did not give up its claims to the region.") == []
    assert triples("The ministry provided a timeline for the talks.") == []


def test_every_withholding_negation_passes_the_pre_check() -> None:
    from claimtrack.attribution import _NEGATION_MARKS, _words

    for negation in _words("withholding_negations"):
        assert any(mark in negation for mark in _NEGATION_MARKS), negation


@pytest.mark.parametrize(
    "text",
    [
        "Trump called Putin on Tuesday.",
        "The president called Ukraine’s leader Volodymyr Zelensky, who was left out of the talks.",
        "Macron called Secretary of State Rubio last week to discuss the ceasefire.",
        "She called him to say she would not run.",
        "The envoy called Erdogan and thanked him for hosting the meeting.",
        "A firm called Northwind Analytics, which is owned by a donor, ran the ads.",
        "The ministry called off the talks with the rebels.",
        "The senator called into a radio show on Friday morning.",
    ],
)
def test_a_call_that_only_gets_in_touch_is_no_claim(text: str) -> None:
    assert not [a for a in attribute(text) if a.cue and a.cue.text.startswith("call")]


@pytest.mark.parametrize(
    ("text", "content_start"),
    [
        ("Trump called Putin a liar.", "Putin a liar"),
        ("Biden called Trump “a threat to democracy” on Monday.", "Trump “a threat"),
        ("The governor called the proposal unacceptable.", "the proposal unacceptable"),
        ("The minister called for talks with Moscow.", "for talks"),
        ("He called on Kyiv to accept the deal.", "on Kyiv to accept"),
        ("Trump called Wednesday for the judge to resign.", "for the judge"),
        ("The paper called them, in a column last week, “puppets.”", "in a column"),
        ("Sanders criticized the bill, calling it a giveaway.", "it a giveaway"),
    ],
)
def test_a_call_that_names_or_judges_stays_a_claim(text: str, content_start: str) -> None:
    found = next(a for a in attribute(text) if a.cue and a.cue.text.startswith("call"))
    assert found.content.text.startswith(content_start)


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        (
            "The mayor criticised the governor, who says the budget cannot be cut.",
            "the governor, who",
            "says",
            "the budget cannot be cut",
        ),
        (
            "Kyiv was backed by the senator, who cites the treaty as proof of a promise.",
            "the senator, who",
            "cites",
            "the treaty as proof of a promise",
        ),
        (
            "Merz, who believes sanctions are working, met the envoy.",
            "Merz, who",
            "believes",
            "sanctions are working",
        ),
        (
            "Biden, who called the plan “a surrender” last week, met Zelensky on Friday.",
            "Biden, who",
            "called",
            "the plan “a surrender” last week",
        ),
        (
            "He was attacked by Fico and Orban, who say the aid must stop.",
            "Fico and Orban, who",
            "say",
            "the aid must stop",
        ),
        ("Macron and Scholz say the ceasefire must hold.", "Macron and Scholz", "say", None),
        (
            "Merz, who believed that “the sanctions work,” met the envoy.",
            "Merz, who",
            "believed",
            "“the sanctions work,”",
        ),
    ],
)
def test_a_relative_clause_or_coordinated_subject_speaks(
    text: str, source: str, cue: str, content: str | None
) -> None:
    found = by_cue(text, cue)
    assert found.source is not None and found.source.text.endswith(source)
    if content is not None:
        assert found.content.text == content


@pytest.mark.parametrize(
    "text",
    [
        "“We will not give in,” said the minister, who says he never reads polls.",
        "Voters who want lower taxes backed him.",
        "He asked the envoy which states he could visit.",
        "The head of research and development say the plan failed.",
        "Unlike the old team, which says the war must go on, the new one wants peace, he said.",
    ],
)
def test_a_relative_clause_that_only_describes_is_no_claim(text: str) -> None:
    cues = [a.cue.text for a in attribute(text) if a.cue]
    assert not {"says", "want", "states", "say"} & set(cues)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Sen. Ann Hale (D-Ore.), said the vote would fail.", "Sen. Ann Hale"),
        (
            "Rep. Tom Reyes (R-Tex.), head of the transport panel, said the vote would fail.",
            "Rep. Tom Reyes (R-Tex.), head of the transport panel",
        ),
        (
            "Rep. Lia Stone (Mich.), a delegate backing the governor, said the vote would fail.",
            "Rep. Lia Stone (Mich.), a delegate backing the governor",
        ),
    ],
)
def test_a_party_tag_after_the_name_keeps_the_speaker(text: str, source: str) -> None:
    assert source_of(text, "said") == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Ella Moss, director of studies at the Baltic Institute, said the fund would run dry.",
            "Ella Moss, director of studies at the Baltic Institute",
        ),
        (
            "Ivo Karas, deputy head of mission for the OSCE, said the fund would run dry.",
            "Ivo Karas, deputy head of mission for the OSCE",
        ),
        (
            "Rex Olin, ranking member of the budget panel, said the fund would run dry.",
            "Rex Olin, ranking member of the budget panel",
        ),
    ],
)
def test_a_role_without_an_article_is_an_appositive(text: str, source: str) -> None:
    assert source_of(text, "said") == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("The senator met the envoy and said the talks would resume.", "said", "The senator"),
        (
            "The ministry issued a statement on Friday, saying the border stays shut.",
            "saying",
            "The ministry",
        ),
        ("The head of the agency said the border stays shut.", "said", "The head of the agency"),
    ],
)
def test_a_coordinated_verb_and_its_object_are_not_the_speaker(
    text: str, cue: str, source: str
) -> None:
    assert source_of(text, cue) == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Six years ago, she backed the mayor and said the tram would pay off.", "she"),
        ("A few minutes later they left the hall and said the tram would pay off.", "they"),
        ("Hours later, the minister met them and said the tram would pay off.", "the minister"),
        ("She later changed course and said the tram would pay off.", "She"),
    ],
)
def test_an_opening_time_phrase_is_not_the_speaker(text: str, source: str) -> None:
    assert source_of(text, "said") == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Ada Voss — a nurse in Tartu — says the ward is full.", "Ada Voss"),
        (
            "The judge -- who has sparred with the mayor for months -- says the ward is full.",
            "The judge",
        ),
        ("Olsen - after a long pause - says the ward is full.", "Olsen"),
    ],
)
def test_an_aside_between_dashes_keeps_the_speaker(text: str, source: str) -> None:
    assert source_of(text, "says") == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Lena Berg, the Greens' chief whip, said the bill would pass.",
            "Lena Berg, the Greens' chief whip",
        ),
        ("Reyes’ aides said the bill would pass.", "Reyes’ aides"),
    ],
)
def test_a_plural_possessive_stays_in_the_speaker(text: str, source: str) -> None:
    assert source_of(text, "said") == source
