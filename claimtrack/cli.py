"""The ``claimtrack`` command line: parse, call the pipeline or a query, render.

Heavy modules (extraction, sources, the store) are imported inside the commands so that
``claimtrack --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack import __version__, cli_actors, cli_articles, cli_claims, cli_exchange
from claimtrack.cli_options import (
    ActorFilter,
    JsonOption,
    SinceOption,
    TopicOption,
    UntilOption,
    limit_option,
)

if TYPE_CHECKING:
    from claimtrack.models import Article, Extraction
    from claimtrack.sources import Overrides
    from claimtrack.store import Store

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
DB_FILE = "claimtrack.db"

app = typer.Typer(
    help="Track who said what about diplomatic talks across news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rich's help formatter costs 0.1 s a start
)

ClaimLimit = limit_option("newest claims")
StatementLimit = limit_option("latest statements")
DateOption = Annotated[
    str | None, typer.Option("--date", help="Publication date (YYYY[-MM[-DD]]) for the input.")
]
TitleOption = Annotated[str | None, typer.Option(help="Title for the input.")]
UrlOption = Annotated[str | None, typer.Option(help="URL the input was published at.")]
OutletOption = Annotated[str | None, typer.Option(help="Outlet (e.g. reuters.com) of the input.")]
ConfirmedOption = Annotated[
    bool, typer.Option("--confirmed", help="Only claims an analyst confirmed (see review).")
]


def default_db_path() -> Path:
    from claimtrack.lexicon import user_data_dir

    return user_data_dir() / DB_FILE


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="CLAIMTRACK_DB",
            help="SQLite database [default: claimtrack.db in the user data dir].",
            dir_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """Track who said what about diplomatic talks across news articles."""
    ctx.obj = db or default_db_path()


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    """Print a one-line error on stderr; raise the returned Exit."""
    typer.echo(f"claimtrack: error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors users cause (bad db, bad date, unknown actor) into one-line messages."""
    import sqlite3

    from claimtrack.queries import QueryError
    from claimtrack.store import StoreError

    try:
        yield
    except (StoreError, QueryError) as exc:
        raise fail(str(exc)) from None
    except sqlite3.Error as exc:
        raise fail(f"database error: {exc}") from None


@contextmanager
def opened(ctx: typer.Context, create: bool = False) -> Iterator[Store]:
    from claimtrack.store import open_store

    with user_errors(), open_store(ctx.obj, create=create) as store:
        yield store


def _check_topic(topic: str | None) -> None:
    from claimtrack.models import TOPICS

    if topic is not None and topic not in TOPICS:
        raise fail(f"unknown topic '{topic}': use one of {', '.join(TOPICS)}")


def _overrides(
    date: str | None, title: str | None, url: str | None, outlet: str | None
) -> Overrides:
    from claimtrack.queries import parse_date
    from claimtrack.sources import Overrides

    with user_errors():
        published = parse_date(date) if date else None
    return Overrides(published=published, title=title, url=url, outlet=outlet)


