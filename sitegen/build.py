"""The build, one stage after another: read -> extract -> render -> write.

Each stage does only what the inputs' changes require (see ``incremental.py``): unchanged
articles come parsed and tagged from the cache, and only the files whose bytes changed are
written. With nothing changed, the build stops after fingerprinting its inputs.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen.config import Config
from sitegen.errors import Report, SitegenError
from sitegen.incremental import BuildRecord, Run, SiteState, problems_of, replay
from sitegen.memo import BuildMemo
from sitegen.merged import merged
from sitegen.model import Site
from sitegen.outputs import OutputFile, update_output, writes_in_place
from sitegen.progress import Progress
from sitegen.theme_dirs import theme_dirs


@dataclass
class BuildResult:
    """What a build did, for the summary line."""

    counts: tuple[int, int, int]
    """Articles, events, extracted events."""
    written: list[str]
    """The output paths whose files were (re)written."""
    report: Report
    timings: dict[str, float] = field(default_factory=dict)
    up_to_date: bool = False
    """Nothing had changed since the last build: nothing was read, rendered or written."""
    later: Callable[[], BuildResult] | None = None
    """The dev server's fast render: the files put off until after the reload (``pending``)
    are made and written by this, which ends the build."""
    pending: list[str] = field(default_factory=list)

    def summary(self) -> str:
        articles, events, extracted = self.counts
        return f"{articles} articles, {events} events ({extracted} extracted), {self.work()}"

    def work(self) -> str:
        """What was written, in how long, by stage."""
        stages = ", ".join(f"{name} {secs * 1000:.0f} ms" for name, secs in self.timings.items())
        done = "up to date" if self.up_to_date else f"{len(self.written)} files written"
        return f"{done} in {sum(self.timings.values()):.2f} s ({stages})"


@contextmanager
def _timed(timings: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - start


@contextmanager
def _spared(enabled: bool) -> Iterator[Callable[[], None]]:
    """``settle()`` between stages keeps what the stages so far made out of the cyclic garbage
    collector's way until the build ends (it lives that long anyway): its full collections no
    longer walk it again and again (2.4 s of a cold build of 5,000 articles in one process), nor
    write to it in forked workers. Only for a build that opened its own state: the dev server
    settles its memory itself."""

    def settle() -> None:
        if enabled:
            gc.freeze()

    try:
        yield settle
    finally:
        if enabled:
            gc.unfreeze()


def build(
    config: Config,
    *,
    strict: bool = False,
    force: bool = False,
    cache: bool = True,
    state: SiteState | None = None,
    changed: set[Path] | None = None,
    in_place: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the site into ``config.output_dir``; raise SitegenError on a fatal problem.

    With ``strict``, any reported problem fails the build before anything is written. ``state``
    carries what earlier builds computed (the dev server keeps one); by default it is read from
    the site's cache folder, or starts empty with ``cache=False``. ``changed`` lists the files
    that changed since the last build with this ``state``, when a watcher knows (None: any).
    ``in_place`` writes changed files into output/ one by one instead of swapping in a whole new
    site (faster; for the dev server, where a half-written site is never published). Articles not
    read or tagged before are read and tagged by ``jobs`` processes (this one and forked
    workers), with ``progress``; the pages are rendered by as many.
    """
    own = state is None
    state = state or SiteState.open(config, use_cache=cache)
    run = Run(jobs, progress or Progress())
    timings: dict[str, float] = {}
    report = Report()
    with _timed(timings, "read"):
        inputs = state.scan(changed)
        record = state.record if state.up_to_date(inputs) else None
        if record is None:
            site = state.read_site(inputs, report, run)
        else:
            replay(record.problems, report)
    if strict and report:
        raise SitegenError(
            f"{len(report.errors)} errors and {len(report.warnings)} warnings (--strict)",
            hint="fix the problems listed above, or build without --strict",
        )
    if record is not None:
        return BuildResult(record.counts, [], report, timings, up_to_date=True)
    # Imported here, not above: with nothing to do, a build never loads the tagger (whose
    # patterns take longer to compile than the whole no-op build) or Jinja.
    from sitegen.render import render_site

    memo = state.memo or BuildMemo()
    memo.begin(inputs.templates)
    with _spared(own) as settle:
        settle()
        with _timed(timings, "extract"):
            extractions = state.extract(site, run)
            events, mentions = merged(memo, extractions, site)
            site = Site(config=config, articles=site.articles, events=events, mentions=mentions)
        settle()
        with _timed(timings, "render"):
            pages = render_site(site, theme_dirs(config), memo=memo, jobs=run.jobs)
        previous = state.record.outputs if state.record else None
        pending = memo.later.paths()
        if pending and not writes_in_place(config.output_dir, previous, in_place):
            pages += memo.later.make()  # output/ is written whole: nothing waits
            pending = set()
        with _timed(timings, "write"), state.lock:
            trust = in_place and state.memo is not None and state.memo.filled
            written, outputs = update_output(
                pages, config.output_dir, previous, force, in_place, trust, pending
            )
    extracted = sum(1 for e in events if not e.curated)
    counts = (len(site.articles), len(events), extracted)
    scan = replace(inputs, report=Report())  # its problems are in the record's own list

    def finish(outputs: dict[str, OutputFile]) -> None:
        memo.finish()
        state.save(BuildRecord(inputs.fingerprint(), scan, outputs, problems_of(report), counts))

    if not pending:
        finish(outputs)
        return BuildResult(counts, written, report, timings)

    def later() -> BuildResult:
        """Make and write the files put off, then end the build."""
        times: dict[str, float] = {}
        try:
            with _timed(times, "render"):
                every = pages + memo.later.make()
            # Not under the lock that requests wait on: the files written now are the ones a
            # request waits for anyway (see devserver.py), the others are this build's already.
            with _timed(times, "write"):
                more, done = update_output(
                    every, config.output_dir, outputs, in_place=True, trust=trust
                )
        except BaseException:
            memo.filled = False  # output/ is half this build's: the next one looks at every file
            raise
        finish(done)
        return BuildResult(counts, more, Report(), times)

    return BuildResult(counts, written, report, timings, later=later, pending=sorted(pending))
