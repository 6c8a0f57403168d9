"""An actor's position on a topic, and how it moved between dates.

The position a claim takes on a topic is read from that topic's own slot and the claim's
polarity only: a venue claim is about its venue, not about the date it also mentions.

- talks: the event status (planned, held, ...) and polarity
- venue: the venue and polarity
- timeline: the normalised time (start, end, precision), or ``no timeframe`` when a claim
  on the timeline gives no date, and polarity
- participants: the set of participants and polarity

Claims published on one date are one position (an interview reported in several pieces):
a claim changes a position only against the values of the previous date, never against a
claim of its own day.
"""

from __future__ import annotations

from collections.abc import Iterable

POSITION_FIELDS = {
    "talks": ("status", "polarity"),
    "venue": ("venue", "polarity"),
    "timeline": ("time", "polarity"),
    "participants": ("participants", "polarity"),
}
NO_TIMEFRAME = "no timeframe"

# field -> {comparable key: value as shown}, the values one date (or one diff side) holds.
Values = dict[str, dict[object, str]]


def field_value(claim: dict, field: str) -> tuple[object, str] | None:
    """A slot as (key that compares, text shown), or None when the claim leaves it empty."""
    if field == "time":
        time = claim["time"]
        if time is None:
            return NO_TIMEFRAME, NO_TIMEFRAME
        if time["start"]:
            return (time["start"], time["end"], time["precision"]), time["text"]
        return time["text"].casefold(), time["text"]
    if field == "participants":
        names = claim["participants"]
        return (frozenset(n.casefold() for n in names), ", ".join(names)) if names else None
    if field == "status":
        status = (claim["event"] or {}).get("status")
        return (status, status) if status else None
    value = claim[field]
    return (value.casefold(), value) if value else None


def summary(shown: Iterable[str]) -> str | list[str] | None:
    """One side's values as reported in a change: none, the one value, or all of them."""
    values = list(dict.fromkeys(shown))
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def collect(claims: Iterable[dict], topic: str) -> Values:
    """The values the claims hold on the topic's fields."""
    values: Values = {field: {} for field in POSITION_FIELDS[topic]}
    for claim in claims:
        _add(values, claim, topic)
    return values


def _add(values: Values, claim: dict, topic: str) -> None:
    for field in POSITION_FIELDS[topic]:
        found = field_value(claim, field)
        if found is not None:
            values[field].setdefault(*found)


def mark_changes(claims: list[dict]) -> None:
    """Set ``changes`` on each claim (oldest first): the fields of each of its topics whose
    value the previous date did not hold, where both dates state that field.

    Undated claims are never changes and set no position.
    """
    previous: dict[str, Values] = {}
    current: dict[str, Values] = {}
    day = None
    for claim in claims:
        claim["changes"] = []
        if not claim["published"]:
            continue
        if claim["published"] != day:
            previous.update(current)
            current, day = {}, claim["published"]
        for topic in claim["topics"]:
            if topic not in POSITION_FIELDS:
                continue
            claim["changes"] += _moved(previous.get(topic), claim, topic)
            _add(current.setdefault(topic, collect((), topic)), claim, topic)


def _moved(before: Values | None, claim: dict, topic: str) -> list[dict]:
    if before is None:
        return []
    changes = []
    for field in POSITION_FIELDS[topic]:
        found = field_value(claim, field)
        held = before[field]
        if found is not None and held and found[0] not in held:
            change = {"field": field, "from": summary(held.values()), "to": found[1]}
            changes.append({"topic": topic, **change})
    return changes


def compare(topic: str, before: list[dict], after: list[dict]) -> dict:
    """One topic of a diff: both sides' claims with their values, status and changes."""
    changes = _side_changes(topic, before, after) if before and after else []
    if before and after:
        status = "changed" if changes else "same"
    else:
        status = "dropped" if before else "appeared" if after else "absent"
    return {
        "topic": topic,
        "status": status,
        "before": [_entry(claim, topic) for claim in before],
        "after": [_entry(claim, topic) for claim in after],
        "changes": changes,
    }


def _side_changes(topic: str, before: list[dict], after: list[dict]) -> list[dict]:
    """The fields whose values differ between the sides, each side's values summarised."""
    old, new = collect(before, topic), collect(after, topic)
    return [
        {"field": field, "from": summary(old[field].values()), "to": summary(new[field].values())}
        for field in POSITION_FIELDS[topic]
        if old[field].keys() != new[field].keys()
    ]


def _entry(claim: dict, topic: str) -> dict:
    """A claim on one side of a diff: where it is from, its quote, its values on the topic."""
    entry = {
        "claim_id": claim["id"],
        "article_id": claim["article_id"],
        "date": claim["published"],
        "outlet": claim["outlet"],
        "quote": claim["content"],
    }
    for field in POSITION_FIELDS[topic]:
        if field == "status":
            entry["status"] = (claim["event"] or {}).get("status")
        else:
            entry[field] = claim[field]
    return entry
