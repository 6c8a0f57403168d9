"""Query results -> rich tables for people, or JSON for programs.

Output is plain (no colour, no box lines) when stdout is not a terminal or NO_COLOR is set.
List commands (who-said, timeline, actors, articles) print a page of ``queries.PAGE_SIZE``
rows in a table unless ``--limit N`` (0: all) says otherwise, and a last line saying how
many there are in all (when they were counted, see ``queries.Page``); ``--json`` prints
every row unless ``--limit`` is given.

JSON shapes (``--json``), stable across releases; every object always has all its keys:

- claim: ``id, article_id, published, precision, outlet, title, actor, actor_kind,
  speaker_text, speaker_span, cue, cue_span, content, content_span, kind, topics, venue,
  time {text, start, end, precision} | null, participants, polarity, polarity_cue,
  event {kind, status} | null, said_on {date, precision, source, text} | null, parties
  [{name, role}], agent, confidence, extractor_version, review`` (the analyst's
  ``confirmed`` / ``rejected``, or null)
- who-said: ``[{actor, kind, claims: [claim]}]``
- timeline: ``{actor: {id, name, kind, country}, claims: [claim + changes: [{topic, field,
  from, to}], sightings, repeated]}``: one row per statement and date, ``sightings`` claims
  report it that day, ``repeated`` when it was made on an earlier date already. A change
  is a field of the topic's position (``claimtrack.positions``: talks status, venue,
  time, participants, and polarity) whose value the previous date did not hold; ``from``
  is that date's value, or the list of its values when it held several
- diff: ``{actor, from, to, topics: [{topic, status, before: [side], after: [side],
  changes: [{field, from, to}]}]}``, status one of same, changed, appeared, dropped,
  absent; a side is ``{claim_id, article_id, date, outlet, quote}`` + the topic's fields
  (talks: ``status, polarity``; venue: ``venue, polarity``; timeline: ``time`` (null: no
  timeframe), ``polarity``; participants: ``participants, polarity``); a change's
  ``from`` / ``to`` is a value, a list of values when a side held several, or null
- actors: ``[{id, name, kind, country, aliases, roles, claims, first, last}]``
- articles: ``[{id, published, precision, outlet, title, url, origin, claims}]``
- show: a claim + ``article {id, title, outlet, url, origin, published}`` and
  ``paragraph {start, end, text}`` and ``sightings: [{claim_id, article_id, published,
  outlet, title, url, content}]`` (every report of its statement); ``show article:ID``: an
  article + ``published_source, published_evidence, language, ingested_at,
  extractor_version, text, claims: [claim]``
- ingest: ``{added: [{origin, article_id, claims, date_inferred?: {value, evidence}}],
  duplicates: [{origin, article_id}],
  failed: [{origin, reason}], claims, interrupted}``
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from claimtrack.models import CLAIM_JSON_FORMAT
from claimtrack.positions import NO_TIMEFRAME

if TYPE_CHECKING:  # rich is imported when a table is drawn: --json never pays for it
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from claimtrack.models import Article, Claim, Extraction
    from claimtrack.queries import Page

PLAIN_WIDTH = 160
SLOT_WIDTH = 18
POSITION_WIDTH = 24
QUOTE_MIN_WIDTH = 30
CHANGES_WIDTH = 32
# A change between several values shows the first few; a diff side the first few quotes.
MAX_VALUES = 2
MAX_QUOTES = 4
MAX_SIGHTINGS = 10  # ``show``: the first reports of a statement; --json has them all


def is_plain(stream: TextIO) -> bool:
    """No colours or box lines: output goes to a file or pipe, or the user set NO_COLOR."""
    return bool(os.environ.get("NO_COLOR")) or not stream.isatty()


def make_console(stderr: bool = False) -> Console:
    """A console that never reads markup: article text is full of [brackets]."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if is_plain(stream):
        width = int(os.environ.get("COLUMNS", PLAIN_WIDTH))
        return Console(
            file=stream,
            no_color=True,
            highlight=False,
            markup=False,
            width=width,
            color_system=None,
        )
    return Console(file=stream, highlight=False, markup=False)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit(data: object, as_json: bool, table: Callable[[Console, Any], None]) -> None:
    """Print a query's answer as JSON, or through its table renderer."""
    if as_json:
        print_json(data)
    else:
        table(make_console(), data)


def emit_page(page: Page, as_json: bool, table: Callable[[Console, Page], None]) -> None:
    """Print a list query's page: its items as JSON, or its table and footer."""
    if as_json:
        print_json(page.items)
    else:
        table(make_console(), page)


