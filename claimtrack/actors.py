"""Who speaks: one actor for many spellings, pronouns and roles.

``actor_key(name)`` folds a name to a matching key (case, accents, apostrophes, w/v, kh/h,
doubled letters, -iy/-yy/-ii/-i endings, the variant groups of ``data/name_variants.json``)
and maps known aliases to their actor, so the store can merge actors across articles.
``canonical_actor(name)`` gives the actor a name stands for anywhere, known
(``data/actors.json``) or new. ``resolve_speakers(doc, attributions)`` resolves each
attribution's source mention inside its article with these rules:

1. Registry. One pass over the text collects name mentions (runs of capitalised words,
   outside boilerplate) with the role phrase written before them: "Kremlin spokesman
   Dmitry Peskov" introduces Peskov and teaches the article that he is the Kremlin
   spokesman; "Turkish foreign ministry" introduces that ministry.
2. Names. A surname or variant spelling resolves to the article's actor with that surname
   (a full name must agree on the first name too), else to a known actor, else to a new
   actor named as written. First names and suffixes (Jr.) that differ keep people apart;
   of several actors sharing a surname, the one holding the role written with it wins
   ("President Clinton"), else the one most recently the subject of a sentence.
3. Pronouns (he, she, it, they, his administration) take the speaker of an attribution in
   the same sentence before them, else the first (subject-most) fitting actor mentioned
   there; then the same search in earlier sentences, up to three that mention anyone,
   where a sentence that opens with an agreeing pronoun ("He met Zelensky. He added")
   offers that pronoun's actor before the names it mentions.
   Mentions inside quotes are skipped; kind and gender must agree ("they" needs a group).
4. Roles ("the Ukrainian leader", "the spokesman", "the ministry") take the most recently
   mentioned actor of the article whose role matches (roles learned in the article plus
   the known roles of actors it mentions), else a known actor holding that role at
   ``when`` (the publication date; without it, the current holder).
5. Institutions speak as themselves ("the Kremlin", "the White House"). A generic one
   ("the Foreign Ministry", "the kingdom's Foreign Ministry") takes its country from the
   role phrase, else from the last country named before it: "Saudi Foreign Ministry".
6. Policy: a body speaks for its owner ("Zelensky's administration", "Trump's team" -> the
   person; "the Kremlin's press service", "a White House spokesperson" -> the institution),
   as analysts attribute such statements.
7. Anonymous sources ("officials", "a source", "a spokesman") resolve to no one unless an
   institution is named with them ("Turkish foreign ministry sources" -> the ministry).
   So do pairs ("Zelensky and Trump"), first and second person pronouns, pronouns
   without antecedent and city names ("Moscow" is a place, "Russia" a country actor).

Speed (``bench/actors_speed.py``): the registry is one regex pass per article; everything
that depends only on a string (a run, a piece, a word, a name, a role phrase) is computed
once per process and cached, so an article costs little beyond names never seen before.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

from claimtrack.attribution import is_source_noun
from claimtrack.lexicon import table, word_list
from claimtrack.models import Actor, Attribution, Mention, RoleSighting, Span
from claimtrack.text import Document

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_KEY_TOKEN = re.compile(r"[^\W_]+")
_DOUBLED = re.compile(r"(.)\1+")
_ENDING = re.compile(r"(?:iy|yi|ij|yj|ei|ey|i)$")
_WORD_TAIL = r"[\w'’\-]*(?:\.(?=\w)[\w'’\-]*)*\.?"  # no alternation per character: fast
_WORD = re.compile(rf"[^\W_]{_WORD_TAIL}")
_CAP_RUN = re.compile(
    rf"[A-ZÀ-ÖØ-Þ]{_WORD_TAIL}"
    r"(?:[ \t]+(?:(?:bin|ibn|al|von|van|der|de|da|di|del|la|le|el)[ \t]+)*"
    rf"[A-ZÀ-ÖØ-Þ]{_WORD_TAIL})*"
)
_QUOTES = (re.compile(r"“[^”\n]*”"), re.compile(r"\"[^\"\n]*\""))
_POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
_POSSESSIVES = re.compile(r"(?<=\w)'s?\b")
_FUNCTION_WORDS = frozenset({"the", "of", "and", "for"})
_DETERMINERS = frozenset({"the", "a", "an", "one", "another"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PAST_ROLE = frozenset({"former", "ex", "then", "late"})
_NON_SPACE = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")
# A name written as a web address is an outlet: "Censor.NET", "News.Az", "Meduza.io".
_WEB_NAME = re.compile(r"\w\.[A-Za-z]{2,}$")
_LEADING_NON_NAME = re.compile(r"[A-Z][a-z]{3,}ing$")  # "Injecting Clinton": a gerund
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_OF_BEFORE = re.compile(r"((?:[Tt]he )?[A-Za-z][A-Za-z ]{0,30}?) of (?:the )?$")
_WORDS_AFTER = re.compile(r"(?: [a-z]+){1,3}(?=[ ,.;:])")
_INSTITUTION_TAIL = re.compile(r" of(?: the)?(?: [A-Za-z]+){1,2}")
_PARTICLES = frozenset({"bin", "ibn", "al", "von", "van", "der", "de", "da", "di", "la"})
_PLAIN, _STOP, _OTHER = "plain", "stop", "other"  # kinds of capitalised words
_LOOKBACK_CHARS = 80
_PRONOUN_SENTENCES = 3  # sentences with mentions searched for an antecedent
_PRONOUN_MAX_SENTENCES = 10  # quotes can hold several sentences without mentions
_MIN_FUZZY_LENGTH = 6
# A personal pronoun opening a sentence is its subject. "It" is left out: it opens as many
# sentences as an empty subject ("It is unclear whether ...") as it stands for a body.
_SUBJECT_PRONOUN = re.compile(r"[\s“\"‘']*(He|She|They)\b")
ROLE = "role"  # the kind of a speaker that is a post, its holder unnamed (learned_roles)


@dataclass(frozen=True)
class RoleSense:
    """What a role phrase means: its classes (first = the role itself), the organisation
    it serves ("Kremlin", "foreign ministry"), its country and the dates it was held."""

    classes: tuple[str, ...]
    head: str = ""
    organisation: str | None = None
    country: str | None = None
    plural: bool = False
    past: bool = False
    start: date | None = None
    until: date | None = None

    def covers(self, wanted: RoleSense, when: date | None, any_time: bool = False) -> bool:
        """Whether an actor holding this role fits a mention of ``wanted`` at ``when``.

        Without a date the role must still be held, unless ``any_time``: an actor the
        article itself mentions is taken to hold the role at the article's time.
        """
        if self.past or wanted.classes[0] not in self.classes or wanted.plural != self.plural:
            return False
        if wanted.country and wanted.country != self.country:
            return False
        if wanted.organisation and self.organisation not in (None, wanted.organisation):
            return False
        if when is None:
            return any_time or self.until is None
        return (self.start is None or self.start <= when) and (
            self.until is None or when < self.until
        )


@dataclass
class _Known:
    actor: Actor
    gender: str | None
    roles: tuple[RoleSense, ...]


@dataclass(eq=False)
class _Lexicon:
    """Everything loaded from data/, compiled once."""

    by_role_class: dict[str, list[_Known]]  # actors with a role of that class, in data order
    by_key: dict[str, _Known]
    by_surname: dict[str, list[_Known]]
    surnames_by_shape: dict[tuple[str, int], list[str]]
    country_of_cue: dict[str, str]
    country_names: frozenset[str]
    demonym: dict[str, str]
    cue_pattern: re.Pattern[str]
    cue_at_end: re.Pattern[str]
    heads: dict[str, tuple[str, ...]]
    head_pattern: re.Pattern[str]
    institution_nouns: tuple[str, ...]
    institution_noun_pattern: re.Pattern[str]
    phrases: dict[str, str]
    phrase_pattern: re.Pattern[str]
    role_words: frozenset[str]
    role_triggers: frozenset[str]
    bodies: frozenset[str]
    appositive_openers: frozenset[str]
    country_bodies: frozenset[str]
    institution_words: frozenset[str]
    genders: dict[str, str]
    anonymous: frozenset[str]
    honorifics: frozenset[str]
    courtesy_titles: frozenset[str]
    pronouns: dict[str, dict]
    not_names: frozenset[str]
    places: frozenset[str]
    cue_folds: frozenset[str]
    cue_first_words: frozenset[str]
    institution_cues: frozenset[str]
    country_folds: frozenset[str]


@dataclass
class _Parsed:
    """A source mention split into its parts (cached by text: do not change one)."""

    text: str
    determiner: str | None = None
    pronoun: str | None = None
    possessor: str | None = None
    role_text: str = ""
    body: str = ""
    name: str | None = None
    coordinated: bool = False


def _bare(word: str) -> str:
    """A word without its possessive ending: "Zelensky’s" -> "Zelensky"."""
    if word.endswith(_POSSESSIVE_ENDINGS):
        return word[:-2] if word[-2] in "'’" else word[:-1]
    return word


def _fold_text(text: str) -> str:
    """Case-folded text with straight apostrophes and no accents ("Erdoğan" -> "erdogan")."""
    if text.isascii() and "`" not in text:  # the common case, without a translation pass
        return text.casefold()
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("ı", "i")


def _fold_token(token: str) -> str:
    """Fold transliteration variants of one name part: Peskow/Peskov, Dmitriy/Dmitry.

    Not cached itself: its one caller, ``_token_key``, is (a second cache only missed)."""
    token = token.replace("kh", "h").replace("wh", "w").replace("w", "v").replace("ph", "f")
    if _DOUBLED.search(token):
        token = _DOUBLED.sub(_first_group, token)
    if len(token) >= 4 and token[-1] in "iyj":
        token = _ENDING.sub("y", token)
    return token


def _first_group(match: re.Match[str]) -> str:
    """A function, not the template ``r"\1"``: ``re`` parses a template in Python per call."""
    return match.group(1)


@lru_cache(maxsize=65536)
def _raw_key(name: str) -> str:
    """The folded key of a name as written, without looking up known actors."""
    text = _fold_text(name).strip().replace(".", "")
    if "'" in text:
        text = _POSSESSIVES.sub("", text)
    # str.split is far cheaper than the regex when the name is plain words
    tokens = text.split() if text.replace(" ", "").isalnum() else _KEY_TOKEN.findall(text)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0] in _honorifics():
        tokens = tokens[1:]
    return " ".join(map(_token_key, tokens))


@lru_cache(maxsize=65536)
def _token_key(token: str) -> str:
    """The key of one folded name part: its transliteration folded, its variant group's."""
    folded = _fold_token(token)
    return _variants().get(folded, folded)


