"""Facets of claims from the seed articles: topics, venue, time, participants, polarity."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimtrack.extract import extract
from claimtrack.facets import CueIndex, describe, words
from claimtrack.models import Actor, Article, Attribution, Facets, Mention
from claimtrack.text import prepare

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PESKOV = Actor("Dmitry Peskov")


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def mention(text: str, words: str, near: int) -> Mention:
    """The occurrence of ``words`` nearest ``near``."""
    starts = [i for i in range(len(text)) if text.startswith(words, i)]
    start = min(starts, key=lambda s: abs(s - near))
    return Mention(words, (start, start + len(words)))


def facets(
    name: str,
    content: str,
    *,
    source: str | None = None,
    cue: str | None = None,
    speaker: Actor = PESKOV,
    anchor: date | None = date(2025, 3, 20),
) -> Facets:
    text = seed(name)
    claim = mention(text, content, 0)
    attribution = Attribution(
        content=claim,
        kind="indirect",
        source=mention(text, source, claim.span[0]) if source else None,
        cue=mention(text, cue, claim.span[0]) if cue else None,
    )
    return describe(prepare(text), attribution, speaker, anchor)


def test_talks_venue_time_and_parties_in_one_claim():
    found = facets(
        "000",
        "the “technical” Ukraine-US talks in Saudi Arabia this weekend would focus on deciding",
        source="Zelensky",
        cue="told",
    )
    # The parties fill their slot, but the claim is not about who takes part.
    assert found.topics == ["talks", "venue", "timeline"]
    assert found.venue == "Saudi Arabia"
    assert seed("000")[slice(*found.venue_span)] == "Saudi Arabia"
    assert (found.time.text, found.time.start, found.time.end) == (
        "this weekend",
        "2025-03-22",
        "2025-03-23",
    )
    assert found.participants == ["Ukraine", "United States"]
    assert found.polarity == "affirm"


def test_time_just_outside_the_content_counts_but_not_the_reporting_time():
    found = facets(
        "000",
        "Russia and the United States could hold talks",
        source="Dmitry Peskov",
        cue="said",
    )
    assert found.time.text == "in the coming days"
    assert found.time.precision == "near"
    assert found.participants == ["Russia", "United States"]
    reported = facets(
        "002", "he expected to meet Putin in Saudi Arabia", source="Trump", cue="said"
    )
    assert reported.time is None  # "Trump said Wednesday" dates the reporting
    assert reported.venue == "Saudi Arabia"


def test_polarity_is_scoped_to_the_content():
    refusal = facets("000", "Ukraine would not participate in the negotiation process")
    assert (refusal.polarity, refusal.participants) == ("deny", ["Ukraine"])
    assert refusal.event_status == "refused"
    # The next clause of the same paragraph has a negation that is no denial.
    meeting = facets(
        "000", "the future meeting of Russian and Ukrainian delegations would not be a “big problem"
    )
    assert meeting.polarity == "affirm"
    assert meeting.participants == ["Russia", "Ukraine"]
    assert meeting.topics == ["talks", "participants"]


@pytest.mark.parametrize(
    ("name", "content", "cue", "polarity"),
    [
        ("001", "it is impossible to provide specific timelines", None, "uncertain"),
        ("001", "there have been no substantial contacts at the working level yet", None, "deny"),
        ("000", "if Russia does not come to the negotiating table", None, "uncertain"),
        ("002", "who might lead the group", "did not specify", "uncertain"),
        ("004", "Saudi Arabia would host the summit", "would not confirm or deny", "uncertain"),
        ("001", "We are open to a dialogue.", None, "affirm"),
    ],
)
def test_polarity_cues_in_content_and_attribution_cue(name, content, cue, polarity):
    assert facets(name, content, cue=cue).polarity == polarity


def test_timeline_statement_without_a_time():
    found = facets("001", "it is impossible to provide specific timelines")
    assert found.topics == ["timeline"]
    assert found.time is None
    assert found.polarity_cue == "impossible"


def test_as_soon_as_possible_is_a_time_not_a_condition():
    found = facets(
        "001",
        "necessary to organize a meeting between President Vladimir Putin and his US "
        "counterpart, Donald Trump, as soon as possible",
        anchor=date(2025, 2, 13),
    )
    assert found.polarity == "affirm"
    assert found.time.text == "as soon as possible"
    assert found.time.start == "2025-02-13"
    assert found.participants == ["Vladimir Putin", "Donald Trump"]  # not "US counterpart"
    assert found.event_kind == "meeting"


def test_host_and_come_to_introduce_venues():
    assert facets("004", "Saudi Arabia would host the summit").venue == "Saudi Arabia"
    invited = facets("002", "Putin has invited Trump to Moscow")
    assert invited.venue == "Moscow"
    assert "Moscow" not in invited.participants
    assert invited.event_status == "proposed"


def test_place_of_war_is_no_venue():
    found = facets("000", "to secure an end to this war")
    assert found.venue is None
    assert found.topics == []


def test_claim_without_anchor_keeps_time_text():
    found = facets("000", "we expect that the talks will continue at the expert level", anchor=None)
    assert found.time.text == "in the coming days"
    assert found.time.start is None
    assert found.event_kind == "expert-level contact"


def test_words_around_a_bare_cue_decide_polarity():
    found = facets(
        "004",
        "or deny Trump’s remarks that Saudi Arabia would host the summit",
        source="Peskov",
        cue="confirm",
    )
    assert (found.polarity, found.polarity_cue) == ("uncertain", "would not confirm")
    assert found.venue == "Saudi Arabia"


def test_a_time_ruled_out_is_not_the_claim_time():
    found = facets(
        "000",
        "It may not be Sunday itself. The final nuances are being agreed now, it’s the "
        "beginning of next week, the very beginning",
    )
    assert found.time.text == "the beginning of next week"
    assert (found.time.start, found.time.end) == ("2025-03-24", "2025-03-25")


def test_people_of_an_embedded_report_are_no_parties():
    found = facets(
        "000",
        "Russia and the United States could hold talks “in the coming days” after US President "
        "Donald Trump said on Wednesday he had “very good” phone conversations",
        source="Dmitry Peskov",
        cue="said",
    )
    assert found.participants == ["Russia", "United States"]
    assert found.time.text == "in the coming days"


def test_polarity_of_a_quote_comes_from_its_sentences_about_talks():
    text = (
        "“This conflict should never have started. "
        "These negotiations will begin immediately in the Middle East,” the White House said."
    )
    content = text[1 : text.index(",”")]
    doc = prepare(text)
    attribution = Attribution(Mention(content, (1, 1 + len(content))), "direct")
    found = describe(doc, attribution, Actor("White House"), date(2025, 3, 18))
    assert found.polarity == "affirm"
    assert found.venue == "Middle East"
    assert found.time.text == "immediately"
    assert found.event_kind == "talks"


def test_history_and_sources_are_no_parties():
    found = facets(
        "004",
        "there has been no agreement on whether Trump will come to Moscow to attend the Victory "
        "parade to celebrate the Soviet victory over Nazi Germany on May 9",
        anchor=date(2025, 2, 13),
    )
    assert (found.venue, found.polarity) == ("Moscow", "uncertain")
    assert (found.time.text, found.time.start) == ("on May 9", "2025-05-09")
    assert "Germany" not in found.participants
    remarks = facets("004", "or deny Trump’s remarks that Saudi Arabia would host the summit")
    assert remarks.participants == []


@pytest.mark.parametrize(
    ("name", "content", "cue", "polarity"),
    [
        # A hedge inside a question about a detail leaves the event affirmed.
        ("000", "discussed who could represent Russia and the United States", None, "affirm"),
        # A hedge placing an event already named scopes over the venue only.
        ("002", "we’re going to meet probably in Saudi Arabia the first time", None, "affirm"),
        # A trailing condition that does not name the event qualifies a goal.
        ("001", "Europe should be at the negotiating table if the issue", "emphasized", "affirm"),
        # A condition naming the event makes it uncertain wherever it stands.
        ("003", "Russia would face “serious consequences” if the meeting", None, "uncertain"),
        ("000", "if Russia does not come to the negotiating table", None, "uncertain"),
    ],
)
def test_hedges_and_conditions_count_when_they_scope_over_the_event(name, content, cue, polarity):
    assert facets(name, content, cue=cue).polarity == polarity


@pytest.mark.parametrize(
    ("name", "content", "kind", "status"),
    [
        ("002", "Putin has invited Trump to Moscow", "meeting", "proposed"),
        ("000", "the US and Russia will soon meet in Saudi Arabia", "meeting", "planned"),
        (
            "001",
            "there have been no substantial contacts at the working level yet",
            "expert-level contact",
            "not_held",
        ),
        ("000", "Ukraine would not participate in the negotiation process", "talks", "refused"),
        # The phone call belongs to the embedded report, not to the claim.
        (
            "000",
            "could hold talks “in the coming days” after US President Donald Trump said on"
            " Wednesday he had “very good” phone conversations",
            "talks",
            None,
        ),
        (
            "003",
            "Russia would face “serious consequences” if the meeting between Zelensky and Putin",
            "meeting",
            "conditional",
        ),
    ],
)
def test_event_kind_and_status(name, content, kind, status):
    found = facets(name, content)
    assert (found.event_kind, found.event_status) == (kind, status)


def test_parties_are_kept_apart_from_the_speaker_and_the_agent_of_a_commitment():
    invited = facets("002", "Putin has invited Trump to Moscow", speaker=Actor("Kremlin"))
    assert invited.parties == [
        {"name": "Vladimir Putin", "role": "party"},
        {"name": "Donald Trump", "role": "party"},
    ]
    assert invited.venue == "Moscow"
    # "Moscow would timely inform": the capital stands for the state bound by the promise.
    inform = facets("000", "Moscow would “timely” inform who will represent Russia")
    assert inform.agent == "Russia"
    assert facets("000", "the US and Russia will soon meet in Saudi Arabia").agent is None


def test_a_venue_that_hosts_is_a_host_party():
    found = facets("004", "Saudi Arabia would host the summit")
    assert {"name": "Saudi Arabia", "role": "host"} in found.parties


def describe_text(text: str, content: str, speaker: Actor) -> Facets:
    start = text.index(content)
    attribution = Attribution(Mention(content, (start, start + len(content))), "direct")
    return describe(prepare(text), attribution, speaker, date(2025, 10, 17))


def test_a_person_named_as_host_stands_for_their_country():
    quote = "So we decided we’ll be with Viktor Orbán, and I think he’ll be a very good host"
    found = describe_text(f"“{quote},” Trump said.", quote, Actor("Donald Trump"))
    assert found.venue == "Hungary"
    assert found.parties == [{"name": "Viktor Orban", "role": "host"}]
    # "host" as a title names no venue.
    title = "Donald Trump met Putin, said MSNBC host Chris Matthews"
    assert describe_text(f"{title}.", title, Actor("Mike Pence")).venue is None


def test_a_place_after_a_copula_is_the_venue_a_venue_noun_asks_for():
    text = "Ushakov said the venue for the summit is Budapest."
    found = describe_text(text, "the venue for the summit is Budapest", Actor("Yuri Ushakov"))
    assert found.venue == "Budapest"
    unrelated = "the situation is bad, and Budapest is far"
    assert describe_text(f"He said {unrelated}.", unrelated, Actor("Yuri Ushakov")).venue is None


def test_a_meeting_to_be_held_is_not_held():
    text = "He is calling for it to be held in Geneva."
    found = describe_text(text, text[:-1], Actor("Emmanuel Macron"))
    assert (found.venue, found.event_status) == ("Geneva", "proposed")
    planned = describe_text(text, "for it to be held in Geneva", Actor("Emmanuel Macron"))
    assert planned.event_status == "planned"


def test_a_past_time_opening_the_sentence_dates_the_narrated_event():
    found = facets(
        "000",
        "On Wednesday, Russian presidential aide Yury Ushakov and White House national security "
        "adviser Mike Waltz also discussed who could represent Russia and the United States in "
        "expert-level talks on Ukraine",
        source="Peskov",
        cue="added",
    )
    assert found.time is None
    assert found.topics == ["participants"]  # who represents, not whether talks happen


def test_a_past_time_after_a_background_event_is_not_the_target_time():
    held = facets(
        "000",
        "Putin and Trump had a telephone conversation on 18 March, during which the US "
        "president put forward a proposal",
    )
    assert held.time is None
    assert "timeline" not in held.topics
    assert held.event_kind == "phone call"
    # A time ahead of the anchor stays the claim's target time.
    ahead = facets(
        "000", "we expect that the talks will continue at the expert level in the coming days"
    )
    assert ahead.time.text == "in the coming days"
    assert ahead.topics == ["talks", "timeline", "participants"]


def test_a_past_time_in_a_claim_about_no_talks_is_dropped():
    found = facets(
        "002",
        "Before launching the Ukraine offensive in 2022, Moscow demanded that the military "
        "alliance roll back",
        anchor=date(2025, 2, 13),
    )
    assert found.time is None
    assert found.topics == []


@pytest.mark.parametrize(
    ("name", "content", "topics"),
    [
        # Talks that only frame who takes part: the claim is about participants.
        (
            "000",
            "Moscow would “timely” inform who will represent Russia at the next talks with the "
            "US in Saudi Arabia",
            ["venue", "participants"],
        ),
        ("000", "Ukraine would not participate in the negotiation process", ["participants"]),
        ("001", "Europe should be at the negotiating table", ["participants"]),
        ("001", "Ukraine and Europe must be part of any negotiations.", ["participants"]),
        # Talks as the subject, with the level of who takes part.
        (
            "000",
            "we expect that the talks will continue at the expert level in the coming days",
            ["talks", "timeline", "participants"],
        ),
    ],
)
def test_talks_framed_by_participation_are_a_participants_claim(name, content, topics):
    assert facets(name, content).topics == topics


def test_framed_talks_keep_their_event():
    refusal = facets("000", "Ukraine would not participate in the negotiation process")
    assert (refusal.event_kind, refusal.event_status) == ("talks", "refused")


def test_parties_recalled_for_an_anaphor_do_not_make_a_participants_claim():
    found = facets(
        "002",
        "There is definitely a need to organise such a meeting quite promptly",
        anchor=date(2025, 2, 13),
    )
    assert found.participants  # the slot is filled from the sentence before
    assert found.topics == ["talks", "timeline"]


def test_a_named_person_in_a_talks_claim_makes_a_participants_claim_a_country_does_not():
    countries = facets("000", "Russia and the United States could hold talks")
    assert countries.participants == ["Russia", "United States"]
    assert "participants" not in countries.topics
    person = facets(
        "001",
        "necessary to organize a meeting between President Vladimir Putin and his US "
        "counterpart, Donald Trump, as soon as possible",
        anchor=date(2025, 2, 13),
    )
    assert "participants" in person.topics


def test_when_is_a_timeline_cue_only_as_a_question_about_the_time_to_come():
    text = "Peskov did not say when the next round would take place."
    question = describe_text(text, "when the next round would take place", PESKOV)
    assert question.topics == ["talks", "timeline"]
    text = "Hillary Clinton praised the trade deal when she was secretary of state."
    content = "praised the trade deal when she was secretary of state"
    conjunction = describe_text(text, content, PESKOV)
    assert conjunction.topics == []


def test_detail_cues_count_only_where_talks_are_in_view():
    text = (
        "The two presidents discussed a meeting. "
        "He said the team would be led by the foreign minister."
    )
    follows = describe_text(text, "the team would be led by the foreign minister", PESKOV)
    assert follows.topics == ["participants"]
    text = "Voters are angry. The senator said Trump represents our greatest shame."
    unrelated = describe_text(text, "Trump represents our greatest shame", PESKOV)
    assert unrelated.topics == []


def test_a_time_in_a_claim_about_no_talks_is_not_a_target_time():
    text = "Rates rose. The bank said bonuses for its bankers were paid every three months."
    found = describe_text(text, "bonuses for its bankers were paid every three months", PESKOV)
    assert (found.time, found.topics) == (None, [])
    # A bare time keeps its place when it goes on from talks, not otherwise.
    fragment = describe_text("Rates rose. The bank said next week.", "next week", PESKOV)
    assert fragment.time is None
    text = "Peskov said talks could start soon. He added: next week."
    going_on = describe_text(text, "next week", PESKOV)
    assert (going_on.time.text, going_on.topics) == ("next week", ["timeline"])


def test_cue_index_needs_the_plain_second_word_and_keeps_lexicon_order_on_ties():
    index = CueIndex({"talks": ["peace talks", "peace", "talks"], "gap": ["invite ... to"]})
    text = "They invite him warmly to peace talks, then talk of peace"
    hits = index.scan(words(text, (0, len(text))))
    assert [hit.entry for hit in hits["talks"]] == ["peace talks", "peace"]
    assert [hit.entry for hit in hits["gap"]] == ["invite ... to"]
    last = "peace"  # a phrase needing a second word cannot match at the end
    assert index.scan(words(last, (0, len(last))))["talks"][0].entry == "peace"
    tied = "talks with Russia"  # two entries ending at the same word: the first listed wins
    for entries in (["talks ... with", "talks with"], ["talks with", "talks ... with"]):
        hits = CueIndex({"talks": entries}).scan(words(tied, (0, len(tied))))
        assert hits["talks"][0].entry == entries[0]


def test_head_of_state_is_a_title_not_a_participants_cue():
    found = facets(
        "002",
        "There is definitely a need to organise such a meeting quite promptly, the heads of "
        "state have a lot to talk about",
        anchor=date(2025, 2, 13),
    )
    assert found.topics == ["talks", "timeline"]


@pytest.mark.parametrize(
    "content",
    [
        "he would seek a face-to-face meeting between the leaders of Russia and Ukraine",
        "any meeting between the Ukrainian and Russian presidents should be",
    ],
)
def test_a_leaders_role_over_countries_names_the_leaders(content):
    found = facets("003", content, speaker=Actor("Donald Trump"))
    assert sorted(found.participants) == ["Vladimir Putin", "Volodymyr Zelensky"]


def test_a_leaders_role_names_no_one_without_a_day_a_definite_role_or_matching_number():
    text = "Talks resume soon. He said the leaders of Russia and Ukraine would meet."
    content = "the leaders of Russia and Ukraine would meet"
    claim = Mention(content, (text.index(content), text.index(content) + len(content)))
    undated = describe(prepare(text), Attribution(claim, "direct"), PESKOV, None)
    assert "Vladimir Putin" not in undated.participants
    text = "Talks resume soon. He said the next president of the United States would meet."
    modified = describe_text(text, "the next president of the United States would meet", PESKOV)
    assert "Donald Trump" not in modified.participants
    text = "Talks resume soon. He said European leaders would meet in Rome."
    plural = describe_text(text, "European leaders would meet in Rome", PESKOV)
    assert plural.participants == ["Europe"]


def test_a_country_after_a_city_locates_it_and_is_no_party():
    text = "Negotiators from Russia held talks in Istanbul, Turkey, on Monday."
    found = describe_text(text, "Negotiators from Russia held talks in Istanbul, Turkey", PESKOV)
    assert "Türkiye" not in found.participants
    # A country after a city of another country is a party of its own.
    text = "Envoys of Paris, Ukraine and Poland held talks on Monday."
    listed = describe_text(text, "Envoys of Paris, Ukraine and Poland held talks", PESKOV)
    assert "Ukraine" in listed.participants


def test_talks_named_only_as_the_complement_of_a_detail_are_no_talks_claim():
    found = facets("003", "the date of the upcoming talks had been agreed upon")
    assert found.topics == ["timeline"]
    assert found.event_kind == "talks"  # the event is still named


def test_a_participants_frame_may_hold_demonyms_before_the_talks_word():
    text = "Talks resume soon. He said Sergey Lavrov will lead the Russian delegation at the talks."
    found = describe_text(
        text, "Sergey Lavrov will lead the Russian delegation at the talks", PESKOV
    )
    assert found.topics == ["participants"]
    # A demonym used as a noun ends the frame: the meeting itself is the topic.
    found = facets(
        "000",
        "first of all on the part of the Russians … the meeting is not a problem",
        speaker=Actor("Volodymyr Zelensky"),
    )
    assert "talks" in found.topics


def test_it_standing_for_a_meeting_recalls_its_parties():
    text = (
        "Vladimir Putin will meet envoy Steve Witkoff in Moscow on Tuesday. "
        "The Kremlin said it will take place in the afternoon."
    )
    found = describe_text(text, "it will take place in the afternoon", PESKOV)
    assert sorted(found.participants) == ["Steve Witkoff", "Vladimir Putin"]
    assert "participants" not in found.topics  # recalled, not said


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Peskov would not give a date for the summit.", "uncertain"),
        ("Peskov didn’t provide any timeline for the talks.", "uncertain"),
        ("Peskov cannot name a timeframe for the talks.", "uncertain"),
        # Only the predicate withholds: a negation inside the content denies,
        # contracted or not.
        ("Peskov said Russia would not give up its demands in the talks.", "deny"),
        ("Peskov said Moscow doesn’t plan new talks with Kyiv.", "deny"),
    ],
)
def test_a_negated_withholding_verb_makes_the_claim_uncertain(text, polarity):
    [claim] = extract(Article(text=text, origin="test", language="en"))
    assert claim.facets.polarity == polarity


def test_a_contraction_suffix_written_alone_is_one_word():
    assert [w.key for w in words("n't ... give", (0, 12))] == ["n't", "give"]
    assert [w.key for w in words("doesn’t plan", (0, 12))] == ["does", "n't", "plan"]


def test_names_joined_into_a_compound_identify_the_event_and_say_no_one_takes_part():
    text = "Lavrov said a Putin-Zelensky summit could be held soon in Vienna."
    compound = describe_text(text, "a Putin-Zelensky summit could be held soon in Vienna", PESKOV)
    assert compound.participants == ["Vladimir Putin", "Volodymyr Zelensky"]
    assert "participants" not in compound.topics
    text = "Lavrov said Putin would meet Zelensky soon in Vienna."
    named = describe_text(text, "Putin would meet Zelensky soon in Vienna", PESKOV)
    assert "participants" in named.topics


@pytest.mark.parametrize(
    ("content", "polarity"),
    [
        # A wish as the condition makes an offer: the meeting is on the table.
        ("if the Ukrainian leader wants talks, he should fly to Minsk", "affirm"),
        ("I think that if Kyiv wishes to meet, we will host it in Minsk", "affirm"),
        # Any other condition, a negated wish, or 'if' asking whether, still hedges.
        ("if the talks go well, the leaders will meet in Minsk", "uncertain"),
        ("if Kyiv doesn't want talks, the leaders will meet in Minsk", "uncertain"),
        ("the leaders must decide if they want to meet in Minsk", "uncertain"),
    ],
)
def test_a_condition_on_what_someone_wants_is_an_offer_not_a_hedge(content, polarity):
    found = describe_text(f"Peskov said {content}.", content, PESKOV)
    assert found.polarity == polarity


def test_groups_formed_for_a_purpose_are_a_participants_cue_in_the_plural_too():
    text = "Lavrov said Moscow had proposed two working groups for security and trade."
    found = describe_text(
        text, "Moscow had proposed two working groups for security and trade", PESKOV
    )
    assert found.topics == ["talks", "participants"]


@pytest.mark.parametrize(
    "text",
    [
        "Peskov would not give a date for a Putin-Macron summit.",
        "Peskov didn’t name a venue for new talks, or say when the delegations would meet.",
    ],
)
def test_a_withheld_detail_is_what_the_claim_is_about_not_the_talks_it_belongs_to(text):
    [claim] = extract(Article(text=text, origin="test", language="en"))
    assert "talks" not in claim.facets.topics
    assert claim.facets.participants == []


def test_topic_cues_in_a_clause_giving_a_reason_are_not_what_the_claim_is_about():
    text = (
        "Talks were held in May. Lavrov said the date of a new round was still open "
        "because the delegations kept up contacts."
    )
    content = "the date of a new round was still open because the delegations kept up contacts"
    assert describe_text(text, content, PESKOV).topics == ["timeline"]
    # 'because of' opens a phrase: the claim goes on after it.
    text = "Talks were held in May. Lavrov said because of the heat the delegations would meet."
    content = "because of the heat the delegations would meet"
    assert "talks" in describe_text(text, content, PESKOV).topics


def test_world_capitals_are_venues_and_their_countries_parties() -> None:
    text = (
        "Peskov said the next round of talks between Russia and Estonia "
        "could be held in Copenhagen."
    )
    found = describe_text(
        text,
        "the next round of talks between Russia and Estonia could be held in Copenhagen",
        PESKOV,
    )
    assert found.venue == "Copenhagen"
    assert found.participants == ["Russia", "Estonia"]