def _footer(console: Console, shown: int, total: int | None, which: str) -> None:
    """The last line of a cut list: how many rows were shown of how many (``total`` None:
    of more, not counted), and how to see more."""
    if total is None:
        which = which.replace(" of {total}", "")
    elif shown >= total:
        return
    shown_of = which.format(shown=shown, total=total)
    console.print(f"showing {shown_of}; --limit N for more, --limit 0 for all")


def print_json_line(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def _table(console: Console, title: str | None = None, expand: bool = False) -> Table:
    """A table; ``expand`` tables give the room left by the other columns to ratio columns
    (the quotes)."""
    from rich import box
    from rich.table import Table

    plain = console.no_color or not console.is_terminal
    return Table(
        title=title,
        box=None if plain else box.SIMPLE_HEAVY,
        show_edge=not plain,
        title_justify="left",
        pad_edge=False,
        expand=expand,
    )


def _time(claim: dict) -> str:
    return claim["time"]["text"] if claim["time"] else ""


def _date(claim: dict) -> str:
    """The publication date, and the day the claim was said when the text gives another."""
    published = claim["published"] or "?"
    said = claim.get("said_on")
    if said and said["source"] == "text" and said["date"] != published:
        return f"{published}\nsaid {said['date']}"
    return published


def _claim_columns(table: Table) -> None:
    """Columns of every claim table: the slots stay narrow so the quote keeps the width."""
    table.add_column("date", max_width=SLOT_WIDTH)
    table.add_column("topics", max_width=len("participants"))
    table.add_column("position", max_width=POSITION_WIDTH)
    table.add_column("polarity", no_wrap=True)
    table.add_column("quote", ratio=1, min_width=QUOTE_MIN_WIDTH)
    table.add_column("id", justify="right", no_wrap=True)


def _claim_cells(claim: dict, quote: Text | str | None = None) -> list[Text | str]:
    dated = _date(claim) + (f"\n{claim['outlet']}" if claim["outlet"] else "")
    return [
        dated,
        ", ".join(claim["topics"]),
        _position(claim),
        claim["polarity"] or "",
        claim["content"] if quote is None else quote,
        str(claim["id"]),
    ]


def who_said(console: Console, page: Page, query: str) -> None:
    """A table per actor; an actor cut short by the page says how many claims it has."""
    if not page.items:
        console.print(f"No claims match '{query}'.")
        return
    shown = 0
    for group in page.items:
        count = len(group["claims"])
        shown += count
        total = page.group_totals.get(group["actor"], count)
        counted = f"{count} of {total}" if count < total else str(count)
        title = f"{group['actor']} ({group['kind']}), {counted} claim(s)"
        table = _table(console, title, expand=True)
        _claim_columns(table)
        for claim in group["claims"]:
            table.add_row(*_claim_cells(claim))
        console.print(table)
    actors = f", by {len(page.group_totals)} actors" if page.group_totals else ""
    _footer(console, shown, page.total, "the newest {shown} of {total} matching claims" + actors)


def timeline(console: Console, page: Page) -> None:
    """One row per statement; its changes of position go under its quote, so the quote
    keeps most of the width."""
    claims = page.items["claims"]
    title = f"Timeline of {page.items['actor']['name']}"
    if page.total is not None:
        title += f": {page.total} statement(s)"
    table = _table(console, title, expand=True)
    _claim_columns(table)
    for claim in claims:
        table.add_row(*_claim_cells(claim, _quote_with_notes(claim)))
    console.print(table)
    _footer(console, len(claims), page.total, "the latest {shown} of {total} statements")


def _position(claim: dict) -> str:
    """The claim's slots, one labelled line each."""
    event = claim["event"] or {}
    slots = {
        "venue": claim["venue"],
        "time": _time(claim),
        "who": ", ".join(claim["participants"]),
        "event": event.get("status"),
    }
    return "\n".join(f"{label}: {value}" for label, value in slots.items() if value)


def _quote_with_notes(claim: dict) -> Text:
    """The quote, then a line per change of position, or that it was said before."""
    from rich.text import Text

    notes = [f"* {_change_text(change)}" for change in claim["changes"]]
    if claim["repeated"]:
        notes.append("repeated: said on an earlier date")
    if claim["sightings"] > 1:
        notes.append(f"seen {claim['sightings']}x this day")
    cell = Text(claim["content"])
    if notes:
        cell.append("\n" + "\n".join(notes), style="bold yellow")
    return cell


def _change_text(change: dict) -> str:
    topic = f"{change['topic']} " if "topic" in change else ""
    return f"{topic}{change['field']}: {_values(change['from'])} -> {_values(change['to'])}"


def _values(value: object) -> str:
    """A change's side: one value, or the first few of several."""
    if not isinstance(value, list):
        return _value(value)
    shown = " / ".join(value[:MAX_VALUES])
    more = len(value) - MAX_VALUES
    return f"{shown} / +{more} more" if more > 0 else shown


def _value(value: object) -> str:
    if value is None or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def diff(console: Console, result: dict) -> None:
    """One row per topic: status, changed fields, and the quotes of both sides."""
    title = f"{result['actor']['name']}: {result['from']} -> {result['to']}"
    if not result["topics"]:
        console.print(f"{title}: no claims on these topics.")
        return
    table = _table(console, title, expand=True)
    table.add_column("topic", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("changes", max_width=CHANGES_WIDTH)
    table.add_column("before", ratio=1)
    table.add_column("after", ratio=1)
    for entry in result["topics"]:
        changes = "\n".join(_change_text(change) for change in entry["changes"])
        table.add_row(
            entry["topic"],
            entry["status"],
            changes or "-",
            _side_quotes(entry["before"]),
            _side_quotes(entry["after"]),
        )
    console.print(table)


def _side_quotes(side: list[dict]) -> str:
    """The first few claims of one side of a diff: date and values, then the quote."""
    lines = [_side_claim(claim) for claim in side[:MAX_QUOTES]]
    if len(side) > MAX_QUOTES:
        lines.append(f"... {len(side) - MAX_QUOTES} more claim(s) (see --json)")
    return "\n".join(lines)


def _side_claim(claim: dict) -> str:
    values = []
    for field in ("status", "venue", "time", "participants", "polarity"):
        value = claim.get(field)
        if field == "time" and field in claim:
            value = value["text"] if value else NO_TIMEFRAME
        if value:
            values.append(_value(value))
    return f"{claim['date'] or '?'} ({'; '.join(values)}):\n{claim['quote']}"


def actors(console: Console, page: Page) -> None:
    rows = page.items
    table = _table(console, f"{page.total} actor(s)")
    for name in ("name", "kind", "aliases", "roles", "claims", "first", "last"):
        table.add_column(name)
    for row in rows:
        table.add_row(
            row["name"],
            row["kind"] or "",
            ", ".join(row["aliases"]),
            ", ".join(row["roles"]),
            str(row["claims"]),
            row["first"] or "",
            row["last"] or "",
        )
    console.print(table)
    _footer(console, len(rows), page.total, "the {shown} most quoted of {total} actors")


def articles(console: Console, page: Page) -> None:
    rows = page.items
    table = _table(console, f"{page.total} article(s)")
    for name in ("id", "date", "precision", "outlet", "title", "claims"):
        table.add_column(name)
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["published"] or "?",
            row["precision"] or "",
            row["outlet"] or "",
            row["title"] or row["origin"] or "",
            str(row["claims"]),
        )
    console.print(table)
    _footer(console, len(rows), page.total, "the latest {shown} of {total} articles")


def claim(console: Console, detail: dict) -> None:
    """The claim's paragraph with speaker, cue and content marked, then its facts."""
    from rich.text import Text

    paragraph = detail["paragraph"]
    text = Text(paragraph["text"])
    styles = {"speaker": "bold cyan", "cue": "bold magenta", "content": "underline yellow"}
    for part, style in styles.items():
        span = detail[f"{part}_span"]
        if span:
            text.stylize(style, span[0] - paragraph["start"], span[1] - paragraph["start"])
    article = detail["article"]
    console.print(
        f"claim {detail['id']}  article {article['id']}  {article['published'] or '?'}  "
        f"{article['outlet'] or ''}  {article['title'] or article['origin'] or ''}"
    )
    console.print(text)
    facts = _table(console)
    facts.show_header = False
    facts.add_column("")
    facts.add_column("")
    for label, value in _claim_facts(detail):
        facts.add_row(label, value)
    console.print(facts)
    if len(detail["sightings"]) > 1:
        _sightings(console, detail["sightings"])


def _sightings(console: Console, rows: list[dict]) -> None:
    """The first reports of the claim's statement."""
    table = _table(console, f"Statement seen {len(rows)} times", expand=True)
    for column in ("date", "outlet", "article", "claim"):
        table.add_column(column, no_wrap=True)
    table.add_column("wording", ratio=1)
    for row in rows[:MAX_SIGHTINGS]:
        table.add_row(
            row["published"] or "?",
            row["outlet"] or "",
            str(row["article_id"]),
            str(row["claim_id"]),
            row["content"],
        )
    console.print(table)
    if len(rows) > MAX_SIGHTINGS:
        console.print(f"... {len(rows) - MAX_SIGHTINGS} more report(s) (see --json)")


def _claim_facts(detail: dict) -> list[tuple[str, str]]:
    def spanned(value: str | None, span: list[int] | None) -> str:
        return f"{value} [{span[0]}:{span[1]}]" if value and span else value or "-"

    return [
        ("actor", f"{detail['actor']} ({detail['actor_kind']})"),
        ("speaker", spanned(detail["speaker_text"], detail["speaker_span"])),
        ("cue", spanned(detail["cue"], detail["cue_span"])),
        ("content", spanned(detail["content"], detail["content_span"])),
        ("kind", detail["kind"] or "-"),
        ("topics", _value(detail["topics"])),
        ("venue", _value(detail["venue"])),
        ("time", _time(detail) or "-"),
        ("participants", _value(detail["participants"])),
        ("polarity", f"{detail['polarity']} ({detail['polarity_cue'] or 'no cue'})"),
        ("said on", _said_on(detail.get("said_on"))),
        ("event", _event(detail["event"])),
        ("parties", _value([f"{p['name']} ({p['role']})" for p in detail.get("parties", [])])),
        ("agent", _value(detail.get("agent"))),
        ("confidence", str(detail["confidence"])),
        ("extractor", str(detail["extractor_version"])),
        ("review", detail.get("review") or "-"),
    ]


def _said_on(said: dict | None) -> str:
    if not said or not said["date"]:
        return "-"
    how = f"'{said['text']}'" if said["source"] == "text" else "publication date"
    return f"{said['date']} ({said['precision']}, {how})"


def _event(event: dict | None) -> str:
    if not event:
        return "-"
    return " ".join(part for part in (event["kind"], event["status"]) if part)


def article(console: Console, detail: dict) -> None:
    console.print(
        f"article {detail['id']}  {detail['published'] or '?'} ({detail['precision']}, "
        f"{detail['published_source']})  {detail['outlet'] or ''}  "
        f"{detail['title'] or detail['origin'] or ''}"
    )
    if detail["url"]:
        console.print(detail["url"])
    console.print(detail["text"])
    table = _table(console, f"{detail['claims']} claim(s)", expand=True)
    _claim_columns(table)
    table.add_column("speaker")
    for row in detail["claims"]:
        table.add_row(*_claim_cells(row), row["actor"])
    console.print(table)


def extracted_json(article: Article, extraction: Extraction) -> dict:
    """The ``extract --json`` line for one article."""
    published = article.published
    return {
        "origin": article.origin,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": {
            "value": published.value,
            "precision": published.precision,
            "source": published.source,
            "evidence": published.evidence,
        },
        "language": extraction.language or article.language,
        "format": CLAIM_JSON_FORMAT,
        "claims": [claim.to_json() for claim in extraction.claims],
        "roles": [{"actor": seen.actor, "role": seen.role} for seen in extraction.roles],
    }