@cache
def _honorifics() -> frozenset[str]:
    """Titles dropped from keys ("Mr Waltz"); read apart from ``_lexicon`` that needs keys."""
    return frozenset(table("roles.json")["honorifics"])


@cache
def _variants() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for group in table("name_variants.json")["groups"]:
        folded = [_fold_token(_fold_text(spelling)) for spelling in group]
        for spelling in folded:
            mapping[spelling] = folded[0]
    return mapping


@lru_cache(maxsize=65536)
def actor_key(name: str) -> str:
    """A key equal for all spellings of one actor: "Peskow", "Dmitriy Peskov" -> one key.

    Known aliases map to their actor's key; other names to their folded spelling, so
    "Donald Trump Jr." and "Donald Trump" stay apart.
    """
    raw = _raw_key(name)
    known = _lookup_known(raw)
    return _raw_key(known.actor.name) if known else raw


@lru_cache(maxsize=16384)
def canonical_actor(name: str, when: date | None = None) -> Actor | None:
    """The actor a name or role phrase stands for, known or new; None for a place or pronoun.

    Cities stay places ("Moscow" -> None), countries are actors ("Russia"); a role phrase
    ("the US president") resolves to the known actor holding it at ``when``.
    """
    parsed = _parse(name)
    if parsed.pronoun or not parsed.text or parsed.coordinated:
        return None
    exact = _lexicon().by_key.get(_raw_key(parsed.text))
    if exact:
        return exact.actor
    if parsed.name:
        return _actor_named(parsed.name, _role_sense(parsed.role_text))
    if parsed.possessor and parsed.body in _lexicon().bodies:
        owner = canonical_actor(parsed.possessor, when)
        if owner:
            return owner
    return _actor_for_role(parsed, None, when)


@lru_cache(maxsize=16384)
def _mentioned_actor(name: str, role_text: str) -> Actor | None:
    """The actor a name in running text introduces: known, or a new person worth noting."""
    known = _lookup_known(_raw_key(name))
    if known:
        return known.actor
    sense = _role_sense(role_text)
    if _is_place(name) or not _looks_like_person(name, sense, _lexicon()):
        return None
    return _new_actor(name, sense, role_text)


def _actor_named(name: str, sense: RoleSense | None) -> Actor | None:
    """A known actor for a name, else a new one; None for places and non-names ("I")."""
    known = _lookup_known(_raw_key(name))
    if known:
        return known.actor
    lex = _lexicon()
    if _is_place(name) or all(w.lower() in lex.not_names for w in name.split()):
        return None
    return _new_actor(name, sense)


def _actor_for_role(
    parsed: _Parsed, country_in_context: str | None, when: date | None
) -> Actor | None:
    """An institution, country or known role holder for a mention without a name."""
    lex = _lexicon()
    sense = _role_sense(parsed.role_text)
    if sense is None:
        return _country_body(parsed)
    if _is_institution(sense):
        country = sense.country or country_in_context
        return _institution(country, sense) if country else None
    if sense.head in lex.anonymous and (sense.plural or parsed.determiner in _INDEFINITE):
        return _named_institution(parsed.role_text)
    if parsed.determiner in _INDEFINITE:
        return None
    known = _known_by_role(sense, when)
    if known or not _names_one_post(sense, parsed.role_text, parsed.determiner):
        return known or _named_institution(parsed.role_text)
    # Its holder may be named in another article: the store resolves it (learned_roles).
    return Actor(parsed.role_text, kind=ROLE, roles=(parsed.role_text,), country=sense.country)


