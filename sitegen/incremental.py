"""What a build read and computed, per input file, so that the next build redoes only what changed.

Shared by ``sitegen build`` (backed by the on-disk cache) and ``sitegen serve`` (which keeps one
:class:`SiteState` in memory between rebuilds). Every input is fingerprinted by its bytes:

- an article by its path, its file and its sidecar (and the time zone its dates are read in):
  an unchanged article is never parsed or tagged twice;
- its extraction by the article's fingerprint and the curated events' (extraction links
  sentences to curated aliases, so an edited event invalidates every article's extraction);
- the whole build by every input, the theme, the settings and sitegen's own code: when none
  changed and output/ is as the last build left it, there is nothing to do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from sitegen.articles import SAME_ID_HINT, read_article
from sitegen.cache import CACHE_DIR, DiskCache
from sitegen.config import Config
from sitegen.curated import read_curated_events
from sitegen.errors import ContentError, Report, SitegenError
from sitegen.fields import claim_id
from sitegen.inputs import Inputs, digest, rescan_inputs, scan_inputs
from sitegen.memo import BuildMemo
from sitegen.model import Article, Event, Site
from sitegen.outputs import OutputFile, output_intact
from sitegen.parallel import map_ordered
from sitegen.progress import Progress

if TYPE_CHECKING:
    from sitegen.extract import ArticleExtraction
    from sitegen.extract.linking import AliasIndex

T = TypeVar("T")
X = TypeVar("X")
Problems = list[tuple[str, SitegenError]]
"""``("error" | "warning", problem)`` in the order they were met, to replay into a Report."""


@dataclass
class ArticleEntry:
    """One article file as read: the article, or None when it could not be, and its problems."""

    article: Article | None
    problems: Problems


@dataclass
class BuildRecord:
    """What the last build of one output folder read and wrote."""

    inputs: str
    """:meth:`Inputs.fingerprint` of that build."""
    scan: Inputs
    """Its inputs' fingerprints and what stat said of the files (to skip reading them again)."""
    outputs: dict[str, OutputFile]
    problems: Problems
    counts: tuple[int, int, int]
    """Articles, events, extracted events (for the summary of a build with nothing to do)."""


def replay(problems: Problems, report: Report) -> None:
    for kind, problem in problems:
        (report.error if kind == "error" else report.warn)(problem)


def problems_of(report: Report) -> Problems:
    return [("error", p) for p in report.errors] + [("warning", p) for p in report.warnings]


@dataclass
class Run:
    """How to compute what is missing: by how many worker processes, shown on what progress."""

    jobs: int = 1
    progress: Progress = field(default_factory=Progress)


def read_entry(name: str, zone: ZoneInfo) -> ArticleEntry:
    """One article file as read, its problems collected (run in a worker process)."""
    path = Path(name)
    report = Report()
    try:
        article = read_article(path, zone, report)
    except SitegenError as exc:
        report.error(exc)
        article = None
    except OSError as exc:
        report.error(ContentError(f"cannot be read: {exc.strerror}", path=path))
        article = None
    return ArticleEntry(article, problems_of(report))


def extract_entry(aliases: AliasIndex, article: Article) -> ArticleExtraction:
    """One article's extraction (run in a worker process)."""
    from sitegen import extract  # looked up at each call, so that tests can count the calls

    return extract.extract_article(article, aliases)


