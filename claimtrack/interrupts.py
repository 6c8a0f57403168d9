"""Ctrl-C that waits for a block to finish, so a stored article is always counted."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT while the block runs, then raise KeyboardInterrupt if one came.

    Storing an article and counting it in the ingest summary happen together: an
    interrupt between the commit and the count would make the summary miss a stored
    article. Outside the main thread (where signals cannot be handled) this is a no-op.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt
