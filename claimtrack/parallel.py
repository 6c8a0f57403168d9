"""Claim extraction over a stream of articles in worker processes, results in input order.

``extract.extract`` is a pure function of an ``Article``, so it runs in a pool of worker
processes while the caller (the single SQLite writer) stores results as they come back.
The stream is bounded: at most ``IN_FLIGHT_PER_JOB`` articles per worker are read ahead,
however many inputs there are, so memory does not grow with the batch.
"""

from __future__ import annotations

import ctypes
import importlib
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import TypeVar

from claimtrack.models import Article, Extraction

# Articles read ahead per worker: enough to keep every worker busy while the writer stores
# one result, few enough that memory stays a few megabytes.
IN_FLIGHT_PER_JOB = 4
# How often a worker without Linux's parent-death signal checks that its parent lives.
ORPHAN_CHECK_S = 1.0
_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
_ORPHAN_CHECK = threading.Event()  # never set: its wait() paces the watchdog

Item = TypeVar("Item")
# What the extractor found, or the one-line reason an article could not be extracted.
Outcome = Extraction | str


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def extract_outcome(article: Article) -> Outcome:
    """The article's extraction with its claims' wordings, or why it failed: one bad
    article must not stop a batch."""
    from claimtrack.extract import extract_article
    from claimtrack.statements import wording

    try:
        extraction = extract_article(article)
        extraction.wordings = [wording(claim.content) for claim in extraction.claims]
        return extraction
    except Exception as exc:
        return f"extraction failed: {type(exc).__name__}: {exc}"


def extract_stream(
    items: Iterable[Item],
    wanted: Callable[[Item], bool],
    jobs: int,
    extractor: Callable[[Article], Outcome] = extract_outcome,
) -> Iterator[tuple[Item, Outcome | None]]:
    """Yield ``(item, outcome)`` for every item, in input order.

    ``outcome`` is None for an item ``wanted`` turns down (an input error, a duplicate),
    else the extractor's result for it. ``jobs`` > 1 extracts in that many processes;
    ``extractor`` must then be a module-level function (it is sent to the workers).
    Ctrl-C while reading inputs or waiting for workers first yields the articles already
    in flight, then raises KeyboardInterrupt; a second Ctrl-C stops at once.
    """
    if jobs <= 1:
        for item in items:
            yield item, extractor(item) if wanted(item) else None
        return
    with _Workers(jobs, extractor) as workers:
        pending: deque[tuple[Item, Future | None]] = deque()
        interrupted = False
        try:
            for item in items:
                pending.append((item, workers.submit(item) if wanted(item) else None))
                while pending and (len(pending) > jobs * IN_FLIGHT_PER_JOB or _ready(pending)):
                    yield _settle(pending, workers)
        except KeyboardInterrupt:
            interrupted = True
        while pending:
            yield _settle(pending, workers)
        if interrupted:
            raise KeyboardInterrupt


def _ready(pending: deque) -> bool:
    future = pending[0][1]
    return future is None or future.done()


def _settle(pending: deque, workers: _Workers) -> tuple:
    """The oldest pending item with its outcome, waiting for it if needed.

    The item leaves the queue only once its outcome is known, so an interrupted wait
    loses nothing.
    """
    item, future = pending[0]
    outcome = None if future is None else workers.result(future)
    pending.popleft()
    return item, outcome


class _Workers:
    """A process pool that survives a worker dying (killed, out of memory).

    The articles in flight when a worker dies are reported as failed; a fresh pool takes
    the rest.
    """

    def __init__(self, jobs: int, extractor: Callable[[Article], Outcome]) -> None:
        importlib.import_module("claimtrack.extract")  # once here, inherited by forked workers
        self.jobs = jobs
        self.extractor = extractor
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        # fork starts a worker in milliseconds with every module already imported.
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        return ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
        )

    def submit(self, article: Article) -> Future:
        # The raw page is stored by the writer, never read by the extractor: keep it home.
        light = replace(article, raw=None)
        try:
            return self.pool.submit(self.extractor, light)
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
            return self.pool.submit(self.extractor, light)

    def result(self, future: Future) -> Outcome:
        try:
            return future.result()
        except BrokenProcessPool:
            return "extraction failed: the worker process died"
        except Exception as exc:  # e.g. claims that could not be sent back
            return f"extraction failed: {type(exc).__name__}: {exc}"

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the main process, which drains them and prints a summary,
    and die with it: a ``kill -9`` of the ingest must not leave them waiting forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _terminate_with_parent():
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the worker could ask
        os._exit(1)


def _terminate_with_parent() -> bool:
    """Ask Linux to send SIGTERM when the parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _exit_when_orphaned(parent: int) -> None:
    """Elsewhere, a watchdog: an orphan is adopted by another process, so its parent id
    changes."""
    while not _ORPHAN_CHECK.wait(ORPHAN_CHECK_S):
        if os.getppid() != parent:
            os._exit(1)