def _role_phrase(role_text: str, sense: RoleSense) -> str:
    """The role as written from its first capitalised word, when the words before it add
    nothing to its sense: "and Russian leader" (of "Trump and Russian leader Vladimir
    Putin") -> "Russian leader", "office U.S. President" -> "U.S. President"."""
    words = role_text.split()
    first = next((index for index, word in enumerate(words) if word[0].isupper()), 0)
    trimmed = " ".join(words[first:])
    return trimmed if first and _role_sense(trimmed) == sense else role_text


def _names_one_post(sense: RoleSense, role_text: str, determiner: str | None = None) -> bool:
    """Whether a role names one post whose holder other articles may tell: "the Kremlin
    spokesman", "the Polish president"; not "a spokesman", "officials", "the Russian aide",
    nor a phrase that goes on past its role ("Sen. Maria Cantwell of Washington")."""
    return (
        sense.country is not None
        and not sense.plural
        and not sense.past
        and not _is_institution(sense)
        and determiner not in _INDEFINITE
        and (sense.organisation is not None or sense.head not in _lexicon().anonymous)
        and _fold_text(role_text).endswith(sense.head)
    )


def _country_body(parsed: _Parsed) -> Actor | None:
    """ "the Russian side", "Ukrainian authorities" -> the country."""
    lex = _lexicon()
    words = _KEY_TOKEN.findall(_fold_text(parsed.role_text))
    if not words or words[-1] not in lex.country_bodies:
        return None
    cue = lex.cue_pattern.search(parsed.role_text)
    return _country(lex.country_of_cue[cue.group()]) if cue else None


def _named_institution(text: str) -> Actor | None:
    """The known institution named inside a phrase ("Kremlin officials" -> Kremlin)."""
    by_key = _lexicon().by_key
    for run in _CAP_RUN.finditer(text):
        known = by_key.get(_raw_key(run.group()))
        if known and known.actor.kind == "institution":
            return known.actor
    return None


def resolve_speakers(
    doc: Document, attributions: list[Attribution], when: date | None = None
) -> list[Actor | None]:
    """One actor (or None) per attribution, resolved inside the article (module docstring).

    ``when`` is the publication date, used for roles that change hands ("the US president").
    """
    return resolve_article(doc, attributions, when)[0]


def resolve_article(
    doc: Document, attributions: list[Attribution], when: date | None = None
) -> tuple[list[Actor | None], list[RoleSighting]]:
    """The speakers of ``resolve_speakers`` and the roles the article gives people
    ("Kremlin spokesman Dmitry Peskov"), which later articles may need (``learned_roles``)."""
    if not attributions:
        return [], []
    last_source = max((a.source.span[1] for a in attributions if a.source), default=0)
    article = _Article(doc, when, last_source)
    speakers: list[Actor | None] = [None] * len(attributions)
    order = sorted(range(len(attributions)), key=lambda i: _anchor(attributions[i]))
    for index in order:
        attribution = attributions[index]
        if attribution.source is None:
            if attribution.continues is not None:
                speakers[index] = speakers[attribution.continues]
            continue
        speaker = article.resolve(*article.widened(attribution.source))
        speakers[index] = speaker
        if speaker:
            article.record_speaker(speaker, attribution.source.span)
    return speakers, list(article.sightings)


def _anchor(attribution: Attribution) -> int:
    return attribution.source.span[0] if attribution.source else attribution.content.span[0]


