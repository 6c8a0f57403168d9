"""Commands moving claims in and out of a store: ``export``, ``import`` and ``report``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from claimtrack.cli_options import ActorFilter, SinceOption, TopicOption, UntilOption

OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", dir_okay=False, help="Write to FILE, not stdout.")
]


def export(
    ctx: typer.Context,
    what: Annotated[
        str, typer.Option(help="claims (with their actors and articles), actors, articles, all.")
    ] = "claims",
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or md.")] = "jsonl",
    actor: ActorFilter = None,
    topic: TopicOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: OutputOption = None,
) -> None:
    """Export claims, actors or articles as JSON Lines, CSV or a Markdown table.

    A JSON Lines export of claims carries the actors and articles (with their text) the
    claims need, so 'claimtrack import' rebuilds them in another database; --what all
    exports the whole store. CSV and Markdown hold one kind of record.
    """
    from claimtrack import exchange
    from claimtrack.cli import _check_topic, fail, opened

    if what not in exchange.WHAT:
        raise fail(f"unknown --what '{what}': use one of {', '.join(exchange.WHAT)}")
    if fmt not in exchange.FORMATS:
        raise fail(f"unknown --format '{fmt}': use one of {', '.join(exchange.FORMATS)}")
    _check_topic(topic)
    selection = exchange.Selection(actor, topic, since, until)
    with opened(ctx) as store, _writing(output) as out:
        try:
            count = exchange.write(exchange.records(store, what, selection), what, fmt, out)
        except exchange.ExchangeError as exc:
            raise fail(str(exc)) from None
    if output is not None:
        typer.echo(f"{count} record(s) written to {output}", err=True)


@contextmanager
def _writing(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    from claimtrack.cli import fail

    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            yield out
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror}") from None


def import_command(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="FILE.jsonl", help="A 'claimtrack export' JSON Lines file.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Import a JSON Lines export: actors, articles with their text, claims with all fields.

    Actors merge into stored ones of the same name; articles already stored (same text or
    URL) are skipped with their claims.
    """
    from claimtrack import exchange, render
    from claimtrack.cli import fail, opened

    try:
        items = exchange.read_records(path)
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror}") from None
    except exchange.ExchangeError as exc:
        raise fail(str(exc)) from None
    with opened(ctx, create=True) as store:
        try:
            summary = exchange.import_records(store, items)
        except exchange.ExchangeError as exc:
            raise fail(str(exc)) from None
    if as_json:
        render.print_json(summary.to_json())
        return
    typer.echo(
        f"{len(summary.articles_added)} article(s) and {summary.claims} claim(s) imported, "
        f"{len(summary.articles_skipped)} article(s) already stored; actors: "
        f"{summary.actors_added} added, {summary.actors_merged} merged"
    )


def report(
    ctx: typer.Context,
    actor: Annotated[str, typer.Argument(help="Any unambiguous part of the actor's name.")],
    output: OutputOption = None,
) -> None:
    """A Markdown report on ACTOR to paste into a story: aliases and roles, then per topic
    the position over time (date, outlet, quote, slots, source link), changes in bold."""
    from claimtrack.cli import opened
    from claimtrack.report import actor_report

    with opened(ctx) as store:
        text = actor_report(store, actor)
    with _writing(output) as out:
        out.write(text)


def register(app: typer.Typer) -> None:
    """Add export, import and report to the main command line."""
    app.command()(export)
    app.command("import")(import_command)
    app.command()(report)
