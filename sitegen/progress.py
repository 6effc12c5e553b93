"""A progress bar for the long stages of a big build (reading and tagging thousands of articles).

Shown on a terminal only: never when standard error goes to a file, a pipe or CI's log, and
never under ``--quiet``. Drawn by tqdm, which redraws at most a few times a second whatever the
rate of updates, and erases its line when the stage ends so the summary line stands alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Advance = Callable[[int], None]
"""Called with how many more items of the stage are done."""

SHOW_AFTER = 1.0
"""Seconds a stage runs before its bar appears: a build of a few articles shows none."""


def _ignore(done: int) -> None:
    pass


class Progress:
    """How far each long stage has got; this one shows nothing (not a terminal, or --quiet)."""

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[Advance]:
        """A stage of ``total`` items; the caller calls the ``Advance`` it yields."""
        yield _ignore


class TerminalProgress(Progress):
    """One bar per stage on ``stream`` (a terminal)."""

    def __init__(self, stream: TextIO, delay: float) -> None:
        self.stream = stream
        self.delay = delay

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[Advance]:
        from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs installed

        # No monitor thread (monitor_interval=0): the bar is updated by the build itself, and a
        # process with a second thread should not fork the worker processes.
        tqdm.monitor_interval = 0
        with tqdm(
            total=total,
            desc=name,
            unit=" articles",
            file=self.stream,
            delay=self.delay,
            leave=False,
            dynamic_ncols=True,
        ) as bar:
            yield bar.update


def progress_for(stream: TextIO, quiet: bool = False) -> Progress:
    """A bar on ``stream`` when it is a terminal and not ``quiet``; else one that shows nothing."""
    if quiet or not stream.isatty():
        return Progress()
    return TerminalProgress(stream, SHOW_AFTER)