class _Article:
    """The actors of one article: who is mentioned where, with which roles."""

    def __init__(self, doc: Document, when: date | None, until: int | None = None) -> None:
        """Register the mentions of ``doc`` up to ``until`` (the last source: none after it
        can be an antecedent); names inside quotes are not sources' antecedents either."""
        until = len(doc.text) if until is None else until
        self.doc = doc
        self.when = when
        self.lex = _lexicon()
        self.actors: dict[str, Actor] = {}
        self.roles: dict[str, list[RoleSense]] = {}
        self.genders: dict[str, str | None] = {}
        self.by_key: dict[str, str] = {}
        self.by_surname: dict[str, list[str]] = {}
        self.suffixed: set[str] = set()  # names ending in Jr., Sr., III
        self.positions: dict[str, list[int]] = {}
        self.sentence_starts = doc.sentence_starts
        self.mentions: dict[int, list[tuple[int, str]]] = {}
        self.subjects: dict[str, list[int]] = {}  # first mention of a sentence: its subject
        self.speakers: dict[int, list[tuple[int, str]]] = {}
        # Sentence -> the actor of the subject pronoun it opens with and that pronoun's
        # agreement; filled in text order up to ``_subjects_resolved``.
        self._subject_actors: dict[int, tuple[Actor | None, dict]] = {}
        self._subjects_resolved = 0
        self.quotes = _quote_spans(doc.text)
        self.quote_starts = [start for start, _ in self.quotes]
        self.countries: list[tuple[int, str]] = []
        self.country_starts: list[int] = []
        self.sightings: dict[RoleSighting, None] = {}  # ordered set
        skipped = sorted(doc.skipped)
        skipped_starts = [start for start, _ in skipped]
        unheard = _union([*self.quotes, *skipped])  # no antecedents in quotes or boilerplate
        next_unheard = 0  # runs come in text order: one sweep instead of a search per run
        for match in _CAP_RUN.finditer(doc.text, 0, until):
            countries, pieces = _run_info(match.group())
            if not (countries or pieces):
                continue
            start = match.start()
            for offset, country in countries:
                self.countries.append((start + offset, country))
                self.country_starts.append(start + offset)
            while next_unheard < len(unheard) and unheard[next_unheard][1] <= start:
                next_unheard += 1
            if pieces and not (next_unheard < len(unheard) and unheard[next_unheard][0] <= start):
                self._register_run(pieces, start)
        for start, end in _institution_spans(doc.text[:until], self.lex.institution_nouns):
            if not _inside(skipped, skipped_starts, start):
                self._register_institution(start, end)

    # -- registry -------------------------------------------------------------------
    def _register_run(self, pieces: tuple[tuple[str, int], ...], start: int) -> None:
        """Register the pieces of a run outside quotes (so its mentions are not quoted)."""
        for piece, offset in pieces:
            position = start + offset
            role_text = _role_before(self.doc.text, position, self.lex)
            if role_text:
                self._register_parsed(_parse(f"{role_text} {piece}"), position)
                continue
            plain = _plain_piece(piece)
            position += plain.shift
            if not plain.fast:
                self._register_parsed(_parse(plain.name), position)
                continue
            actor = self._plain_name_actor(plain, position)
            if actor:
                self._add_mention(actor, position, None, quoted=False)

    def _register_parsed(self, parsed: _Parsed, position: int) -> None:
        actor = self._actor_for_run(parsed, position)
        if not actor:
            return
        sense = _role_sense(parsed.role_text)
        self._add_mention(actor, position, sense, quoted=False)
        if (
            sense
            and parsed.name
            and actor.kind == "person"
            and _names_one_post(sense, parsed.role_text)
        ):
            self.sightings[RoleSighting(actor.name, _role_phrase(parsed.role_text, sense))] = None

    def _plain_name_actor(self, plain: _PlainPiece, position: int) -> Actor | None:
        """Fast path for the commonest runs: one word, or plain name words ("John Smith").

        A single word counts only if it names a known actor or an actor of the article.
        """
        if plain.stop:
            return None
        if plain.key in self.by_key or (plain.single and plain.key in self.by_surname):
            return self._find_name(plain.name, position)
        return _plain_outside_actor(plain)

    def _register_institution(self, start: int, end: int) -> None:
        """A lower-case institution with its country: "Turkish foreign ministry"."""
        role_text = f"{_role_before(self.doc.text, start, self.lex)} {self.doc.text[start:end]}"
        sense = _role_sense(role_text)
        if sense and sense.country:
            actor = _institution(sense.country, sense)
            if actor:
                self._add_mention(actor, start, sense)

    def _actor_for_run(self, parsed: _Parsed, position: int) -> Actor | None:
        exact = self.lex.by_key.get(_raw_key(parsed.text))
        if exact:
            return exact.actor
        if not parsed.name:
            sense = _role_sense(parsed.role_text)
            if sense and _is_institution(sense):
                return _actor_for_role(parsed, self.country_before(position), self.when)
            return None
        sense = _role_sense(parsed.role_text)
        return self._find_name(parsed.name, position, sense) or _mentioned_actor(
            parsed.name, parsed.role_text
        )

    def _add_mention(
        self, actor: Actor, position: int, sense: RoleSense | None, quoted: bool | None = None
    ) -> None:
        """Note a mention of ``actor``; ``quoted`` says whether it is inside a quote, when
        the caller knows (None: look it up)."""
        name = actor.name
        if name not in self.actors:
            self.actors[name] = actor
            key = _raw_key(name)
            known = self.lex.by_key.get(key)
            self.roles[name] = list(known.roles) if known else []
            self.genders[name] = known.gender if known else None
            self.by_key[key] = name
            self.by_surname.setdefault(_surname(key), []).append(name)
            if key.rsplit(" ", 1)[-1] in _NAME_SUFFIXES:
                self.suffixed.add(name)
        if sense and not sense.past and sense not in self.roles[name]:
            self.roles[name].append(sense)
            self.genders[name] = self.genders[name] or self.lex.genders.get(sense.head)
        positions = self.positions.setdefault(name, [])
        if not positions or positions[-1] < position:  # the common case: in text order
            positions.append(position)
        else:
            index = bisect.bisect_left(positions, position)
            if positions[index] != position:
                positions.insert(index, position)
        if not (self.in_quote(position) if quoted is None else quoted):
            sentence = bisect.bisect_right(self.sentence_starts, position) - 1
            in_sentence = self.mentions.setdefault(sentence, [])
            if not in_sentence:
                self.subjects.setdefault(name, []).append(position)
            in_sentence.append((position, name))

    def record_speaker(self, actor: Actor, span: Span) -> None:
        """Remember a resolved speaker: pronouns prefer earlier speakers."""
        self._add_mention(actor, span[0], None)
        self.speakers.setdefault(self.sentence_of(span[0]), []).append((span[0], actor.name))

    # -- positions ------------------------------------------------------------------
    def sentence_of(self, position: int) -> int:
        return bisect.bisect_right(self.sentence_starts, position) - 1

    def in_quote(self, position: int) -> bool:
        return _inside(self.quotes, self.quote_starts, position)

    def country_before(self, position: int) -> str | None:
        """The last country named before ``position``, else the first one named after it."""
        index = bisect.bisect_left(self.country_starts, position) - 1
        if index >= 0:
            return self.countries[index][1]
        return self.countries[0][1] if self.countries else None

    # -- resolution -----------------------------------------------------------------
    def widened(self, source: Mention) -> tuple[str, Span]:
        """The source with the role or institution words cut off around it put back.

        "The head of [the White House]" is the US president, "[The US] state department"
        the State Department: a source span that stops short of its head noun is widened.
        """
        text = self.doc.text
        start, end = source.span
        of_before = text.endswith(" of ", 0, start) or text.endswith(" of the ", 0, start)
        before = of_before and _OF_BEFORE.search(text, max(0, start - 40), start)
        if before and _ends_with_head(before.group(1)):
            return text[before.start() : end], (before.start(), end)
        after = _WORDS_AFTER.match(text, end)
        if after and self.lex.institution_noun_pattern.search(after.group()):
            wider = text[start : after.end()]
            sense = _role_sense(wider)
            if self.lex.by_key.get(_raw_key(wider)) or (sense and _is_institution(sense)):
                return wider, (start, after.end())
        return source.text, source.span

    def resolve(self, text: str, span: Span) -> Actor | None:
        """The actor a source mention at ``span`` stands for, or None.

        A lone common noun capitalised only because it opens a sentence ("Critics said",
        "Polls show") is read as written in lower case, not as someone's name."""
        if " " not in text and is_source_noun(text):
            text = text.lower()
        parsed = _parse(text)
        if parsed.pronoun:
            return self._antecedent(parsed.pronoun, span[0])
        if not parsed.text or parsed.coordinated:
            return None
        exact = self.lex.by_key.get(_raw_key(parsed.text))
        if exact:
            return exact.actor
        if parsed.name:
            sense = _role_sense(parsed.role_text)
            return self._find_name(parsed.name, span[0], sense) or _actor_named(parsed.name, sense)
        if parsed.possessor and parsed.body in self.lex.bodies:
            owner = self._possessor(parsed.possessor, span[0])
            if owner:
                return owner
        sense = _role_sense(parsed.role_text)
        if (
            sense
            and parsed.determiner not in _INDEFINITE
            and not (sense.plural and sense.head in self.lex.anonymous)
        ):
            found = self._by_role(sense, span[0])
            if found:
                return found
        actor = _actor_for_role(parsed, self.country_before(span[0]), self.when)
        if actor or not sense or not sense.plural or sense.head in self.lex.anonymous:
            return actor
        return Actor(parsed.text, kind="group", country=sense.country) if sense.country else None

    def _possessor(self, owner: str, position: int) -> Actor | None:
        """ "Zelensky's administration" -> Zelensky; "his office" -> his antecedent."""
        if owner.lower() in self.lex.pronouns:
            return self._antecedent(owner.lower(), position)
        return self._find_name(owner, position) or _actor_named(owner, None)

    def _find_name(
        self, name: str, position: int | None = None, sense: RoleSense | None = None
    ) -> Actor | None:
        """The article's actor with this full name, or with this surname alone.

        Several actors sharing the surname: the one holding the role written with it
        ("President Obama"), else one without a suffix (Trump, not Trump Jr.), the one most
        recently the subject of a sentence before ``position``, else most recently named.
        """
        key = _raw_key(name)
        if key in self.by_key:
            return self.actors[self.by_key[key]]
        candidates = self.by_surname.get(key) if key and " " not in key else None
        if not candidates:
            return None
        if len(candidates) > 1 and sense:
            holders = [c for c in candidates if any(_sense_fits(r, sense) for r in self.roles[c])]
            candidates = holders or candidates
        chosen = [c for c in candidates if c not in self.suffixed] or candidates
        if len(chosen) == 1:
            return self.actors[chosen[0]]
        return self.actors[max(chosen, key=lambda c: self._salience(c, position))]

    def _salience(self, name: str, position: int | None) -> tuple[int, int]:
        """Last time before ``position`` the actor was a sentence's subject, then mentioned."""
        return (
            _last_before(self.subjects.get(name, []), position),
            _last_before(self.positions[name], position),
        )

    def _by_role(self, sense: RoleSense, position: int) -> Actor | None:
        """The most recently mentioned actor of the article holding the role."""
        best: tuple[int, str] | None = None
        later: str | None = None
        for name, roles in self.roles.items():
            if not any(role.covers(sense, self.when, any_time=True) for role in roles):
                continue
            positions = self.positions[name]
            index = bisect.bisect_left(positions, position) - 1
            if index >= 0 and (best is None or positions[index] > best[0]):
                best = (positions[index], name)
            elif index < 0 and later is None:
                later = name
        if best:
            return self.actors[best[1]]
        return self.actors[later] if later else None

    def _antecedent(self, pronoun: str, position: int) -> Actor | None:
        """Hobbs-like search, sentence by sentence back: the last earlier speaker, then the
        actor of a subject pronoun the sentence opens with, then the leftmost mention."""
        agreement = self.lex.pronouns[pronoun]
        sentence = self.sentence_of(position)
        searched = 0
        for index in range(sentence, max(sentence - _PRONOUN_MAX_SENTENCES, -2), -1):
            found = (
                self._fitting(self.speakers, index, position, agreement, max)
                or (index < sentence and self._carried_subject(index, agreement))
                or self._fitting(self.mentions, index, position, agreement, min)
            )
            if found:
                return found
            searched += index in self.speakers or index in self.mentions
            if searched >= _PRONOUN_SENTENCES:
                break
        return None

    def _fitting(
        self,
        pool: dict[int, list[tuple[int, str]]],
        sentence: int,
        position: int,
        agreement: dict,
        pick: Callable,
    ) -> Actor | None:
        fitting = [
            (pos, name)
            for pos, name in pool.get(sentence, [])
            if pos < position and self._agrees(name, agreement)
        ]
        return self.actors[pick(fitting)[1]] if fitting else None

    def _carried_subject(self, sentence: int, agreement: dict) -> Actor | None:
        """The actor of the pronoun sentence ``sentence`` opens with, if it agrees.

        "He met Zelensky in Paris. He added ...": the second "he" continues the subject
        of the sentence before, not the person named in it. Subject pronouns are resolved
        once each, in text order, so that a long chain of them is a loop, not a recursion.
        """
        while self._subjects_resolved <= sentence:
            index = self._subjects_resolved
            self._subjects_resolved += 1
            opening = _SUBJECT_PRONOUN.match(self.doc.text, self.sentence_starts[index])
            if opening and not self.in_quote(opening.start(1)):
                pronoun = opening.group(1).lower()
                actor = self._antecedent(pronoun, opening.start(1))
                self._subject_actors[index] = (actor, self.lex.pronouns[pronoun])
        actor, its_agreement = self._subject_actors.get(sentence, (None, None))
        return actor if its_agreement == agreement else None

    def _agrees(self, name: str, agreement: dict) -> bool:
        actor = self.actors[name]
        if actor.kind not in agreement["kinds"]:
            return False
        gender = self.genders.get(name)
        wanted = agreement.get("gender")
        return not (wanted and gender and gender != wanted)


