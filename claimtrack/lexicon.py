"""Language resources kept as data: word lists and tables under ``data/``.

Lists are UTF-8 text, one entry a line, ``#`` starts a comment. Tables are JSON.
A file of the same name in the user's data directory (``claimtrack paths`` shows it)
extends the bundled one: list entries are added, JSON objects are merged key by key and
JSON lists are appended.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "claimtrack"


def bundled_data_dir() -> Path:
    """``claimtrack/data`` in an installed wheel, else the checkout's top-level ``data/``."""
    installed = Path(__file__).parent / "data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "data"


def user_data_dir() -> Path:
    """Where a user's own lexicon extensions and the default database live."""
    override = os.environ.get("CLAIMTRACK_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def _candidates(name: str) -> list[Path]:
    paths = [bundled_data_dir() / name, user_data_dir() / "data" / name]
    return [p for p in paths if p.is_file()]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Entries of a list file, bundled first then the user's, without duplicates."""
    seen: dict[str, None] = {}
    for path in _candidates(name):
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = line.split("#", 1)[0].strip()
            if entry:
                seen.setdefault(entry, None)
    return tuple(seen)


@cache
def table(name: str) -> dict | list:
    """A JSON table, the user's file merged over the bundled one."""
    merged: dict | list | None = None
    for path in _candidates(name):
        data = json.loads(path.read_text(encoding="utf-8"))
        merged = data if merged is None else _merge(merged, data)
    if merged is None:
        raise FileNotFoundError(f"lexicon table {name!r} not found in {bundled_data_dir()}")
    return merged


def _merge(base: dict | list, extra: dict | list) -> dict | list:
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(out[key], value) if key in out else value
        return out
    return extra