def extracted(console: Console, article: Article, claims: list[Claim]) -> None:
    published = article.published.value or "?"
    title = f"{article.origin} ({published}): {len(claims)} claim(s)"
    table = _table(console, title, expand=True)
    for name in ("speaker", "kind", "topics", "venue", "time", "polarity", "content"):
        if name == "content":
            table.add_column(name, ratio=1)
        else:
            table.add_column(name, max_width=SLOT_WIDTH)
    for found in claims:
        facets = found.facets
        table.add_row(
            found.speaker,
            found.kind,
            ", ".join(facets.topics),
            facets.venue or "",
            facets.time.text if facets.time else "",
            facets.polarity,
            found.content,
        )
    console.print(table)


def ingest_summary(console: Console, summary: dict) -> None:
    """Counts first, then one line per failed input."""
    status = "interrupted: " if summary["interrupted"] else ""
    console.print(
        f"{status}{len(summary['added'])} article(s) added, "
        f"{len(summary['duplicates'])} skipped as duplicates, "
        f"{len(summary['failed'])} failed, {summary['claims']} claim(s) found",
    )
    for added in summary["added"]:
        if "date_inferred" in added:
            inferred = added["date_inferred"]
            console.print(
                f"dated from its text: {added['origin']}: {inferred['value']} "
                f"({inferred['evidence']})",
                markup=False,
            )
    for failure in summary["failed"]:
        console.print(f"failed: {failure['origin']}: {failure['reason']}")