# -- parsing mentions ---------------------------------------------------------------------
@lru_cache(maxsize=65536)
def _parse(text: str) -> _Parsed:
    """Split "the Kremlin spokesman Dmitry Peskov" into determiner, role and name."""
    lex = _lexicon()
    clean = text if text.isascii() and "`" not in text else text.translate(_APOSTROPHES)
    if "(" in clean:
        clean = _PARENTHESIS.sub("", clean)
    clean = clean.strip(" \t\n,;:.\"'“”()[]")
    segments = [_words(segment) for segment in clean.split(",")]
    words = [word for segment in segments for word in segment]
    if not words:
        return _Parsed(text="")
    if len(words) == 1 and words[0].lower() in lex.pronouns:
        return _Parsed(text=clean, pronoun=words[0].lower())
    words = _head_segment(segments, lex)
    parsed = _Parsed(text="")
    if words[0].lower() in _DETERMINERS:
        parsed.determiner = words[0].lower()
        words = words[1:]
    parsed.text = " ".join(words)
    if _coordinated(words, lex):
        parsed.coordinated = True
        return parsed
    folded = _fold_text(parsed.text)
    if lex.phrase_pattern.search(folded):
        parsed.role_text = parsed.text
        return parsed
    name_words = _courtesy_named(words, lex) or _name_part(words, lex)
    role_words = words[: len(words) - len(name_words)]
    parsed.role_text = " ".join(w for w in role_words if w.lower() not in _DETERMINERS)
    if name_words:
        parsed.name = _strip_honorifics(name_words, lex)
        return parsed
    for index, word in enumerate(role_words[:-1]):
        if word.endswith(_POSSESSIVE_ENDINGS) or word.lower() in lex.pronouns:
            owner = _bare(word)
            parsed.possessor = word.lower() if word.lower() in lex.pronouns else owner
            parsed.body = " ".join(role_words[index + 1 :]).lower()
            return parsed
    owner_words = _name_part(role_words[:-1], lex)
    body_of_name = owner_words and role_words[-1].lower() in lex.bodies
    if body_of_name and not _role_sense(parsed.role_text, lex):
        parsed.possessor = " ".join(owner_words)
        parsed.body = role_words[-1].lower()
    return parsed


def _courtesy_named(words: list[str], lex: _Lexicon) -> list[str]:
    """ "Mr. King", "Ms. Judge": after a courtesy title every capitalised word is the name,
    role words included ("Mrs. Clinton's Iraq vote" is left to the possessive rules)."""
    if len(words) < 2 or words[0].lower().rstrip(".") not in lex.courtesy_titles:
        return []
    named = all(w[:1].isupper() and not w.endswith(_POSSESSIVE_ENDINGS) for w in words)
    return words if named else []


def _words(text: str) -> list[str]:
    """The words ``_WORD`` finds; letters and spaces alone are split, far cheaper."""
    return text.split() if text.replace(" ", "").isalpha() else _WORD.findall(text)


def _head_segment(segments: list[list[str]], lex: _Lexicon) -> list[str]:
    """The words of the comma segment that names the source, with role-only segments.

    "Germany's Defense Minister, Boris Pistorius" -> role + name; "Keith Kellogg,
    speaking on Fox News" -> "Keith Kellogg" (the first named segment is the head);
    "EU foreign ministers, including Germany's Annalena Baerbock" -> the ministers.
    """
    if len(segments) == 1:
        return segments[0]
    segments = [
        segment
        for index, segment in enumerate(segments)
        if segment and (index == 0 or segment[0].lower() not in lex.appositive_openers)
    ]
    named = [index for index, segment in enumerate(segments) if _name_part(segment, lex)]
    if not named:
        with_role = [segment for segment in segments if _role_sense(" ".join(segment), lex)]
        return with_role[0] if with_role else [word for segment in segments for word in segment]
    head = named[0]
    roles = [
        word
        for index, segment in enumerate(segments)
        if index != head and index not in named and _role_sense(" ".join(segment), lex)
        for word in segment
    ]
    if roles and roles[0].lower() in _DETERMINERS:
        roles = roles[1:]
    return roles + segments[head] if roles or head else segments[head]