class SiteState:
    """Per-file results of earlier builds: in memory, and on disk when given a cache."""

    def __init__(self, config: Config, cache: DiskCache | None = None, prune: bool = True) -> None:
        self.config = config
        self.cache = cache
        self.prune = prune
        """Drop cache entries a build did not use (not the dev server: it rebuilds often)."""
        self.lock = threading.Lock()
        """Held while output/ is being changed (the dev server reads pages under it)."""
        self._entries: dict[str, tuple[str, ArticleEntry]] = {}
        self._extractions: dict[str, tuple[str, ArticleExtraction]] = {}
        self._curated: tuple[str, list[Event], Problems] | None = None
        self._digest_of: dict[str, str] = {}
        self._x_keys: tuple[str, dict[str, str]] = ("", {})
        """The curated events' digest, and each article fingerprint's extraction key."""
        self.deferred = False
        """Keep the build record in memory until :meth:`persist` (the dev server: pickling the
        record of a whole site after every save would cost more than the rebuild)."""
        self.memo: BuildMemo | None = None
        """Views, pages and the merge of earlier builds in this process: the dev server sets
        one, a one-off ``sitegen build`` has no use for it."""
        self.inputs: Inputs | None = None
        """The last scan's fingerprints."""
        self._record_key = digest("record", str(config.output_dir))
        self.record: BuildRecord | None = cache.get(self._record_key) if cache else None

    @classmethod
    def open(cls, config: Config, use_cache: bool = True, prune: bool = True) -> SiteState:
        """A state backed by ``.sitegen-cache/`` in the site folder (or by nothing)."""
        return cls(config, DiskCache(config.root / CACHE_DIR) if use_cache else None, prune)

    def scan(self, changed: set[Path] | None = None) -> Inputs:
        """Fingerprint the inputs: all of them, or only ``changed`` ones since the last scan."""
        if changed is None or self.inputs is None:
            known = self.inputs or (self.record.scan if self.record else None)
            self.inputs = scan_inputs(self.config, known)
        else:
            self.inputs = rescan_inputs(self.config, self.inputs, changed)
        return self.inputs

    def up_to_date(self, inputs: Inputs) -> bool:
        """True when the last build read exactly these inputs and its output is untouched."""
        record = self.record
        return (
            record is not None
            and (self.memo is None or (self.memo.filled and not self.memo.exact_due))
            and record.inputs == inputs.fingerprint()
            and output_intact(self.config.output_dir, record.outputs)
        )

    def _cached(
        self,
        memory: dict[str, tuple[str, T]],
        keyed: list[tuple[str, str, X]],
        compute: Callable[[X], T],
        run: Run,
        stage: str,
    ) -> list[T]:
        """``compute(x)`` for each ``(path, key, x)``: from memory, else from the cache, else
        computed, all the missing ones at once (by ``run.jobs`` worker processes)."""
        values: list[T | None] = []
        missing: list[int] = []
        for path, key, _ in keyed:
            held = memory.get(path)
            if held is not None and held[0] == key:
                if self.cache:
                    self.cache.keep(key)
                values.append(held[1])
                continue
            value = self.cache.get(key) if self.cache else None
            if value is None:
                missing.append(len(values))
            else:
                memory[path] = (key, value)
            values.append(value)
        if missing:
            with run.progress.stage(stage, len(missing)) as advance:
                computed = map_ordered(
                    compute, [keyed[i][2] for i in missing], run.jobs, advance=advance
                )
            for i, value in zip(missing, computed, strict=True):
                path, key, _ = keyed[i]
                if self.cache:
                    self.cache.put(key, value)
                memory[path] = (key, value)
                values[i] = value
            if self.cache:
                self.cache.flush()
        return values  # type: ignore[return-value]  # every None was replaced

    def read_site(self, inputs: Inputs, report: Report, run: Run | None = None) -> Site:
        """Articles and curated events, reading only the files not read before."""
        report.extend(inputs.report)
        articles: list[Article] = []
        seen: dict[str, Path | str] = {}
        self._digest_of = {}
        paths = list(inputs.articles.items())  # str: Paths are slow by thousands
        keyed = [(path, "a" + fingerprint, path) for path, fingerprint in paths]
        read = partial(read_entry, zone=self.config.zone)
        entries = self._cached(self._entries, keyed, read, run or Run(), "read")
        for (path, fingerprint), entry in zip(paths, entries, strict=True):
            replay(entry.problems, report)
            article = entry.article
            if article is None:
                continue
            if not claim_id(seen, article.id, path, report, SAME_ID_HINT):
                continue
            self._digest_of[article.id] = fingerprint
            articles.append(article)
        curated = self._read_curated(inputs.curated)
        replay(curated[2], report)
        return Site(config=self.config, articles=articles, events=curated[1])

    def _read_curated(self, digest: str) -> tuple[str, list[Event], Problems]:
        if self._curated is None or self._curated[0] != digest:
            report = Report()
            events = read_curated_events(self.config.events_dir, self.config.root, report)
            self._curated = (digest, events, problems_of(report))
        return self._curated

    def extract(self, site: Site, run: Run | None = None) -> list[ArticleExtraction]:
        """Each article's extraction, computing only those not computed before."""
        from sitegen.extract.linking import AliasIndex  # loads the tagger: only when needed
        from sitegen.extract.merging import collector_paused

        curated = self._curated[0] if self._curated else ""
        if self._x_keys[0] != curated:
            self._x_keys = (curated, {})
        known = self._x_keys[1]  # a digest per article costs more than its lookup
        keyed = []
        for a in site.articles:
            fingerprint = self._digest_of[a.id]
            key = known.get(fingerprint) or known.setdefault(
                fingerprint, "x" + digest(fingerprint, curated)
            )
            keyed.append((str(a.path), key, a))
        compute = partial(extract_entry, AliasIndex(site.events))
        # Tagging and extracting build many objects and no reference cycles: the cyclic
        # collector, which their allocations set off, would only walk the whole build (workers
        # forked meanwhile inherit the pause). Reference counting frees as usual.
        with collector_paused():
            return self._cached(self._extractions, keyed, compute, run or Run(), "extract")

    def save(self, record: BuildRecord) -> None:
        """Remember this build (on disk too unless ``deferred``); drop unused cache entries."""
        self.record = record
        if not self.deferred:
            self.persist()

    def persist(self) -> None:
        """Write the last build's record to the cache."""
        if self.cache and self.record:
            self.cache.put(self._record_key, self.record)
            self.cache.flush()
            if self.prune:
                self.cache.prune()
