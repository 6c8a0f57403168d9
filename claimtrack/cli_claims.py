"""The analyst in the loop: ``claims confirm|reject|set``, ``review`` and ``reprocess``.

Corrections are stored apart from extraction and survive re-extraction (see
``claimtrack.corrections``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli_actors import deciding
from claimtrack.cli_options import ActorFilter, SinceOption, TopicOption, UntilOption

if TYPE_CHECKING:
    from claimtrack.store import Store

claims_app = typer.Typer(
    help="Confirm, reject or correct a claim (ids as listed by --json output).",
    rich_markup_mode=None,
    no_args_is_help=True,
)

ClaimArgument = Annotated[int, typer.Argument(metavar="ID", help="A claim id.")]
REVIEW_KEYS = "c confirm, r reject, s speaker, t topics, p polarity, n skip, q quit"


@claims_app.command()
def confirm(ctx: typer.Context, claim_id: ClaimArgument) -> None:
    """Mark a claim as checked and right; --confirmed queries keep only such claims."""
    from claimtrack import corrections

    with deciding(ctx) as store:
        corrections.confirm(store, claim_id)
    typer.echo(f"claim {claim_id} confirmed")


@claims_app.command()
def reject(ctx: typer.Context, claim_id: ClaimArgument) -> None:
    """Mark a claim as wrong: it disappears from who-said, timeline and diff."""
    from claimtrack import corrections

    with deciding(ctx) as store:
        corrections.reject(store, claim_id)
    typer.echo(f"claim {claim_id} rejected")


@claims_app.command("set")
def set_slots(
    ctx: typer.Context,
    claim_id: ClaimArgument,
    speaker: Annotated[str | None, typer.Option(help="Who really said it.")] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(help="A topic (repeatable): talks, venue, timeline, participants."),
    ] = None,
    venue: Annotated[str | None, typer.Option(help="Where the talks are to be held.")] = None,
    time: Annotated[
        str | None, typer.Option(help="When, as written ('next week'); dated from the article.")
    ] = None,
    polarity: Annotated[str | None, typer.Option(help="affirm, deny or uncertain.")] = None,
) -> None:
    """Correct a claim's speaker, topics, venue, time or polarity."""
    from claimtrack import corrections

    with deciding(ctx) as store:
        corrections.set_slots(store, claim_id, speaker, topic, venue, time, polarity)
    typer.echo(f"claim {claim_id} corrected")


def review(
    ctx: typer.Context,
    actor: ActorFilter = None,
    topic: TopicOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Walk through claims nobody reviewed yet, oldest first.

    Each claim is shown in its paragraph; answer c (confirm), r (reject), s (set the
    speaker), t (set the topics), p (set the polarity), n (skip) or q (quit). Every answer
    is saved at once.
    """
    from claimtrack import corrections, queries
    from claimtrack.cli import fail, opened
    from claimtrack.models import TOPICS

    if topic is not None and topic not in TOPICS:
        raise fail(f"unknown topic '{topic}': use one of {', '.join(TOPICS)}")
    with opened(ctx) as store:
        actor_id = queries.resolve_actor(store, actor)["id"] if actor else None
        since = queries.parse_date(since) if since else None
        until = queries.parse_date(until) if until else None
        pending = corrections.unreviewed(store, actor_id, topic, since, until)
    counts = {"confirmed": 0, "rejected": 0, "corrected": 0, "skipped": 0}
    typer.echo(f"{len(pending)} claim(s) to review")
    for claim_id in pending:
        if not _review_one(ctx, claim_id, counts):
            break
    typer.echo(", ".join(f"{count} {what}" for what, count in counts.items()))


def _review_one(ctx: typer.Context, claim_id: int, counts: dict[str, int]) -> bool:
    """Show one claim and take answers until it is decided; False when the user quits."""
    from claimtrack import corrections, queries, render
    from claimtrack.cli import opened

    with opened(ctx) as store:
        render.claim(render.make_console(), queries.claim_detail(store, claim_id))
    while True:
        key = _ask(REVIEW_KEYS, "n")
        if key in (None, "q"):
            return False
        if key == "n":
            counts["skipped"] += 1
            return True
        if key in ("c", "r"):
            with deciding(ctx) as store:
                _decide(store, claim_id, key)
            counts["confirmed" if key == "c" else "rejected"] += 1
            return True
        changes = _slot_answer(key)
        if changes:
            with deciding(ctx) as store:
                corrections.set_slots(store, claim_id, **changes)
            counts["corrected"] += 1


def _decide(store: Store, claim_id: int, key: str) -> None:
    from claimtrack import corrections

    (corrections.confirm if key == "c" else corrections.reject)(store, claim_id)


def _slot_answer(key: str) -> dict | None:
    """Ask for the value a slot key (s, t, p) sets; None for an unknown key or no answer."""
    from claimtrack.models import POLARITIES, TOPICS

    if key == "s":
        speaker = _ask("speaker")
        return {"speaker": speaker} if speaker else None
    if key == "t":
        answer = _ask(f"topics, comma-separated ({', '.join(TOPICS)})")
        topics = [t.strip() for t in (answer or "").split(",") if t.strip() in TOPICS]
        return {"topics": topics} if topics else None
    if key == "p":
        polarity = _ask(f"polarity ({', '.join(POLARITIES)})")
        return {"polarity": polarity} if polarity in POLARITIES else None
    typer.echo(f"unknown key '{key}': {REVIEW_KEYS}")
    return None


def _ask(question: str, default: str | None = None) -> str | None:
    """One answer, stripped; None at the end of input (Ctrl-D, or no more test input)."""
    try:
        answer = typer.prompt(question, default=default, show_default=default is not None)
    except typer.Abort:
        return None
    return answer.strip().casefold() if default is not None else answer.strip()


def reprocess(
    ctx: typer.Context,
    everything: Annotated[
        bool, typer.Option("--all", help="Re-extract every article, not only stale ones.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Re-run the current extractor on articles an older extractor version processed.

    Works from the stored text and metadata (no network); each article's claims are
    replaced in one transaction. Actor decisions and claim corrections are kept. Reports
    claims added, removed and changed.
    """
    from claimtrack import render
    from claimtrack.cli import EXIT_FAILED, opened
    from claimtrack.reprocess import reprocess as run
    from claimtrack.reprocess import stale_articles

    with opened(ctx) as store:
        summary = run(store, stale_articles(store, everything))
    if as_json:
        render.print_json(summary.to_json())
    else:
        typer.echo(
            f"reprocessed {summary.articles} article(s): {summary.added} claim(s) added, "
            f"{summary.removed} removed, {summary.changed} changed, "
            f"{summary.unchanged} unchanged"
        )
        for failure in summary.failed:
            reason = f"article {failure['article_id']}: {failure['reason']}"
            typer.echo(f"claimtrack: failed: {reason}", err=True)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


def register(app: typer.Typer) -> None:
    """Add the claims group, review and reprocess to the main command line."""
    app.add_typer(claims_app, name="claims")
    app.command()(review)
    app.command()(reprocess)
