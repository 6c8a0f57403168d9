"""Options several claimtrack commands share, so they read and behave the same."""

from __future__ import annotations

from typing import Annotated, Any

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ActorFilter = Annotated[str | None, typer.Option(help="Only this actor's claims.")]
TopicOption = Annotated[
    str | None, typer.Option(help="Only claims on a topic: talks, venue, timeline, participants.")
]
SinceOption = Annotated[str | None, typer.Option(help="Only articles published on/after it.")]
UntilOption = Annotated[str | None, typer.Option(help="Only articles published on/before it.")]


def limit_option(rows: str) -> Any:
    """``--limit/-n N`` of a list command; ``rows`` says what N counts ("newest claims")."""
    return Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=0,
            help=f"Show the N {rows}; 0 for all [default: 20 in a table, all with --json].",
        ),
    ]