@app.command()
def ingest(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH_OR_URL", help="Files, folders, URLs, '-'."),
    ] = None,
    feeds: Annotated[
        list[str] | None,
        typer.Option("--feed", metavar="URL", help="RSS or Atom feed or sitemap; repeatable."),
    ] = None,
    date: DateOption = None,
    title: TitleOption = None,
    url: UrlOption = None,
    outlet: OutletOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Extraction processes [default: number of cores]."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Extract claims from articles and store them.

    An article already stored (same text, or same URL when known) is skipped; a feed item
    whose link is stored is skipped without fetching it, and the feed's date for an item
    is its publication date. Exits 1 when an input failed (the others are still stored),
    130 on Ctrl-C. Articles are extracted in --jobs processes and stored in input order.
    """
    from functools import partial
    from itertools import chain

    from claimtrack import render
    from claimtrack.feeds import unstored_feed_articles
    from claimtrack.parallel import default_jobs, extract_stream
    from claimtrack.sources import iter_articles

    if not inputs and not feeds:
        raise fail("nothing to ingest: give files, folders, URLs, '-' or --feed URL")
    overrides = _overrides(date, title, url, outlet)
    if feeds and any((date, title, url, outlet)):
        raise fail("--date/--title/--url/--outlet set one input's metadata, not a feed's")
    summary: dict = {"added": [], "duplicates": [], "failed": [], "claims": 0}
    with opened(ctx, create=True) as store, _progress() as advance:
        try:
            items = chain(
                iter_articles(inputs, overrides) if inputs else (),
                unstored_feed_articles(store, feeds or (), summary["duplicates"]),
            )
            wanted = partial(_needs_extraction, store, summary)
            for item, outcome in extract_stream(items, wanted, jobs or default_jobs()):
                if outcome is not None:
                    _store_extracted(store, item, outcome, summary)
                advance()
            summary["interrupted"] = False
        except KeyboardInterrupt:
            summary["interrupted"] = True
    render.emit(summary, as_json, render.ingest_summary)
    if summary["interrupted"]:
        raise typer.Exit(EXIT_INTERRUPTED)
    if summary["failed"]:
        raise typer.Exit(EXIT_FAILED)


def _needs_extraction(store: Store, summary: dict, item: object) -> bool:
    """Whether an item is a new Article; an InputError or a duplicate goes to the summary."""
    from claimtrack.sources import InputError

    if isinstance(item, InputError):
        summary["failed"].append({"origin": item.origin, "reason": item.reason})
        return False
    duplicate = store.find_duplicate(item)
    if duplicate is not None:
        summary["duplicates"].append({"origin": item.origin, "article_id": duplicate})
        return False
    return True


def _store_extracted(store: Store, item: Article, outcome: Extraction | str, summary: dict) -> None:
    """Store an extracted article into the running summary; ``outcome`` is what the
    extractor found or why extraction failed."""
    from dataclasses import replace

    from claimtrack.date_inference import was_inferred
    from claimtrack.interrupts import interrupts_deferred

    if isinstance(outcome, str):
        summary["failed"].append({"origin": item.origin, "reason": outcome})
        return
    # The workers infer missing dates and languages: less work for the writer.
    item = replace(
        item,
        published=outcome.published or item.published,
        language=outcome.language or item.language,
    )
    with interrupts_deferred():  # a committed article is always in the summary
        result = store.add_article(item, outcome.claims, outcome.roles, outcome.wordings)
        if result.status == "duplicate":  # another process stored it meanwhile
            summary["duplicates"].append({"origin": item.origin, "article_id": result.article_id})
            return
        added = {"origin": item.origin, "article_id": result.article_id, "claims": result.claims}
        if was_inferred(item.published):
            added["date_inferred"] = {
                "value": item.published.value,
                "evidence": item.published.evidence,
            }
        summary["added"].append(added)
        summary["claims"] += result.claims


class ExtractionFailed(Exception):
    """The extractor broke on one article; the batch goes on without it."""


def _extract(article: Article) -> Extraction:
    from claimtrack.extract import extract_article

    try:
        return extract_article(article)
    except Exception as exc:  # one bad article must not stop a batch
        raise ExtractionFailed(f"extraction failed: {type(exc).__name__}: {exc}") from exc


@contextmanager
def _progress() -> Iterator:
    """A spinner with a running count on stderr when it is a terminal; else a no-op."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed} article(s) read"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ingest", total=None)
        yield lambda: progress.advance(task)


@app.command("extract")
def extract_command(
    inputs: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, folders, URLs, '-'.")
    ],
    date: DateOption = None,
    title: TitleOption = None,
    url: UrlOption = None,
    outlet: OutletOption = None,
    as_json: JsonOption = False,
) -> None:
    """Extract claims without storing them.

    With --json, one JSON object per article a line: origin, title, outlet, url, published
    {value, precision, source, evidence}, language, claims, and roles: the people the
    article introduces with a post ({actor, role}), which ingest keeps to resolve that
    post alone in later articles.
    """
    from claimtrack import render
    from claimtrack.date_inference import with_inferred_dates
    from claimtrack.sources import InputError, iter_articles

    console = render.make_console()
    failed = False
    for item in with_inferred_dates(iter_articles(inputs, _overrides(date, title, url, outlet))):
        try:
            if isinstance(item, InputError):
                raise ExtractionFailed(item.reason)
            extraction = _extract(item)
        except ExtractionFailed as exc:
            typer.echo(f"claimtrack: failed: {item.origin}: {exc}", err=True)
            failed = True
            continue
        if as_json:
            render.print_json_line(render.extracted_json(item, extraction))
        else:
            render.extracted(console, item, extraction.claims)
    if failed:
        raise typer.Exit(EXIT_FAILED)


