"""Per-article and per-page work (reading, tagging, extracting, rendering) spread over processes.

The tagger is pure Python, so threads would take turns on one core: worker processes are what
use a second core. :func:`map_ordered` is ``map`` that keeps the input order (the output must be
the same bytes whatever the number of jobs), sends the items in chunks (one round trip per chunk,
not per article) and falls back to running in this process when a pool would not pay for its
start-up: one job, or few items.

Worker processes are forked where the platform allows it: they start with sitegen's modules
already imported (the tagger's patterns take about 0.3 s to compile). Elsewhere the platform's
default start method is used: slower to start, same results. The calling process is one of the
``jobs``: it works through chunks too, instead of waiting, so ``--jobs 2`` forks one worker
(each forked worker ends up holding a copy of much of what it touches: at 5,000 articles, the
render stage with two workers and an idle build process peaked at 498 MB, against 361 MB now).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PER_JOB = 16
"""Fewer items than this per job run in-process: starting workers would cost more than it saves
(a worker starts in ~20 ms forked; tagging and extracting one article takes ~4 ms)."""
CHUNKS_PER_JOB = 8
"""Chunks per worker: enough to even out articles of very different lengths and to move the
progress bar, few enough that the round trips do not count."""
MAX_CHUNK = 64


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _exit_with_parent(parent: int) -> None:
    """End this worker as soon as the process that started it is gone.

    A build killed with SIGKILL (or the OOM killer) cannot stop its workers, and they would wait
    for work forever: each holds its own copy of the task queue's pipe, so it never reads an end.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _run_chunk(func: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [func(item) for item in chunk]


_inherited: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""``(func, items)`` of the :func:`map_ordered` call with ``inherit`` that is running: set just
before its workers are forked, so that they find it in their copy of this process."""


def _run_inherited(start: int, end: int) -> list[Any]:
    assert _inherited is not None, "inherit=True needs forked workers"
    func, items = _inherited
    return [func(items[i]) for i in range(start, end)]


def chunk_size(items: int, jobs: int) -> int:
    """Items per chunk for ``items`` items over ``jobs`` workers."""
    return max(1, min(MAX_CHUNK, -(-items // (jobs * CHUNKS_PER_JOB))))


def map_ordered(
    func: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    *,
    advance: Callable[[int], None] | None = None,
    inherit: bool = False,
) -> list[R]:
    """``[func(item) for item in items]``, computed by this process and up to ``jobs - 1``
    worker processes.

    ``func`` must be picklable (a module-level function, or a ``functools.partial`` of one whose
    arguments are picklable: they travel with each chunk) and pure apart from reading files.
    ``advance(n)`` is called in this process as each ``n`` items are done (a progress bar).
    An exception raised by ``func`` (a bug: a user's mistake is a result, such as an entry with
    its problems) is raised here once the chunks already running end; the others are cancelled.
    Interrupted (Ctrl-C reaches the workers too), the build ends with no worker left behind.

    With ``inherit``, nothing is pickled but the results: forked workers find ``func`` and
    ``items`` in their copy of this process (so ``func`` may be a closure over large objects,
    such as a site's views), and each chunk travels as two indices. Where processes cannot be
    forked, such a map runs in this process.
    """
    global _inherited
    methods = multiprocessing.get_all_start_methods()
    jobs = min(jobs, len(items) // MIN_PER_JOB)
    if jobs <= 1 or (inherit and "fork" not in methods):
        return _in_process(func, items, advance)
    size = chunk_size(len(items), jobs)
    bounds = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    chunks = [items[i:j] for i, j in bounds]
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    results: list[list[R] | None] = [None] * len(chunks)
    # The first chunk runs here, before the workers are forked: what the work compiles or caches
    # on first use (the tagger compiles a scanner for each new pair of opening letters, ~0.1 s
    # each) is then done once and inherited, not once per worker.
    results[0] = _in_process(func, chunks[0], advance)
    # This process is one of the jobs: it takes chunks from the back of the list while the
    # workers take them from the front (one worker fewer holds a copy of what it touches).
    todo = deque(range(1, len(chunks)))
    pending: dict[Future[list[R]], int] = {}

    def submit(pool: ProcessPoolExecutor) -> None:
        while todo and len(pending) < 2 * (jobs - 1):  # each worker has its next chunk
            i = todo.popleft()
            if inherit:
                pending[pool.submit(_run_inherited, *bounds[i])] = i
            else:
                pending[pool.submit(_run_chunk, func, chunks[i])] = i

    with ProcessPoolExecutor(
        jobs - 1, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        _inherited = (func, items) if inherit else None
        try:  # a forking pool starts all its workers at the first submit
            submit(pool)
        finally:
            _inherited = None
        try:
            while todo or pending:
                if todo:
                    index = todo.pop()
                    results[index] = _in_process(func, chunks[index], advance)
                timeout = 0 if todo else None
                done, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
                for future in done:
                    index = pending.pop(future)
                    results[index] = future.result()
                    if advance:
                        advance(len(chunks[index]))
                submit(pool)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return [result for chunk in results if chunk is not None for result in chunk]


def _in_process(
    func: Callable[[T], R], items: Sequence[T], advance: Callable[[int], None] | None
) -> list[R]:
    results = []
    for item in items:
        results.append(func(item))
        if advance:
            advance(1)
    return results