def _coordinated(words: list[str], lex: _Lexicon) -> bool:
    """Two names joined by "and": a pair, not one actor ("Zelensky and Trump")."""
    if "and" not in words and "&" not in words:
        return False
    return any(
        word in {"and", "&"}
        and _name_part(words[:index], lex)
        and _name_part(words[index + 1 :], lex)
        for index, word in enumerate(words)
    )


def _name_part(words: list[str], lex: _Lexicon) -> list[str]:
    """The trailing capitalised words that are not role words: the name.

    An organisation's name ("Republican National Committee") keeps its role words.
    """
    index = len(words)
    last = _bare(words[-1]).lower() if words else ""
    organisation = last in lex.institution_words and last not in lex.role_words
    while index > 0:
        ends_last, ends_inner, role_word = _name_word(words[index - 1], lex)
        if (ends_inner if index < len(words) else ends_last) or (role_word and not organisation):
            break
        index -= 1
    name = words[index:]
    if len(name) > 1 and _LEADING_NON_NAME.match(name[0]):
        name = name[1:]
    role_of_country = name and (name[0] not in lex.country_names or words[index - 1] == "of")
    if len(name) == 1 and index > 0 and name[0] in lex.country_of_cue and role_of_country:
        return []
    return name


@lru_cache(maxsize=65536)
def _name_word(word: str, lex: _Lexicon) -> tuple[bool, bool, bool]:
    """Whether a word ends a name read leftwards when it is the last word, when it is an
    inner word ("Kremlin spokesman Dmitry Peskov": "spokesman"), and is a role word."""
    bare = _bare(word).lower().rstrip(".")
    upper = word[:1].isupper()
    never = bare in _DETERMINERS or bare.isdigit()
    ends_inner = (
        never
        or bare in lex.not_names
        or not (upper or bare in _PARTICLES)
        or bare in lex.honorifics
        or word.endswith(_POSSESSIVE_ENDINGS)
    )
    role_word = bare in lex.role_words or bare.removesuffix("s") in lex.role_words
    return never or not upper, ends_inner, role_word


def _strip_honorifics(words: list[str], lex: _Lexicon) -> str | None:
    while len(words) > 1 and words[0].lower().rstrip(".") in lex.honorifics:
        words = words[1:]
    return _bare(" ".join(words)) or None


def _institution_spans(text: str, nouns: tuple[str, ...]) -> list[Span]:
    """Where institution nouns stand ("ministry", "Office of the President"), in order.

    A plain ``str.find`` per noun: far cheaper than one regex over the whole text.
    """
    spans = []
    for noun in nouns:
        start = text.find(noun)
        while start >= 0:
            end = start + len(noun)
            if (start == 0 or not text[start - 1].isalnum()) and not text[end : end + 1].isalnum():
                tail = _INSTITUTION_TAIL.match(text, end)
                spans.append((start, tail.end() if tail else end))
            start = text.find(noun, end)
    return sorted(spans)


@lru_cache(maxsize=65536)
def _run_info(run: str) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[str, int], ...]]:
    """What a capitalised run holds: countries it names and the pieces to register."""
    if run.casefold() in _lexicon().not_names:
        return (), ()
    return _countries_in(run), _split_run(run)


class _PlainPiece(NamedTuple):
    """What a capitalised piece without a role before it names, apart from the article."""

    shift: int  # characters of leading stop words and gerunds cut off
    name: str
    key: str
    single: bool
    fast: bool  # one word or plain name words: resolved by key, without parsing
    stop: bool  # a lone stop word ("Monday"): names no one


@lru_cache(maxsize=65536)
def _plain_piece(piece: str) -> _PlainPiece:
    """Cut leading stop words ("But Trump") and key a piece by its word shapes."""
    words = piece.split()
    shapes = [_word_shape(word) for word in words]
    shift = 0
    while len(words) > 1 and (shapes[0][1] == _STOP or _LEADING_NON_NAME.match(words[0])):
        shift += len(words[0]) + 1
        words, shapes = words[1:], shapes[1:]
    name = " ".join(words)
    key = " ".join(token for token, _ in shapes)
    single = len(shapes) == 1
    fast = single or all(kind == _PLAIN for _, kind in shapes)
    return _PlainPiece(shift, name, key, single, fast, shapes[0][1] == _STOP)


@lru_cache(maxsize=65536)
def _plain_outside_actor(plain: _PlainPiece) -> Actor | None:
    """The actor a plain name stands for when the article has none of that name."""
    known = _lookup_known(plain.key)
    if known or plain.single:
        return known.actor if known else None
    return _mentioned_actor(_bare(plain.name), "")


@lru_cache(maxsize=65536)
def _word_shape(word: str) -> tuple[str, str]:
    """The key of one capitalised word and whether it is a plain name word or a stop word.

    Plain ASCII words are folded directly (the same key ``_raw_key`` gives, far cheaper);
    words cached here repeat across names, so unseen names cost little.
    """
    lex = _lexicon()
    bare = _bare(word)
    folded = bare.casefold()
    if folded in lex.not_names:
        return "", _STOP
    if not (folded.isascii() and folded.isalpha()):
        return _raw_key(bare), _OTHER
    token = _token_key(folded)
    plain = not (
        folded in lex.role_words
        or folded.removesuffix("s") in lex.role_words
        or folded in lex.honorifics
        or bare in lex.country_of_cue
        or folded in lex.places
    )
    return token, _PLAIN if plain else _OTHER


def _countries_in(run: str) -> tuple[tuple[int, str], ...]:
    """Countries named in a capitalised run (offset, country): names, demonyms, capitals."""
    lex = _lexicon()
    cues = lex.country_of_cue
    if not any(map(_starts_cue, run.split())):  # most runs name none
        return ()
    words = [(m.start(), _bare(m.group())) for m in _NON_SPACE.finditer(run)]
    found: list[tuple[int, str]] = []
    index = 0
    while index < len(words):
        pair = f"{words[index][1]} {words[index + 1][1]}" if index + 1 < len(words) else ""
        word = words[index][1].rstrip(",.:;")
        cue = pair if pair in cues else word
        if cue in cues:
            found.append((words[index][0], cues[cue]))
        index += 2 if cue is pair else 1
    return tuple(found)


@lru_cache(maxsize=65536)
def _starts_cue(word: str) -> bool:
    """Whether a word of a run can start a country cue ("Russia's", "United")."""
    return _bare(word).rstrip(",.:;") in _lexicon().cue_first_words


def _split_run(run: str) -> tuple[tuple[str, int], ...]:
    """Cut a run of capitalised words after a sentence-final word ("Trump. He")."""
    if ". " not in run:
        return ((run, 0),)
    pieces = []
    start = 0
    for match in _NON_SPACE.finditer(run):
        word = match.group()
        if word.endswith(".") and len(word) > 4 and "." not in word[:-1]:
            pieces.append((run[start : match.end() - 1], start))
            start = match.end() + 1
    if start < len(run):
        pieces.append((run[start:], start))
    return tuple((piece.strip(), offset) for piece, offset in pieces if piece.strip())


