"""Actors: one actor for many spellings, pronouns and roles, on real article text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimtrack.actors import actor_key, canonical_actor, resolve_speakers
from claimtrack.extract import extract
from claimtrack.models import Article, Attribution, Mention
from claimtrack.text import prepare

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def mention(text: str, phrase: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Mention(phrase, (start, start + len(phrase)))


def attribution(text: str, source: str, occurrence: int = 0) -> Attribution:
    """An attribution of the rest of the sentence to ``source``.

    ``source`` may carry context after a bar to pick an occurrence: "he| emphasized" is the
    "he" of "he emphasized".
    """
    who, _, context = source.partition("|")
    found = mention(text, who + context, occurrence)
    start = found.span[0]
    end = text.find(".", start + len(who))
    end = len(text) if end < 0 else end
    return Attribution(
        content=Mention(text[start + len(who) : end], (start + len(who), end)),
        kind="indirect",
        source=Mention(who, (start, start + len(who))),
    )


def speakers(text: str, *sources: str | tuple[str, int], when: date | None = None) -> list:
    """Resolved speaker names for source mentions (see ``attribution``), in order."""
    atts = [attribution(text, *(s if isinstance(s, tuple) else (s,))) for s in sources]
    resolved = resolve_speakers(prepare(text), atts, when)
    return [actor.name if actor else None for actor in resolved]


@pytest.mark.parametrize(
    ("variants", "canonical"),
    [
        (["Peskov", "Peskow", "Dmitri Peskow", "Dmitriy Peskov", "Dmitry Peskov"], "Dmitry Peskov"),
        (["Ushakov", "Yury Ushakov", "Yuri Ushakov", "Yurii Ushakov"], "Yuri Ushakov"),
        (
            [
                "Zelensky",
                "Zelenskyy",
                "Zelenskiy",
                "Zelenksyy",
                "Vladimir Zelensky",
                "Volodymyr Zelenskyy",
            ],
            "Volodymyr Zelensky",
        ),
        (["Whitkoff", "Steve Whitkoff", "Steven Witkoff"], "Steve Witkoff"),
        (["Michael Waltz", "Mike Waltz", "Mr Waltz"], "Mike Waltz"),
        (["Umarov", "Rustem Umarov", "Umerov"], "Rustem Umerov"),
        (["Andriy Sybiha", "Andrii Sybiha", "Andriy Sibiga"], "Andrii Sybiha"),
        (["Sergei Lavrov", "Sergey Lavrov", "Lavrov"], "Sergey Lavrov"),
        (["the Kremlin", "The Kremlin", "Kremlin"], "Kremlin"),
        (["Erdoğan", "Recep Tayyip Erdoğan"], "Recep Tayyip Erdogan"),
    ],
)
def test_spelling_variants_share_one_key_and_actor(variants: list[str], canonical: str) -> None:
    assert {actor_key(v) for v in variants} == {actor_key(canonical)}
    assert {canonical_actor(v).name for v in variants} == {canonical}


def test_apostrophes_and_possessives_fold() -> None:
    assert actor_key("Zelensky’s") == actor_key("Zelensky's") == actor_key("Zelensky")


def test_different_people_sharing_a_surname_stay_apart() -> None:
    assert actor_key("Donald Trump Jr.") != actor_key("Donald Trump")
    assert canonical_actor("Donald Trump Jr.").name == "Donald Trump Jr."
    assert canonical_actor("Trump").name == "Donald Trump"
    assert actor_key("Bill Clinton") != actor_key("Hillary Clinton")
    assert canonical_actor("Clinton").name not in {"Bill Clinton", "Hillary Clinton"}
    assert canonical_actor("Hunter Biden").name == "Hunter Biden"


def test_cities_stay_places_and_countries_are_actors() -> None:
    assert canonical_actor("Moscow") is None
    assert canonical_actor("Istanbul") is None
    russia = canonical_actor("Russia")
    assert (russia.name, russia.kind) == ("Russia", "country")
    assert canonical_actor("the US").name == "United States"


def test_unknown_names_get_a_cleaned_actor_with_a_kind() -> None:
    assert canonical_actor("Fabrizio Saggio").kind == "person"
    assert canonical_actor("the Financial Times").kind == "institution"
    # An outlet written as its web address is no person ("…, Censor.NET reports").
    assert canonical_actor("Censor.NET").kind == "institution"
    assert canonical_actor("Meduza.io").kind == "institution"
    assert canonical_actor("J.D. Vance").kind == "person"
    assert canonical_actor("I") is None
    assert canonical_actor("he") is None


def test_roles_resolve_by_date_when_they_change_hands() -> None:
    assert canonical_actor("the US president", date(2024, 6, 1)).name == "Joe Biden"
    assert canonical_actor("the US president", date(2025, 3, 1)).name == "Donald Trump"
    assert canonical_actor("the German chancellor", date(2025, 2, 1)).name == "Olaf Scholz"
    assert canonical_actor("the German chancellor", date(2025, 8, 1)).name == "Friedrich Merz"
    assert canonical_actor("the president") is None


def test_titled_names_and_institutions() -> None:
    assert canonical_actor("Russian Presidential Aide Yury Ushakov").name == "Yuri Ushakov"
    assert canonical_actor("Germany’s Defense Minister, Boris Pistorius").name == "Boris Pistorius"
    assert canonical_actor("The US state department").name == "US State Department"
    assert canonical_actor("The Turkish foreign ministry").name == "Turkish Foreign Ministry"
    assert canonical_actor("EU foreign ministers").kind == "group"
    assert canonical_actor("Kremlin officials").name == "Kremlin"
    assert canonical_actor("US officials") is None
    assert canonical_actor("a spokesman") is None


def test_seed_peskow_spellings_pronouns_and_roles() -> None:
    text = seed("001")
    resolved = speakers(
        text,
        "Kremlin spokesperson Dmitri Peskow",
        ("Peskow", 1),
        "he| emphasized",
        "The Kremlin spokesperson",
        "the US president",
        "EU foreign ministers",
        "Germany’s Defense Minister, Boris Pistorius",
    )
    assert resolved == [
        "Dmitry Peskov",
        "Dmitry Peskov",
        "Dmitry Peskov",
        "Dmitry Peskov",
        "Donald Trump",
        "EU foreign ministers",
        "Boris Pistorius",
    ]


def test_seed_zelensky_administration_and_leader_roles() -> None:
    text = seed("000")
    resolved = speakers(
        text,
        "Zelensky’s administration",
        "the Ukrainian leader",
        "the US leader",
        "He| added",
        "Outgoing German Chancellor Olaf Scholz",
    )
    assert resolved == [
        "Volodymyr Zelensky",
        "Volodymyr Zelensky",
        "Donald Trump",
        "Olaf Scholz",
        "Olaf Scholz",
    ]


def test_seed_role_learned_from_the_article() -> None:
    text = seed("004")
    assert speakers(text, "the spokesman", ("He", 0)) == ["Dmitry Peskov", "Dmitry Peskov"]


def test_seed_institution_speaks_as_itself_and_it_pronoun() -> None:
    text = seed("002")
    resolved = speakers(
        text,
        "The Kremlin| said Thursday",
        "it| said",
        "Andriy Yermak, head of Kyiv’s presidential office",
    )
    assert resolved == ["Kremlin", "Kremlin", "Andriy Yermak"]


def test_pronoun_skips_names_inside_quotes_and_needs_an_antecedent() -> None:
    text = seed("003")
    assert speakers(text, ("He", 0)) == ["Dmitry Peskov"]
    assert speakers("He said the talks would go on.", "He") == [None]


def test_pronoun_skips_names_in_repeated_headlines() -> None:
    headline = "Trump Hails Call With Putin\n"
    story = "The call lasted an hour. He said it went well.\n"
    assert speakers(headline + story + headline, "He| said") == [None]
    assert speakers("Trump hailed the call.\n" + story, "He| said") == ["Donald Trump"]


def test_surname_prefers_the_namesake_without_suffix() -> None:
    text = (
        "Donald Trump met reporters. Donald Trump Jr. joined them later. "
        "Trump said the talks went well."
    )
    assert speakers(text, "Trump| said") == ["Donald Trump"]


def test_pronoun_gender_agreement() -> None:
    text = (
        "Russian Foreign Ministry spokeswoman Maria Zakharova stated on Thursday that all three "
        "rounds of talks had produced concrete outcomes, while Sergey Lavrov was in Minsk. "
        "“The three rounds were indeed marked by tangible results,” she said."
    )
    assert speakers(text, "she| said") == ["Maria Zakharova"]


def test_unknown_person_introduced_with_a_role_is_resolved_later() -> None:
    text = (
        "Italian national security advisor Fabrizio Saggio was sent to Switzerland. "
        "Saggio said the meeting would take place in Geneva. The adviser added it was a start."
    )
    resolved = speakers(text, "Saggio| said", "The adviser")
    assert resolved == ["Fabrizio Saggio", "Fabrizio Saggio"]


def test_generic_ministry_takes_its_country_from_context() -> None:
    text = (
        "Saudi Arabia on Friday commended the phone call between the two presidents. "
        "“The Kingdom expresses its welcome to hosting a summit in Saudi Arabia,” the Foreign "
        "Ministry said. The ministry stressed that it continued its efforts."
    )
    assert speakers(text, "the Foreign Ministry", "The ministry") == [
        "Saudi Foreign Ministry",
        "Saudi Foreign Ministry",
    ]


def test_pairs_and_anonymous_sources_are_no_one() -> None:
    text = seed("002")
    assert speakers(text, "Zelensky and Trump") == [None]


def test_continuation_without_source_carries_the_speaker() -> None:
    text = seed("000")
    first = attribution(text, "Russian presidential spokesman Dmitry Peskov")
    follow = Attribution(content=mention(text, "It may not be Sunday itself."), kind="continuation")
    follow.continues = 0
    resolved = resolve_speakers(prepare(text), [first, follow])
    assert [a.name for a in resolved] == ["Dmitry Peskov", "Dmitry Peskov"]


def test_extract_on_seed_resolves_peskow_and_pronouns() -> None:
    text = seed("001")
    claims = extract(Article(text=text, origin="seeds/001", language="en"))
    by_mention = {}
    for claim in claims:
        by_mention.setdefault(claim.speaker_text, set()).add(claim.speaker)
    assert by_mention["Peskow"] == {"Dmitry Peskov"}
    assert by_mention.get("he", {"Dmitry Peskov"}) == {"Dmitry Peskov"}


def test_shared_surname_resolves_by_role_then_recency() -> None:
    text = (
        "Hillary Clinton met Bill Clinton in New York. Former President Clinton said the "
        "meeting went well. Later Hillary Clinton spoke to reporters. Clinton said she was ready."
    )
    resolved = speakers(text, "Former President Clinton", "Clinton| said she")
    assert resolved == ["Bill Clinton", "Hillary Clinton"]


def test_title_words_are_not_part_of_names() -> None:
    text = "Pennsylvania Gov. Ed Rendell said the vote was close, and Rendell added it was fair."
    assert speakers(text, "Pennsylvania Gov. Ed Rendell", "Rendell| added") == [
        "Ed Rendell",
        "Ed Rendell",
    ]


def test_source_cut_short_of_its_head_noun_is_widened() -> None:
    text = (
        "The head of the White House also explained his choice of venue. "
        "The US state department blamed a scheduling issue for Mr Rubio's absence."
    )
    resolved = speakers(text, "the White House| also", "The US| state", when=date(2025, 10, 17))
    assert resolved == ["Donald Trump", "US State Department"]


def test_examples_after_a_group_do_not_replace_it() -> None:
    text = seed("001")
    source = "EU foreign ministers, including Germany’s Annalena Baerbock"
    assert speakers(text, source) == ["EU foreign ministers"]


def test_a_pronoun_subject_carries_the_earlier_subject_pronoun_s_actor() -> None:
    """Subject continuity: a sentence that opens with "He" keeps the person the previous
    "He" stood for, not a person named later in that sentence."""
    text = (
        "Donald Trump spoke to reporters on Friday. "
        "He recalled a meeting with Zelensky in Paris, the outlet reports. "
        "He added that a new round of talks could start soon."
    )
    assert speakers(text, "He| added") == ["Donald Trump"]
    assert speakers(text.replace("He recalled", "It was"), "He| added") == ["Volodymyr Zelensky"]


@pytest.mark.parametrize(
    "text",
    [
        "Critics said the ceasefire plan would fail.",
        "Polls show the president ahead of his rival.",
        "Analysts say the deal favours Moscow.",
        "You said the talks were over.",
        "Q: Will the delegations meet again next week?",
        "CORRECTION: An earlier version said the talks were off.",
    ],
)
def test_a_word_capitalised_by_its_place_is_no_one_s_name(text: str) -> None:
    """A common noun, pronoun or label opening a line names no speaker, as in lower case."""
    source = text.split()[0].rstrip(":")
    assert speakers(text, source) == [None]
    assert extract(Article(text=text, origin="t", language="en")) == []


def test_a_pronoun_after_a_capitalised_common_noun_finds_the_person_before_it() -> None:
    text = (
        "Bill Clinton has stayed out of the fight so far. "
        "Allies say that he sees no need to engage either man."
    )
    assert speakers(text, "Allies| say", "he| sees") == [None, "Bill Clinton"]


def test_a_news_outlet_is_one_institution_under_its_short_and_long_names() -> None:
    text = (
        "The FT reported that the delegations had left Istanbul. "
        "The Financial Times added that it had seen the draft. "
        "It said the talks would resume."
    )
    assert speakers(text, "The FT", "The Financial Times", "It| said") == ["Financial Times"] * 3
    assert canonical_actor("NYT").name == canonical_actor("the New York Times").name
    assert canonical_actor("Reuters") is None  # a wire agency relays; its sources speak


def test_a_role_word_after_a_courtesy_title_is_a_surname() -> None:
    text = "The talk show host spoke to the network. Mr. King said he had never been edited."
    assert speakers(text, "Mr. King") == ["King"]
    assert canonical_actor("Ms. Judge").name == "Judge"


def test_a_us_state_is_a_place_not_a_speaker_or_antecedent() -> None:
    assert canonical_actor("Ohio") is None
    text = "The senator spent the week in Iowa. He said the caucuses would decide the race."
    assert speakers(text, "He| said") == [None]