@app.command("who-said")
def who_said(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(metavar="QUERY...", help="Words to find in claims (content and slots)."),
    ],
    topic: TopicOption = None,
    actor: ActorFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: ClaimLimit = None,
    confirmed: ConfirmedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Which actors said something matching QUERY.

    QUERY (one or more words, quoted or not) is matched as a phrase (punctuation ignored)
    against claim content, venue, participants and speaker. The newest matching claims
    are grouped by actor, the actor with the newest claim first; the last line says how
    many match in all.
    """
    from claimtrack import queries, render

    _check_topic(topic)
    query = " ".join(words)
    shown = queries.page_limit(limit, as_json)
    with opened(ctx) as store:
        page = queries.who_said_page(store, query, topic, actor, since, until, shown, confirmed)
    if as_json:
        render.print_json(page.items)
    else:
        render.who_said(render.make_console(), page, query)


@app.command()
def timeline(
    ctx: typer.Context,
    actor: Annotated[str, typer.Argument(help="Any unambiguous part of the actor's name.")],
    topic: TopicOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    confirmed: ConfirmedOption = False,
    limit: StatementLimit = None,
    as_json: JsonOption = False,
) -> None:
    """An actor's claims in date order (the latest ones; --limit 0 for all).

    A claim is marked where it changed the actor's position on a topic (the topic's own
    slot: talks status, venue, time, participants; or polarity) from the previous date
    they spoke on it. Claims of one date are one position; a repeated statement is never
    a change.
    """
    from claimtrack import queries, render

    _check_topic(topic)
    shown = queries.page_limit(limit, as_json)
    with opened(ctx) as store:
        page = queries.timeline_page(store, actor, topic, since, until, confirmed, shown)
    render.emit_page(page, as_json, render.timeline)


@app.command()
def diff(
    ctx: typer.Context,
    actor: Annotated[str, typer.Argument(help="Any unambiguous part of the actor's name.")],
    before: Annotated[str, typer.Option("--from", help="Date or article id (12, article:12).")],
    after: Annotated[str, typer.Option("--to", help="Date or article id (12, article:12).")],
    topic: TopicOption = None,
    confirmed: ConfirmedOption = False,
    as_json: JsonOption = False,
) -> None:
    """How an actor's position moved per topic.

    Shows old -> new values of each topic's slot and polarity with the quotes. A date side
    takes every claim on the topic of the latest date at or before it (--to: after --from);
    an article side the claims on the topic in that article.
    """
    from claimtrack import queries, render

    _check_topic(topic)
    with opened(ctx) as store:
        result = queries.diff(store, actor, before, after, topic, confirmed)
    render.emit(result, as_json, render.diff)


@app.command()
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID", help="A claim id, or article:ID.")],
    as_json: JsonOption = False,
) -> None:
    """Show a claim, or an article with article:ID.

    A claim (ID as listed in --json output) is shown in its paragraph with speaker, cue and
    content marked, plus article, offsets and extractor version. article:ID shows the
    article's text, metadata and claims.
    """
    from claimtrack import queries, render

    kind, _, number = ref.rpartition(":")
    if kind not in ("", "article") or not number.isdigit():
        raise fail(f"bad id '{ref}': use a claim id (12) or article:ID (article:3)")
    with opened(ctx) as store:
        if kind == "article":
            detail = queries.article_detail(store, int(number))
        else:
            detail = queries.claim_detail(store, int(number))
    if as_json:
        render.print_json(detail)
    elif kind == "article":
        render.article(render.make_console(), detail)
    else:
        render.claim(render.make_console(), detail)


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        Path, typer.Argument(help="Folder with text/*.txt and attributions/*.ann.")
    ],
    misses: Annotated[
        bool, typer.Option("--misses", help="List missed gold attributions.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score attribution extraction against brat standoff gold (e.g. PolNeAR)."""
    from claimtrack import evaluate

    if not (gold_dir / "text").is_dir():
        raise fail(f"{gold_dir}: no text/ folder")
    evaluate.print_report(evaluate.evaluate(gold_dir), misses=misses, as_json=as_json)


@app.command()
def paths(ctx: typer.Context) -> None:
    """Show where the database and the lexicons live."""
    from claimtrack.lexicon import bundled_data_dir, user_data_dir

    typer.echo(f"database: {ctx.obj}")
    typer.echo(f"bundled data: {bundled_data_dir()}")
    typer.echo(f"user data (extends bundled): {user_data_dir() / 'data'}")


cli_actors.register(app)
cli_articles.register(app)
cli_claims.register(app)
cli_exchange.register(app)


def main() -> None:
    app()