def _role_before(text: str, position: int, lex: _Lexicon) -> str:
    """Role words written just before a name: "Kremlin spokesman" before "Dmitry Peskov"."""
    end = position
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    last_word = text[text.rfind(" ", max(0, end - _LOOKBACK_CHARS), end) + 1 : end]
    if not _ends_role(last_word):
        return ""
    window = text[max(0, position - _LOOKBACK_CHARS) : position]
    cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("“"), window.rfind('"'))
    window = window[cut + 1 :]
    words = list(_WORD.finditer(window))
    taken = 0
    while taken < len(words):
        bare = _bare(words[len(words) - 1 - taken].group())
        if bare.lower() not in lex.role_words and bare not in lex.country_of_cue:
            break
        taken += 1
    if not taken:
        return ""
    first_kept = len(words) - taken
    kept = [word.group() for word in words[first_kept:]]
    # A country just before the role words belongs to them ("Germany's Chancellor"), one
    # across punctuation does not ("talks with Iran, President Obama").
    cue = lex.cue_at_end.search(window, 0, words[first_kept].start() - 1)
    return " ".join([cue.group(), *kept] if cue else kept)


@lru_cache(maxsize=65536)
def _ends_role(word: str) -> bool:
    """Whether a word can end a role phrase before a name: a role word or a country."""
    lex = _lexicon()
    bare = _bare(word)
    return bare.lower() in lex.role_triggers or bare in lex.country_of_cue


def role_sense(role_text: str) -> RoleSense | None:
    """The role a phrase names, or None: "Kremlin spokesman" -> spokesperson of the Kremlin."""
    return _role_sense(role_text)


@lru_cache(maxsize=8192)
def _role_sense(role_text: str, lex: _Lexicon | None = None) -> RoleSense | None:
    """The role a phrase names: "Russian Foreign Ministry spokeswoman" -> spokesperson, Russia."""
    if not role_text:
        return None
    lex = lex or _lexicon()
    lowered = _fold_text(role_text)
    for phrase, meaning in lex.phrases.items() if lex.phrase_pattern.search(lowered) else ():
        if phrase in lowered:
            role_text, lowered = meaning, _fold_text(meaning)
            break
    heads = list(lex.head_pattern.finditer(lowered))
    if not heads:
        return None
    chosen = next((m for m in heads if lowered.startswith(" of ", m.end())), heads[-1])
    head = chosen.group(1)
    cues = [cue.group() for cue in lex.cue_pattern.finditer(role_text)]
    organisations = [lex.heads[m.group(1)][0] for m in heads if m is not chosen] + [
        cue for cue in cues if cue in lex.institution_cues
    ]
    return RoleSense(
        classes=lex.heads[head],
        head=head,
        organisation=organisations[0] if organisations else None,
        country=lex.country_of_cue[cues[0]] if cues else None,
        plural=chosen.group(0) != head,
        past=bool(set(_KEY_TOKEN.findall(lowered)) & _PAST_ROLE),
    )


# -- actors -------------------------------------------------------------------------------
@lru_cache(maxsize=16384)
def _lookup_known(key: str) -> _Known | None:
    """A known actor for a folded key: exact alias, unique surname, or first + last name."""
    lex = _lexicon()
    if not key:
        return None
    if key in lex.by_key:
        return lex.by_key[key]
    tokens = key.split()
    if len(tokens) == 1:
        found = lex.by_surname.get(tokens[0], [])
        plain = [k for k in found if _raw_key(k.actor.name).split()[-1] not in _NAME_SUFFIXES]
        if len(plain) == 1 or len(found) == 1:
            return (plain or found)[0]
        return None if found else _fuzzy_surname(tokens[0], None)
    if tokens[-1] in _NAME_SUFFIXES:
        return None
    short = [t for t in tokens if len(t) > 1]
    if len(short) >= 2 and f"{short[0]} {short[-1]}" in lex.by_key:
        return lex.by_key[f"{short[0]} {short[-1]}"]
    return _fuzzy_surname(tokens[-1], tokens[0])


def _fuzzy_surname(surname: str, first: str | None) -> _Known | None:
    """Tolerate one typo (swapped, extra or missing letter) in a long known surname.

    Not cached itself: its one caller, ``_lookup_known``, is (a second cache only missed)."""
    if len(surname) < _MIN_FUZZY_LENGTH:
        return None
    lex = _lexicon()
    found = [
        known
        for length in (len(surname) - 1, len(surname), len(surname) + 1)
        for candidate in lex.surnames_by_shape.get((surname[0], length), ())
        if _one_edit(surname, candidate)
        for known in lex.by_surname[candidate]
        if first is None or _raw_key(known.actor.name).split()[0] == first
    ]
    return found[0] if len(found) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one swap of neighbours, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _sense_fits(role: RoleSense, wanted: RoleSense) -> bool:
    """Whether a role an actor held at some time matches a role written with a name."""
    return role.covers(wanted, None, any_time=True)


def _known_by_role(sense: RoleSense, when: date | None) -> Actor | None:
    """The one known actor holding the role; one serving the named organisation wins a tie."""
    candidates = _lexicon().by_role_class.get(sense.classes[0], ())
    holders = [k for k in candidates if any(r.covers(sense, when) for r in k.roles)]
    if len(holders) > 1 and sense.organisation:
        holders = [k for k in holders if any(r.organisation == sense.organisation for r in k.roles)]
    return holders[0].actor if len(holders) == 1 else None


def _institution(country: str, sense: RoleSense) -> Actor | None:
    """A country's generic institution: ("Saudi Arabia", foreign ministry) -> the ministry."""
    lex = _lexicon()
    kind = sense.classes[0]
    if kind in {"ministry", "office", "institution"}:
        return None
    label = kind if kind == "presidential office" else kind.title()
    name = f"{lex.demonym.get(country, country)} {label}"
    known = lex.by_key.get(_raw_key(name))
    if known:
        return known.actor
    return Actor(name, kind="institution", roles=(name,), country=country)


def _new_actor(name: str, sense: RoleSense | None, role_text: str = "") -> Actor:
    """An actor not in data/actors.json, with a kind guessed from its name and role."""
    lex = _lexicon()
    words = _KEY_TOKEN.findall(_fold_text(name))
    if name[:-1] in lex.country_of_cue and name.endswith("s"):
        return _country(lex.country_of_cue[name[:-1]]) or Actor(name, kind="group")
    if (
        not lex.institution_words.isdisjoint(words)
        or _ACRONYM.fullmatch(name)
        or _WEB_NAME.search(name)
    ):
        kind = "institution"
    elif len(words) >= 2 or (sense and not _is_institution(sense)):
        kind = "person"
    else:
        kind = "unknown"
    roles = (role_text,) if role_text and sense else ()
    return Actor(name, kind=kind, roles=roles, country=sense.country if sense else None)


def _country(name: str) -> Actor | None:
    known = _lexicon().by_key.get(_raw_key(name))
    return known.actor if known else None


def _last_before(positions: list[int], position: int | None) -> int:
    if position is None:
        return positions[-1] if positions else -1
    index = bisect.bisect_left(positions, position) - 1
    return positions[index] if index >= 0 else -1


def _ends_with_head(phrase: str) -> bool:
    """Whether a phrase ends with a role noun: "The head" in "The head of the White House"."""
    heads = list(_lexicon().head_pattern.finditer(_fold_text(phrase)))
    return bool(heads) and heads[-1].end() == len(phrase)


