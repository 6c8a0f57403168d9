"""Inputs -> Article values: files, folders with manifests, HTML, URLs, feeds, stdin.

STUB, owned by the sources helper. The interface the CLI relies on is below.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimtrack.models import Article, PublishedDate


@dataclass(frozen=True)
class Overrides:
    """Metadata the user sets on the command line for a single input."""

    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: where, and why, in one line."""

    origin: str
    reason: str


def iter_articles(
    inputs: list[str], overrides: Overrides = Overrides()
) -> Iterator[Article | InputError]:
    """Yield one Article (or InputError) per article found in the inputs, lazily."""
    for item in inputs:
        path = Path(item)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield InputError(str(file), str(exc))
                continue
            yield Article(text=text, origin=str(file), published=PublishedDate())
