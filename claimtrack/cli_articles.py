"""``claimtrack articles``: list stored articles, and ``articles set-date`` to date one.

Setting a date re-runs extraction for that article from its stored text (through
``claimtrack.reprocess``), so its claims' said-on dates and times are resolved against it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli_options import JsonOption, limit_option

articles_app = typer.Typer(
    help="List the latest articles (id, date and precision, outlet, title, claims; --limit N,"
    " 0 for all), or date one.",
    rich_markup_mode=None,
    no_args_is_help=False,
)
ArticleLimit = limit_option("latest articles")


@articles_app.callback(invoke_without_command=True)
def articles(
    ctx: typer.Context,
    limit: ArticleLimit = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, the latest in date order: id, date and precision, outlet,
    title, claims."""
    if ctx.invoked_subcommand is not None:
        return
    from claimtrack import queries, render
    from claimtrack.cli import opened

    with opened(ctx) as store:
        page = queries.articles_page(store, queries.page_limit(limit, as_json))
    render.emit_page(page, as_json, render.articles)


@articles_app.command("set-date")
def set_date(
    ctx: typer.Context,
    article_id: Annotated[int, typer.Argument(metavar="ID", help="Article id (see articles).")],
    value: Annotated[str, typer.Argument(metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY.")],
    as_json: JsonOption = False,
) -> None:
    """Set an article's publication date and re-resolve its claims' dates and times.

    The date is recorded as set by the user and wins over every other source; the
    article's claims are re-extracted from its stored text (actor decisions and claim
    corrections are kept, as with reprocess).
    """
    from claimtrack import render
    from claimtrack.cli import EXIT_FAILED, fail, opened
    from claimtrack.dates import parse_date
    from claimtrack.reprocess import reprocess
    from claimtrack.store import write_transaction

    try:
        published = parse_date(value, "user", "set by the user")
    except ValueError as exc:
        raise fail(str(exc)) from None
    with opened(ctx) as store:
        if not store.query("SELECT id FROM articles WHERE id = ?", (article_id,)):
            raise fail(f"no article with id {article_id} (ids are listed by 'articles')")
        with write_transaction(store.conn):
            store.conn.execute(
                "UPDATE articles SET published = ?, published_precision = ?,"
                " published_source = ?, published_evidence = ? WHERE id = ?",
                (published.value, published.precision, "user", published.evidence, article_id),
            )
        summary = reprocess(store, [article_id])
    result = {"article_id": article_id, "published": published.value, **summary.to_json()}
    if as_json:
        render.print_json(result)
    else:
        typer.echo(
            f"article {article_id} dated {published.value} ({published.precision}, user); "
            f"claims re-resolved: {summary.changed} changed, {summary.unchanged} unchanged, "
            f"{summary.added} added, {summary.removed} removed"
        )
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


def register(app: typer.Typer) -> None:
    """Add the articles group to the main command line."""
    app.add_typer(articles_app, name="articles")
