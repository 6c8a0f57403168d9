"""A Markdown report on one actor, for a journalist to paste: who they are, and per topic
their position over time with quotes, slots, sources, and where it changed."""

from __future__ import annotations

from claimtrack import queries
from claimtrack.models import TOPICS
from claimtrack.sightings import claim_sightings
from claimtrack.store import Store

OTHER = "other"  # claims about talks in general that carry no topic of their own


def actor_report(store: Store, actor: str) -> str:
    """The report as Markdown text; QueryError when ``actor`` names no single actor."""
    found = queries.timeline_page(store, actor).items
    profile = next(a for a in queries.actors(store) if a["id"] == found["actor"]["id"])
    urls = {row["id"]: row["url"] for row in store.query("SELECT id, url FROM articles")}
    lines = _profile(profile)
    for topic in (*TOPICS, OTHER):
        claims = [c for c in found["claims"] if _on_topic(c, topic)]
        if not claims:
            continue
        lines += ["", f"## {topic.capitalize()}", ""]
        for claim in claims:
            lines += _entry(store, claim, topic, urls.get(claim["article_id"]))
    if not found["claims"]:
        lines += ["", "No claims stored."]
    return "\n".join(lines) + "\n"


def _on_topic(claim: dict, topic: str) -> bool:
    return topic in claim["topics"] if topic != OTHER else not claim["topics"]


def _profile(actor: dict) -> list[str]:
    about = ", ".join(part for part in (actor["kind"], actor["country"]) if part)
    lines = [f"# {actor['name']}", ""]
    if about:
        lines.append(f"*{about}*  ")
    if actor["aliases"]:
        lines.append(f"**Also written as:** {', '.join(actor['aliases'])}  ")
    if actor["roles"]:
        lines.append(f"**Roles:** {', '.join(actor['roles'])}  ")
    span = f", {actor['first'] or '?'} to {actor['last'] or '?'}" if actor["claims"] else ""
    lines.append(f"**Claims:** {actor['claims']}{span}")
    return lines


def _entry(store: Store, claim: dict, topic: str, url: str | None) -> list[str]:
    """One dated position: heading, quote, slots, source, change or repetition notes."""
    source = claim["outlet"] or claim["title"] or f"article {claim['article_id']}"
    lines = [f"### {claim['published'] or 'undated'} · {source}", ""]
    lines += [f"> {_one_line(claim['content'])}", ""]
    slots = _slots(claim)
    if slots:
        lines.append(f"- {slots}")
    link = f"[{claim['title'] or url}]({url})" if url else f"article {claim['article_id']}"
    lines.append(f"- Source: {link}, claim {claim['id']}")
    # A slot stated for the first time since the last claim is not a change of position.
    changes = [c for c in claim["changes"] if c["topic"] == topic and c["from"] is not None]
    for change in changes:
        lines.append(
            f"- **Changed {change['field']}: {_value(change['from'])} → {_value(change['to'])}**"
        )
    if claim["repeated"]:
        lines.append("- *Repeated: said before, not a change of position*")
    if claim["sightings"] > 1:
        lines.append(f"- Reported {claim['sightings']} times: {_reports(store, claim)}")
    lines.append("")
    return lines


def _slots(claim: dict) -> str:
    parts = []
    if claim["venue"]:
        parts.append(f"venue: {claim['venue']}")
    if claim["time"]:
        time = claim["time"]
        resolved = f" ({time['start']} to {time['end']})" if time["start"] else ""
        parts.append(f"time: {time['text']}{resolved}")
    if claim["participants"]:
        parts.append(f"participants: {', '.join(claim['participants'])}")
    parts.append(f"polarity: {claim['polarity']}")
    return " · ".join(parts)


def _reports(store: Store, claim: dict) -> str:
    """Where the statement was reported the same day: outlets or article ids."""
    seen = [
        s["outlet"] or f"article {s['article_id']}"
        for s in claim_sightings(store.conn, claim["id"])
        if s["published"] == claim["published"]
    ]
    return ", ".join(dict.fromkeys(seen))


def _value(value: object) -> str:
    if value is None or value == []:
        return "none"
    return ", ".join(value) if isinstance(value, list) else str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())
