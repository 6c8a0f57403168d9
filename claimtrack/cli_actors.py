"""``claimtrack actors``: list actors, and the analyst's merge / split / alias / rename.

Decisions are stored and win over the extractor's guesses on every later ingest and
reprocess (see ``claimtrack.identities``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli_options import JsonOption, limit_option

if TYPE_CHECKING:
    from claimtrack.store import Store

ACTORS_HELP = """List actors, or fix who is who.

Bare 'claimtrack actors' lists the most quoted actors (--limit N, 0 for all): kind,
aliases, roles, claim count, first and last date. The subcommands record the analyst's
decisions, which win over what the extractor guesses on every later ingest and reprocess.
Known actors (names, spellings, roles) come from the bundled data/actors.json; an
actors.json in the user data dir ('claimtrack paths') extends it, e.g. {"actors":
[{"name": "Mike Waltz", "kind": "person", "aliases": ["Michael Waltz"]}]}.
"""

actors_app = typer.Typer(help=ACTORS_HELP, rich_markup_mode=None, no_args_is_help=False)
alias_app = typer.Typer(help="Add names to an actor.", rich_markup_mode=None)
actors_app.add_typer(alias_app, name="alias")

ActorArgument = Annotated[str, typer.Argument(help="Any unambiguous part of the actor's name.")]
ActorLimit = limit_option("most quoted actors")


@actors_app.callback(invoke_without_command=True)
def actors(
    ctx: typer.Context,
    limit: ActorLimit = None,
    as_json: JsonOption = False,
) -> None:
    """List actors, most quoted first: kind, aliases, roles, claim count, first and last
    date."""
    if ctx.invoked_subcommand is not None:
        return
    from claimtrack import queries, render
    from claimtrack.cli import opened

    with opened(ctx) as store:
        page = queries.actors_page(store, queries.page_limit(limit, as_json))
    render.emit_page(page, as_json, render.actors)


@actors_app.command()
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(metavar="A", help="The actor that stays.")],
    fold: Annotated[str, typer.Argument(metavar="B", help="The actor folded into A.")],
) -> None:
    """Fold actor B into A: B's claims and names become A's.

    Use it when the extractor kept one actor apart under two names; it never merges two
    people whose first names differ on its own (Donald Trump / Donald Trump Jr.).
    """
    from claimtrack import identities

    with deciding(ctx) as store:
        kept, folded = _actor(store, keep), _actor(store, fold)
        identities.merge(store, kept, folded)
    typer.echo(f"merged '{folded['name']}' into '{kept['name']}'")


@actors_app.command()
def split(
    ctx: typer.Context,
    actor: ActorArgument,
    alias: Annotated[str, typer.Argument(help="The name that denotes someone else.")],
) -> None:
    """Make ALIAS a new actor, with the claims whose speaker was written that way."""
    from claimtrack import identities

    with deciding(ctx) as store:
        new = identities.split(store, _actor(store, actor), alias)
    typer.echo(f"split '{new['name']}' off as a new actor with {new['claims']} claim(s)")


@alias_app.command("add")
def alias_add(
    ctx: typer.Context,
    name: ActorArgument,
    alias: Annotated[str, typer.Argument(help="Another name or spelling of the actor.")],
) -> None:
    """Make ALIAS a name of the actor; claims filed under it move to the actor."""
    from claimtrack import identities

    with deciding(ctx) as store:
        found = _actor(store, name)
        moved = identities.add_alias(store, found, alias)
    typer.echo(f"'{alias}' is now a name of '{found['name']}' ({moved} claim(s) moved)")


@actors_app.command()
def rename(
    ctx: typer.Context,
    actor: ActorArgument,
    new_name: Annotated[str, typer.Argument(help="The actor's new canonical name.")],
) -> None:
    """Give an actor a new canonical name; the old one stays an alias."""
    from claimtrack import identities

    with deciding(ctx) as store:
        found = _actor(store, actor)
        identities.rename(store, found, new_name)
    typer.echo(f"renamed '{found['name']}' to '{new_name}'")


def _actor(store: Store, name: str) -> dict:
    from claimtrack.queries import resolve_actor

    return resolve_actor(store, name)


@contextmanager
def deciding(ctx: typer.Context) -> Iterator[Store]:
    """The store with one write transaction around an analyst's decision or correction;
    a decision that cannot be made becomes a one-line error and changes nothing."""
    from claimtrack.cli import fail, opened
    from claimtrack.corrections import CorrectionError
    from claimtrack.identities import DecisionError
    from claimtrack.store import write_transaction

    try:
        with opened(ctx) as store, write_transaction(store.conn):
            yield store
    except (DecisionError, CorrectionError) as exc:
        raise fail(str(exc)) from None


def register(app: typer.Typer) -> None:
    """Add the actors group to the main command line."""
    app.add_typer(actors_app, name="actors")
