"""The build, one stage after another: read -> extract -> render -> write."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sitegen.articles import find_article_files, read_articles
from sitegen.config import Config
from sitegen.curated import read_curated_events
from sitegen.errors import Report, SitegenError
from sitegen.extract import extract_events
from sitegen.model import Site
from sitegen.render import render_site
from sitegen.theme_dirs import theme_dirs
from sitegen.writer import write_site


@dataclass
class BuildResult:
    """What a build did, for the summary line."""

    site: Site
    pages_written: int
    report: Report
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        extracted = sum(1 for e in self.site.events if not e.curated)
        stages = ", ".join(f"{name} {secs * 1000:.0f} ms" for name, secs in self.timings.items())
        return (
            f"{len(self.site.articles)} articles, {len(self.site.events)} events "
            f"({extracted} extracted), {self.pages_written} files written in "
            f"{sum(self.timings.values()):.2f} s ({stages})"
        )


@contextmanager
def _timed(timings: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - start


def read_site(config: Config, report: Report) -> Site:
    """Gather all input: articles and curated events (bad files are reported and skipped)."""
    paths = find_article_files(
        config.content_dir, config.seeds_dir, config.events_dir, config.root, report
    )
    articles = read_articles(paths, config.zone, report)
    curated = read_curated_events(config.events_dir, config.root, report)
    return Site(config=config, articles=articles, events=curated)


def build(
    config: Config,
    *,
    strict: bool = False,
    force: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the site into ``config.output_dir``; raise SitegenError on a fatal problem.

    With ``strict``, any reported problem fails the build before anything is written.
    """
    timings: dict[str, float] = {}
    report = Report()
    with _timed(timings, "read"):
        site = read_site(config, report)
    if strict and report:
        raise SitegenError(
            f"{len(report.errors)} errors and {len(report.warnings)} warnings (--strict)",
            hint="fix the problems listed above, or build without --strict",
        )
    with _timed(timings, "extract"):
        events, mentions = extract_events(site.articles, site.events)
        site = Site(config=config, articles=site.articles, events=events, mentions=mentions)
    with _timed(timings, "render"):
        pages = render_site(site, theme_dirs(config))
    with _timed(timings, "write"):
        written = write_site(pages, config.output_dir, force=force)
    return BuildResult(site=site, pages_written=written, report=report, timings=timings)