def _is_institution(sense: RoleSense) -> bool:
    return "institution" in sense.classes


def _is_place(name: str) -> bool:
    """A city or capital written as a name ("Moscow"): a place, not a speaker."""
    lex = _lexicon()
    folded = name.casefold()
    if folded in lex.places:
        return True
    return folded in lex.cue_folds and folded not in lex.country_folds


def _looks_like_person(name: str, sense: RoleSense | None, lex: _Lexicon) -> bool:
    """Whether an unknown capitalised run is worth registering as a person."""
    words = name.split()
    if any(w.lower().strip(".'") in lex.not_names for w in words):
        return False
    if not lex.country_of_cue.keys().isdisjoint(words) or _DIGIT.search(name):
        return False
    if "-" in name:  # "Jean-Pierre" after a role, not "Russia-Ukraine" or "Kremlin-backed"
        parts = [part for word in words for part in word.split("-")[1:]]
        return bool(sense) and all(part[:1].isupper() for part in parts)
    return bool(sense) or len(words) >= 2


def _surname(key: str) -> str:
    tokens = [t for t in key.split() if t not in _NAME_SUFFIXES]
    return tokens[-1] if tokens else key


def _quote_spans(text: str) -> list[Span]:
    """Quotations, “...” or "..." within a line, found left to right without overlaps.

    One pattern per opening mark, each starting with its literal mark, which ``re``
    finds far faster than a pattern that must test every character for either mark.
    """
    if '"' not in text or "“" not in text:  # the common case: one kind of quotes
        pattern = _QUOTES[0] if "“" in text else _QUOTES[1]
        return [match.span() for match in pattern.finditer(text)]
    spans: list[Span] = []
    following = [pattern.search(text) for pattern in _QUOTES]  # each kind's next quote
    while any(following):
        first = min((m for m in following if m), key=lambda m: m.start())
        spans.append(first.span())
        following = [
            pattern.search(text, first.end()) if m and m.start() < first.end() else m
            for pattern, m in zip(_QUOTES, following, strict=True)
        ]
    return spans


def _union(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlapping ones merged."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[Span], starts: list[int], position: int) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


# -- loading ------------------------------------------------------------------------------
@cache
def _lexicon() -> _Lexicon:
    roles = table("roles.json")
    heads = {head: tuple(classes) for head, classes in roles["heads"].items()}
    alternatives = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    institution_nouns = {h.split(" of ")[0].split()[-1] for h in heads if "institution" in heads[h]}
    role_words = set(roles["modifiers"])
    for head in heads:
        role_words.update(head.split())
    entries = table("actors.json")["actors"]
    country_of_cue: dict[str, str] = {}
    demonym: dict[str, str] = {}
    country_names: set[str] = set()
    for entry in (e for e in entries if e["kind"] == "country"):
        names = [entry["name"], *(a.removeprefix("the ") for a in entry.get("aliases", []))]
        demonym[entry["name"]] = entry.get("demonym", entry["name"])
        for cue in [*names, *entry.get("cues", [])]:
            country_of_cue.setdefault(cue, entry["name"])
        country_names.update(names)
    cues = "|".join(re.escape(c) for c in sorted(country_of_cue, key=len, reverse=True))
    institution_nouns = tuple(
        spelling for noun in institution_nouns for spelling in (noun, noun.capitalize())
    )
    lexicon = _Lexicon(
        by_role_class={},
        by_key={},
        by_surname={},
        surnames_by_shape={},
        country_of_cue=country_of_cue,
        country_names=frozenset(country_names),
        demonym=demonym,
        cue_pattern=re.compile(rf"\b(?=[A-ZÀ-Þ])(?:{cues})(?!\w)"),
        cue_at_end=re.compile(rf"\b(?:{cues})(?:'s)?$"),
        heads=heads,
        head_pattern=re.compile(rf"\b({alternatives})(?:s)?\b"),
        institution_nouns=institution_nouns,
        institution_noun_pattern=_any_of(institution_nouns),
        phrases=dict(roles["phrases"]),
        phrase_pattern=_any_of(frozenset(roles["phrases"])),
        role_words=frozenset(role_words),
        role_triggers=frozenset(role_words - _FUNCTION_WORDS),
        bodies=frozenset(roles["bodies"]),
        appositive_openers=frozenset(roles["appositive_openers"]),
        country_bodies=frozenset(roles["country_bodies"]),
        institution_words=frozenset(roles["institution_words"]),
        genders=dict(roles["genders"]),
        anonymous=frozenset(roles["anonymous"]),
        honorifics=frozenset(roles["honorifics"]),
        courtesy_titles=frozenset(roles["courtesy_titles"]),
        pronouns={k: v for k, v in table("pronoun_agreement.json").items() if k[0] != "_"},
        not_names=frozenset(word_list("name_stopwords.txt")),
        places=_places(),
        cue_folds=frozenset(cue.casefold() for cue in country_of_cue),
        cue_first_words=frozenset(cue.split()[0] for cue in country_of_cue),
        institution_cues=frozenset(
            name
            for e in entries
            if e["kind"] == "institution"
            for name in [e["name"], *e.get("aliases", [])]
        ),
        country_folds=frozenset(name.casefold() for name in country_names),
    )
    for entry in entries:
        _add_known(lexicon, entry)
    return lexicon


def _any_of(strings: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    """A pattern finding any of ``strings`` anywhere (longest first); none: never matches."""
    alternatives = "|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True))
    return re.compile(alternatives or "(?!)")


def _add_known(lexicon: _Lexicon, entry: dict) -> None:
    titles = [role["title"] for role in entry.get("roles", [])]
    actor = Actor(
        name=entry["name"],
        kind=entry["kind"],
        roles=tuple(dict.fromkeys(titles)),
        aliases=tuple(entry.get("aliases", [])),
        country=entry["name"] if entry["kind"] == "country" else entry.get("country"),
    )
    roles = []
    for role in entry.get("roles", []):
        sense = _role_sense(role["title"], lexicon)
        if sense:
            roles.append(
                replace(
                    sense,
                    start=date.fromisoformat(role["from"]) if role.get("from") else None,
                    until=date.fromisoformat(role["until"]) if role.get("until") else None,
                )
            )
    known = _Known(actor=actor, gender=entry.get("gender"), roles=tuple(roles))
    for role_class in dict.fromkeys(c for role in roles for c in role.classes):
        lexicon.by_role_class.setdefault(role_class, []).append(known)
    for alias in [actor.name, *actor.aliases]:
        lexicon.by_key.setdefault(_raw_key(alias), known)
    if actor.kind == "person":
        surname = _surname(_raw_key(actor.name))
        lexicon.by_surname.setdefault(surname, []).append(known)
        lexicon.surnames_by_shape.setdefault((surname[0], len(surname)), []).append(surname)


def _places() -> frozenset[str]:
    """Cities, venues, regions and other places of the gazetteer (``data/places.json``)."""
    try:
        gazetteer = table("places.json")
    except FileNotFoundError:
        return frozenset()
    return frozenset(
        name.casefold()
        for part in ("cities", "venues", "regions", "other_places")
        for name in gazetteer.get(part, {})
    )
